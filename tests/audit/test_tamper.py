"""Tampering with the stored log behind the application's back is found, located and named."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, update
from sqlmodel import col

from social_assistant import audit
from social_assistant.audit import VerifyReport
from social_assistant.audit.chain import event_hash
from social_assistant.db import Database
from social_assistant.db.models import AuditEvent

AT = datetime(2026, 12, 8, 1, tzinfo=UTC)
Fill = Callable[..., None]  # the fixtures of conftest.py
Sql = Callable[..., list[Any]]

EVENTS = 10
BATCHES = [pytest.param(3, id="batch3"), pytest.param(10_000, id="batch10k")]


def _verify(database: Database, batch_size: int = 10_000) -> VerifyReport:
    report = audit.verify_chain(database, batch_size=batch_size)
    assert not report.ok and report.problem and report.problem_id
    return report


def _id(sql: Sql, seq: int) -> int:
    return int(sql("SELECT id FROM audit_events WHERE seq = :seq", seq=seq)[0][0])


def _stored(sql: Sql, seq: int) -> dict[str, Any]:
    columns = "occurred_at, actor, action, subject_type, subject_id, data, hash"
    row = sql(f"SELECT {columns} FROM audit_events WHERE seq = :seq", seq=seq)[0]
    return dict(zip(columns.split(", "), row, strict=True))


def _forge(database: Database, **fields: Any) -> None:
    """Write an event whose hash is right for its content: the tamperer knows the algorithm."""
    content = {
        "occurred_at": AT + timedelta(hours=5),
        "actor": "penyusup",
        "action": "aspiration.resolved",
        "subject_type": "aspiration",
        "subject_id": "3",
        "data": {"note": "sudah selesai"},
        **fields,
    }
    with database.engine.begin() as connection:
        connection.execute(insert(AuditEvent).values(**content, hash=event_hash(**content)))


@pytest.mark.parametrize("batch_size", BATCHES)
def test_a_modified_field_is_found(
    database: Database, fill: Fill, sql: Sql, batch_size: int
) -> None:
    fill(EVENTS)
    with database.engine.begin() as connection:
        connection.execute(
            update(AuditEvent).where(col(AuditEvent.seq) == 4).values(data={"agency": "DISHUB"})
        )
    report = _verify(database, batch_size)
    assert (report.kind, report.first_bad_seq, report.first_bad_id) == ("modified", 4, _id(sql, 4))
    assert report.events == 3
    assert report.problem == (
        f"Event seq 4 (id {_id(sql, 4)}) was modified: its content no longer matches its hash."
    )
    assert report.problem_id == (
        f"Peristiwa seq 4 (id {_id(sql, 4)}) telah diubah: isinya tidak lagi cocok dengan hash-nya."
    )


@pytest.mark.parametrize("column", ["actor", "occurred_at", "hash"])
def test_every_column_is_sealed(database: Database, fill: Fill, sql: Sql, column: str) -> None:
    fill(EVENTS)
    value = {"actor": "orang lain", "occurred_at": AT + timedelta(days=1), "hash": "f" * 64}
    sql(f"UPDATE audit_events SET {column} = :value WHERE seq = 7", value=value[column])
    report = _verify(database)
    assert (report.kind, report.first_bad_seq) == ("modified", 7)


def test_a_deleted_event_is_found(database: Database, fill: Fill, sql: Sql) -> None:
    fill(EVENTS)
    sql("DELETE FROM audit_events WHERE seq IN (5, 6)")
    report = _verify(database)
    assert (report.kind, report.first_bad_seq, report.events) == ("deleted", 5, 4)
    assert report.problem == (
        "Events seq 5 to 6 are missing (deleted): the chain jumps from seq 4 to seq 7."
    )
    assert "hilang (dihapus)" in (report.problem_id or "")


def test_a_deleted_first_event_is_found(database: Database, fill: Fill, sql: Sql) -> None:
    fill(EVENTS)
    sql("DELETE FROM audit_events WHERE seq = 1")
    report = _verify(database)
    assert (report.kind, report.first_bad_seq) == ("deleted", 1)
    assert "the log starts at seq 2 instead of seq 1" in (report.problem or "")


def test_a_forged_event_with_a_plausible_hash_is_found(
    database: Database, fill: Fill, sql: Sql
) -> None:
    fill(EVENTS)
    _forge(database, seq=EVENTS + 1, prev_hash=_stored(sql, 2)["hash"])
    report = _verify(database)
    assert (report.kind, report.first_bad_seq, report.events) == ("inserted", EVENTS + 1, EVENTS)
    assert "claims to follow seq 2, which seq 3 already follows" in (report.problem or "")


def test_an_event_slipped_into_the_middle_is_found(
    database: Database, fill: Fill, sql: Sql
) -> None:
    fill(EVENTS)
    # Make room at seq 4 (two steps: the unique index forbids a transient clash).
    sql("UPDATE audit_events SET seq = -seq - 1 WHERE seq >= 4")
    sql("UPDATE audit_events SET seq = -seq WHERE seq < 0")
    _forge(database, seq=4, prev_hash=_stored(sql, 3)["hash"])
    report = _verify(database)
    assert (report.kind, report.first_bad_seq, report.events) == ("inserted", 4, 4)
    assert report.problem == (
        f"Event seq 4 was inserted: seq 5 (id {_id(sql, 5)}) was written right after seq 3."
    )


@pytest.mark.parametrize("batch_size", BATCHES)
def test_swapped_events_are_found(
    database: Database, fill: Fill, sql: Sql, batch_size: int
) -> None:
    fill(EVENTS)
    first, second = _id(sql, 3), _id(sql, 4)
    sql("UPDATE audit_events SET seq = -1 WHERE seq = 3")
    sql("UPDATE audit_events SET seq = 3 WHERE seq = 4")
    sql("UPDATE audit_events SET seq = 4 WHERE seq = -1")
    report = _verify(database, batch_size)
    assert (report.kind, report.first_bad_seq, report.first_bad_id) == ("reordered", 3, second)
    assert report.problem == (
        f"Events are out of order: seq 3 (id {second}) was written after seq 4 (id {first}); "
        "their seq values were swapped or changed."
    )


def test_a_rewritten_event_with_a_recomputed_hash_is_found(
    database: Database, fill: Fill, sql: Sql
) -> None:
    fill(EVENTS)
    with database.session() as session:
        row = session.get(AuditEvent, _id(sql, 6))
        assert row is not None
        row.actor = "orang lain"
        row.hash = event_hash(
            seq=6,
            occurred_at=row.occurred_at,
            actor=row.actor,
            action=row.action,
            subject_type=row.subject_type,
            subject_id=row.subject_id,
            data=row.data,
            prev_hash=row.prev_hash,
        )
    report = _verify(database)
    assert (report.kind, report.first_bad_seq, report.events) == ("rewritten", 6, 6)
    assert report.problem == (
        f"Event seq 7 no longer links to seq 6 (id {_id(sql, 6)}): seq 6 was rewritten "
        "(its hash recomputed) or seq 7 was forged."
    )


@pytest.mark.parametrize("batch_size", [pytest.param(3, id="at-batch-edge"), 10_000])
def test_a_duplicate_seq_is_found_once_the_unique_index_is_gone(
    database: Database, fill: Fill, sql: Sql, batch_size: int
) -> None:
    fill(EVENTS)
    sql("DROP INDEX ix_audit_events_seq")
    _forge(database, seq=3, prev_hash=_stored(sql, 2)["hash"])
    report = _verify(database, batch_size)
    assert (report.kind, report.first_bad_seq, report.events) == ("inserted", 3, 3)
    assert report.problem and report.problem.startswith("Seq 3 appears twice")


def test_an_event_before_the_start_is_found(database: Database, fill: Fill, sql: Sql) -> None:
    fill(EVENTS)
    _forge(database, seq=0, prev_hash="0" * 64)
    report = _verify(database)
    assert (report.kind, report.first_bad_seq) == ("inserted", 0)


@pytest.mark.parametrize("stored", ["bukan json", ' {"agency": "DPUPR"}', "[1, 2]"])
def test_unreadable_or_reshaped_data_is_found_not_a_crash(
    database: Database, fill: Fill, sql: Sql, stored: str
) -> None:
    if database.backend != "sqlite":
        pytest.skip("PostgreSQL's json column refuses malformed text itself")
    fill(EVENTS)
    sql("UPDATE audit_events SET data = :stored WHERE seq = 5", stored=stored)
    report = _verify(database)
    assert (report.kind, report.first_bad_seq) == ("modified", 5)


def test_a_seq_that_is_not_a_number_is_found(database: Database, fill: Fill, sql: Sql) -> None:
    if database.backend != "sqlite":
        pytest.skip("PostgreSQL's integer column refuses text itself")
    fill(EVENTS)
    last = _id(sql, EVENTS)
    sql("UPDATE audit_events SET seq = 'sepuluh' WHERE seq = :seq", seq=EVENTS)
    report = _verify(database, batch_size=4)
    assert (report.kind, report.first_bad_seq, report.first_bad_id) == ("modified", None, last)
    assert report.problem == f"Event id {last} was modified: its seq 'sepuluh' is not a number."
