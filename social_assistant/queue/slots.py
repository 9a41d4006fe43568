"""`slot: next`: the earliest queue time that is free on every channel of an announcement."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from social_assistant.db.models import Channel, Publication, PublicationStatus

MIN_LEAD = timedelta(minutes=5)
SEARCH_DAYS = 120


class NoFreeSlotError(Exception):
    """Every slot in the search window is taken."""


def next_free_slot(
    session: Session,
    channels: Sequence[tuple[str, Sequence[str]]],
    *,
    now: datetime,
    zone: ZoneInfo,
    exclude_announcement: int | None = None,
) -> datetime:
    """The first slot after ``now`` (plus a short lead) free on all ``channels``.

    ``channels`` pairs each channel name with its local ``HH:MM`` slots. A slot is taken on
    a channel when another announcement's live publication is due at that exact time.
    """
    times = sorted({time.fromisoformat(slot) for _, slots in channels for slot in slots})
    if not times:
        raise NoFreeSlotError("no slots configured")
    earliest = now + MIN_LEAD
    taken = _taken(session, [name for name, _ in channels], earliest, exclude_announcement)
    day = earliest.astimezone(zone).date()
    for offset in range(SEARCH_DAYS):
        for local in times:
            moment = datetime.combine(day + timedelta(days=offset), local, tzinfo=zone)
            if moment >= earliest and moment not in taken:
                return moment
    raise NoFreeSlotError(f"no free slot in the next {SEARCH_DAYS} days")


def _taken(
    session: Session, names: list[str], earliest: datetime, exclude: int | None
) -> set[datetime]:
    statement = (
        select(Publication.due_at)
        .join(Channel, col(Channel.id) == col(Publication.channel_id))
        .where(col(Channel.name).in_(names))
        .where(col(Publication.due_at) >= earliest)
        .where(col(Publication.status) != PublicationStatus.CANCELLED)
    )
    if exclude is not None:
        statement = statement.where(col(Publication.announcement_id) != exclude)
    return set(session.exec(statement).all())
