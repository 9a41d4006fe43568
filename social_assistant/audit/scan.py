"""Read the stored events in ``seq`` order, fast, and check each one's hash as stored.

Verification must get through a million events in seconds, so the batches are fetched
with the driver's own cursor (plain tuples) and the stored values are hashed the way the
driver gives them: SQLite returns ``occurred_at`` and ``data`` as text, PostgreSQL as a
datetime and parsed JSON. This skips SQLAlchemy's per-value conversions, which would
cost more than the hashing itself. Each batch is a keyset query on the ``seq`` index.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeAlias

from sqlalchemy import Connection, Select, select
from sqlmodel import Session, col

from social_assistant.audit.canonical import canonical_text, utc_text
from social_assistant.audit.chain import hash_parts
from social_assistant.db.engine import Database
from social_assistant.db.models import AuditEvent

StoredEvent: TypeAlias = tuple[Any, ...]
"""(seq, id, occurred_at, actor, action, subject_type, subject_id, data, prev_hash, hash)"""

_seq, _id = col(AuditEvent.seq), col(AuditEvent.id)
_COLUMNS = (
    _seq,
    _id,
    col(AuditEvent.occurred_at),
    col(AuditEvent.actor),
    col(AuditEvent.action),
    col(AuditEvent.subject_type),
    col(AuditEvent.subject_id),
    col(AuditEvent.data),
    col(AuditEvent.prev_hash),
    col(AuditEvent.hash),
)


class EventScan:
    """The audit events of a database (each batch in its own short transaction) or of a
    session (all in the caller's transaction)."""

    def __init__(self, source: Database | Session) -> None:
        self.source = source
        bind = source.engine if isinstance(source, Database) else source.get_bind()
        self.dialect = bind.dialect
        self.json_as_text = bind.dialect.name == "sqlite"

    def event_with_hash(self, digest: str, not_id: int) -> tuple[int, int] | None:
        """The (seq, id) of the event, other than ``not_id``, whose hash is ``digest``."""
        query = select(_seq, _id).where(col(AuditEvent.hash) == digest, _id != not_id)
        with self._connection() as connection:
            found = connection.execute(query.order_by(_seq).limit(1)).first()
        if found is None:
            return None
        seq, event_id = found
        return seq, event_id or 0

    def sealed(self, event: StoredEvent) -> bool:
        """Does the stored hash match the event's content, read as stored?"""
        return _recompute(event, self.json_as_text) == str(event[9])

    def sound_prefix(
        self, batch: Sequence[StoredEvent], start: int, last: tuple[int, str], stop_seq: int
    ) -> int:
        """The index of the first event from ``start`` on that needs a closer look: its seq
        or link to ``last`` (seq, hash) is wrong, its hash does not match, or its seq is
        ``stop_seq``. ``len(batch)`` when all are sound. The hot loop of verification."""
        last_seq, last_hash = last
        json_as_text = self.json_as_text
        for index in range(start, len(batch)):
            event = batch[index]
            seq, prev, digest = event[0], event[8], event[9]
            if seq != last_seq + 1 or seq == stop_seq or prev != last_hash:
                return index
            if _recompute(event, json_as_text) != digest:
                return index
            last_seq, last_hash = seq, digest
        return len(batch)

    def batches(self, batch_size: int) -> Iterator[Sequence[StoredEvent]]:
        """Every event in (seq, id) order, ``batch_size`` at a time.

        Each batch restarts at the last seq seen, so an event repeating that seq across a
        batch boundary is still seen; the rows already seen are skipped.
        """
        query = select(*_COLUMNS).order_by(_seq, _id)
        batch = self._fetch(query.limit(batch_size))
        while batch:
            yield batch
            seen = batch[-1][0], batch[-1][1]
            batch = self._fetch(query.where(_seq >= seen[0]).limit(batch_size + 1))
            batch = batch[1:] if batch and batch[0][:2] == seen else batch

    def _fetch(self, query: Select[*tuple[Any, ...]]) -> Sequence[StoredEvent]:
        # Only integers are bound (seq and limit), so inlining them is safe.
        sql = str(query.compile(dialect=self.dialect, compile_kwargs={"literal_binds": True}))
        with self._connection() as connection:
            cursor = connection.connection.cursor()
            try:
                cursor.execute(sql)
                return cursor.fetchall()
            finally:
                cursor.close()

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """The session's connection, or a fresh one (no SQLite write lock for a raw read)."""
        if isinstance(self.source, Database):
            with self.source.engine.connect() as connection:
                yield connection
        else:
            yield self.source.connection()


def _recompute(event: StoredEvent, json_as_text: bool) -> str | None:
    """The hash the event's stored content gives; ``None`` if it cannot even be read."""
    seq, _, occurred_at, actor, action, subject_type, subject_id, data, prev, _ = event
    try:
        data_json = canonical_text(_parse_json(data) if json_as_text else data)
        when = _time_text(occurred_at)
        return hash_parts(seq, when, actor, action, subject_type, subject_id, data_json, prev)
    except (TypeError, ValueError):
        return None


# The decoder's C scanner: public attribute, missing from typeshed.
_scan_json: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _parse_json(text: str) -> Any:
    """``json.loads``, at less than half the cost for the usual case: the C scanner called
    directly; ``json.loads`` itself decides anything unusual (spaces, trailing text)."""
    try:
        value, end = _scan_json(text, 0)
    except StopIteration:
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def _time_text(stored: datetime | str) -> str:
    """The canonical text of a stored time (SQLite gives naive UTC text)."""
    if isinstance(stored, datetime):
        return utc_text(stored)
    if len(stored) == 26 and stored[10] == " ":  # SQLAlchemy's SQLite format: a shortcut
        return f"{stored[:10]}T{stored[11:]}Z"
    moment = datetime.fromisoformat(stored)
    return utc_text(moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC))
