"""Headless Chromium (the Debian build) through Playwright: load a page, screenshot it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def screenshot_file(url: str, name: str, *, width: int = 1100) -> dict[str, Any]:
    """Open ``url``, save a full-page screenshot as tests/artifacts/``name``, and report the
    title, how many images there are and how many failed to decode."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing: browser rendering test skipped")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(url, wait_until="load")
            page.screenshot(path=str(ARTIFACTS / name), full_page=True)
            found: dict[str, Any] = page.evaluate(
                """() => ({
                    title: document.title,
                    images: document.images.length,
                    broken: [...document.images]
                        .filter(i => !i.complete || i.naturalWidth === 0).length,
                    svgs: document.querySelectorAll('svg').length,
                    text: document.body.innerText,
                })"""
            )
        finally:
            browser.close()
    return found
