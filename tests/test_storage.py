"""The storage layer on every backend: migrations, constraints, UTC times, concurrency."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel, select

from social_assistant.db import Database, open_database
from social_assistant.db.migrate import current_revision, head_revision, upgrade
from social_assistant.db.models import (
    Announcement,
    Channel,
    Publication,
    PublicationStatus,
    Reply,
)


def _announcement(db: Database, **fields: object) -> int:
    with db.session() as session:
        row = Announcement(
            title="Pelatihan",
            body="Isi",
            content_hash="x" * 64,
            publish_at=datetime(2026, 12, 8, 1, 0, tzinfo=UTC),
            **fields,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def _channel(db: Database, name: str = "x-sandbox") -> int:
    with db.session() as session:
        row = Channel(name=name, kind="x")
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def test_migrations_reach_head_and_match_the_models(database: Database) -> None:
    assert current_revision(database) == head_revision()
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_upgrade_twice_changes_nothing(database: Database) -> None:
    before = set(inspect(database.engine).get_table_names())
    assert upgrade(database) == (head_revision(), head_revision())
    assert set(inspect(database.engine).get_table_names()) == before
    assert {"announcements", "publications", "replies", "aspirations", "audit_events"} <= before


def test_times_are_stored_in_utc_and_read_back_aware(database: Database) -> None:
    wita = timezone(timedelta(hours=8))
    announcement_id = _announcement(database)
    with database.session() as session:
        row = session.get(Announcement, announcement_id)
        assert row is not None
        row.publish_at = datetime(2026, 12, 8, 9, 0, tzinfo=wita)
    with database.session() as session:
        row = session.get(Announcement, announcement_id)
        assert row is not None
        assert row.publish_at == datetime(2026, 12, 8, 1, 0, tzinfo=UTC)
        assert row.publish_at.utcoffset() == timedelta(0)
        due = session.exec(
            select(Announcement).where(
                Announcement.publish_at <= datetime(2026, 12, 8, 9, 30, tzinfo=wita)
            )
        ).all()
        assert [a.id for a in due] == [announcement_id]


def test_naive_datetimes_are_refused(database: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), database.session() as session:
        session.add(
            Announcement(title="t", body="b", content_hash="h", publish_at=datetime(2026, 1, 1))
        )
        session.flush()


def test_one_publication_per_announcement_and_channel(database: Database) -> None:
    announcement_id = _announcement(database)
    channel_id = _channel(database)
    due = datetime(2026, 12, 8, 1, tzinfo=UTC)
    with database.session() as session:
        session.add(
            Publication(
                announcement_id=announcement_id, channel_id=channel_id, text="a", due_at=due
            )
        )
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(
            Publication(
                announcement_id=announcement_id, channel_id=channel_id, text="b", due_at=due
            )
        )
    with database.session() as session:
        assert len(session.exec(select(Publication)).all()) == 1


def test_one_reply_per_channel_and_platform_id(database: Database) -> None:
    channel_id = _channel(database)
    with database.session() as session:
        session.add(
            Reply(
                channel_id=channel_id,
                platform_id="17",
                text="jln rusak parah min",
                raw={"id": "17"},
            )
        )
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(Reply(channel_id=channel_id, platform_id="17", text="dup", raw={}))


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(
            Publication(
                announcement_id=999,
                channel_id=999,
                text="x",
                due_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )
        session.flush()


def test_json_columns_round_trip_unicode(database: Database) -> None:
    announcement_id = _announcement(
        database, tags=["ASNBerAKHLAK", "Kaltim"], variants={"x-sandbox": "Halo 👋 warga"}
    )
    with database.session() as session:
        row = session.get(Announcement, announcement_id)
        assert row is not None
        assert row.tags == ["ASNBerAKHLAK", "Kaltim"]
        assert row.variants == {"x-sandbox": "Halo 👋 warga"}


def test_conditional_update_claims_a_row_exactly_once(database_url: str) -> None:
    """Two connections race to claim one scheduled row: exactly one UPDATE changes it."""
    first, second = open_database(database_url), open_database(database_url)
    try:
        upgrade(first)
        publication_id = _publication(first)
        changed = [
            _claim(db, publication_id, worker) for db, worker in ((first, "w1"), (second, "w2"))
        ]
        assert changed == [1, 0]
        with second.session() as session:
            row = session.get(Publication, publication_id)
            assert row is not None and row.claimed_by == "w1"
    finally:
        first.dispose()
        second.dispose()


def _publication(db: Database) -> int:
    announcement_id, channel_id = _announcement(db), _channel(db)
    with db.session() as session:
        row = Publication(
            announcement_id=announcement_id,
            channel_id=channel_id,
            text="t",
            status=PublicationStatus.SCHEDULED,
            due_at=datetime(2026, 1, 1, tzinfo=UTC),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return row.id


def _claim(db: Database, publication_id: int, worker: str) -> int:
    statement = (
        update(Publication)
        .where(Publication.id == publication_id)  # type: ignore[arg-type]
        .where(Publication.status == PublicationStatus.SCHEDULED)  # type: ignore[arg-type]
        .values(status=PublicationStatus.SENDING, claimed_by=worker)
    )
    with db.engine.begin() as connection:
        return connection.execute(statement).rowcount


def test_sqlite_uses_wal_mode(tmp_path: object) -> None:
    db = open_database(f"sqlite:///{tmp_path}/wal.db")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    db.dispose()


def test_reading_sessions_do_not_wait_for_the_write_lock(tmp_path: Path) -> None:
    """A page can be read while the engine holds SQLite's write lock."""
    import threading

    from social_assistant.db.models import Channel

    db = open_database(f"sqlite:///{tmp_path / 'lock.db'}")
    upgrade(db)
    with db.session() as session:
        session.add(Channel(name="x-test", kind="x"))
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with db.session() as session:
            session.add(Channel(name="x-other", kind="x"))
            session.flush()
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    assert holding.wait(10)
    try:
        with db.reading() as session:  # would block for busy_timeout with BEGIN IMMEDIATE
            names = [c.name for c in session.exec(select(Channel)).all()]
        assert names == ["x-test"]  # the snapshot before the writer commits
    finally:
        release.set()
        thread.join()
    with db.reading() as session:
        assert len(session.exec(select(Channel)).all()) == 2
        session.add(Channel(name="x-lost", kind="x"))  # rolled back, never written
    with db.reading() as session:
        assert len(session.exec(select(Channel)).all()) == 2
    db.dispose()
