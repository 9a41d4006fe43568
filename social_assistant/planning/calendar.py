"""The plan as a calendar: what is scheduled, published and failed, day by day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from social_assistant.db.models import Announcement, Channel, Publication


@dataclass(frozen=True)
class Entry:
    announcement_id: int
    title: str
    channel: str
    status: str
    at: datetime  # local time: published_at when published, else due_at


@dataclass(frozen=True)
class Day:
    day: date
    entries: list[Entry]
    in_month: bool = True


def period(view: str, anchor: date) -> tuple[date, date]:
    """First and last day shown: Monday..Sunday of the week, or the month's full weeks."""
    if view == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6)
    first = anchor.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = first - timedelta(days=first.weekday())
    last = following - timedelta(days=1)
    return start, last + timedelta(days=6 - last.weekday())


def days(session: Session, view: str, anchor: date, zone: ZoneInfo) -> list[Day]:
    start, end = period(view, anchor)
    since = datetime.combine(start, time.min, zone).astimezone(UTC)
    until = datetime.combine(end + timedelta(days=1), time.min, zone).astimezone(UTC)
    rows = session.exec(
        select(Publication, Announcement.title, Channel.name)
        .join(Announcement, col(Announcement.id) == col(Publication.announcement_id))
        .join(Channel, col(Channel.id) == col(Publication.channel_id))
        .where(col(Publication.due_at) >= since)
        .where(col(Publication.due_at) < until)
        .order_by(col(Publication.due_at), col(Publication.id))
    ).all()
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for publication, title, channel in rows:
        moment = (publication.published_at or publication.due_at).astimezone(zone)
        by_day[publication.due_at.astimezone(zone).date()].append(
            Entry(publication.announcement_id or 0, title, channel, publication.status, moment)
        )
    shown = []
    current = start
    while current <= end:
        in_month = view == "week" or current.month == anchor.month
        shown.append(Day(current, by_day.get(current, []), in_month))
        current += timedelta(days=1)
    return shown
