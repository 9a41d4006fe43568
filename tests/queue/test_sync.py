"""Queue sync against a real database on every backend: idempotent, safe, auditable."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import SQLModel, select

from social_assistant.clock import FrozenClock
from social_assistant.db import Database
from social_assistant.db.models import (
    Announcement,
    AnnouncementRevision,
    AuditEvent,
    Publication,
    PublicationStatus,
)
from social_assistant.db.reference import sync_reference_data
from social_assistant.queue.sync import QueueSync
from social_assistant.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[2]

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # Tue 1 Dec 2026 10:00 WITA

GOOD = """---
title: Sosialisasi SP4N-LAPOR!
channels: [x-sandbox, fb-sandbox]
publish_at: 2026-12-03T09:00:00+08:00
approval: none
---
Sampaikan aspirasi Anda melalui SP4N-LAPOR! atau balas unggahan ini.
"""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content_queue", tmp_path / "content_queue")
    return tmp_path


@pytest.fixture
def settings(home: Path, database_url: str) -> Settings:
    return load_settings(None, home=str(home), database={"url": database_url})


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def syncer(settings: Settings, database: Database, clock: FrozenClock) -> Iterator[QueueSync]:
    with database.session() as session:
        sync_reference_data(session, settings)
    yield QueueSync(settings, database, clock)


def _counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            table.name: int(session.exec(select(func.count()).select_from(table)).one())
            for table in SQLModel.metadata.sorted_tables
        }


def _write(home: Path, name: str, text: str | bytes) -> Path:
    path = home / "content_queue" / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_shipped_samples_are_ingested_once(syncer: QueueSync, database: Database) -> None:
    first = syncer.run()
    assert first.rejected == []
    assert len(first.created) == len(syncer.files()) >= 3
    counts = _counts(database)
    second = syncer.run()
    assert second.created == second.updated == second.rejected == []
    assert len(second.unchanged) == len(first.created)
    assert _counts(database) == counts


def test_slot_next_gives_each_announcement_its_own_local_slot(
    syncer: QueueSync, database: Database, settings: Settings
) -> None:
    syncer.run()
    with database.session() as session:
        rows = session.exec(select(Announcement).where(Announcement.slot == "next")).all()
        times = [row.publish_at for row in rows]
    assert len(rows) >= 3 and len(set(times)) == len(times)
    for moment in times:
        local = moment.astimezone(settings.zone)
        assert f"{local:%H:%M}" in {"08:00", "12:00", "19:00"}
        assert local.tzname() == "WITA" and moment > NOW


def test_edit_before_publication_updates_the_scheduled_post(
    syncer: QueueSync, database: Database, home: Path
) -> None:
    path = _write(home, "lapor.md", GOOD)
    syncer.run([path])
    _write(home, "lapor.md", GOOD.replace("balas unggahan ini", "kirim pesan ke admin"))
    report = syncer.run([path])
    assert [r for r, _ in report.updated] == ["lapor.md"]
    with database.session() as session:
        row = session.exec(select(Announcement)).one()
        texts = {p.text for p in session.exec(select(Publication)).all()}
        revisions = session.exec(select(AnnouncementRevision)).all()
    assert row.revision == 2 and texts == {row.body} and "kirim pesan" in row.body
    assert [r.revision for r in revisions] == [1, 2]


def test_edit_after_publication_is_refused_and_kept_in_history(
    syncer: QueueSync, database: Database, home: Path
) -> None:
    path = _write(home, "lapor.md", GOOD)
    syncer.run([path])
    with database.session() as session:
        publication = session.exec(select(Publication)).first()
        assert publication is not None
        publication.status = PublicationStatus.PUBLISHED
    _write(home, "lapor.md", GOOD.replace("Sampaikan", "Silakan sampaikan"))
    for _ in range(2):
        report = syncer.run([path])
        assert len(report.rejected) == 1
        assert "sudah diterbitkan" in report.rejected[0].officer_text()
    with database.session() as session:
        row = session.exec(select(Announcement)).one()
        revisions = session.exec(select(AnnouncementRevision)).all()
    assert row.revision == 1 and row.body.startswith("Sampaikan")
    assert [(r.revision, r.accepted) for r in revisions] == [(1, True), (2, False)]


def test_bad_file_leaves_database_unchanged_and_good_files_still_land(
    syncer: QueueSync, database: Database, home: Path
) -> None:
    _write(home, "lapor.md", GOOD)
    _write(
        home,
        "rusak.md",
        GOOD.replace("channels: [x-sandbox, fb-sandbox]", "channels: [x-sandbox, instagram]"),
    )
    report = syncer.run()
    assert [e.path.name for e in report.rejected] == ["rusak.md"]
    assert report.rejected[0].field is not None and "channels" in report.rejected[0].field
    with database.session() as session:
        paths = set(session.exec(select(Announcement.source_path)).all())
        audit_files = {e.data.get("file") for e in session.exec(select(AuditEvent)).all()}
    assert "lapor.md" in paths and "rusak.md" not in paths
    assert "rusak.md" not in audit_files


def test_publish_at_in_the_past_is_refused_only_for_new_content(
    syncer: QueueSync, home: Path, clock: FrozenClock
) -> None:
    path = _write(home, "lapor.md", GOOD)
    assert syncer.run([path]).created
    clock.advance(timedelta(days=5))  # the post time has passed (and it was published)
    assert syncer.run([path]).unchanged
    late = _write(home, "telat.md", GOOD)
    report = syncer.run([late])
    assert [e.field for e in report.rejected] == ["publish_at"]
    assert report.rejected[0].line == 4


def test_moved_file_keeps_its_announcement(syncer: QueueSync, home: Path) -> None:
    path = _write(home, "lapor.md", GOOD)
    ((_, announcement_id),) = syncer.run([path]).created
    moved = home / "content_queue" / "2026-12-lapor.md"
    path.rename(moved)
    assert syncer.run([moved]).renamed == [("2026-12-lapor.md", announcement_id)]


def test_dropping_a_channel_cancels_its_publication(
    syncer: QueueSync, database: Database, home: Path
) -> None:
    path = _write(home, "lapor.md", GOOD)
    syncer.run([path])
    _write(home, "lapor.md", GOOD.replace("[x-sandbox, fb-sandbox]", "[fb-sandbox]"))
    syncer.run([path])
    with database.session() as session:
        states = sorted(p.status for p in session.exec(select(Publication)).all())
    assert states == [PublicationStatus.CANCELLED, PublicationStatus.SCHEDULED]


def test_approval_required_waits_and_new_content_needs_new_approval(
    syncer: QueueSync, database: Database, home: Path
) -> None:
    path = _write(home, "lapor.md", GOOD.replace("approval: none", "approval: required"))
    syncer.run([path])
    with database.session() as session:
        row = session.exec(select(Announcement)).one()
        states = {p.status for p in session.exec(select(Publication)).all()}
    assert row.status == "pending_approval"
    assert states == {PublicationStatus.AWAITING_APPROVAL}


def test_dry_run_writes_nothing(syncer: QueueSync, database: Database) -> None:
    counts = _counts(database)
    report = syncer.run(dry_run=True)
    assert report.created and not report.rejected
    assert _counts(database) == counts
