"""The audit log: one append-only row per state change, written in the same transaction.

The hash chain over these rows is added by the transparency work; callers only use
:func:`record`, so they will not change when it is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

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
    """Add an audit event to ``session`` (committed with the change it describes)."""
    event = AuditEvent(
        occurred_at=at or utcnow(),
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=None if subject_id is None else str(subject_id),
        data=data,
    )
    session.add(event)
    return event
