"""Aspirations of a period as plain rows, read in one query (with agency and channel)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import String, select, type_coerce
from sqlmodel import Session, col

from social_assistant.db.models import Agency, Aspiration, AspirationStatus, Channel, Reply
from social_assistant.metrics.period import Period

NO_AGENCY = "-"


@dataclass(frozen=True, slots=True)
class Item:
    """One aspiration with the times its clocks are measured by."""

    id: int
    kind: str
    category: str
    status: str
    urgent: bool
    sentiment: float
    received_at: datetime
    acknowledge_due_at: datetime | None
    follow_up_due_at: datetime | None
    close_due_at: datetime | None
    acknowledged_at: datetime | None
    forwarded_at: datetime | None
    answered_at: datetime | None
    resolved_at: datetime | None
    agency: str
    agency_name: str
    channel: str
    reply_id: int

    @property
    def dismissed(self) -> bool:
        return self.status == AspirationStatus.DISMISSED

    @property
    def first_response_at(self) -> datetime | None:
        """The first thing done about it: acknowledged, forwarded, answered or resolved."""
        return _earliest(
            self.acknowledged_at, self.forwarded_at, self.answered_at, self.resolved_at
        )

    @property
    def followed_up_at(self) -> datetime | None:
        """When it was forwarded to the agency or answered (or resolved)."""
        return _earliest(self.forwarded_at, self.answered_at, self.resolved_at)


def _earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


_A = Aspiration
_TIMES = (
    _A.received_at,
    _A.acknowledge_due_at,
    _A.follow_up_due_at,
    _A.close_due_at,
    _A.acknowledged_at,
    _A.forwarded_at,
    _A.answered_at,
    _A.resolved_at,
)
# Times are read as the driver gives them (SQLite: text) and parsed by _utc: several
# times faster than SQLAlchemy's per-value DateTime processing on 100,000s of values.
_COLUMNS = (
    col(_A.id),
    col(_A.kind),
    col(_A.category),
    col(_A.status),
    col(_A.urgent),
    col(_A.sentiment),
    *(type_coerce(col(moment), String) for moment in _TIMES),
    col(Agency.code),
    col(Agency.name),
    col(Channel.name),
    col(_A.reply_id),
)


def _utc(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def period_items(
    session: Session, period: Period, *, channel: str | None = None, agency: str | None = None
) -> Iterator[Item]:
    """The aspirations received in ``period``, optionally of one channel or agency."""
    query = (
        select(*_COLUMNS)
        .join(Reply, col(Reply.id) == col(_A.reply_id))
        .join(Channel, col(Channel.id) == col(Reply.channel_id))
        .outerjoin(Agency, col(Agency.id) == col(_A.agency_id))
        .where(col(_A.received_at) >= period.start, col(_A.received_at) < period.end)
        .order_by(col(_A.received_at), col(_A.id))
    )
    if channel is not None:
        query = query.where(col(Channel.name) == channel)
    if agency is not None:
        query = query.where(col(Agency.code) == agency)
    for row in session.execute(query.execution_options(yield_per=5000)):
        values = list(row)
        values[6:14] = [_utc(value) for value in values[6:14]]
        values[14] = values[14] or NO_AGENCY
        values[15] = values[15] or "Belum ditentukan"
        yield Item(*values)
