"""Indonesian working days: the clocks of aspirations (after SP4N-LAPOR!).

A working day is a weekday that is not an Indonesian national holiday (the ``holidays``
package) and not one of the office's extra days off (cuti bersama, from the settings).
Days are counted in the office's time zone. A deadline of N working days after an item
arrives ends at midnight after the N-th working day following the day it arrived.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from social_assistant.settings import Settings

WEEKEND = frozenset({5, 6})  # Saturday, Sunday
MAX_SEARCH_DAYS = 3660


class WorkingCalendar:
    """Answers "is this a working day", deadlines, and working days elapsed."""

    def __init__(self, zone: ZoneInfo, extra_holidays: Iterable[date] = ()) -> None:
        self.zone = zone
        self.extra = frozenset(extra_holidays)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in WEEKEND and day not in self.extra and not _national(day)

    def holiday_name(self, day: date) -> str | None:
        if day in self.extra:
            return "cuti bersama"
        return _national_holidays(day.year).get(day)

    def deadline(self, received: datetime, working_days: int) -> datetime:
        """When ``working_days`` working days after ``received`` have passed (exclusive)."""
        day = received.astimezone(self.zone).date()
        counted = 0
        for _ in range(MAX_SEARCH_DAYS):
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
                if counted >= working_days:
                    return datetime.combine(day + timedelta(days=1), time(), tzinfo=self.zone)
        raise ValueError(f"no {working_days} working days found after {received}")

    def elapsed(self, received: datetime, now: datetime) -> int:
        """Working days begun since the day ``received`` (for "2 dari 5 hari kerja")."""
        start = received.astimezone(self.zone).date()
        today = now.astimezone(self.zone).date()
        days = (today - start).days
        return sum(1 for n in range(1, days + 1) if self.is_working_day(start + timedelta(n)))

    def working_hours_between(
        self, start: datetime, end: datetime, opens: time = time(8), closes: time = time(16)
    ) -> float:
        """Office hours (``opens`` to ``closes`` local time, on working days) from
        ``start`` to ``end``: the "time to respond" an office can be held to."""
        if end <= start:
            return 0.0
        day = start.astimezone(self.zone).date()
        last = end.astimezone(self.zone).date()
        seconds = 0.0
        while day <= last:
            if self.is_working_day(day):
                open_at = datetime.combine(day, opens, tzinfo=self.zone)
                close_at = datetime.combine(day, closes, tzinfo=self.zone)
                seconds += max((min(end, close_at) - max(start, open_at)).total_seconds(), 0.0)
            day += timedelta(days=1)
        return seconds / 3600


def calendar_for(settings: Settings) -> WorkingCalendar:
    return WorkingCalendar(settings.zone, settings.deadlines.extra_holidays)


def _national(day: date) -> bool:
    return day in _national_holidays(day.year)


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("ID", years=year).items())
