"""The whole officer journey in a real headless Chromium (Debian's), against real uvicorn,
the publishing engine, the collector and the platform emulator over HTTP.

Screenshots of the main pages go to tests/artifacts/ (not committed) for reviewers.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from publishing_rig import DUE, SharedClock
from sqlmodel import select

from social_assistant.collecting.collector import Collector
from social_assistant.db import Database
from social_assistant.db.models import Aspiration, AuditEvent, Publication
from social_assistant.emulator import EmulatorClient, EmulatorServer
from social_assistant.publishing.engine import Publisher, spec_opener
from social_assistant.publishing.specs import channel_specs
from social_assistant.settings import Settings
from social_assistant.web.server import BackgroundServer, make_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
COMPLAINT = (
    "Jalan di depan SD Negeri 3 berlubang parah, kemarin ada motor jatuh. "
    "Mohon segera diperbaiki <b>pak</b>!"
)
pytestmark = [
    pytest.mark.skipif(
        shutil.which("chromium") is None and not Path(CHROMIUM).exists(),
        reason="Debian chromium is not installed (apt-get install -y chromium)",
    ),
    pytest.mark.slow,
]


@pytest.fixture
def web_url(settings: Settings, seeded: Database, clock: SharedClock) -> Iterator[str]:
    server = BackgroundServer(make_server(settings, seeded, clock, host="127.0.0.1", port=0))
    url = server.start()
    yield url
    server.stop()


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


def _login(browser: object, url: str, username: str, *, phone: bool = False) -> object:
    from web_rig import PASSWORD

    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    page = browser.new_context(viewport=viewport).new_page()  # type: ignore[attr-defined]
    page.goto(f"{url}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")
    return page


def _shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_compose_approve_publish_collect_forward_reply_resolve_audit(
    browser: object,
    web_url: str,
    settings: Settings,
    seeded: Database,
    clock: SharedClock,
    publisher: Publisher,
    control: EmulatorClient,
    emulator: EmulatorServer,
) -> None:
    # An editor composes and schedules an announcement.
    editor = _login(browser, web_url, "editor")
    _shot(editor, "dashboard")
    editor.goto(f"{web_url}/announcements/new")  # type: ignore[attr-defined]
    editor.fill("#title", "Pendaftaran beasiswa daerah dibuka")  # type: ignore[attr-defined]
    editor.fill(  # type: ignore[attr-defined]
        "#body",
        "Pendaftaran beasiswa daerah dibuka sampai 20 Desember. Sampaikan pertanyaan Anda di "
        "kolom balasan.",
    )
    editor.wait_for_selector("[data-channel=x-sandbox]")  # type: ignore[attr-defined]
    editor.check("input[name=when][value=at]")  # type: ignore[attr-defined]
    local_due = DUE.astimezone(settings.zone).strftime("%Y-%m-%dT%H:%M")
    editor.fill("input[name=publish_at]", local_due)  # type: ignore[attr-defined]
    _shot(editor, "compose")
    editor.click("form.card button[type=submit]")  # type: ignore[attr-defined]
    assert "pending_approval" in editor.content()  # type: ignore[attr-defined]
    announcement_url = editor.url  # type: ignore[attr-defined]
    assert "Setujui" not in editor.inner_text(".actions")  # type: ignore[attr-defined]

    # A second person approves it.
    approver = _login(browser, web_url, "approver")
    approver.goto(announcement_url)  # type: ignore[attr-defined]
    approver.click("text=Setujui")  # type: ignore[attr-defined]
    approver.wait_for_selector(".flash.ok")  # type: ignore[attr-defined]
    _shot(approver, "announcement-approved")
    approver.goto(f"{web_url}/announcements/calendar?view=month&day={local_due[:10]}")  # type: ignore[attr-defined]
    assert "Pendaftaran beasiswa daerah dibuka" in approver.content()  # type: ignore[attr-defined]
    _shot(approver, "calendar")

    # It publishes to the emulator when due; a citizen complains under the X post.
    clock.set(DUE)
    assert publisher.run_once() == 2
    posts = control.posts("x")
    assert len(posts) == 1 and "beasiswa" in posts[0]["text"]
    control.add_reply("x", COMPLAINT, reply_to=posts[0]["id"], author=7)
    clock.advance(timedelta(minutes=5))
    collector = Collector(
        settings, seeded, clock, spec_opener(channel_specs(settings, emulator.url))
    )
    assert collector.run_once() >= 1

    # A responder finds it in the inbox (on a phone, too), forwards, replies and resolves.
    phone = _login(browser, web_url, "responder", phone=True)
    phone.goto(f"{web_url}/inbox")  # type: ignore[attr-defined]
    assert "Jalan di depan SD Negeri 3 berlubang parah" in phone.content()  # type: ignore[attr-defined]
    _shot(phone, "inbox-phone")
    responder = _login(browser, web_url, "responder")
    responder.goto(f"{web_url}/inbox")  # type: ignore[attr-defined]
    _shot(responder, "inbox")
    responder.click("tr[data-item] a")  # type: ignore[attr-defined]
    assert responder.inner_text("#citizen-text").endswith("<b>pak</b>!")  # type: ignore[attr-defined]
    assert "dari 3 hari kerja" in responder.content()  # type: ignore[attr-defined]
    _shot(responder, "item")
    responder.select_option("#agency", "DPUPR")  # type: ignore[attr-defined]
    responder.fill("#note", "Mohon ditinjau ke lokasi")  # type: ignore[attr-defined]
    responder.click("text=Teruskan ke instansi >> nth=-1")  # type: ignore[attr-defined]
    responder.wait_for_selector(".flash.ok")  # type: ignore[attr-defined]
    responder.click("button[data-fill] >> text=diteruskan")  # type: ignore[attr-defined]
    canned = responder.input_value("#reply-text")  # type: ignore[attr-defined]
    assert "sudah kami teruskan ke Dinas Pekerjaan Umum" in canned, canned
    responder.fill("#reply-text", "Terima kasih, laporan Anda sudah kami teruskan ke DPUPR.")  # type: ignore[attr-defined]
    responder.click("#actions form[action$='/reply'] button[type=submit]")  # type: ignore[attr-defined]
    responder.wait_for_selector(".flash.ok")  # type: ignore[attr-defined]
    assert publisher.run_once() == 1  # the reply goes out through the engine, exactly once
    assert publisher.run_once() == 0
    replies = [p for p in control.posts("x") if "sudah kami teruskan" in p["text"]]
    assert len(replies) == 1
    responder.reload()  # type: ignore[attr-defined]
    responder.click("text=Tandai selesai")  # type: ignore[attr-defined]
    responder.wait_for_selector(".flash.ok")  # type: ignore[attr-defined]
    _shot(responder, "item-resolved")
    with seeded.session() as session:
        item = session.exec(select(Aspiration)).one()
        assert item.status == "resolved"
        assert session.exec(select(Publication).where(Publication.aspiration_id == item.id)).one()

    # The audit trail shows every step with who did it.
    admin = _login(browser, web_url, "admin")
    admin.goto(f"{web_url}/audit")  # type: ignore[attr-defined]
    trail = admin.inner_text("table")  # type: ignore[attr-defined]
    for action, actor in [
        ("announcement.queued", "editor"),
        ("announcement.approved", "approver"),
        ("aspiration.flagged", "triage"),
        ("aspiration.forwarded", "responder"),
        ("aspiration.resolved", "responder"),
    ]:
        assert action in trail and actor in trail, action
    _shot(admin, "audit")
    with seeded.session() as session:
        actions = {e.action for e in session.exec(select(AuditEvent)).all()}
    assert {
        "user.login",
        "publication.published",
        "aspiration.reply_queued",
        "aspiration.answered",
    } <= actions
