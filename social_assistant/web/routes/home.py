"""The dashboard: what needs attention today."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import func, or_
from sqlmodel import col, select

from social_assistant.db.models import (
    Announcement,
    AnnouncementStatus,
    Aspiration,
    AspirationStatus,
    Publication,
    PublicationStatus,
)
from social_assistant.permissions import Action
from social_assistant.web.context import acting_user, context
from social_assistant.web.render import page

router = APIRouter(include_in_schema=False)
OPEN_ITEMS = (AspirationStatus.NEW, AspirationStatus.ACKNOWLEDGED, AspirationStatus.FORWARDED)


@router.get("/")
def dashboard(request: Request) -> Response:
    acting_user(request, Action.VIEW)
    web = context(request).web
    now = web.clock.now()
    zone = web.settings.zone
    today = now.astimezone(zone).date()
    start = datetime.combine(today, time.min, zone).astimezone(UTC)
    with web.database.reading() as session:

        def count(query: object) -> int:
            return int(session.exec(query).one())  # type: ignore[call-overload]

        figures = {
            "due_today": count(
                select(func.count())
                .select_from(Publication)
                .where(col(Publication.due_at) >= start)
                .where(col(Publication.due_at) < start + timedelta(days=1))
                .where(col(Publication.status) != PublicationStatus.CANCELLED)
            ),
            "awaiting_approval": count(
                select(func.count())
                .select_from(Announcement)
                .where(Announcement.status == AnnouncementStatus.PENDING_APPROVAL)
            ),
            "failed": count(
                select(func.count())
                .select_from(Publication)
                .where(Publication.status == PublicationStatus.FAILED)
            ),
            "new_items": count(
                select(func.count())
                .select_from(Aspiration)
                .where(Aspiration.status == AspirationStatus.NEW)
            ),
            "urgent_open": count(
                select(func.count())
                .select_from(Aspiration)
                .where(col(Aspiration.status).in_(OPEN_ITEMS))
                .where(col(Aspiration.urgent))
            ),
            "overdue": count(
                select(func.count())
                .select_from(Aspiration)
                .where(col(Aspiration.status).in_(OPEN_ITEMS))
                .where(
                    or_(
                        (col(Aspiration.status) == AspirationStatus.NEW)
                        & (col(Aspiration.acknowledge_due_at) < now),
                        col(Aspiration.close_due_at) < now,
                    )
                )
            ),
        }
    return page(request, "dashboard.html", figures=figures, today=today)
