"""audit hash chain: seq column, hashes required

Events written before this revision are numbered in id order and chained, so the whole
log verifies from here on (it was not tamper-evident before; it is from now). The hash
comes from the package; its encoding is a contract pinned by tests/audit/test_canonical.py.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-09
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import social_assistant.db.types
from social_assistant.audit.chain import GENESIS, event_hash

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5_000

events = sa.table(
    "audit_events",
    sa.column("id", sa.Integer()),
    sa.column("seq", sa.Integer()),
    sa.column("occurred_at", social_assistant.db.types.UTCDateTime()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("subject_type", sa.String()),
    sa.column("subject_id", sa.String()),
    sa.column("data", sa.JSON()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
    _chain_existing_events(op.get_bind())
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_audit_events_seq"), ["seq"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_seq"))
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=True)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=True)
        batch_op.drop_column("seq")


def _chain_existing_events(connection: sa.Connection) -> None:
    """Number the existing events 1..n in id order and compute their hashes."""
    seq, prev_hash, last_id = 0, GENESIS, 0
    while rows := _batch_after(connection, last_id):
        updates = []
        for row in rows:
            seq += 1
            digest = event_hash(
                seq=seq,
                occurred_at=row.occurred_at,
                actor=row.actor,
                action=row.action,
                subject_type=row.subject_type,
                subject_id=row.subject_id,
                data=row.data,
                prev_hash=prev_hash,
            )
            updates.append({"b_id": row.id, "b_seq": seq, "b_prev": prev_hash, "b_hash": digest})
            prev_hash = digest
        connection.execute(_SEAL, updates)
        last_id = rows[-1].id


def _batch_after(connection: sa.Connection, last_id: int) -> Sequence[sa.Row[Any]]:
    query = sa.select(events).where(events.c.id > last_id).order_by(events.c.id).limit(_BATCH)
    return connection.execute(query).all()


_SEAL = (
    events.update()
    .where(events.c.id == sa.bindparam("b_id"))
    .values(
        seq=sa.bindparam("b_seq"), prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash")
    )
)
