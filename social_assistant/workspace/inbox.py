"""The aspiration inbox: filtered, urgent first, newest first, one keyset page at a time.

The order is ``urgent DESC, received_at DESC, id DESC``; each filter on the item itself
(status, kind, category, agency) has a composite index in that order, so a page reads
about ``limit`` index entries, whatever the table size. Pages continue from a cursor
(the last row's sort key), never with OFFSET, and no page counts the whole table.
Text search is ``LIKE``/``ILIKE`` on the citizen's text with the term bound as a
parameter and ``%``, ``_`` and ``\\`` escaped, so it matches literally. A substring cannot
use an index, so a search page reads at most ``SEARCH_WINDOW`` items in inbox order:
when fewer matches turn up, the page is short, says how far back it searched
(``searched_to``) and its cursor continues from there.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, func, join, literal, tuple_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from social_assistant.db.models import Agency, Aspiration, AspirationStatus, Channel, Reply
from social_assistant.db.types import UTCDateTime
from social_assistant.taxonomy import Category, Kind
from social_assistant.workdays import WorkingCalendar
from social_assistant.workspace.clocks import Clock, current_clock
from social_assistant.workspace.errors import InvalidRequest

EXCERPT_CHARS = 200
# Items a text search reads per page (substring search cannot use an index).
SEARCH_WINDOW = 5_000
# The first window a search reads: a common term fills a page from it (cheaper than
# reading all of SEARCH_WINDOW's texts when 50 matches come early).
SEARCH_FIRST_WINDOW = 500
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
CLOSED_STATUSES = tuple(s for s in AspirationStatus if s not in OPEN_STATUSES)


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
    # A text search reads at most SEARCH_WINDOW items a page; when it stopped early,
    # the received time it searched back to (``next_cursor`` continues from there).
    searched_to: datetime | None = None


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
_WINDOW_FIELDS = ("id", "kind", "category", "urgent", "agency_id", *_DEADLINE_FIELDS)


def list_items(
    session: Session, filter: InboxFilter, *, now: datetime, calendar: WorkingCalendar
) -> InboxPage:
    """One page of the inbox. Raises :class:`InvalidRequest` for a wrong filter value.

    Permissions are the caller's: viewing needs ``Action.VIEW``.
    """
    limit = _limit(filter.limit)
    conditions = _filters(session, filter, calendar.zone)
    if conditions is None:  # an agency or channel that does not exist: nothing to show
        return InboxPage()
    boundary = None
    if filter.search and filter.search.strip():
        rows, boundary = _search(session, filter, conditions, limit + 1)
    else:
        source = join(Aspiration, Reply, col(Reply.id) == col(Aspiration.reply_id))
        query = _query(source, Aspiration, col(Reply.text), col(Reply.channel_id))
        rows = list(session.execute(query.where(*conditions).limit(limit + 1)).all())
    items = [_row(row, calendar, now) for row in rows[:limit]]
    if len(rows) > limit:
        return InboxPage(items, _cursor(items[-1]))
    if boundary is not None:  # the window is searched; older items remain
        return InboxPage(items, encode_cursor(*boundary), searched_to=boundary[1])
    return InboxPage(items)


def _search(
    session: Session, filter: InboxFilter, conditions: list[Any], wanted: int
) -> tuple[list[Any], Any]:
    """Up to ``wanted`` matching rows from windows of the inbox order, a small one first
    (a common term fills the page from it), each next one twice what was read, up to
    ``SEARCH_WINDOW`` in all; and the sort key the search stopped at (None when no older
    items remain)."""
    pattern = like_pattern(filter.search or "")
    rows: list[Any] = []
    boundary = None
    read = 0
    while read < SEARCH_WINDOW and len(rows) < wanted:
        size = min(max(SEARCH_FIRST_WINDOW, 2 * read), SEARCH_WINDOW - read)  # 500, 1000, ...
        part = conditions
        if boundary is not None:  # continue after the previous window
            part = [*conditions, tuple_(*_key_columns()) < _key_values(*boundary)]
        boundary = _window_end(session, part, size, joined=filter.channel is not None)
        window = _window(part, size)
        query = _query(window, window.c, window.c.text, window.c.channel_id).where(
            window.c.text.ilike(pattern, escape="\\")
        )
        rows.extend(session.execute(query.limit(wanted - len(rows))).all())
        read += size
        if boundary is None:
            break
    return rows, boundary


def _query(source: Any, item: Any, text: Any, channel_id: Any) -> Any:
    """The page's columns, from the aspirations joined with their replies, or from a
    search window (``window.c`` carries the reply's text and channel)."""
    return (
        sa_select(
            item.id,
            item.kind,
            item.category,
            item.urgent,
            col(Agency.code),
            col(Channel.name),
            func.substr(text, 1, EXCERPT_CHARS).label("excerpt"),
            *(getattr(item, name) for name in _DEADLINE_FIELDS),
        )
        .select_from(source)
        .join(Channel, col(Channel.id) == channel_id)
        .outerjoin(Agency, col(Agency.id) == item.agency_id)
        .order_by(item.urgent.desc(), item.received_at.desc(), item.id.desc())
    )


def _matching(columns: tuple[Any, ...], conditions: list[Any], *, joined: bool) -> Any:
    """``columns`` of the matching items, newest first (with ``joined``, of their replies
    too; a channel filter needs them)."""
    query = sa_select(*columns)
    if joined:
        query = query.join(Reply, col(Reply.id) == col(Aspiration.reply_id))
    return query.where(*conditions).order_by(*_newest_first())


def _window(conditions: list[Any], size: int) -> Any:
    """The items a search page reads with their texts, as a LIMIT subquery: the database
    walks the inbox index for them first and matches the text after (PostgreSQL would
    otherwise scan the text of every reply when it guesses that a term is rare)."""
    columns = (
        *(col(getattr(Aspiration, name)) for name in _WINDOW_FIELDS),
        col(Reply.text),
        col(Reply.channel_id),
    )
    return _matching(columns, conditions, joined=True).limit(size).subquery("window")


def _window_end(session: Session, conditions: list[Any], size: int, *, joined: bool) -> Any:
    """The sort key of the last item of a ``size`` window (None: fewer remain)."""
    query = _matching(_key_columns(), conditions, joined=joined)
    return session.execute(query.offset(size - 1).limit(1)).first()


def _newest_first() -> tuple[Any, ...]:
    return tuple(column.desc() for column in _key_columns())


def _filters(session: Session, filter: InboxFilter, zone: ZoneInfo) -> list[Any] | None:
    """Every condition but the text search; None when the agency or channel is unknown."""
    conditions = _conditions(filter, zone)
    if filter.agency:
        agency_id = session.exec(select(Agency.id).where(Agency.code == filter.agency)).first()
        if agency_id is None:
            return None
        conditions.append(col(Aspiration.agency_id) == agency_id)
    if filter.channel:
        channel_id = session.exec(select(Channel.id).where(Channel.name == filter.channel)).first()
        if channel_id is None:
            return None
        # On SQLite (no planner statistics) ``+ 0`` keeps the planner off the
        # replies.channel_id index: starting from every reply of the channel and sorting
        # would read a quarter of all replies; walking the inbox-order index and checking
        # each item's reply stops after one page. PostgreSQL picks that walk by itself,
        # and ``+ 0`` would spoil its estimate (a parallel plan, 0.9 ms -> 460 ms).
        on_sqlite = session.get_bind().dialect.name == "sqlite"
        channel = col(Reply.channel_id) + 0 if on_sqlite else col(Reply.channel_id)
        conditions.append(channel == channel_id)
    return conditions


def _conditions(filter: InboxFilter, zone: ZoneInfo) -> list[Any]:
    conditions: list[Any] = []
    if filter.status == OPEN:
        # NOT IN the closed statuses (the same rows as IN the open ones): an IN list would
        # let SQLite read the status index in four ranges and sort them all; this keeps
        # the walk down the inbox-order index, stopping after one page.
        conditions.append(col(Aspiration.status).not_in([str(s) for s in CLOSED_STATUSES]))
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
    if filter.cursor:
        conditions.append(tuple_(*_key_columns()) < _key_values(*decode_cursor(filter.cursor)))
    return conditions


def _key_columns() -> tuple[Any, ...]:
    return (col(Aspiration.urgent), col(Aspiration.received_at), col(Aspiration.id))


def _key_values(urgent: bool, received_at: datetime, item_id: int) -> Any:
    return tuple_(literal(urgent, Boolean()), literal(received_at, UTCDateTime()), item_id)


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
