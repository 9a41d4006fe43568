"""``social-assistant bench publish``: the engine's throughput, lateness and rate-limit use.

Daemons run as real processes (``social-assistant run``) against a real database and the
emulator over HTTP, exactly as in production; only the number of posts is unusual.

Scenarios:
- ``burst``: every post due at the same instant, rate limits off: posts/s and lateness.
- ``steady``: posts due evenly at a rate below capacity: lateness of a normal day.
- ``limited``: X-like limits on every account (100 posts per window; the 15-minute window
  is compressed to ``window`` seconds so the run stays short): the share of the allowed
  rate actually used, and the 429 answers drawn.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import col, func, select

from social_assistant.bench.fleet import DaemonFleet, fleet_env
from social_assistant.bench.scratch import scratch_home
from social_assistant.bench.seed import seed_due_posts
from social_assistant.db import Database, open_database
from social_assistant.db.migrate import upgrade
from social_assistant.db.models import Publication, PublicationStatus
from social_assistant.db.reference import sync_reference_data
from social_assistant.emulator import EmulatorClient, start_emulator
from social_assistant.settings import load_settings

UNLIMITED = 10**9
TICK_SECONDS = 0.2


@dataclass(frozen=True)
class Run:
    """One benchmark's shape."""

    scenario: str
    posts: int
    channels: int
    daemons: int
    threads: int
    database_url: str | None
    window: int = 30
    windows: int = 4
    rate: float = 100.0


def run_bench(run: Run) -> dict[str, Any]:
    with scratch_home("sa-bench-", run.database_url) as (home, url):
        return _measure(run, home, url)


def _measure(run: Run, home: Path, url: str) -> dict[str, Any]:
    limited = run.scenario == "limited"
    channels = _channels(run.channels, limited, run.window)
    emulator = start_emulator(reply_delay=10**7)
    control = EmulatorClient(emulator.url)
    limit = (
        {"x_post_limit": 100, "window_seconds": run.window}
        if limited
        else {"x_post_limit": UNLIMITED, "fb_call_limit": UNLIMITED}
    )
    control.set_faults(limits=limit)
    database = _prepare(home, url, channels)
    env = fleet_env(
        url,
        emulator.url,
        channels,
        tick_seconds=TICK_SECONDS,
        batch_size=100,
        lease_seconds=60,
        staleness_minutes=600,
    )
    fleet = DaemonFleet(env, home, threads=run.threads)
    try:
        fleet.start(run.daemons)
        fleet.wait_ready()
        due = datetime.now(UTC) + timedelta(seconds=3)
        count = _seed(database, run, [str(c["name"]) for c in channels], due)
        if limited:
            time.sleep(
                max(0.0, (due - datetime.now(UTC)).total_seconds()) + run.window * run.windows
            )
        else:
            _wait_published(database, count, timeout=900)
        fleet.stop()
        posted = control.posts()
        health = control.health()
    finally:
        fleet.stop()
        emulator.stop()
    result = _figures(run, database, due, posted, health)
    database.dispose()
    return result


def _channels(count: int, limited: bool, window: int) -> list[dict[str, object]]:
    kinds = ["x"] * count if limited else ["x" if n % 2 == 0 else "facebook" for n in range(count)]
    budget = (
        {"post_limit": 100, "post_window_seconds": window} if limited else {"post_limit": UNLIMITED}
    )
    return [
        {
            "name": f"{'x' if kind == 'x' else 'fb'}-bench-{n:02d}",
            "kind": kind,
            "sandbox": True,
            **budget,
        }
        for n, kind in enumerate(kinds)
    ]


def _prepare(home: Path, url: str, channels: list[dict[str, object]]) -> Database:
    settings = load_settings(None, home=str(home), database={"url": url}, channels=channels)
    database = open_database(url)
    upgrade(database)
    with database.session() as session:
        sync_reference_data(session, settings)
    return database


def _seed(database: Database, run: Run, names: list[str], due: datetime) -> int:
    if run.scenario == "steady":
        spread = run.posts / run.rate
        seed_due_posts(database, names, run.posts, due, spread_seconds=spread)
        return run.posts
    if run.scenario == "limited":
        # More than the accounts may post, so the limit (not the queue) is the bottleneck.
        count = len(names) * 100 * (run.windows + 1)
        seed_due_posts(database, names, count, due)
        return count
    seed_due_posts(database, names, run.posts, due)
    return run.posts


def _wait_published(database: Database, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _published(database) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"only {_published(database)} of {count} published: "
                               f"{_stuck(database)}")
        time.sleep(0.2)


def _stuck(database: Database) -> str:
    with database.session() as session:
        rows = session.exec(
            select(Publication.status, Publication.last_error, func.count())
            .where(col(Publication.status) != PublicationStatus.PUBLISHED)
            .group_by(col(Publication.status), col(Publication.last_error))
        ).all()
    return "; ".join(f"{n} {status} ({error or '-'})" for status, error, n in rows[:5])


def _published(database: Database) -> int:
    with database.session() as session:
        query = (
            select(func.count())
            .select_from(Publication)
            .where(col(Publication.status) == PublicationStatus.PUBLISHED)
        )
        return int(session.exec(query).one())


def _figures(
    run: Run,
    database: Database,
    due: datetime,
    posted: list[dict[str, Any]],
    health: dict[str, Any],
) -> dict[str, Any]:
    with database.session() as session:
        rows = session.exec(
            select(Publication.due_at, Publication.sent_at, Publication.published_at).where(
                col(Publication.status) == PublicationStatus.PUBLISHED
            )
        ).all()
    late = sorted((p - d).total_seconds() for d, _, p in rows if p is not None)
    texts = Counter((p.get("account"), p["text"]) for p in posted)
    result: dict[str, Any] = {
        "scenario": run.scenario,
        "backend": database.backend,
        "daemons": run.daemons,
        "threads_per_daemon": run.threads,
        "channels": run.channels,
        "published": len(rows),
        "platform_posts": len(posted),
        "duplicates": sum(n - 1 for n in texts.values()),
        "responses_429": sum(health.get("throttled", {}).values()),
        "lateness_s": {
            "p50": _pct(late, 50),
            "p99": _pct(late, 99),
            "max": late[-1] if late else None,
        },
    }
    if run.scenario in ("burst", "steady") and rows:
        span = (max(p for _, _, p in rows if p) - due).total_seconds()
        result["throughput_posts_per_s"] = round(len(rows) / max(span, 1e-9), 1)
        result["wall_seconds"] = round(span, 2)
    if run.scenario == "limited":
        end = due + timedelta(seconds=run.window * run.windows)
        used = sum(1 for _, sent, _ in rows if sent is not None and sent < end)
        allowed = run.channels * 100 * run.windows
        result["window_s"] = run.window
        result["windows"] = run.windows
        result["allowed_posts"] = allowed
        result["posted_in_windows"] = used
        result["share_of_allowed_rate_used"] = round(used / allowed, 4)
    return result


def _pct(values: list[float], percentile: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[percentile - 1], 3)
