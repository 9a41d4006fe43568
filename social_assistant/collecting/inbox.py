"""Turn a triaged reply into an inbox item with its SP4N-LAPOR! working-day clocks."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from social_assistant import audit
from social_assistant.db.models import Agency, Aspiration, Reply
from social_assistant.settings import Settings
from social_assistant.taxonomy import Category
from social_assistant.triage.classify import Triage
from social_assistant.workdays import WorkingCalendar


def open_item(
    session: Session,
    reply: Reply,
    triage: Triage,
    settings: Settings,
    calendar: WorkingCalendar,
    now: datetime,
) -> Aspiration | None:
    """An aspiration for ``reply`` when triage says it is one (recall first), else None."""
    if not triage.is_aspiration:
        return None
    received = reply.posted_at or now
    deadlines = settings.deadlines
    item = Aspiration(
        reply_id=reply.id or 0,
        kind=triage.kind.value,
        category=triage.category.value,
        urgent=triage.urgent,
        sentiment=triage.sentiment,
        reasons=list(triage.reasons),
        personal_data=list(triage.personal_data),
        agency_id=_agency_id(session, settings, triage.category),
        received_at=received,
        acknowledge_due_at=calendar.deadline(received, deadlines.acknowledge_days),
        follow_up_due_at=calendar.deadline(received, deadlines.follow_up_days),
        close_due_at=calendar.deadline(received, deadlines.close_days),
        created_at=now,
        updated_at=now,
    )
    session.add(item)
    session.flush()
    audit.record(
        session,
        "aspiration.flagged",
        actor="triage",
        subject_type="aspiration",
        subject_id=item.id,
        at=now,
        reply_id=reply.id,
        kind=item.kind,
        category=item.category,
        urgent=item.urgent,
    )
    return item


def _agency_id(session: Session, settings: Settings, category: Category) -> int | None:
    code = settings.routing.get(category)
    if code is None:
        return None
    return session.exec(select(Agency.id).where(Agency.code == code)).first()
