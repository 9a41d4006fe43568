"""Revision 0002 numbers and chains the events written before the chain existed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from social_assistant import audit
from social_assistant.db import open_database
from social_assistant.db.migrate import upgrade
from social_assistant.db.types import UTCDateTime

T0 = datetime(2026, 12, 7, 1, tzinfo=UTC)

_OLD_EVENTS = sa.table(
    "audit_events",
    sa.column("occurred_at", UTCDateTime()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("subject_type", sa.String()),
    sa.column("subject_id", sa.String()),
    sa.column("data", sa.JSON()),
)


def test_events_from_before_the_chain_are_chained_in_id_order(database_url: str) -> None:
    database = open_database(database_url)
    try:
        upgrade(database, "0001")
        old = [
            {
                "occurred_at": T0 + timedelta(minutes=i),
                "actor": "queue",
                "action": "announcement.queued",
                "subject_type": "announcement",
                "subject_id": str(i) if i % 2 else None,
                "data": {"file": f"konten/{i}.md", "judul": "Pelatihan ASN 🙏"},
            }
            for i in range(7)
        ]
        with database.engine.begin() as connection:
            connection.execute(sa.insert(_OLD_EVENTS), old)
        upgrade(database)
        with database.session() as session:
            audit.record(session, "after.upgrade", actor="t", subject_type="x", at=T0)
        with database.engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT seq FROM audit_events ORDER BY id")).all()
        assert [row[0] for row in rows] == list(range(1, 9))
        report = audit.verify_chain(database)
        assert (report.ok, report.events) == (True, 8)
    finally:
        database.dispose()
