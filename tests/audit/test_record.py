"""``record`` appends to one chain: gapless seq, linked hashes, even with many writers."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlmodel import col, select

from social_assistant import audit
from social_assistant.audit.chain import GENESIS, event_hash
from social_assistant.db import Database, open_database
from social_assistant.db.migrate import upgrade
from social_assistant.db.models import AuditEvent

AT = datetime(2026, 12, 8, 1, tzinfo=UTC)
Fill = Callable[..., None]  # the fixture of conftest.py


def _events(database: Database) -> list[AuditEvent]:
    with database.session() as session:
        return list(session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))).all())


def test_events_are_numbered_and_chained(database: Database, fill: Fill) -> None:
    fill(3)
    fill(2, first=3)
    events = _events(database)
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    for event in events:
        assert event.hash == event_hash(
            seq=event.seq,
            occurred_at=event.occurred_at,
            actor=event.actor,
            action=event.action,
            subject_type=event.subject_type,
            subject_id=event.subject_id,
            data=event.data,
            prev_hash=event.prev_hash,
        )
    report = audit.verify_chain(database)
    assert (report.ok, report.events, report.last_seq, report.last_hash) == (
        True,
        5,
        5,
        events[-1].hash,
    )


def test_data_is_stored_as_the_json_that_was_hashed(database: Database) -> None:
    wita = timezone(timedelta(hours=8))
    with database.session() as session:
        event = audit.record(
            session,
            "announcement.queued",
            actor="queue",
            subject_type="announcement",
            subject_id=7,
            at=datetime(2026, 12, 8, 9, tzinfo=wita),
            publish_at=datetime(2026, 12, 9, 8, tzinfo=wita),
            channels=("x", "facebook"),
        )
    assert event.data == {
        "publish_at": "2026-12-09T00:00:00.000000Z",
        "channels": ["x", "facebook"],
    }
    stored = _events(database)[0]
    assert stored.data == event.data and stored.subject_id == "7"
    assert stored.occurred_at == datetime(2026, 12, 8, 1, tzinfo=UTC)
    assert audit.verify_chain(database).ok


def test_a_rolled_back_transaction_leaves_no_gap(database: Database, fill: Fill) -> None:
    fill(2)
    with pytest.raises(RuntimeError), database.session() as session:
        audit.record(session, "x.failed", actor="t", subject_type="x", at=AT)
        session.flush()
        raise RuntimeError("the change failed")
    fill(1, first=2)
    assert [e.seq for e in _events(database)] == [1, 2, 3]
    assert audit.verify_chain(database).ok


def test_a_rolled_back_savepoint_does_not_poison_the_head(database: Database) -> None:
    with database.session() as session:
        audit.record(session, "a", actor="t", subject_type="x", at=AT)
        savepoint = session.begin_nested()
        audit.record(session, "b", actor="t", subject_type="x", at=AT)
        session.flush()
        savepoint.rollback()
        audit.record(session, "c", actor="t", subject_type="x", at=AT)
    assert [(e.seq, e.action) for e in _events(database)] == [(1, "a"), (2, "c")]
    assert audit.verify_chain(database).ok


def test_events_pending_without_autoflush_are_chained(database: Database) -> None:
    with database.session() as session, session.no_autoflush:
        first = audit.record(session, "a", actor="t", subject_type="x", at=AT)
        second = audit.record(session, "b", actor="t", subject_type="x", at=AT)
        assert (first.seq, second.seq, second.prev_hash) == (1, 2, first.hash)
    assert audit.verify_chain(database).ok


def test_a_naive_time_is_refused(database: Database) -> None:
    with pytest.raises(ValueError, match="naive"), database.session() as session:
        audit.record(session, "a", actor="t", subject_type="x", at=datetime(2026, 12, 8))


def test_verify_runs_inside_a_session_too(database: Database, fill: Fill) -> None:
    fill(4)
    with database.session() as session:
        audit.record(session, "late", actor="t", subject_type="x", at=AT)
        session.flush()
        report = audit.verify_chain(session, batch_size=2)
    assert (report.ok, report.events) == (True, 5)


def test_an_empty_log_verifies(database: Database) -> None:
    report = audit.verify_chain(database)
    assert (report.ok, report.events, report.last_seq, report.last_hash) == (True, 0, 0, GENESIS)


THREADS, TRANSACTIONS, PER_TRANSACTION = 8, 25, 2


def test_concurrent_writers_cannot_fork_the_chain(database_url: str) -> None:
    """8 threads, each with its own engine (connections), append 50 events at once."""
    databases = [open_database(database_url) for _ in range(THREADS)]
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def writer(number: int, database: Database) -> None:
        try:
            start.wait()
            for t in range(TRANSACTIONS):
                with database.session() as session:
                    for e in range(PER_TRANSACTION):
                        audit.record(
                            session, "load.test", actor=f"w{number}", subject_type="t", n=t, e=e
                        )
        except BaseException as exc:  # reported below, with the thread that raised it
            errors.append(exc)

    try:
        upgrade(databases[0])
        threads = [threading.Thread(target=writer, args=(n, db)) for n, db in enumerate(databases)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert errors == []
        total = THREADS * TRANSACTIONS * PER_TRANSACTION
        assert [e.seq for e in _events(databases[0])] == list(range(1, total + 1))
        report = audit.verify_chain(databases[0])
        assert (report.ok, report.events) == (True, total)
    finally:
        for db in databases:
            db.dispose()


def test_a_batch_of_events_chains_like_single_records(database: Database) -> None:
    from social_assistant.audit import Event, record_many, verify_chain

    with database.session() as session:
        audit.record(session, "one", actor="t", subject_type="x", subject_id=1)
        rows = record_many(
            session,
            [Event("two", "t", "x", 2, data={"n": 2}), Event("three", "t", "x", 3)],
        )
        assert [r.seq for r in rows] == [2, 3]
        audit.record(session, "four", actor="t", subject_type="x", subject_id=4)
    report = verify_chain(database)
    assert report.ok and report.events == 4
    assert [e.action for e in _events(database)] == ["one", "two", "three", "four"]
