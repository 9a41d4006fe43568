"""Append events to the chain, inside the transaction of the change they describe."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session

from social_assistant.audit.canonical import jsonable
from social_assistant.audit.chain import chain_head, event_hash, lock_chain
from social_assistant.db.models import AuditEvent, utcnow


@dataclass(frozen=True)
class Event:
    """One state change to record (see :func:`record_many`)."""

    action: str
    actor: str
    subject_type: str
    subject_id: object = None
    at: datetime | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


def record(
    session: Session,
    action: str,
    *,
    actor: str,
    subject_type: str,
    subject_id: object = None,
    at: datetime | None = None,
    **data: Any,
) -> AuditEvent:
    """Add an audit event to ``session`` (committed with the change it describes).

    The event gets the next ``seq`` and is chained to the current head; ``data`` is
    stored as plain JSON (see :func:`~social_assistant.audit.canonical.jsonable`).
    Appenders in concurrent transactions take turns (see
    :func:`~social_assistant.audit.chain.lock_chain`).
    """
    return record_many(session, [Event(action, actor, subject_type, subject_id, at, data)])[0]


def record_many(session: Session, events: Sequence[Event]) -> list[AuditEvent]:
    """Add several events in order with one look at the chain head (a batch of changes
    made in one transaction, e.g. the publishing engine marking a batch as sending)."""
    if not events:
        return []
    lock_chain(session)
    seq, prev_hash = chain_head(session)
    rows = []
    for event in events:
        seq += 1
        fields: dict[str, Any] = {
            "seq": seq,
            "occurred_at": event.at or utcnow(),
            "actor": event.actor,
            "action": event.action,
            "subject_type": event.subject_type,
            "subject_id": None if event.subject_id is None else str(event.subject_id),
            "data": jsonable(dict(event.data)),
            "prev_hash": prev_hash,
        }
        prev_hash = event_hash(**fields)
        rows.append(AuditEvent(**fields, hash=prev_hash))
    session.add_all(rows)
    return rows
