"""An officer's reply reached the platform: the item becomes ``answered``.

Called by the publishing outbox in the transaction that records the reply as published,
so the item's status and the outbox row never disagree.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.db.models import Aspiration, AspirationStatus, Publication

S = AspirationStatus
ANSWERABLE = (S.NEW, S.ACKNOWLEDGED, S.FORWARDED)


def record_answer(
    session: Session, aspiration_id: int, publication_id: int, *, now: datetime, worker: str
) -> bool:
    """Mark the item answered (when it still waits for an answer); True when it changed.

    The audit event names the officer who wrote the reply; the worker that sent it is
    in the event's data.
    """
    item = session.exec(
        select(Aspiration).where(col(Aspiration.id) == aspiration_id).with_for_update()
    ).first()
    if item is None or item.status not in ANSWERABLE:
        return False
    publication = session.get(Publication, publication_id)
    before = item.status
    item.status = S.ANSWERED
    item.answered_at = now
    item.updated_at = now
    audit.record(
        session,
        "aspiration.answered",
        actor=(publication.requested_by if publication else None) or worker,
        subject_type="aspiration",
        subject_id=aspiration_id,
        at=now,
        **{"from": before, "to": str(S.ANSWERED)},
        publication_id=publication_id,
        sent_by=worker,
        remote_id=publication.remote_id if publication else None,
    )
    return True
