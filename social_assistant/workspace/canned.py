"""Canned replies (``[[canned_replies]]`` in the settings) filled in for one item."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from social_assistant.settings import CANNED_PLACEHOLDERS, Settings
from social_assistant.workspace.errors import InvalidRequest
from social_assistant.workspace.item import ItemView

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def placeholders(view: ItemView, zone: ZoneInfo) -> dict[str, str]:
    """The values of ``{nomor}``, ``{instansi}``, ``{tenggat}`` and ``{nama}`` for ``view``."""
    due = next((c.due_at for c in view.clocks if c.step == "follow_up"), None)
    return {
        "nomor": str(view.id),
        "instansi": view.agency.name if view.agency else "instansi terkait",
        "tenggat": _last_day(due, zone) if due else "secepatnya",
        "nama": f"@{view.reply.author_handle}" if view.reply.author_handle else "Bapak/Ibu",
    }


def render_canned(name: str, view: ItemView, *, settings: Settings) -> str:
    """The canned reply ``name`` filled in for ``view``; InvalidRequest names what is wrong."""
    for index, canned in enumerate(settings.canned_replies):
        if canned.name == name:
            try:
                return canned.text.format(**placeholders(view, settings.zone))
            except (KeyError, IndexError, ValueError) as exc:
                key = f"canned_replies[{index}].text"
                raise InvalidRequest(
                    f"Pengaturan `{key}` memuat placeholder yang tidak dikenal ({exc}); "
                    f"gunakan {_names()}.",
                    f"Setting `{key}` has an unknown placeholder ({exc}); use {_names()}.",
                ) from None
    known = ", ".join(c.name for c in settings.canned_replies) or "-"
    raise InvalidRequest(
        f"Balasan siap pakai `{name}` tidak ada di pengaturan `canned_replies` "
        f"(tersedia: {known}).",
        f"No canned reply `{name}` in setting `canned_replies` (known: {known}).",
    )


def _names() -> str:
    return ", ".join(f"{{{name}}}" for name in CANNED_PLACEHOLDERS)


def _last_day(due: datetime, zone: ZoneInfo) -> str:
    """The last working day before a deadline (deadlines end at midnight), in words."""
    day = (due - timedelta(microseconds=1)).astimezone(zone)
    return f"{_DAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"
