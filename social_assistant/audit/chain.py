"""The hash chain: how one event's hash is computed, and where the chain ends now.

Each event's ``hash`` is the SHA-256 (hex) of the canonical JSON of::

    {"seq", "occurred_at", "actor", "action", "subject_type", "subject_id", "data",
     "prev_hash"}

where ``prev_hash`` is the hash of the event with the previous ``seq`` (:data:`GENESIS`
for ``seq`` 1). Changing, removing, adding or reordering an event therefore breaks a
hash or a link that :mod:`social_assistant.audit.verify` checks.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from social_assistant.audit.canonical import canonical_text, encode_string, utc_text
from social_assistant.db.models import AuditEvent

GENESIS = "0" * 64
"""The ``prev_hash`` of the first event (``seq`` 1)."""

# pg_advisory_xact_lock key: the first 8 bytes of sha256(b"social-assistant audit chain").
CHAIN_LOCK_KEY = -8900011461939621759


def event_content(
    *,
    seq: int,
    occurred_at: datetime,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str | None,
    data: Any,
    prev_hash: str,
) -> dict[str, Any]:
    """The JSON object whose canonical encoding an event's hash covers (the definition)."""
    return {
        "seq": seq,
        "occurred_at": utc_text(occurred_at),
        "actor": actor,
        "action": action,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "data": data,
        "prev_hash": prev_hash,
    }


def event_hash(
    *,
    seq: int,
    occurred_at: datetime,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str | None,
    data: Any,
    prev_hash: str,
) -> str:
    """The SHA-256 hex digest of ``canonical_json(event_content(...))``."""
    return hash_parts(
        seq,
        utc_text(occurred_at),
        actor,
        action,
        subject_type,
        subject_id,
        canonical_text(data),
        prev_hash,
    )


def hash_parts(
    seq: int,
    occurred_at: str,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str | None,
    data_json: str,
    prev_hash: str,
) -> str:
    """:func:`event_hash` from the time and data already in canonical text.

    The outer object is written out by hand, keys in sorted order: twice as fast as
    encoding the dict, which matters when verifying millions of events. The tests check
    that both give the same bytes.
    """
    subject = "null" if subject_id is None else encode_string(subject_id)
    encoded = (
        f'{{"action":{encode_string(action)},"actor":{encode_string(actor)},'
        f'"data":{data_json},"occurred_at":{encode_string(occurred_at)},'
        f'"prev_hash":{encode_string(prev_hash)},"seq":{int(seq)},'
        f'"subject_id":{subject},"subject_type":{encode_string(subject_type)}}}'
    )
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def lock_chain(session: Session) -> None:
    """Make concurrent appenders take turns until the end of this transaction.

    PostgreSQL: a transaction-level advisory lock, taken before the head is read (at READ
    COMMITTED, the default, the next statement then sees the rows of the writer that held
    it). SQLite needs nothing: :func:`social_assistant.db.engine.open_database` starts
    every transaction with ``BEGIN IMMEDIATE``, so a writer holds the database's single
    write lock from its first statement. Either way the unique index on ``seq`` is the
    last line of defence: a forked chain fails to commit instead of being stored.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})


def chain_head(session: Session) -> tuple[int, str]:
    """The last ``(seq, hash)`` as this transaction sees it; ``(0, GENESIS)`` when empty.

    One query on the unique ``seq`` index. It reads through the session (which flushes
    its pending events first) instead of caching the head in memory, so a rolled-back
    transaction or savepoint can never leave a stale head behind. Events still pending
    in a ``no_autoflush`` block are taken into account too.
    """
    row = session.exec(
        select(AuditEvent.seq, AuditEvent.hash).order_by(col(AuditEvent.seq).desc()).limit(1)
    ).first()
    seq, head = (row[0], row[1]) if row else (0, GENESIS)
    for pending in session.new:
        if isinstance(pending, AuditEvent) and pending.seq > seq:
            seq, head = pending.seq, pending.hash
    return seq, head
