"""``social-assistant bench transparency``: `audit verify` and a monthly report at scale.

Wall-clock seconds are the targets; CPU seconds of this process are printed too, because
on a shared machine the wall clock mostly measures the other processes. A scratch
database gets ``events`` audit events forming a valid hash chain and ``replies``
citizens' replies over ``months`` months (a fifth of them aspirations, with working-day
deadlines and most of them answered), all by bulk Core inserts. Then it times a full
``verify_chain`` and the monthly report of the last month (metrics, charts, HTML and
PDF) plus its open-data export, as the CLI would make them.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import col

from social_assistant.audit.canonical import canonical_text, utc_text
from social_assistant.audit.chain import chain_head, hash_parts
from social_assistant.audit.verify import verify_chain
from social_assistant.bench.scratch import scratch_service
from social_assistant.db import Database
from social_assistant.db.migrate import upgrade
from social_assistant.db.models import Agency, Aspiration, AuditEvent, Channel, Reply
from social_assistant.db.reference import sync_reference_data
from social_assistant.metrics import parse_period
from social_assistant.settings import Settings
from social_assistant.workdays import WorkingCalendar, calendar_for

BATCH = 20_000
KINDS = ("complaint", "request", "suggestion", "question")
TEXTS = (
    "Jalan rusak parah di depan pasar, mohon diperbaiki. Hubungi 0812-3456-7890",
    "Lampu jalan mati sudah seminggu min",
    "Sebaiknya jadwal bus kota ditambah pagi hari",
    "Syaratnya apa min untuk bantuan sosial? NIK saya 6472011203900005",
    "mantap pak, semoga amanah",
)


@dataclass(frozen=True)
class Shape:
    events: int = 1_000_000
    replies: int = 1_000_000
    months: int = 12
    last_month: str = "2026-11"
    database_url: str | None = None
    seed: int = 7


def run_bench(shape: Shape) -> dict[str, Any]:
    with scratch_service("sa-bench-transparency-", shape.database_url) as opened:
        return _measure(shape, *opened)


def _measure(shape: Shape, settings: Settings, database: Database) -> dict[str, Any]:
    upgrade(database)
    with database.session() as session:
        sync_reference_data(session, settings)
    started = time.perf_counter()
    seed_audit_events(database, shape.events)
    events_seconds = time.perf_counter() - started
    started = time.perf_counter()
    aspirations = seed_replies(database, settings, shape)
    replies_seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "backend": database.backend,
        "events": shape.events,
        "replies": shape.replies,
        "aspirations": aspirations,
        "seed_events_seconds": round(events_seconds, 1),
        "seed_replies_seconds": round(replies_seconds, 1),
    }
    result.update(_time_verify(database, shape.events))
    result.update(_time_report(database, settings, shape.last_month))
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    result["targets"] = {
        "verify_seconds_max": 10.0,
        "report_seconds_max": 5.0,
        "verify_met": result["verify_seconds"] <= 10.0,
        "report_met": result["report_html_seconds"] <= 5.0,
    }
    return result


def _time_verify(database: Database, expected: int) -> dict[str, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    report = verify_chain(database)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if not report.ok or report.events < expected:
        raise RuntimeError(f"the seeded chain did not verify: {report}")
    return {
        "verify_seconds": round(seconds, 2),
        "verify_cpu_seconds": round(cpu, 2),
        "verify_events_per_second": round(expected / seconds),
    }


def _time_report(database: Database, settings: Settings, month: str) -> dict[str, Any]:
    from social_assistant.opendata import export_csv
    from social_assistant.reports import RENDERERS, build_report

    period = parse_period(month, settings.zone)
    now = period.end + timedelta(days=3)
    figures: dict[str, Any] = {}
    for form in ("html", "pdf"):
        started, cpu = time.perf_counter(), time.process_time()
        with database.session() as session:
            report = build_report(session, settings, period, now=now)
        data = RENDERERS[form](report)
        figures[f"report_{form}_seconds"] = round(time.perf_counter() - started, 2)
        figures[f"report_{form}_cpu_seconds"] = round(time.process_time() - cpu, 2)
        figures[f"report_{form}_bytes"] = len(data)
    started = time.perf_counter()
    with database.session() as session:
        text = export_csv(session, settings, period)
    figures["opendata_csv_seconds"] = round(time.perf_counter() - started, 2)
    figures["month_aspirations"] = report.metrics.responsiveness.received
    figures["month_replies"] = report.metrics.replies
    figures["opendata_csv_rows"] = text.count("\n") - 1
    return figures


def seed_audit_events(database: Database, count: int) -> None:
    """``count`` events chained exactly as :func:`social_assistant.audit.record` would."""
    start = datetime(2025, 12, 1, tzinfo=UTC)
    with database.session() as session:
        head, previous = chain_head(session)
    rows: list[dict[str, Any]] = []
    for seq in range(head + 1, head + count + 1):
        when = start + timedelta(seconds=30 * seq)
        action = ("reply.collected", "aspiration.flagged", "aspiration.forwarded")[seq % 3]
        data = {"reply_id": seq, "channel": "x-sandbox", "note": "jalan rusak 🙏"}
        subject = str(seq)
        digest = hash_parts(
            seq, utc_text(when), "daemon", action, "reply", subject, canonical_text(data), previous
        )
        rows.append(
            {
                "seq": seq,
                "occurred_at": when,
                "actor": "daemon",
                "action": action,
                "subject_type": "reply",
                "subject_id": subject,
                "data": data,
                "prev_hash": previous,
                "hash": digest,
            }
        )
        previous = digest
        if len(rows) == BATCH:
            _insert(database, rows)
            rows = []
    if rows:
        _insert(database, rows)


def _insert(database: Database, rows: list[dict[str, Any]]) -> None:
    with database.engine.begin() as connection:
        connection.execute(insert(AuditEvent), rows)


def seed_replies(database: Database, settings: Settings, shape: Shape) -> int:
    """Replies spread over ``shape.months`` months up to the end of ``last_month``; every
    fifth one an aspiration. Returns the number of aspirations."""
    period = parse_period(shape.last_month, settings.zone)
    first = period.end - timedelta(days=30.4 * shape.months)
    span = (period.end - first).total_seconds()
    with database.session() as session:
        channels = list(session.execute(select(col(Channel.id))).scalars())
        agencies = dict(session.execute(select(col(Agency.code), col(Agency.id))).all())
    routing = {category.value: agencies[code] for category, code in settings.routing.items()}
    categories = sorted(routing)
    clocks = _Deadlines(calendar_for(settings), settings)
    rng = random.Random(shape.seed)
    made = 0
    for start in range(0, shape.replies, BATCH):
        numbers = range(start, min(start + BATCH, shape.replies))
        replies = [_reply(n, channels, first, span, shape.replies) for n in numbers]
        with database.engine.begin() as connection:
            ids = connection.execute(insert(Reply).returning(col(Reply.id)), replies).scalars()
            items = [
                _aspiration(reply_id or 0, row, rng, clocks, routing, categories)
                for reply_id, row in zip(ids, replies, strict=True)
                if row["platform_id"].endswith(("0", "5"))
            ]
            if items:
                connection.execute(insert(Aspiration), items)
        made += len(items)
    return made


def _reply(n: int, channels: list[int], first: datetime, span: float, total: int) -> dict[str, Any]:
    posted = first + timedelta(seconds=span * n / total)
    return {
        "channel_id": channels[n % len(channels)],
        "platform_id": str(10**15 + n),
        "author_id": str(n % 50_000),
        "author_handle": f"warga{n % 50_000}",
        "text": TEXTS[n % len(TEXTS)],
        "text_history": [],
        "posted_at": posted,
        "collected_at": posted + timedelta(minutes=3),
        "raw": {},
    }


class _Deadlines:
    """Deadlines by local day (they depend on nothing else), computed once per day."""

    def __init__(self, calendar: WorkingCalendar, settings: Settings) -> None:
        self.calendar = calendar
        self.days = (
            settings.deadlines.acknowledge_days,
            settings.deadlines.follow_up_days,
            settings.deadlines.close_days,
        )
        self.cache: dict[date, tuple[datetime, ...]] = {}

    def __call__(self, received: datetime) -> tuple[datetime, ...]:
        day = received.astimezone(self.calendar.zone).date()
        if day not in self.cache:
            self.cache[day] = tuple(self.calendar.deadline(received, n) for n in self.days)
        return self.cache[day]


def _aspiration(
    reply_id: int,
    reply: dict[str, Any],
    rng: random.Random,
    clocks: _Deadlines,
    routing: dict[str, int],
    categories: list[str],
) -> dict[str, Any]:
    received: datetime = reply["posted_at"]
    ack_due, follow_due, close_due = clocks(received)
    times = dict(_responses(received, rng))
    status = next(
        (name for name in ("resolved", "answered", "forwarded", "acknowledged") if name in times),
        "new",
    )
    category = categories[reply_id % len(categories)]
    return {
        "reply_id": reply_id,
        "kind": KINDS[reply_id % len(KINDS)],
        "category": category,
        "urgent": reply_id % 97 == 0,
        "sentiment": round(rng.uniform(-1, 0.6), 3),
        "reasons": [],
        "personal_data": [],
        "agency_id": routing[category],
        "status": status,
        "received_at": received,
        "acknowledge_due_at": ack_due,
        "follow_up_due_at": follow_due,
        "close_due_at": close_due,
        "acknowledged_at": times.get("acknowledged"),
        "forwarded_at": times.get("forwarded"),
        "answered_at": times.get("answered"),
        "resolved_at": times.get("resolved"),
        "created_at": received,
        "updated_at": received,
    }


def _responses(received: datetime, rng: random.Random) -> Iterator[tuple[str, datetime]]:
    """Most items acknowledged within days, many forwarded, some answered and resolved."""
    moment = received
    for step, chance, mean_hours in (
        ("acknowledged", 0.85, 30.0),
        ("forwarded", 0.7, 60.0),
        ("answered", 0.5, 48.0),
        ("resolved", 0.6, 96.0),
    ):
        if rng.random() > chance:
            return
        moment += timedelta(hours=rng.expovariate(1 / mean_hours))
        yield step, moment
