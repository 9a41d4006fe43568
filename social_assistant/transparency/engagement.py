"""Fetch the public's likes, reposts and comments of our recent posts, one snapshot each.

For every channel, the posts published in the last ``days`` are asked for in as few calls
as the platform allows. X bills each post a read returns, so X channels first reserve the
reads from the monthly read budget (``collecting.x_monthly_read_budget``) and ask for no
more than granted. A failing channel is reported and the others still run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlmodel import col

from social_assistant import audit
from social_assistant.channels.base import Channel, ChannelError, Engagement, ReplyPage
from social_assistant.clock import Clock
from social_assistant.collecting.budget import ReadBudget
from social_assistant.db import Database
from social_assistant.db.models import (
    Channel as ChannelRow,
)
from social_assistant.db.models import (
    EngagementSnapshot,
    Publication,
    PublicationStatus,
)
from social_assistant.settings import Settings


@dataclass(frozen=True)
class ChannelOutcome:
    """What one channel gave: snapshots stored, posts skipped for the budget, or an error."""

    channel: str
    stored: int
    skipped: int = 0
    error: str | None = None


def fetch_engagement(
    database: Database,
    settings: Settings,
    clock: Clock,
    opener: Callable[[str], Channel],
    *,
    days: int = 7,
    actor: str = "system",
) -> list[ChannelOutcome]:
    """One snapshot per post published in the last ``days``, per configured channel."""
    now = clock.now()
    outcomes: list[ChannelOutcome] = []
    for (channel_id, name), posts in _recent_posts(database, now - timedelta(days=days)).items():
        if name not in {c.name for c in settings.channels}:
            continue
        outcomes.append(
            _fetch_channel(database, settings, clock, opener, channel_id, name, posts, actor)
        )
    return outcomes


def _recent_posts(database: Database, since: datetime) -> dict[tuple[int, str], dict[str, int]]:
    """(channel id, name) -> {remote id: publication id} of the posts published since."""
    query = (
        select(col(ChannelRow.id), col(ChannelRow.name), col(Publication.remote_id),
               col(Publication.id))
        .join(ChannelRow, col(ChannelRow.id) == col(Publication.channel_id))
        .where(col(Publication.status) == PublicationStatus.PUBLISHED)
        .where(col(Publication.remote_id).is_not(None), col(Publication.published_at) >= since)
        .order_by(col(Publication.published_at).desc())
    )  # fmt: skip
    found: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    with database.session() as session:
        for channel_id, name, remote_id, publication_id in session.execute(query):
            found[(channel_id, name)][remote_id] = publication_id
    return found


def _fetch_channel(
    database: Database,
    settings: Settings,
    clock: Clock,
    opener: Callable[[str], Channel],
    channel_id: int,
    name: str,
    posts: dict[str, int],
    actor: str,
) -> ChannelOutcome:
    wanted = list(posts)
    budget: ReadBudget | None = None
    try:
        channel = opener(name)
        if channel.bills_reads:
            monthly = settings.collecting.x_monthly_read_budget
            budget = ReadBudget(database, clock, channel_id, monthly)
            wanted = wanted[: budget.reserve(len(wanted), 1)]
        counts = channel.engagement(wanted) if wanted else []
    except ChannelError as exc:
        if budget is not None:
            budget.release()
        return ChannelOutcome(name, 0, error=str(exc))
    if budget is not None:
        budget.settle(ReplyPage([], reads=len(counts), granted=len(wanted), complete=True))
    _store(database, clock, channel_id, posts, counts, actor)
    return ChannelOutcome(name, len(counts), skipped=len(posts) - len(wanted))


def _store(
    database: Database,
    clock: Clock,
    channel_id: int,
    posts: dict[str, int],
    counts: list[Engagement],
    actor: str,
) -> None:
    now = clock.now()
    rows = [
        {"publication_id": posts[c.remote_id], "fetched_at": now, "likes": c.likes,
         "reposts": c.reposts, "comments": c.comments}
        for c in counts if c.remote_id in posts
    ]  # fmt: skip
    with database.session() as session:
        if rows:
            session.execute(insert(EngagementSnapshot), rows)
        audit.record(
            session,
            "engagement.fetched",
            actor=actor,
            subject_type="channel",
            subject_id=channel_id,
            at=now,
            posts=len(rows),
            likes=sum(r["likes"] for r in rows),
            reposts=sum(r["reposts"] for r in rows),
            comments=sum(r["comments"] for r in rows),
        )
