"""A reporting period: whole local days in the office's time zone, as UTC bounds.

Written ``2026-11`` (a month), ``2026`` (a year), ``2026-11-02`` (a day) or
``2026-11-01..2026-12-31`` (an inclusive range of days).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


class PeriodError(ValueError):
    """The period text cannot be read; the message says which forms are accepted."""


@dataclass(frozen=True)
class Period:
    """Local days ``first`` to ``last`` (inclusive) in ``zone``."""

    first: date
    last: date
    zone: ZoneInfo
    label: str
    key: str

    @property
    def start(self) -> datetime:
        """The first moment of the period, in UTC."""
        return datetime.combine(self.first, time(), tzinfo=self.zone).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The moment after the period (exclusive), in UTC."""
        after = self.last + timedelta(days=1)
        return datetime.combine(after, time(), tzinfo=self.zone).astimezone(UTC)

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def months(self) -> list[str]:
        """``YYYY-MM`` of every month the period touches, in order."""
        found: list[str] = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            found.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found


def iso_utc(moment: datetime) -> str:
    """``2026-11-01T00:00:00Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def month_name(key: str) -> str:
    """``2026-11`` -> ``November 2026``."""
    year, month = key.split("-")
    return f"{_MONTHS_ID[int(month) - 1]} {year}"


def parse_period(text: str, zone: ZoneInfo) -> Period:
    """Read a period; raises :class:`PeriodError` naming the accepted forms."""
    text = text.strip()
    try:
        if found := _MONTH.match(text):
            year, month = int(found[1]), int(found[2])
            first = date(year, month, 1)
            last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            return Period(first, last, zone, month_name(text), text)
        if _YEAR.match(text):
            year = int(text)
            return Period(date(year, 1, 1), date(year, 12, 31), zone, f"Tahun {year}", text)
        if ".." in text:
            left, right = text.split("..", 1)
            first, last = date.fromisoformat(left), date.fromisoformat(right)
        else:
            first = last = date.fromisoformat(text)
    except ValueError:
        raise _bad(text) from None
    if last < first:
        raise PeriodError(f"period {text!r} ends before it starts")
    if first == last:
        return Period(first, last, zone, first.isoformat(), first.isoformat())
    key = f"{first.isoformat()}..{last.isoformat()}"
    return Period(first, last, zone, f"{first.isoformat()} s.d. {last.isoformat()}", key)


def _bad(text: str) -> PeriodError:
    return PeriodError(
        f"period {text!r} is not YYYY-MM, YYYY, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD"
    )
