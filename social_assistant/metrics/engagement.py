"""Engagement per announcement: the latest snapshot of each of its posts, summed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session, col

from social_assistant.db.models import Announcement, Channel, EngagementSnapshot, Publication
from social_assistant.metrics.period import Period


@dataclass(frozen=True)
class AnnouncementEngagement:
    """Likes, reposts and comments of one announcement over its channels, as last fetched."""

    announcement_id: int
    title: str
    posts: int
    likes: int
    reposts: int
    comments: int

    @property
    def total(self) -> int:
        return self.likes + self.reposts + self.comments


def announcement_engagement(
    session: Session, period: Period, *, channel: str | None = None
) -> list[AnnouncementEngagement]:
    """The announcements with posts due in ``period`` that have engagement snapshots, most
    engaging first."""
    latest = (
        select(
            col(EngagementSnapshot.publication_id).label("publication_id"),
            func.max(col(EngagementSnapshot.fetched_at)).label("fetched_at"),
        )
        .group_by(col(EngagementSnapshot.publication_id))
        .subquery()
    )
    query = (
        select(
            col(Announcement.id), col(Announcement.title), col(EngagementSnapshot.likes),
            col(EngagementSnapshot.reposts), col(EngagementSnapshot.comments),
        )
        .select_from(EngagementSnapshot)
        .join(latest, (latest.c.publication_id == col(EngagementSnapshot.publication_id))
              & (latest.c.fetched_at == col(EngagementSnapshot.fetched_at)))
        .join(Publication, col(Publication.id) == col(EngagementSnapshot.publication_id))
        .join(Announcement, col(Announcement.id) == col(Publication.announcement_id))
        .join(Channel, col(Channel.id) == col(Publication.channel_id))
        .where(col(Publication.due_at) >= period.start, col(Publication.due_at) < period.end)
    )  # fmt: skip
    if channel is not None:
        query = query.where(col(Channel.name) == channel)
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    titles: dict[int, str] = {}
    for announcement_id, title, likes, reposts, comments in session.execute(query):
        row = sums[announcement_id]
        titles[announcement_id] = title
        row[0] += 1
        row[1] += likes
        row[2] += reposts
        row[3] += comments
    found = [AnnouncementEngagement(a, titles[a], *values) for a, values in sums.items()]
    return sorted(found, key=lambda e: (-e.total, e.announcement_id))
