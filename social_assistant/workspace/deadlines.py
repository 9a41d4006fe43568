"""Escalate items that missed a deadline: once per item and deadline, to the agency's
contact and to the head of the unit (``notify.unit_head_email`` / ``unit_head_webhook``).

Each escalation is a row in ``aspiration_escalations`` (unique per item and step) written
with its notifications and audit event in one transaction, so a restart or a second
daemon never sends it twice.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.db.models import Agency, Aspiration, AspirationEscalation, Reply
from social_assistant.db.models import AspirationStatus as S
from social_assistant.notify.outbox import enqueue_each
from social_assistant.settings import Settings
from social_assistant.triage.personal_data import redact
from social_assistant.workdays import WorkingCalendar
from social_assistant.workspace.clocks import STEP_LABELS_ID, clock, overdue_steps

log = logging.getLogger(__name__)
# The statuses in which each step is still unmet (statuses only move forward).
UNMET = {
    "acknowledge": (S.NEW,),
    "follow_up": (S.NEW, S.ACKNOWLEDGED, S.FORWARDED),
    "close": (S.NEW, S.ACKNOWLEDGED, S.FORWARDED, S.ANSWERED),
}


def escalate_overdue(
    session: Session, settings: Settings, calendar: WorkingCalendar, now: datetime
) -> int:
    """Escalate up to ``deadlines.escalation_batch_size`` overdue deadlines; returns how many."""
    done = 0
    for item in _overdue(session, now, settings.deadlines.escalation_batch_size):
        for step in overdue_steps(item, now):
            if _escalated(session, item, step):
                continue
            if _escalate(session, item, step, settings, calendar, now):
                done += 1
    return done


def _overdue(session: Session, now: datetime, limit: int) -> list[Aspiration]:
    late = [
        and_(
            col(Aspiration.status).in_([str(s) for s in statuses]),
            col(getattr(Aspiration, f"{step}_due_at")) <= now,
            ~exists().where(
                col(AspirationEscalation.aspiration_id) == col(Aspiration.id),
                col(AspirationEscalation.step) == step,
            ),
        )
        for step, statuses in UNMET.items()
    ]
    query = (
        select(Aspiration)
        .where(or_(*late))
        .order_by(col(Aspiration.received_at), col(Aspiration.id))
        .limit(limit)
    )
    return list(session.exec(query).all())


def _escalated(session: Session, item: Aspiration, step: str) -> bool:
    query = select(AspirationEscalation.id).where(
        col(AspirationEscalation.aspiration_id) == item.id, col(AspirationEscalation.step) == step
    )
    return session.exec(query).first() is not None


def _escalate(
    session: Session,
    item: Aspiration,
    step: str,
    settings: Settings,
    calendar: WorkingCalendar,
    now: datetime,
) -> bool:
    assert item.id is not None
    due = getattr(item, f"{step}_due_at")
    try:
        with session.begin_nested():  # another daemon may have escalated it just now
            row = AspirationEscalation(
                aspiration_id=item.id, step=step, due_at=due, escalated_at=now
            )
            session.add(row)
            session.flush()
    except IntegrityError:
        log.info("aspiration %s: %s already escalated by another worker", item.id, step)
        return False
    targets = _targets(session, item, settings)
    payload = _payload(session, item, step, calendar, now)
    notified = enqueue_each(
        session,
        targets,
        reason="overdue",
        subject_type="aspiration",
        subject_id=item.id,
        title=f"TERLAMBAT: aspirasi #{item.id} melewati tenggat {STEP_LABELS_ID[step]}",
        payload=payload,
    )
    row.notified = len(notified)
    audit.record(
        session,
        "aspiration.escalated",
        actor="deadlines",
        subject_type="aspiration",
        subject_id=item.id,
        at=now,
        step=step,
        due_at=due.isoformat(),
        notified=notified,
    )
    return True


def _targets(session: Session, item: Aspiration, settings: Settings) -> list[tuple[str, str]]:
    agency = session.get(Agency, item.agency_id) if item.agency_id else None
    found = [
        ("email", agency.contact_email if agency else None),
        ("webhook", agency.contact_webhook if agency else None),
        ("email", ", ".join(settings.notify.unit_head_email)),
        ("webhook", settings.notify.unit_head_webhook),
    ]
    return [(kind, target) for kind, target in found if target]


def _payload(
    session: Session, item: Aspiration, step: str, calendar: WorkingCalendar, now: datetime
) -> dict[str, Any]:
    citizen = session.get(Reply, item.reply_id)
    agency = session.get(Agency, item.agency_id) if item.agency_id else None
    late = clock(item, step, calendar, now)
    return {
        "aspiration_id": item.id,
        "step": step,
        "status": item.status,
        "kind": item.kind,
        "category": item.category,
        "urgent": item.urgent,
        "agency": agency.code if agency else None,
        "text": redact(citizen.text) if citizen else "",
        "received_at": item.received_at.isoformat(),
        "due_at": late.due_at.isoformat() if late else None,
        "clock": late.text_id() if late else None,
    }
