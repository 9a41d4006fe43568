"""What happens to replies once read, whichever way they came (polling or webhook):
stored once, triaged, aspirations opened; unreadable payloads kept raw."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlmodel import Session

from social_assistant.channels.base import RejectedItem, RemoteReply
from social_assistant.collecting.inbox import open_items
from social_assistant.collecting.store import store_rejected, store_replies
from social_assistant.settings import Settings
from social_assistant.triage.classify import Triager
from social_assistant.workdays import calendar_for


class Intake:
    """Stores, triages and flags replies for one process (the model loads once)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.calendar = calendar_for(settings)
        self._triager: Triager | None = None

    @property
    def triager(self) -> Triager:
        if self._triager is None:
            self._triager = Triager()
        return self._triager

    def accept(
        self,
        session: Session,
        channel_id: int,
        replies: Sequence[RemoteReply],
        publications: Mapping[str, int],
        now: datetime,
    ) -> int:
        """Store ``replies``; each new one is triaged and may open an aspiration."""
        new = store_replies(session, channel_id, replies, publications, now)
        triaged = [(reply, self.triager.classify(reply.text)) for reply in new]
        open_items(session, triaged, self.settings, self.calendar, now)
        return len(new)

    def reject(
        self,
        session: Session,
        channel_id: int | None,
        rejected: Sequence[RejectedItem],
        now: datetime,
    ) -> int:
        """Keep unreadable payloads raw with the reason (each once)."""
        return store_rejected(session, channel_id, rejected, now) if rejected else 0
