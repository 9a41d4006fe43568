"""When an entry goes out: a fixed `publish_at` (with a time zone) or `slot: next`."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from social_assistant.queue.errors import QueueFileError
from social_assistant.queue.fields import wrong_type
from social_assistant.queue.frontmatter import FrontMatter

SLOT_VALUES = ("next",)
_EXAMPLE = "2026-12-08T09:00:00+08:00"
_ZONES_ID = f"{_EXAMPLE} (WITA; +07:00 untuk WIB, +09:00 untuk WIT)"
_ZONES_EN = f"{_EXAMPLE} (WITA; +07:00 for WIB, +09:00 for WIT)"
_DATE_ONLY = re.compile(r"\d{4}-?\d{2}-?\d{2}")


def read_schedule(fm: FrontMatter) -> tuple[datetime | None, str | None]:
    """``(publish_at in UTC, None)`` or ``(None, "next")``; exactly one must be given."""
    given = [key for key in fm.data if key in ("publish_at", "slot")]
    if len(given) == 2:
        raise fm.error(
            given[1],
            "`publish_at` dan `slot` tidak boleh dipakai bersamaan. Hapus salah satunya: "
            "`publish_at` untuk waktu tertentu, `slot: next` untuk slot kosong berikutnya.",
            "`publish_at` and `slot` cannot be used together. Remove one: `publish_at` for a "
            "fixed time, `slot: next` for the next free slot.",
        )
    if not given:
        raise fm.error(
            "publish_at",
            f"waktu tayang belum ditentukan. Tambahkan `publish_at: {_EXAMPLE}` (waktu tertentu, "
            "dengan zona waktu) atau `slot: next` (slot kosong berikutnya).",
            f"no publishing time is given. Add `publish_at: {_EXAMPLE}` (a fixed time, with a "
            "time zone) or `slot: next` (the next free slot).",
            line=1,
        )
    if given[0] == "slot":
        return None, _read_slot(fm)
    return _read_publish_at(fm), None


def _read_slot(fm: FrontMatter) -> str:
    value = fm.data["slot"]
    if isinstance(value, str) and value.strip().lower() in SLOT_VALUES:
        return value.strip().lower()
    raise fm.error(
        "slot",
        "nilai `slot` yang dikenal hanya `next` (slot kosong berikutnya). Tulis `slot: next`, "
        "atau pakai `publish_at` untuk waktu tertentu.",
        "the only known `slot` value is `next` (the next free slot). Write `slot: next`, or "
        "use `publish_at` for a fixed time.",
    )


def _read_publish_at(fm: FrontMatter) -> datetime:
    value = fm.data["publish_at"]
    if isinstance(value, str):
        value = _parse_text(fm, value.strip())
    if isinstance(value, datetime):
        return _to_utc(fm, value)
    if isinstance(value, date):
        raise _date_only(fm)
    if value is None:
        raise fm.error(
            "publish_at",
            f"waktu tayang kosong. Isi misalnya `publish_at: {_EXAMPLE}`, atau pakai `slot: next`.",
            f"the publishing time is empty. Fill it in, e.g. `publish_at: {_EXAMPLE}`, or use "
            "`slot: next`.",
        )
    expected = ("tanggal-waktu dengan zona waktu", "a date-time with a time zone")
    raise wrong_type(fm, "publish_at", value, expected, f"publish_at: {_EXAMPLE}")


def _parse_text(fm: FrontMatter, text: str) -> datetime:
    if _DATE_ONLY.fullmatch(text):
        raise _date_only(fm)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        shown = text[:40].replace("`", "'")
        raise fm.error(
            "publish_at",
            f"`{shown}` bukan tanggal-waktu yang dikenali. Tulis dalam format ISO 8601, "
            f"misalnya {_ZONES_ID}.",
            f"`{shown}` is not a recognised date-time. Write it in ISO 8601 form, e.g. "
            f"{_ZONES_EN}.",
        ) from None


def _to_utc(fm: FrontMatter, value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise fm.error(
            "publish_at",
            f"waktu tidak memiliki zona waktu. Tulis misalnya {_ZONES_ID}.",
            f"the time has no time zone. Write e.g. {_ZONES_EN}.",
        )
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise fm.error(
            "publish_at",
            f"tanggal ini di luar rentang yang dapat dipakai. Tulis misalnya {_ZONES_ID}.",
            f"this date is out of the usable range. Write e.g. {_ZONES_EN}.",
        ) from None


def _date_only(fm: FrontMatter) -> QueueFileError:
    return fm.error(
        "publish_at",
        f"hanya ada tanggal, tanpa jam dan zona waktu. Tulis lengkap, misalnya {_ZONES_ID}.",
        f"only a date is given, without a time and time zone. Write it in full, e.g. {_ZONES_EN}.",
    )


def past_error(path: Path, line: int | None, publish_at: datetime, now: datetime) -> QueueFileError:
    """The error for a fixed publishing time that is not later than ``now``."""
    when = f"{publish_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    at = f"{aware(now).astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    return QueueFileError(
        path,
        f"waktu tayang {when} sudah lewat (sekarang {at}). Ganti dengan waktu yang akan datang, "
        "atau pakai `slot: next`.",
        f"the publishing time {when} has already passed (now {at}). Use a future time, or "
        "`slot: next`.",
        line=line,
        field="publish_at",
    )


def aware(now: datetime) -> datetime:
    """``now`` with a time zone; a naive value is taken to be UTC."""
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)
