"""Poll our published posts for citizens' replies, store them, triage them, flag them.

Each post keeps its own watermark (``replies_cursor``) and next poll time on its outbox
row, so a restart loses nothing and a reply is never stored twice (unique per channel
and platform id). A failing platform only delays that post's next poll.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import col, select

from social_assistant.channels import Channel, ChannelError
from social_assistant.clock import Clock
from social_assistant.collecting.inbox import open_item
from social_assistant.collecting.schedule import next_poll
from social_assistant.collecting.store import store_replies
from social_assistant.db import Database
from social_assistant.db.models import Channel as ChannelRow
from social_assistant.db.models import Publication, PublicationStatus
from social_assistant.settings import Settings
from social_assistant.triage.classify import Triager
from social_assistant.workdays import calendar_for

log = logging.getLogger(__name__)
RETRY_AFTER_ERROR = timedelta(minutes=5)


class Collector:
    """Collects replies for due posts; one per daemon."""

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
        self._triager: Triager | None = None
        self._lock = threading.Lock()
        self.calendar = calendar_for(settings)

    def run_once(self) -> int:
        """Poll every due post once; returns how many new replies were stored."""
        with self._lock:
            return sum(self._poll(pid, name) for pid, name in self._due())

    def _due(self) -> list[tuple[int, str]]:
        now = self.clock.now()
        window = now - timedelta(days=self.settings.collecting.window_days)
        query = (
            select(Publication.id, ChannelRow.name)
            .join(ChannelRow, col(ChannelRow.id) == col(Publication.channel_id))
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
            return [(pid, name) for pid, name in session.exec(query).all() if pid is not None]

    def _poll(self, publication_id: int, channel_name: str) -> int:
        with self.database.session() as session:
            row = session.get(Publication, publication_id)
            assert row is not None and row.remote_id is not None
            post_ids = list(dict.fromkeys([row.remote_id, *row.part_ids]))
            cursor = row.replies_cursor
        try:
            replies, cursor = self._channel(channel_name).fetch_replies(post_ids, cursor)
        except ChannelError as error:
            log.warning("replies of publication %s: %s", publication_id, error.message)
            self._delay(publication_id, error.retry_at or self.clock.now() + RETRY_AFTER_ERROR)
            return 0
        now = self.clock.now()
        with self.database.session() as session:
            row = session.get(Publication, publication_id)
            assert row is not None
            new = store_replies(session, row.channel_id, publication_id, replies, now)
            for reply in new:
                open_item(
                    session,
                    reply,
                    self.triager.classify(reply.text),
                    self.settings,
                    self.calendar,
                    now,
                )
            row.replies_cursor = cursor
            row.replies_polled_at = now
            row.replies_next_poll_at = self._next(row.published_at or now, now)
        return len(new)

    def _next(self, published_at: datetime, now: datetime) -> datetime:
        # Past the window the post is not polled again (it no longer matches _due).
        return next_poll(published_at, now, self.settings.collecting) or now

    def _delay(self, publication_id: int, at: datetime) -> None:
        with self.database.session() as session:
            row = session.get(Publication, publication_id)
            if row is not None:
                row.replies_next_poll_at = at

    @property
    def triager(self) -> Triager:
        if self._triager is None:
            self._triager = Triager()
        return self._triager

    def _channel(self, name: str) -> Channel:
        if name not in self._channels:
            self._channels[name] = self._open_channel(name)
        return self._channels[name]
