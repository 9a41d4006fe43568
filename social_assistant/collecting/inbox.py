"""Turn a triaged reply into an inbox item with its SP4N-LAPOR! working-day clocks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, select

from social_assistant import audit
from social_assistant.db.models import Agency, Aspiration, Reply
from social_assistant.notify.outbox import enqueue_each
from social_assistant.settings import Settings
from social_assistant.triage.classify import Triage
from social_assistant.triage.personal_data import redact
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
    items = open_items(session, [(reply, triage)], settings, calendar, now)
    return items[0] if items else None


def open_items(
    session: Session,
    triaged: Sequence[tuple[Reply, Triage]],
    settings: Settings,
    calendar: WorkingCalendar,
    now: datetime,
) -> list[Aspiration]:
    """Aspirations for the replies triage flags, written together (one flush, one look at
    the audit chain); urgent ones are also queued for a human."""
    agencies = _agency_ids(session, settings)
    opened = [
        (_aspiration(reply, triage, settings, calendar, agencies, now), reply)
        for reply, triage in triaged
        if triage.is_aspiration
    ]
    if not opened:
        return []
    session.add_all([item for item, _ in opened])
    session.flush()
    audit.record_many(
        session,
        [
            audit.Event(
                "aspiration.flagged",
                actor="triage",
                subject_type="aspiration",
                subject_id=item.id,
                at=now,
                data={
                    "reply_id": reply.id,
                    "kind": item.kind,
                    "category": item.category,
                    "urgent": item.urgent,
                },
            )
            for item, reply in opened
        ],
    )
    for item, reply in opened:
        if item.urgent:
            notify_urgent(session, item, reply, settings)
    return [item for item, _ in opened]


def _aspiration(
    reply: Reply,
    triage: Triage,
    settings: Settings,
    calendar: WorkingCalendar,
    agencies: dict[str, int],
    now: datetime,
) -> Aspiration:
    received = reply.posted_at or now
    deadlines = settings.deadlines
    code = settings.routing.get(triage.category)
    return Aspiration(
        reply_id=reply.id or 0,
        kind=triage.kind.value,
        category=triage.category.value,
        urgent=triage.urgent,
        sentiment=triage.sentiment,
        reasons=list(triage.reasons),
        personal_data=list(triage.personal_data),
        agency_id=agencies.get(code) if code else None,
        received_at=received,
        acknowledge_due_at=calendar.deadline(received, deadlines.acknowledge_days),
        follow_up_due_at=calendar.deadline(received, deadlines.follow_up_days),
        close_due_at=calendar.deadline(received, deadlines.close_days),
        created_at=now,
        updated_at=now,
    )


def notify_urgent(session: Session, item: Aspiration, reply: Reply, settings: Settings) -> None:
    """Tell a human at once (each configured way); personal data in the text is masked."""
    agency = session.get(Agency, item.agency_id) if item.agency_id else None
    payload = {
        "aspiration_id": item.id,
        "kind": item.kind,
        "category": item.category,
        "urgent": True,
        "agency": agency.code if agency else None,
        "text": redact(reply.text),
        "received_at": item.received_at.isoformat(),
        "acknowledge_due_at": _iso(item.acknowledge_due_at),
        "reasons": item.reasons,
    }
    targets = [
        ("webhook", settings.notify.urgent_webhook),
        ("email", ", ".join(settings.notify.urgent_email)),
    ]
    enqueue_each(
        session,
        targets,
        reason="urgent_aspiration",
        subject_type="aspiration",
        subject_id=item.id,
        title=f"MENDESAK: aspirasi #{item.id} ({item.category})",
        payload=payload,
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _agency_ids(session: Session, settings: Settings) -> dict[str, int]:
    """Agency ids by code (one query for a whole page of replies)."""
    rows = session.exec(select(Agency.code, Agency.id)).all()
    return {code: agency_id for code, agency_id in rows if agency_id is not None}
