"""Operations metrics in the Prometheus text format, read from the database per scrape.

A fresh :class:`CollectorRegistry` per request holds one collector that queries the
database with a few SQL aggregates; nothing is kept in process memory, so every daemon
and web worker reports the same truth.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import ColumnElement, and_, func, select
from sqlmodel import Session, col

from social_assistant.db import Database
from social_assistant.db.models import (
    Aspiration,
    AspirationStatus,
    AuditEvent,
    Channel,
    Publication,
    PublicationStatus,
)

LATENCY_BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0)
LATENCY_WINDOW = timedelta(hours=24)
_CLOSED = (AspirationStatus.RESOLVED, AspirationStatus.DISMISSED)


class DatabaseCollector(Collector):
    """Queue depth, publish latency, failures, collection lag, overdue aspirations."""

    def __init__(self, database: Database, now: datetime) -> None:
        self.database = database
        self.now = now

    def collect(self) -> Iterator[Metric]:
        with self.database.session() as session:
            yield _queue_depth(session)
            yield _latency(session, self.now)
            yield _failures(session)
            yield _collection_lag(session, self.now)
            yield _overdue(session, self.now)
            yield _audit_events(session)


def exposition(database: Database, now: datetime) -> bytes:
    """The text exposition of one scrape."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(database, now))
    return generate_latest(registry)


def _queue_depth(session: Session) -> Metric:
    family = GaugeMetricFamily(
        "social_assistant_publications", "Posts in the outbox by status.", labels=["status"]
    )
    counts = dict.fromkeys((s.value for s in PublicationStatus), 0)
    query = select(col(Publication.status), func.count()).group_by(col(Publication.status))
    for status, count in session.execute(query):
        counts[status] = count
    for status, count in counts.items():
        family.add_metric([status], count)
    return family


def _latency(session: Session, now: datetime) -> Metric:
    """Seconds from due to sent of the posts published in the last 24 hours."""
    query = select(col(Publication.due_at), col(Publication.sent_at)).where(
        col(Publication.status) == PublicationStatus.PUBLISHED,
        col(Publication.sent_at) >= now - LATENCY_WINDOW,
    )
    delays = [max((sent - due).total_seconds(), 0.0) for due, sent in session.execute(query)]
    buckets = [(str(bound), sum(1 for d in delays if d <= bound)) for bound in LATENCY_BUCKETS]
    buckets.append(("+Inf", len(delays)))
    family = HistogramMetricFamily(
        "social_assistant_publish_latency_seconds",
        "Delay from due time to sending, posts published in the last 24 hours.",
    )
    family.add_metric([], buckets, sum(delays))
    return family


def _failures(session: Session) -> Metric:
    family = GaugeMetricFamily(
        "social_assistant_publications_failed",
        "Posts that failed for good, per channel.",
        labels=["channel"],
    )
    failed = func.count(col(Publication.id))
    query = (
        select(col(Channel.name), failed)
        .select_from(Channel)
        .outerjoin(
            Publication,
            and_(
                col(Publication.channel_id) == col(Channel.id),
                col(Publication.status) == PublicationStatus.FAILED,
            ),
        )
        .group_by(col(Channel.name))
    )
    for name, count in session.execute(query):
        family.add_metric([name], count)
    return family


def _collection_lag(session: Session, now: datetime) -> Metric:
    """How long the oldest overdue reply poll has waited, per channel (0: on schedule)."""
    family = GaugeMetricFamily(
        "social_assistant_collection_lag_seconds",
        "Time since the most overdue reply poll of a published post fell due, per channel.",
        labels=["channel"],
    )
    oldest = func.min(col(Publication.replies_next_poll_at))
    query = (
        select(col(Channel.name), oldest)
        .join(Channel, col(Channel.id) == col(Publication.channel_id))
        .where(
            col(Publication.status) == PublicationStatus.PUBLISHED,
            col(Publication.replies_next_poll_at) <= now,
        )
        .group_by(col(Channel.name))
    )
    lags = {name: 0.0 for name in session.execute(select(col(Channel.name))).scalars()}
    for name, due in session.execute(query):
        lags[name] = max((now - _aware(due)).total_seconds(), 0.0)
    for name, lag in sorted(lags.items()):
        family.add_metric([name], lag)
    return family


def _overdue(session: Session, now: datetime) -> Metric:
    family = GaugeMetricFamily(
        "social_assistant_aspirations_overdue",
        "Open aspirations past a deadline they have not met.",
        labels=["deadline"],
    )
    a = Aspiration
    open_item = col(a.status).not_in(_CLOSED)
    conditions: dict[str, ColumnElement[bool]] = {
        "acknowledge": and_(
            col(a.acknowledge_due_at) <= now,
            col(a.acknowledged_at).is_(None),
            col(a.forwarded_at).is_(None),
            col(a.answered_at).is_(None),
        ),
        "follow_up": and_(
            col(a.follow_up_due_at) <= now,
            col(a.forwarded_at).is_(None),
            col(a.answered_at).is_(None),
        ),
        "close": col(a.close_due_at) <= now,
    }
    for name, condition in conditions.items():
        count = session.execute(
            select(func.count()).select_from(a).where(open_item, condition)
        ).scalar_one()
        family.add_metric([name], count)
    return family


def _audit_events(session: Session) -> Metric:
    last = session.execute(select(func.max(col(AuditEvent.seq)))).scalar_one()
    family = GaugeMetricFamily("social_assistant_audit_events", "Events in the audit chain.")
    family.add_metric([], last or 0)
    return family


def _aware(moment: datetime | str) -> datetime:
    """``func.min`` loses the column type on SQLite: parse the naive UTC text it returns."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
