"""The monthly X read budget: reads are reserved before a call and never pass the budget.

X bills every post a read returns. Each X channel may read ``x_monthly_read_budget``
posts per calendar month (UTC), spent evenly: by the end of day ``d`` of an ``n``-day
month at most ``budget * d / n`` (unused reads carry over to later days). A call
reserves up to the page size with one conditional UPDATE (``reads + n <= cap``), so
several daemons share the budget; what the page did not use is given back after it.
"""

from __future__ import annotations

import calendar
import math
from datetime import datetime
from typing import Protocol

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from social_assistant.clock import Clock
from social_assistant.db import Database
from social_assistant.db.models import ReadUsage


class Billed(Protocol):
    """A read's outcome: ``granted`` reads reserved, ``reads`` billed (a ReplyPage or a
    DeletionCheck)."""

    @property
    def granted(self) -> int: ...

    @property
    def reads(self) -> int: ...


def month_of(moment: datetime) -> str:
    """The billing month of ``moment`` (``YYYY-MM``, UTC)."""
    return f"{moment.year:04d}-{moment.month:02d}"


class ReadBudget:
    """One channel's reads this month; ``reserve`` is a :class:`~channels.base.Reserve`."""

    def __init__(self, database: Database, clock: Clock, channel_id: int, monthly: int) -> None:
        self.database = database
        self.clock = clock
        self.channel_id = channel_id
        self.monthly = monthly
        self.outstanding = 0
        self._month = month_of(clock.now())

    def cap(self, now: datetime) -> int:
        """Reads allowed from the start of the month to the end of today."""
        days = calendar.monthrange(now.year, now.month)[1]
        return min(self.monthly, math.ceil(self.monthly * now.day / days))

    def daily_share(self, now: datetime) -> int:
        return self.monthly // calendar.monthrange(now.year, now.month)[1]

    def used(self) -> int:
        """Reads counted this month (reservations included)."""
        month = month_of(self.clock.now())
        with self.database.session() as session:
            row = session.exec(
                select(ReadUsage.reads).where(
                    ReadUsage.channel_id == self.channel_id, ReadUsage.month == month
                )
            ).first()
        return row or 0

    def headroom(self) -> int:
        """Reads still allowed today."""
        return max(0, self.cap(self.clock.now()) - self.used())

    def reserve(self, wanted: int, minimum: int) -> int:
        """Reserve up to ``wanted`` reads (0 when fewer than ``minimum`` are left)."""
        now = self.clock.now()
        cap, month = self.cap(now), month_of(now)
        self._month = month
        self._ensure_row(month)
        for _ in range(5):
            granted = min(wanted, cap - self.used())
            if granted < max(1, minimum):
                return 0
            with self.database.session() as session:
                changed = session.execute(
                    update(ReadUsage)
                    .where(col(ReadUsage.channel_id) == self.channel_id)
                    .where(col(ReadUsage.month) == month)
                    .where(col(ReadUsage.reads) + granted <= cap)
                    .values(reads=col(ReadUsage.reads) + granted, calls=col(ReadUsage.calls) + 1)
                ).rowcount  # type: ignore[attr-defined]
            if changed == 1:
                self.outstanding += granted
                return granted
        return 0

    def settle(self, page: Billed) -> None:
        """Give back what ``page`` was granted but did not read."""
        self.outstanding -= page.granted
        self._give_back(page.granted - page.reads)

    def release(self) -> None:
        """Give back reservations of a call that failed (X bills no failed call)."""
        self._give_back(self.outstanding)
        self.outstanding = 0

    def _give_back(self, reads: int) -> None:
        if reads <= 0:
            return
        with self.database.session() as session:
            session.execute(
                update(ReadUsage)
                .where(col(ReadUsage.channel_id) == self.channel_id)
                .where(col(ReadUsage.month) == self._month)
                .values(reads=col(ReadUsage.reads) - reads)
            )

    def _ensure_row(self, month: str) -> None:
        with self.database.session() as session:
            exists = session.exec(
                select(ReadUsage.id).where(
                    ReadUsage.channel_id == self.channel_id, ReadUsage.month == month
                )
            ).first()
        if exists is not None:
            return
        try:
            with self.database.session() as session:
                session.add(ReadUsage(channel_id=self.channel_id, month=month))
        except IntegrityError:
            pass  # another daemon created it first
