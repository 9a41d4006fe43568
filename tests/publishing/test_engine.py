"""The publisher against the emulator over real HTTP, through the real tweepy/facebook-sdk.

Engine and emulator share one manual clock, so retries and rate-limit resets are reached
by moving time, not by sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from social_assistant.bench.seed import seed_due_posts
from social_assistant.clock import FrozenClock
from social_assistant.db import Database
from social_assistant.db.models import AuditEvent, Channel, Publication, PublicationStatus
from social_assistant.db.reference import sync_reference_data
from social_assistant.emulator import EmulatorClient, EmulatorServer, start_emulator
from social_assistant.publishing.engine import Publisher, spec_opener
from social_assistant.publishing.specs import channel_specs
from social_assistant.queue.sync import QueueSync
from social_assistant.settings import Settings, load_settings

START = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
DUE = START + timedelta(minutes=30)
S = PublicationStatus


class SharedClock(FrozenClock):
    """One time for the engine (``now()``) and the emulator (called)."""

    def __call__(self) -> datetime:
        return self.now()


@pytest.fixture
def clock() -> SharedClock:
    return SharedClock(START)


@pytest.fixture
def emulator(clock: SharedClock) -> Iterator[EmulatorServer]:
    with start_emulator(seed=3, clock=clock, reply_delay=3600) as server:
        yield server


@pytest.fixture
def control(emulator: EmulatorServer) -> EmulatorClient:
    return EmulatorClient(emulator.url)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    (tmp_path / "content_queue").mkdir()
    return load_settings(
        None,
        home=str(tmp_path),
        database={"url": database_url},
        publishing={
            "backoff_base_seconds": 10,
            "backoff_cap_seconds": 60,
            "timeout_seconds": 1.0,
            "lease_seconds": 30,
            "max_attempts": 4,
        },
    )


@pytest.fixture
def publisher(
    settings: Settings, database: Database, clock: SharedClock, emulator: EmulatorServer
) -> Iterator[Publisher]:
    with database.session() as session:
        sync_reference_data(session, settings)
    engine = Publisher(
        settings, database, clock, spec_opener(channel_specs(settings, emulator.url)), threads=2
    )
    yield engine
    engine.close()


def queue(
    settings: Settings,
    database: Database,
    clock: SharedClock,
    name: str,
    text: str,
    channels: str = "[x-sandbox, fb-sandbox]",
    extra: str = "",
) -> None:
    path = settings.queue_dir / f"{name}.md"
    path.write_text(
        f"---\ntitle: {name}\nchannels: {channels}\npublish_at: {DUE.isoformat()}\n"
        f"approval: none\n{extra}---\n{text}\n",
        encoding="utf-8",
    )
    report = QueueSync(settings, database, clock).run([path])
    assert not report.rejected, [e.log_text() for e in report.rejected]


def rows(database: Database) -> list[Publication]:
    with database.session() as session:
        return list(session.exec(select(Publication).order_by(Publication.id)).all())


def texts(control: EmulatorClient, platform: str | None = None) -> list[str]:
    return [p["text"] for p in control.posts(platform)]


def run_until_settled(publisher: Publisher, clock: SharedClock, steps: int = 12) -> None:
    """Run ticks, moving time a minute each, until nothing is left to do."""
    for _ in range(steps):
        publisher.run_once()
        clock.advance(timedelta(minutes=1))


def test_due_posts_go_out_exactly_once(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    queue(settings, database, clock, "pelatihan", "Pelatihan Pelayanan Publik Berbasis IT #1")
    queue(settings, database, clock, "lapor", "Sampaikan aspirasi lewat SP4N-LAPOR!")
    assert publisher.run_once() == 0  # not due yet
    clock.set(DUE)
    assert publisher.run_once() == 4
    assert publisher.run_once() == 0
    published = rows(database)
    assert {p.status for p in published} == {S.PUBLISHED}
    assert all(p.remote_id and p.published_at == DUE for p in published)
    posts = control.posts()
    assert len(posts) == 4
    assert sorted(p["id"] for p in posts) == sorted(str(p.remote_id) for p in published)


def test_a_5xx_after_the_post_went_up_is_reconciled_not_reposted(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    queue(
        settings,
        database,
        clock,
        "banjir",
        "Posko siaga banjir dibuka 24 jam.",
        channels="[x-sandbox]",
    )
    control.set_faults(
        {"type": "error", "status": 503, "commit": True, "path": "/2/tweets", "next": 1}
    )
    clock.set(DUE)
    publisher.run_once()
    (row,) = rows(database)
    assert row.status == S.SENDING and "503" in (row.last_error or "")
    run_until_settled(publisher, clock)
    (row,) = rows(database)
    assert row.status == S.PUBLISHED and "reconciled" in (row.last_error or "")
    assert texts(control) == ["Posko siaga banjir dibuka 24 jam."]


def test_a_5xx_that_did_not_post_is_retried(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    queue(
        settings,
        database,
        clock,
        "vaksin",
        "Jadwal vaksinasi keliling pekan ini.",
        channels="[fb-sandbox]",
    )
    control.set_faults(
        {"type": "error", "status": 500, "method": "POST", "path": "/v25.0/", "next": 2}
    )
    clock.set(DUE)
    run_until_settled(publisher, clock)
    (row,) = rows(database)
    assert row.status == S.PUBLISHED and row.attempts == 3
    assert texts(control) == ["Jadwal vaksinasi keliling pekan ini."]


def test_a_timeout_is_ambiguous_and_reconciled(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    queue(
        settings,
        database,
        clock,
        "lambat",
        "Layanan KTP elektronik buka Sabtu.",
        channels="[x-sandbox]",
    )
    control.set_faults({"type": "slow", "seconds": 1.6, "path": "/2/tweets", "next": 1})
    clock.set(DUE)
    run_until_settled(publisher, clock)
    (row,) = rows(database)
    assert row.status == S.PUBLISHED
    assert texts(control) == ["Layanan KTP elektronik buka Sabtu."]


def test_429_pauses_the_channel_until_the_reset(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    queue(settings, database, clock, "a", "Pengumuman A", channels="[x-sandbox]")
    queue(settings, database, clock, "b", "Pengumuman B", channels="[x-sandbox]")
    control.set_faults({"type": "rate_limit", "reset_seconds": 600, "path": "/2/tweets", "next": 1})
    clock.set(DUE)
    publisher.run_once()
    with database.session() as session:
        channel = session.exec(select(Channel).where(Channel.name == "x-sandbox")).one()
    assert channel.paused_until == DUE + timedelta(seconds=600)
    calls_before = control.health()["calls"]["x"]
    for _ in range(9):  # nine minutes: still before the reset
        clock.advance(timedelta(minutes=1))
        assert publisher.run_once() == 0
    assert control.health()["calls"]["x"] == calls_before
    clock.advance(timedelta(minutes=2))
    run_until_settled(publisher, clock, steps=3)
    assert sorted(texts(control)) == ["Pengumuman A", "Pengumuman B"]


def test_a_bad_token_fails_the_post_and_disables_the_channel(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    queue(settings, database, clock, "token", "Uji token", channels="[fb-sandbox]")
    control.set_faults({"type": "unauthorized", "platform": "facebook", "next": 5})
    clock.set(DUE)
    publisher.run_once()
    (row,) = rows(database)
    assert row.status == S.FAILED and "fb-sandbox" in (row.last_error or "")
    with database.session() as session:
        channel = session.exec(select(Channel).where(Channel.name == "fb-sandbox")).one()
    assert not channel.enabled and channel.disabled_reason
    assert texts(control) == []


def test_duplicate_content_counts_as_published(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    queue(settings, database, clock, "dup", "Teks yang sama", channels="[x-sandbox]")
    control.set_faults({"type": "duplicate", "path": "/2/tweets", "next": 1})
    clock.set(DUE)
    publisher.run_once()
    (row,) = rows(database)
    assert row.status == S.PUBLISHED and "duplicate" in (row.last_error or "")


def test_posts_far_overdue_are_held_for_an_officer(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    queue(settings, database, clock, "basi", "Acara kemarin", channels="[x-sandbox]")
    clock.set(DUE + timedelta(hours=5))  # the daemon was down
    publisher.run_once()
    (row,) = rows(database)
    assert row.status == S.HELD and "overdue" in (row.last_error or "")
    assert texts(control) == []


def test_long_x_text_becomes_a_numbered_thread(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    paragraph = "Pelatihan Pelayanan Publik Berbasis IT digelar BPSDM Kaltim bagi ASN. " * 3
    queue(
        settings,
        database,
        clock,
        "utas",
        f"{paragraph}\n\n{paragraph}\n\n{paragraph}",
        channels="[x-sandbox]",
        extra="thread: true\n",
    )
    clock.set(DUE)
    publisher.run_once()
    (row,) = rows(database)
    posts: list[dict[str, Any]] = control.posts("x")
    assert row.status == S.PUBLISHED and len(posts) == len(row.part_ids) >= 2
    assert posts[0]["text"].endswith(f"1/{len(posts)}")
    assert all(p.get("reply_to") for p in posts[1:])


def test_under_random_faults_every_post_lands_once_and_resets_are_respected(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> None:
    """20% 5xx (some after the post went up), 429 bursts and timeouts, all at once."""
    seed_due_posts(database, ["x-sandbox", "fb-sandbox"], 60, DUE)
    control.set_faults(
        {"type": "error", "status": 503, "probability": 0.12, "method": "POST"},
        {"type": "error", "status": 500, "probability": 0.08, "method": "POST", "commit": True},
        {"type": "rate_limit", "reset_seconds": 120, "path": "/2/tweets", "after": 8, "next": 1},
        {"type": "rate_limit", "reset_seconds": 300, "path": "/2/tweets", "after": 20, "next": 1},
        {"type": "slow", "seconds": 1.3, "method": "POST", "after": 15, "next": 2},
    )
    clock.set(DUE)
    for _ in range(120):
        publisher.run_once()
        if all(r.status in (S.PUBLISHED, S.FAILED) for r in rows(database)):
            break
        clock.advance(timedelta(seconds=30))
    states = {r.status for r in rows(database)}
    assert states == {S.PUBLISHED}, [(r.status, r.last_error) for r in rows(database)]
    posted = texts(control)
    assert len(posted) == 60 and len(set(posted)) == 60
    assert control.health()["throttled"]["x"] >= 2
    _assert_no_send_while_paused(database)


def _assert_no_send_while_paused(database: Database) -> None:
    with database.session() as session:
        events = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
    # Audit ids give the order of events even when the frozen clock gives them one time.
    pauses = [
        (e.subject_id, e.id or 0, datetime.fromisoformat(e.data["until"]))
        for e in events
        if e.action == "channel.paused"
    ]
    assert pauses, "no pause happened: the test proves nothing"
    sends = [
        (str(e.data["channel_id"]), e.id or 0, e.occurred_at)
        for e in events
        if e.action == "publication.sending"
    ]
    for channel_id, paused_id, until in pauses:
        early = [
            at for cid, sid, at in sends if cid == channel_id and sid > paused_id and at < until
        ]
        assert early == [], f"channel {channel_id} called before its reset {until}: {early[:3]}"
