"""The public page, its open data and /metrics, served by real uvicorn on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text as sql
from transparency.browser import screenshot_file
from transparency.checkpoint_helpers import publish_checkpoint
from transparency.december import NOW, SEEDED_SECRETS, wita

from social_assistant.clock import FrozenClock
from social_assistant.db import Database
from social_assistant.settings import Settings
from social_assistant.transparency.web import router


@contextmanager
def serve(database: Database, settings: Settings) -> Iterator[str]:
    """The router in a bare app (as the main app includes it), served over HTTP."""
    app = FastAPI()
    app.include_router(router)
    app.state.database, app.state.settings, app.state.clock = database, settings, FrozenClock(NOW)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def site(dataset: Database, settings: Settings) -> Iterator[str]:
    with serve(dataset, settings) as url:
        yield url


def test_an_empty_database_gives_an_empty_page_and_zero_metrics(
    database: Database, settings: Settings
) -> None:
    with serve(database, settings) as url:
        page = httpx.get(f"{url}/publik")
        assert page.status_code == 200
        assert "Belum ada aspirasi pada periode ini." in page.text
        assert "Belum ada checkpoint audit" in page.text
        assert httpx.get(f"{url}/publik/data.csv").text.startswith("id,citizen,")
        metrics = httpx.get(f"{url}/metrics").text
    families = {f.name: f for f in text_string_to_metric_families(metrics)}
    assert families["social_assistant_aspirations_overdue"].samples[0].value == 0
    assert families["social_assistant_audit_events"].samples[0].value == 0


def test_public_page_shows_agencies_months_charts_and_checkpoint(
    site: str, dataset: Database, settings: Settings
) -> None:
    checkpoint = publish_checkpoint(dataset, settings)
    page = httpx.get(f"{site}/publik", params={"periode": "2026-12"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "DPUPR — Dinas Pekerjaan Umum dan Penataan Ruang" in html
    assert "Desember 2026" in html and "50,0 %" in html
    assert html.count("data:image/png;base64,") == 2
    assert checkpoint["hash"] in html and "sah" in html
    assert 'href="/publik/data.csv?periode=2026-12"' in html
    for secret in SEEDED_SECRETS:
        assert secret not in html


def test_default_period_is_the_last_six_months(site: str) -> None:
    html = httpx.get(f"{site}/publik").text
    assert "2026-08-01 s.d. 2027-01-05" in html and "November 2026" in html
    assert httpx.get(f"{site}/publik", params={"periode": "kemarin"}).status_code == 400


def test_pages_are_cached_for_cache_seconds(site: str, dataset: Database) -> None:
    first = httpx.get(f"{site}/publik", params={"periode": "2026-12"}).text
    with dataset.session() as session:  # a change shows only after transparency.cache_seconds
        session.execute(sql("UPDATE aspirations SET status = 'resolved'"))
    assert httpx.get(f"{site}/publik", params={"periode": "2026-12"}).text == first
    assert httpx.get(f"{site}/publik", params={"periode": "2000..2030-01-01"}).status_code == 400


def test_open_data_downloads(site: str) -> None:
    response = httpx.get(f"{site}/publik/data.csv", params={"periode": "2026-12"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5
    document = httpx.get(f"{site}/publik/data.json", params={"periode": "2026-12"}).json()
    assert document["figures"]["responsiveness"]["received"] == 5
    for text in (response.text, str(document)):
        for secret in SEEDED_SECRETS:
            assert secret.lower() not in text.lower()


def test_prometheus_metrics_parse(site: str) -> None:
    response = httpx.get(f"{site}/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(response.text)
        for s in family.samples
    }
    assert samples[("social_assistant_publications", (("status", "published"),))] == 4
    assert samples[("social_assistant_publications", (("status", "failed"),))] == 1
    assert samples[("social_assistant_publications", (("status", "held"),))] == 1
    assert samples[("social_assistant_publications_failed", (("channel", "fb-sandbox"),))] == 1
    assert samples[("social_assistant_publications_failed", (("channel", "x-sandbox"),))] == 0
    # Overdue now (5 Jan 12:00 WITA), over all open items incl. November's A6:
    # acknowledge A3, A6; follow up A3, A6; close A2, A3, A7, A6.
    overdue = {k[1][0][1]: v for k, v in samples.items() if k[0].endswith("_overdue")}
    assert overdue == {"acknowledge": 2, "follow_up": 2, "close": 4}
    # Nothing was published in the 24 hours before NOW: an empty histogram.
    assert samples[("social_assistant_publish_latency_seconds_count", ())] == 0
    assert ("social_assistant_collection_lag_seconds", (("channel", "x-sandbox"),)) in samples


def test_latency_histogram_and_collection_lag(
    site: str, dataset: Database, settings: Settings
) -> None:
    from sqlmodel import select

    from social_assistant.db.models import Publication

    with dataset.session() as session:
        for row in session.exec(select(Publication)).all():
            if row.status == "published":  # P1 10 min, P2 15 min, P3 16 min, P7 1 min late
                shift = NOW - row.due_at - (row.sent_at - row.due_at) * 2  # type: ignore[operator]
                row.due_at, row.sent_at = row.due_at + shift, row.sent_at + shift  # type: ignore[operator]
                row.replies_next_poll_at = wita(1, 5, 11, year=2027)
    text = httpx.get(f"{site}/metrics").text
    samples = {
        (s.name, s.labels.get("le", s.labels.get("channel", ""))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    assert samples[("social_assistant_publish_latency_seconds_count", "")] == 4
    assert samples[("social_assistant_publish_latency_seconds_bucket", "60.0")] == 1
    assert samples[("social_assistant_publish_latency_seconds_bucket", "900.0")] == 3
    assert samples[("social_assistant_publish_latency_seconds_sum", "")] == 42 * 60
    assert samples[("social_assistant_collection_lag_seconds", "x-sandbox")] == 3600


def test_public_page_renders_in_chromium(site: str, dataset: Database, settings: Settings) -> None:
    publish_checkpoint(dataset, settings)
    loaded = screenshot_file(f"{site}/publik?periode=2026-12", "publik-2026-12.png")
    assert loaded["images"] == 2 and loaded["broken"] == 0
    assert "Transparansi" in loaded["title"] and "DPUPR" in loaded["text"]
    phone = screenshot_file(f"{site}/publik?periode=2026-12", "publik-mobile.png", width=390)
    assert phone["broken"] == 0
