"""Show UTC times as officers read them: local zone, Indonesian names, zone abbreviation."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

_DAYS_ID = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
_MONTHS_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def local_text(moment: datetime | None, zone: ZoneInfo, language: str = "id") -> str:
    """``Sen 07 Des 2026 08:00 WITA`` (or the English form); ``-`` for no time."""
    if moment is None:
        return "-"
    here = moment.astimezone(zone)
    if language == "en":
        return here.strftime("%a %d %b %Y %H:%M %Z")
    day = _DAYS_ID[here.weekday()]
    month = _MONTHS_ID[here.month - 1]
    return f"{day} {here.day:02d} {month} {here.year} {here:%H:%M} {here.tzname()}"
