"""A reply watermark for platforms whose ids do not grow with time (Facebook comments).

It holds the newest creation time seen plus the ids seen at exactly that time, written
``<ISO time>|<id>,<id>``; a reply is new when it is younger, or as old but unseen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from social_assistant.channels._http import parse_time
from social_assistant.channels.base import RemoteReply


@dataclass(frozen=True)
class TimeWatermark:
    """The newest reply time seen, and the ids seen at that time."""

    time: datetime | None
    ids: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str | None) -> TimeWatermark:
        """Read a watermark written by :meth:`format` (None: nothing seen yet)."""
        stamp, _, ids = (text or "").partition("|")
        return cls(parse_time(stamp), frozenset(filter(None, ids.split(","))))

    def admits(self, reply: RemoteReply) -> bool:
        """Whether ``reply`` is newer than the watermark."""
        if self.time is None or reply.created_at is None:
            return True
        return reply.created_at > self.time or (
            reply.created_at == self.time and reply.platform_id not in self.ids)

    def advanced(self, replies: Sequence[RemoteReply]) -> TimeWatermark:
        """The watermark after also seeing ``replies``."""
        times = [r.created_at for r in replies if r.created_at is not None]
        newest = max([*times, *([self.time] if self.time else [])], default=None)
        if newest is None:
            return self
        ids = {r.platform_id for r in replies if r.created_at == newest}
        return TimeWatermark(newest, frozenset(ids | (self.ids if newest == self.time else set())))

    def format(self) -> str | None:
        """The watermark as text (None when nothing was seen)."""
        if self.time is None:
            return None
        return f"{self.time.isoformat()}|{','.join(sorted(self.ids))}"
