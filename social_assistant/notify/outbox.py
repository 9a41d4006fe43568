"""Record a notification in the caller's transaction; the dispatcher sends it later."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from social_assistant import audit
from social_assistant.db.models import Notification


def enqueue(
    session: Session,
    *,
    kind: str,
    target: str,
    reason: str,
    subject_type: str,
    subject_id: object,
    title: str,
    payload: dict[str, Any],
) -> Notification:
    row = Notification(
        kind=kind,
        target=target,
        reason=reason,
        subject_type=subject_type,
        subject_id=str(subject_id),
        title=title,
        payload=payload,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "notification.queued",
        actor="system",
        subject_type="notification",
        subject_id=row.id,
        reason=reason,
        about=f"{subject_type}:{subject_id}",
    )
    return row


def enqueue_each(
    session: Session,
    targets: Iterable[tuple[str, str | None]],
    *,
    reason: str,
    subject_type: str,
    subject_id: object,
    title: str,
    payload: dict[str, Any],
) -> list[str]:
    """One notification per configured ``(kind, target)`` (empty targets are skipped);
    the ``"kind:target"`` of each, for the audit log and the officer's message."""
    sent = []
    for kind, target in targets:
        if target:
            enqueue(
                session,
                kind=kind,
                target=target,
                reason=reason,
                subject_type=subject_type,
                subject_id=subject_id,
                title=title,
                payload=payload,
            )
            sent.append(f"{kind}:{target}")
    return sent
