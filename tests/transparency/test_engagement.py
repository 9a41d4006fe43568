"""Engagement counts through the real tweepy and facebook-sdk against the emulator over
HTTP, stored as snapshots (X reads from the read budget) and shown per announcement."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from social_assistant.channels import OutgoingPost, open_channel
from social_assistant.clock import FrozenClock
from social_assistant.db import Database
from social_assistant.db.models import (
    Announcement,
    AnnouncementStatus,
    AuditEvent,
    Channel,
    EngagementSnapshot,
    Publication,
    ReadUsage,
)
from social_assistant.db.reference import sync_reference_data
from social_assistant.emulator import EmulatorClient, EmulatorServer, start_emulator
from social_assistant.metrics import compute_metrics, parse_period
from social_assistant.publishing.engine import spec_opener
from social_assistant.publishing.specs import channel_specs
from social_assistant.reports import RENDERERS, build_report
from social_assistant.settings import Settings, load_settings
from social_assistant.transparency.engagement import fetch_engagement

NOW = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    with start_emulator(seed=5, reply_delay=10**7) as server:
        yield server


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        None, home=str(tmp_path), database={"url": database_url},
        collecting={"x_monthly_read_budget": 1},
    )  # fmt: skip


def _post(emulator: EmulatorServer, settings: Settings, name: str, text: str) -> str:
    channel = open_channel(channel_specs(settings, emulator.url)[name])
    return channel.publish(OutgoingPost(text)).remote_id


def test_adapters_read_likes_reposts_and_comments(
    emulator: EmulatorServer, settings: Settings
) -> None:
    control = EmulatorClient(emulator.url)
    specs = channel_specs(settings, emulator.url)
    for name, platform in (("x-sandbox", "x"), ("fb-sandbox", "facebook")):
        post_id = _post(emulator, settings, name, f"Pelatihan ASN digital ({name})")
        control.set_engagement(platform, post_id, likes=12, reposts=3)
        for text in ("mantap pak", "syaratnya apa min?"):
            control.add_reply(platform, text, reply_to=post_id)
        counts = open_channel(specs[name]).engagement([post_id, "1234567"])
        assert [(c.remote_id, c.likes, c.reposts, c.comments) for c in counts] == [
            (post_id, 12, 3, 2)
        ], name


def test_fetch_stores_snapshots_within_the_x_read_budget(
    emulator: EmulatorServer, settings: Settings, database: Database
) -> None:
    control = EmulatorClient(emulator.url)
    clock = FrozenClock(NOW)
    with database.session() as session:
        sync_reference_data(session, settings)
        channels = {c.name: c.id for c in session.exec(select(Channel)).all()}
        # Two X posts (a budget of 1 read: only the newest is read) and one Facebook post.
        for number, name, platform, likes, age in (
            (1, "x-sandbox", "x", 5, 24), (1, "fb-sandbox", "facebook", 20, 24),
            (2, "x-sandbox", "x", 7, 12),
        ):  # fmt: skip
            announcement = session.exec(
                select(Announcement).where(Announcement.content_hash == str(number))
            ).first() or Announcement(
                content_hash=str(number), title=f"Vaksinasi gratis {number}", body="Teks",
                publish_at=NOW, status=AnnouncementStatus.APPROVED,
            )  # fmt: skip
            session.add(announcement)
            session.flush()
            remote = _post(emulator, settings, name, f"Vaksinasi gratis {likes}")
            control.set_engagement(platform, remote, likes=likes, reposts=1)
            when = NOW - timedelta(hours=age)
            session.add(Publication(
                announcement_id=announcement.id or 0, channel_id=channels[name],
                status="published", text="Teks", due_at=when, published_at=when, sent_at=when,
                remote_id=remote,
            ))  # fmt: skip
    opener = spec_opener(channel_specs(settings, emulator.url))
    outcomes = {o.channel: o for o in fetch_engagement(database, settings, clock, opener)}
    assert (outcomes["x-sandbox"].stored, outcomes["x-sandbox"].skipped) == (1, 1)
    assert (outcomes["fb-sandbox"].stored, outcomes["fb-sandbox"].error) == (1, None)
    with database.session() as session:
        assert sorted(s.likes for s in session.exec(select(EngagementSnapshot)).all()) == [7, 20]
        assert session.exec(select(ReadUsage.reads)).all() == [1]  # from the monthly budget
        fetched = select(AuditEvent).where(AuditEvent.action == "engagement.fetched")
        assert len(session.exec(fetched).all()) == 2
        period = parse_period("2026-12", settings.zone)
        metrics = compute_metrics(session, settings, period, now=NOW)
    assert [(e.title, e.posts, e.likes, e.reposts, e.comments) for e in metrics.engagement] == [
        ("Vaksinasi gratis 1", 1, 20, 1, 0),
        ("Vaksinasi gratis 2", 1, 7, 1, 0),
    ]
    with database.session() as session:
        report = build_report(session, settings, period, now=NOW)
    html = RENDERERS["html"](report).decode()
    assert "Keterlibatan publik per pengumuman" in html and "Vaksinasi gratis 2" in html


def test_a_failing_channel_is_reported_and_the_others_still_run(
    emulator: EmulatorServer, settings: Settings, database: Database
) -> None:
    with database.session() as session:
        sync_reference_data(session, settings)
        fb = session.exec(select(Channel.id).where(col(Channel.name) == "fb-sandbox")).one()
        announcement = Announcement(content_hash="2", title="Banjir", body="T", publish_at=NOW)
        session.add(announcement)
        session.flush()
        session.add(Publication(
            announcement_id=announcement.id or 0, channel_id=fb, status="published",
            text="T", due_at=NOW, published_at=NOW - timedelta(hours=1), remote_id="999_1",
        ))  # fmt: skip
    EmulatorClient(emulator.url).set_faults(
        {"type": "error", "platform": "facebook", "status": 500, "next": 5}
    )
    opener = spec_opener(channel_specs(settings, emulator.url))
    (outcome,) = fetch_engagement(database, settings, FrozenClock(NOW), opener)
    assert outcome.channel == "fb-sandbox" and outcome.stored == 0 and outcome.error
