"""The aspiration inbox: filtered, urgent first, newest first, one keyset page at a time.

The order is ``urgent DESC, received_at DESC, id DESC``; each filter on the item itself
(status, kind, category, agency) has a composite index in that order, so a page reads
about ``limit`` index entries, whatever the table size. Pages continue from a cursor
(the last row's sort key), never with OFFSET, and no page counts the whole table.
Text search is ``LIKE``/``ILIKE`` on the citizen's text with the term bound as a
parameter and ``%``, ``_`` and ``\\`` escaped, so it matches literally.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, func, literal, tuple_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from social_assistant.db.models import Agency, Aspiration, AspirationStatus, Channel, Reply
from social_assistant.db.types import UTCDateTime
from social_assistant.taxonomy import Category, Kind
from social_assistant.workdays import WorkingCalendar
from social_assistant.workspace.clocks import Clock, current_clock
from social_assistant.workspace.errors import InvalidRequest

EXCERPT_CHARS = 200
MAX_LIMIT = 200
MAX_SEARCH_CHARS = 200
# ``status="open"``: every item still being handled.
OPEN = "open"
OPEN_STATUSES = (
    AspirationStatus.NEW,
    AspirationStatus.ACKNOWLEDGED,
    AspirationStatus.FORWARDED,
    AspirationStatus.ANSWERED,
)


@dataclass(frozen=True)
class InboxFilter:
    """What the inbox shows. Every field is optional; ``since``/``until`` are local dates
    (inclusive); ``cursor`` is :attr:`InboxPage.next_cursor` of the previous page."""

    status: str | None = None
    kind: str | None = None
    category: str | None = None
    agency: str | None = None
    channel: str | None = None
    since: date | None = None
    until: date | None = None
    search: str | None = None
    urgent_only: bool = False
    limit: int = 50
    cursor: str | None = None


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox: enough to show and sort, nothing heavy."""

    id: int
    kind: str
    category: str
    urgent: bool
    status: str
    agency: str | None
    channel: str
    received_at: datetime
    excerpt: str
    overdue: bool
    clock: Clock | None

    def as_json(self, language: str = "id") -> dict[str, Any]:
        """Stable keys for ``--json`` and the API."""
        return {
            "id": self.id,
            "kind": self.kind,
            "category": self.category,
            "urgent": self.urgent,
            "status": self.status,
            "agency": self.agency,
            "channel": self.channel,
            "received_at": self.received_at.isoformat(),
            "excerpt": self.excerpt,
            "overdue": self.overdue,
            "clock": clock_json(self.clock, language),
        }


@dataclass(frozen=True)
class InboxPage:
    """A page of rows; ``next_cursor`` is None on the last page."""

    rows: list[InboxRow] = field(default_factory=list)
    next_cursor: str | None = None


def clock_json(clock: Clock | None, language: str = "id") -> dict[str, Any] | None:
    if clock is None:
        return None
    return {
        "step": clock.step,
        "elapsed": clock.elapsed,
        "allowed": clock.allowed,
        "overdue": clock.overdue,
        "due_at": clock.due_at.isoformat(),
        "met_at": clock.met_at.isoformat() if clock.met_at else None,
        "text": clock.text(language),
    }


@dataclass(frozen=True)
class _Deadlines:
    status: str
    received_at: datetime
    acknowledge_due_at: datetime | None
    follow_up_due_at: datetime | None
    close_due_at: datetime | None
    acknowledged_at: datetime | None
    forwarded_at: datetime | None
    answered_at: datetime | None
    resolved_at: datetime | None


_DEADLINE_FIELDS = (
    "status",
    "received_at",
    "acknowledge_due_at",
    "follow_up_due_at",
    "close_due_at",
    "acknowledged_at",
    "forwarded_at",
    "answered_at",
    "resolved_at",
)


def list_items(
    session: Session, filter: InboxFilter, *, now: datetime, calendar: WorkingCalendar
) -> InboxPage:
    """One page of the inbox. Raises :class:`InvalidRequest` for a wrong filter value.

    Permissions are the caller's: viewing needs ``Action.VIEW``.
    """
    limit = _limit(filter.limit)
    query = _query(session, filter, calendar.zone)
    if query is None:  # an agency or channel that does not exist: nothing to show
        return InboxPage()
    rows = session.execute(query.limit(limit + 1)).all()
    more = len(rows) > limit
    items = [_row(row, calendar, now) for row in rows[:limit]]
    last = items[-1] if more and items else None
    return InboxPage(items, _cursor(last) if last else None)


def _query(session: Session, filter: InboxFilter, zone: ZoneInfo) -> Any:
    query = (
        sa_select(
            col(Aspiration.id),
            col(Aspiration.kind),
            col(Aspiration.category),
            col(Aspiration.urgent),
            col(Agency.code),
            col(Channel.name),
            func.substr(Reply.text, 1, EXCERPT_CHARS).label("excerpt"),
            *(col(getattr(Aspiration, name)) for name in _DEADLINE_FIELDS),
        )
        .join(Reply, col(Reply.id) == col(Aspiration.reply_id))
        .join(Channel, col(Channel.id) == col(Reply.channel_id))
        .outerjoin(Agency, col(Agency.id) == col(Aspiration.agency_id))
        .order_by(
            col(Aspiration.urgent).desc(),
            col(Aspiration.received_at).desc(),
            col(Aspiration.id).desc(),
        )
    )
    for condition in _conditions(filter, zone):
        query = query.where(condition)
    if filter.agency:
        agency_id = session.exec(select(Agency.id).where(Agency.code == filter.agency)).first()
        if agency_id is None:
            return None
        query = query.where(col(Aspiration.agency_id) == agency_id)
    if filter.channel:
        channel_id = session.exec(select(Channel.id).where(Channel.name == filter.channel)).first()
        if channel_id is None:
            return None
        query = query.where(col(Reply.channel_id) == channel_id)
    return query


def _conditions(filter: InboxFilter, zone: ZoneInfo) -> list[Any]:
    conditions: list[Any] = []
    if filter.status == OPEN:
        conditions.append(col(Aspiration.status).in_([str(s) for s in OPEN_STATUSES]))
    elif filter.status:
        conditions.append(col(Aspiration.status) == _member(AspirationStatus, filter.status))
    if filter.kind:
        conditions.append(col(Aspiration.kind) == _member(Kind, filter.kind))
    if filter.category:
        conditions.append(col(Aspiration.category) == _member(Category, filter.category))
    if filter.urgent_only:
        conditions.append(col(Aspiration.urgent).is_(True))
    if filter.since:
        conditions.append(col(Aspiration.received_at) >= _start_of(filter.since, zone))
    if filter.until:
        conditions.append(
            col(Aspiration.received_at) < _start_of(filter.until + timedelta(days=1), zone)
        )
    if filter.search and filter.search.strip():
        conditions.append(col(Reply.text).ilike(like_pattern(filter.search), escape="\\"))
    if filter.cursor:
        urgent, received_at, item_id = decode_cursor(filter.cursor)
        key = tuple_(col(Aspiration.urgent), col(Aspiration.received_at), col(Aspiration.id))
        after = (literal(urgent, Boolean()), literal(received_at, UTCDateTime()), item_id)
        conditions.append(key < tuple_(*after))
    return conditions


def like_pattern(term: str) -> str:
    """``%term%`` with the LIKE wildcards in ``term`` escaped (escape character ``\\``)."""
    term = term.strip()
    if len(term) > MAX_SEARCH_CHARS:
        raise InvalidRequest(
            f"Kata kunci pencarian terlalu panjang (maks. {MAX_SEARCH_CHARS} karakter).",
            f"Search term too long (at most {MAX_SEARCH_CHARS} characters).",
        )
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def encode_cursor(urgent: bool, received_at: datetime, item_id: int) -> str:
    raw = f"{int(urgent)}|{received_at.isoformat()}|{item_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[bool, datetime, int]:
    """The sort key in a cursor; :class:`InvalidRequest` when it was not made by us."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        urgent, moment, item_id = raw.split("|")
        received_at = datetime.fromisoformat(moment)
        if urgent not in ("0", "1") or received_at.tzinfo is None:
            raise ValueError(raw)
        return urgent == "1", received_at, int(item_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidRequest(
            "Penanda halaman (cursor) tidak sah; muat ulang kotak masuk dari halaman pertama.",
            f"Invalid page cursor {cursor[:40]!r}; reload the inbox from the first page.",
        ) from None


def _cursor(row: InboxRow) -> str:
    return encode_cursor(row.urgent, row.received_at, row.id)


def _row(row: Any, calendar: WorkingCalendar, now: datetime) -> InboxRow:
    deadlines = _Deadlines(*(getattr(row, name) for name in _DEADLINE_FIELDS))
    clock = current_clock(deadlines, calendar, now)
    return InboxRow(
        id=row.id,
        kind=row.kind,
        category=row.category,
        urgent=bool(row.urgent),
        status=row.status,
        agency=row.code,
        channel=row.name,
        received_at=row.received_at,
        excerpt=row.excerpt or "",
        overdue=clock is not None and clock.overdue,
        clock=clock,
    )


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidRequest(
            f"Jumlah baris per halaman harus 1 sampai {MAX_LIMIT} (diminta {limit}).",
            f"Rows per page must be 1 to {MAX_LIMIT} (got {limit}).",
        )
    return limit


def _member(enum: Any, value: str) -> str:
    allowed = [str(member) for member in enum]
    if value not in allowed:
        name = enum.__name__.lower().replace("aspirationstatus", "status")
        raise InvalidRequest(
            f"Nilai saringan `{name}` tidak dikenal: {value!r}. Pilihan: {', '.join(allowed)}.",
            f"Unknown `{name}` filter value {value!r}; allowed: {', '.join(allowed)}.",
        )
    return value


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)
