"""Poll our published posts for citizens' replies, store them, triage them, flag them.

Per channel, the posts due for polling are read in as few calls as the platform allows
(X: many conversations in one search query, see ``Channel.reply_batches``). Each post
keeps its watermark (``Publication.replies_cursor``) and next poll time on its outbox
row; the posts of one X query advance together, only after the read went to its end,
so a restart loses nothing and a reply is never stored twice (unique per channel and
platform id). X channels also read their mentions (watermark per channel in
``reply_cursors``) and never spend more than their monthly read budget
(:mod:`social_assistant.collecting.budget`): newest posts and posts with fresh replies
first, old quiet posts skipped while the budget is low. A failing platform only delays
the posts it failed for. X search shows no deletions, so every
``deletion_check_minutes`` the X replies stored in the last ``window_days`` are looked
up by id, in id order from a per-channel cursor (``reply_cursors``, source
``x_deletions``), and those X no longer serves are marked deleted (within the budget).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from typing import overload

from sqlalchemy import func, or_
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from social_assistant.channels import Channel, ChannelError
from social_assistant.channels.base import ReplyPage
from social_assistant.clock import Clock
from social_assistant.collecting.budget import ReadBudget
from social_assistant.collecting.intake import Intake
from social_assistant.collecting.schedule import next_poll
from social_assistant.collecting.store import mark_deleted
from social_assistant.db import Database
from social_assistant.db.models import Channel as ChannelRow
from social_assistant.db.models import Publication, PublicationStatus, Reply, ReplyCursor
from social_assistant.settings import Settings

log = logging.getLogger(__name__)
RETRY_AFTER_ERROR = timedelta(minutes=5)
FRESH = timedelta(hours=24)
MENTIONS = "x_mentions"
DELETIONS = "x_deletions"
DELETION_CHECKS_PER_RUN = 1000  # replies looked up per channel and run (10 calls)


@dataclass(frozen=True)
class DuePost:
    """A published post whose replies are due to be read."""

    publication_id: int
    channel_id: int
    channel: str
    remote_id: str
    cursor: str | None
    published_at: datetime
    last_reply_at: datetime | None
    resume_until: str | None = None  # the rest of a read cut short: below this id
    pending_cursor: str | None = None  # the watermark once that rest is read

    def fresh(self, now: datetime) -> bool:
        """New, or with a reply in the last day: where replies are likely."""
        recent = self.last_reply_at is not None and now - self.last_reply_at <= FRESH
        return recent or now - self.published_at <= FRESH


class Collector:
    """Collects replies for due posts and mentions; one per daemon."""

    def __init__(
        self,
        settings: Settings,
        database: Database,
        clock: Clock,
        open_channel: Callable[[str], Channel],
    ) -> None:
        self.settings = settings
        self.database = database
        self.clock = clock
        self._open_channel = open_channel
        self._channels: dict[str, Channel] = {}
        self._lock = threading.Lock()
        self.intake = Intake(settings)

    def run_once(self) -> int:
        """Read every due post and due mentions once; returns how many new replies."""
        with self._lock:
            stored = 0
            for (channel_id, name), posts in groupby(
                self._due(), key=lambda p: (p.channel_id, p.channel)
            ):
                stored += self._collect_channel(channel_id, name, list(posts))
            x_channels = self._x_channels()
            stored += sum(self._mentions(cid, name) for cid, name in x_channels)
            for channel_id, name in x_channels:
                self.check_deletions(channel_id, name)
            return stored

    # -- posts -------------------------------------------------------------------------

    def _due(self) -> list[DuePost]:
        now = self.clock.now()
        window = now - timedelta(days=self.settings.collecting.window_days)
        last = (
            select(col(Reply.publication_id), func.max(Reply.posted_at).label("last"))
            .group_by(col(Reply.publication_id))
            .subquery()
        )
        query = (
            sa_select(
                col(Publication.id),
                col(Publication.channel_id),
                col(ChannelRow.name),
                col(Publication.remote_id),
                col(Publication.replies_cursor),
                col(Publication.published_at),
                last.c.last,
                col(Publication.replies_resume_until),
                col(Publication.replies_pending_cursor),
            )
            .join(ChannelRow, col(ChannelRow.id) == col(Publication.channel_id))
            .outerjoin(last, last.c.publication_id == col(Publication.id))
            .where(col(Publication.status) == PublicationStatus.PUBLISHED)
            .where(col(Publication.remote_id).is_not(None))
            .where(col(Publication.published_at) >= window)
            .where(
                or_(
                    col(Publication.replies_next_poll_at).is_(None),
                    col(Publication.replies_next_poll_at) <= now,
                )
            )
            .order_by(col(Publication.replies_next_poll_at), col(Publication.id))
            .limit(self.settings.collecting.batch_size)
        )
        with self.database.session() as session:
            rows = session.execute(query).all()
        posts = [
            DuePost(pid, cid, name, remote, cursor, published or now, last_at, until, pending)
            for pid, cid, name, remote, cursor, published, last_at, until, pending in rows
            if pid is not None and remote is not None
        ]
        return sorted(posts, key=lambda p: (p.channel_id, p.publication_id))

    def _collect_channel(self, channel_id: int, name: str, posts: list[DuePost]) -> int:
        try:
            channel = self._channel(name)
        except (ChannelError, KeyError) as error:
            log.warning("channel %s cannot be opened to read replies: %s", name, error)
            self._reschedule(posts, self.clock.now() + RETRY_AFTER_ERROR)
            return 0
        budget = self._budget(channel, channel_id)
        posts = self._affordable(posts, budget)
        # A post whose last read was cut short is read on its own, below where that
        # read stopped; the others share queries as the platform allows.
        stored = sum(
            self._read_batch(channel, channel_id, [p], budget, p.resume_until)
            for p in posts
            if p.resume_until is not None
        )
        by_remote = {p.remote_id: p for p in posts if p.resume_until is None}
        return stored + sum(
            self._read_batch(channel, channel_id, [by_remote[r] for r in batch], budget)
            for batch in channel.reply_batches(list(by_remote))
        )

    def _affordable(self, posts: list[DuePost], budget: ReadBudget | None) -> list[DuePost]:
        """The posts worth reading now, likeliest replies first; the rest wait their turn."""
        now = self.clock.now()
        ranked = sorted(posts, key=lambda p: (not p.fresh(now), -p.published_at.timestamp()))
        if budget is None:
            return ranked
        headroom = budget.headroom()
        low = headroom < budget.daily_share(now) // 2
        keep = [p for p in ranked if headroom > 0 and (p.fresh(now) or not low)]
        skipped = [p for p in ranked if p not in keep]
        if skipped:
            log.info(
                "X read budget of channel %s low (%d reads left today): %d posts wait",
                posts[0].channel,
                headroom,
                len(skipped),
            )
            self._reschedule(skipped, None)
        return keep

    def _read_batch(
        self,
        channel: Channel,
        channel_id: int,
        posts: Sequence[DuePost],
        budget: ReadBudget | None,
        until: str | None = None,
    ) -> int:
        cursors = {p.remote_id: p.cursor for p in posts}
        publications = {p.remote_id: p.publication_id for p in posts}
        stored, last = 0, None
        reserve = budget.reserve if budget else None
        try:
            for page in channel.read_replies(cursors, reserve, until):
                if budget is not None:
                    budget.settle(page)
                stored += self._take(channel_id, page, publications)
                last = page
        except ChannelError as error:
            if budget is not None:
                budget.release()
            log.warning(
                "replies of publications %s: %s",
                ", ".join(str(p.publication_id) for p in posts),
                error.message,
            )
            self._reschedule(posts, error.retry_at or self.clock.now() + RETRY_AFTER_ERROR)
            return stored
        self._polled(posts, last)
        return stored

    def _take(self, channel_id: int, page: ReplyPage, publications: dict[str, int]) -> int:
        now = self.clock.now()
        with self.database.session() as session:
            self.intake.reject(session, channel_id, page.rejected, now)
            return self.intake.accept(session, channel_id, page.replies, publications, now)

    def _polled(self, posts: Iterable[DuePost], last: ReplyPage | None) -> None:
        """Record a read: a complete one moves the watermark; one cut short (by the read
        budget) remembers where it stopped, so the next read goes on below that point
        instead of reading the newest pages again."""
        now = self.clock.now()
        with self.database.session() as session:
            for post in posts:
                row = session.get(Publication, post.publication_id)
                if row is None:
                    continue
                if last is not None and last.complete:
                    row.replies_cursor = _later(last.cursor, post.pending_cursor)
                    row.replies_resume_until = row.replies_pending_cursor = None
                elif last is not None and last.oldest is not None:
                    row.replies_resume_until = last.oldest
                    row.replies_pending_cursor = _later(last.newest, post.pending_cursor)
                row.replies_polled_at = now
                row.replies_next_poll_at = self._next(post.published_at, now)

    def _reschedule(self, posts: Iterable[DuePost], at: datetime | None) -> None:
        now = self.clock.now()
        with self.database.session() as session:
            for post in posts:
                row = session.get(Publication, post.publication_id)
                if row is not None:
                    row.replies_next_poll_at = at or self._next(post.published_at, now)

    def _next(self, published_at: datetime, now: datetime) -> datetime:
        # Past the window the post is not polled again (it no longer matches _due).
        return next_poll(published_at, now, self.settings.collecting) or now

    # -- mentions ----------------------------------------------------------------------

    def _x_channels(self) -> list[tuple[int, str]]:
        names = [c.name for c in self.settings.channels if c.kind == "x"]
        if not names:
            return []
        with self.database.session() as session:
            rows = session.exec(
                select(ChannelRow.id, ChannelRow.name)
                .where(col(ChannelRow.name).in_(names))
                .where(col(ChannelRow.enabled))
            ).all()
        return [(cid, name) for cid, name in rows if cid is not None]

    def _mentions(self, channel_id: int, name: str) -> int:
        """Read the channel's mentions when due (watermark per channel)."""
        now = self.clock.now()
        state = self._cursor_state(channel_id, MENTIONS)
        if state.next_poll_at is not None and state.next_poll_at > now:
            return 0
        try:
            channel = self._channel(name)
        except (ChannelError, KeyError) as error:
            log.warning("channel %s cannot be opened to read mentions: %s", name, error)
            return 0
        if not channel.has_mentions:
            return 0
        budget = self._budget(channel, channel_id)
        stored, complete, cursor = 0, False, state.cursor
        retry_at: datetime | None = None
        try:
            for page in channel.read_mentions(state.cursor, budget.reserve if budget else None):
                if budget is not None:
                    budget.settle(page)
                publications = self._publications(channel_id, page)
                stored += self._take(channel_id, page, publications)
                complete, cursor = page.complete, page.cursor or cursor
        except ChannelError as error:
            if budget is not None:
                budget.release()
            log.warning("mentions of channel %s: %s", name, error.message)
            retry_at = error.retry_at or now + RETRY_AFTER_ERROR
        every = timedelta(minutes=self.settings.collecting.mentions_poll_minutes)
        self._save_cursor(
            state.id, cursor if complete else state.cursor, retry_at or self.clock.now() + every
        )
        return stored

    # -- deletions ---------------------------------------------------------------------

    def check_deletions(self, channel_id: int, name: str) -> int:
        """Look up the channel's recent replies when due; returns how many were deleted.

        Only replies collected at least ``deletion_check_minutes`` ago are checked. The
        cursor holds the last reply id checked; a pass that reaches the newest reply
        starts over after ``deletion_check_minutes``, one cut short (run limit, budget,
        error) goes on from there.
        """
        every = self.settings.collecting.deletion_check_minutes
        now = self.clock.now()
        if every <= 0:
            return 0
        state = self._cursor_state(channel_id, DELETIONS, create=False)
        if state is not None and state.next_poll_at is not None and state.next_poll_at > now:
            return 0
        cursor_text = state.cursor if state is not None else None
        after = int(cursor_text) if cursor_text and cursor_text.isdigit() else 0
        candidates = self._undeleted(channel_id, after, now - timedelta(minutes=every))
        if not candidates and state is None:
            return 0
        state = state or self._cursor_state(channel_id, DELETIONS)
        try:
            channel = self._channel(name)
        except (ChannelError, KeyError) as error:
            log.warning("channel %s cannot be opened to check deletions: %s", name, error)
            return 0
        budget = self._budget(channel, channel_id)
        checked: set[str] = set()
        deleted, failed = 0, False
        next_at = now + timedelta(minutes=every)
        try:
            for result in channel.check_deleted(
                list(candidates), budget.reserve if budget else None
            ):
                if budget is not None:
                    budget.settle(result)
                checked.update(result.checked)
                deleted += self._mark_deleted(channel_id, sorted(result.missing))
        except ChannelError as error:
            if budget is not None:
                budget.release()
            log.warning("deletion check of channel %s: %s", name, error.message)
            next_at = error.retry_at or now + RETRY_AFTER_ERROR
            failed = True
        done = [reply_id for platform_id, reply_id in candidates.items() if platform_id in checked]
        unchecked = len(done) < len(candidates)
        if unchecked and not failed:
            log.info(
                "X read budget of channel %s: %d replies wait for their deletion check",
                name,
                len(candidates) - len(done),
            )
        if len(candidates) == DELETION_CHECKS_PER_RUN and not unchecked:
            next_at = now  # more replies are waiting: go on at the next run
        finished = not unchecked and len(candidates) < DELETION_CHECKS_PER_RUN
        cursor = None if finished else str(max(done, default=after))
        self._save_cursor(state.id, cursor, next_at)
        return deleted

    def _undeleted(self, channel_id: int, after: int, before: datetime) -> dict[str, int]:
        """Platform id to row id of replies to check next (collected in the window, not
        after ``before``), in id order."""
        window = self.clock.now() - timedelta(days=self.settings.collecting.window_days)
        with self.database.session() as session:
            rows = session.exec(
                select(Reply.platform_id, Reply.id)
                .where(Reply.channel_id == channel_id)
                .where(col(Reply.deleted_at).is_(None))
                .where(col(Reply.collected_at) >= window)
                .where(col(Reply.collected_at) <= before)
                .where(col(Reply.id) > after)
                .order_by(col(Reply.id))
                .limit(DELETION_CHECKS_PER_RUN)
            ).all()
        return {platform_id: reply_id for platform_id, reply_id in rows if reply_id is not None}

    def _mark_deleted(self, channel_id: int, platform_ids: Sequence[str]) -> int:
        now = self.clock.now()
        with self.database.session() as session:
            rows = [
                mark_deleted(session, channel_id, platform_id, now, source="x_lookup")
                for platform_id in platform_ids
            ]
        return sum(1 for row in rows if row is not None)

    @overload
    def _cursor_state(self, channel_id: int, source: str) -> ReplyCursor: ...

    @overload
    def _cursor_state(
        self, channel_id: int, source: str, *, create: bool
    ) -> ReplyCursor | None: ...

    def _cursor_state(
        self, channel_id: int, source: str, *, create: bool = True
    ) -> ReplyCursor | None:
        with self.database.session() as session:
            state = session.exec(
                select(ReplyCursor).where(
                    ReplyCursor.channel_id == channel_id, ReplyCursor.source == source
                )
            ).first()
            if state is None and create:
                state = ReplyCursor(channel_id=channel_id, source=source)
                session.add(state)
                session.flush()
            return state

    def _save_cursor(self, state_id: int | None, cursor: str | None, at: datetime) -> None:
        with self.database.session() as session:
            state = session.get(ReplyCursor, state_id)
            if state is not None:
                state.cursor = cursor
                state.polled_at = self.clock.now()
                state.next_poll_at = at

    def _publications(self, channel_id: int, page: ReplyPage) -> dict[str, int]:
        """Our publications among the conversations of ``page``'s replies."""
        conversations = {r.conversation_id for r in page.replies if r.conversation_id}
        if not conversations:
            return {}
        with self.database.session() as session:
            rows = session.exec(
                select(Publication.remote_id, Publication.id)
                .where(Publication.channel_id == channel_id)
                .where(col(Publication.remote_id).in_(conversations))
            ).all()
        return {remote: pid for remote, pid in rows if remote is not None and pid is not None}

    # -- shared ------------------------------------------------------------------------

    def _budget(self, channel: Channel, channel_id: int) -> ReadBudget | None:
        if not channel.bills_reads:
            return None
        return ReadBudget(
            self.database, self.clock, channel_id, self.settings.collecting.x_monthly_read_budget
        )

    def _channel(self, name: str) -> Channel:
        if name not in self._channels:
            self._channels[name] = self._open_channel(name)
        return self._channels[name]


def _later(cursor: str | None, pending: str | None) -> str | None:
    """The newer of a read's watermark and the one a cut-short read left pending (X ids;
    only X reads are cut short, so ``pending`` is set only for numeric ids)."""
    if cursor is None or pending is None:
        return cursor or pending
    return cursor if int(cursor) >= int(pending) else pending
