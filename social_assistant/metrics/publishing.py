"""Publishing figures: the posts due in a period and whether they went out on time."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlmodel import Session, col

from social_assistant.db.models import Channel, Publication, PublicationStatus
from social_assistant.metrics.figures import PublishingFigures
from social_assistant.metrics.period import Period


def publishing_figures(
    session: Session, period: Period, *, channel: str | None, on_time_minutes: int
) -> PublishingFigures:
    """Posts due in ``period`` (cancelled ones excluded), on ``channel`` if given.

    A published post is on time when it was sent at most ``on_time_minutes`` after its due
    time; posts neither published nor failed yet are ``not_sent``.
    """
    query = (
        select(
            col(Publication.announcement_id),
            col(Publication.status),
            col(Publication.due_at),
            col(Publication.sent_at),
            col(Publication.published_at),
        )
        .join(Channel, col(Channel.id) == col(Publication.channel_id))
        .where(col(Publication.due_at) >= period.start, col(Publication.due_at) < period.end)
        .where(col(Publication.status) != PublicationStatus.CANCELLED)
    )
    if channel is not None:
        query = query.where(col(Channel.name) == channel)
    grace = timedelta(minutes=on_time_minutes)
    announcements: set[int] = set()
    planned = on_time = late = failed = 0
    for announcement_id, status, due_at, sent_at, published_at in session.execute(query):
        announcements.add(announcement_id)
        planned += 1
        if status == PublicationStatus.PUBLISHED:
            went_out = sent_at or published_at or due_at
            if went_out - due_at <= grace:
                on_time += 1
            else:
                late += 1
        elif status == PublicationStatus.FAILED:
            failed += 1
    return PublishingFigures(
        announcements=len(announcements),
        planned=planned,
        on_time=on_time,
        late=late,
        failed=failed,
        not_sent=planned - on_time - late - failed,
    )
