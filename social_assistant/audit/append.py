"""Append an event to the chain, inside the transaction of the change it describes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from social_assistant.audit.canonical import jsonable
from social_assistant.audit.chain import chain_head, event_hash, lock_chain
from social_assistant.db.models import AuditEvent, utcnow


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
    lock_chain(session)
    last_seq, prev_hash = chain_head(session)
    fields: dict[str, Any] = {
        "seq": last_seq + 1,
        "occurred_at": at or utcnow(),
        "actor": actor,
        "action": action,
        "subject_type": subject_type,
        "subject_id": None if subject_id is None else str(subject_id),
        "data": jsonable(data),
        "prev_hash": prev_hash,
    }
    event = AuditEvent(**fields, hash=event_hash(**fields))
    session.add(event)
    return event
