"""Exactly once under crashes: daemons killed with SIGKILL at random moments.

The emulator answers every post late (the post is applied first), so kills land between
the platform call and the database record; rows of a batch marked ``sending`` and
waiting for a thread are killed between claim and call. Each kill is followed by a
restart.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from social_assistant.bench.fleet import DaemonFleet, fleet_env
from social_assistant.bench.seed import seed_due_posts
from social_assistant.db import Database, open_database
from social_assistant.db.migrate import upgrade
from social_assistant.db.models import Publication, PublicationStatus
from social_assistant.db.reference import sync_reference_data
from social_assistant.emulator import EmulatorClient, start_emulator
from social_assistant.settings import load_settings

pytestmark = pytest.mark.slow
CHANNELS = [
    {"name": "x-sandbox", "kind": "x", "sandbox": True, "post_limit": 100000},
    {"name": "fb-sandbox", "kind": "facebook", "sandbox": True, "post_limit": 100000},
]


def _states(database: Database) -> Counter[str]:
    with database.reading() as session:
        rows = session.exec(
            select(Publication.status, func.count()).group_by(col(Publication.status))
        ).all()
    return Counter(dict(rows))


def _in_flight(database: Database) -> set[str]:
    """Texts of the rows claimed or marked sending (not yet recorded as published)."""
    held = [PublicationStatus.CLAIMED, PublicationStatus.SENDING]
    with database.reading() as session:
        return set(
            session.exec(select(Publication.text).where(col(Publication.status).in_(held))).all()
        )


def _wait_for_work(database: Database, posts: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not _in_flight(database) and _states(database)[PublicationStatus.PUBLISHED] < posts:
        assert time.monotonic() < deadline, "the daemons did not start working"
        time.sleep(0.05)


def _crash_run(tmp_path: Path, database_url: str, posts: int, daemons: int, kills: int) -> None:
    rng = random.Random(20261130)
    emulator = start_emulator(reply_delay=10**7)
    control = EmulatorClient(emulator.url)
    control.set_faults(
        # Every post is applied at once and answered late (without "probability" a
        # fault fires once).
        {"type": "slow", "seconds": 0.25, "method": "POST", "probability": 1.0},
        limits={"x_post_limit": 10**6, "fb_call_limit": 10**6},
    )
    settings = load_settings(
        None, home=str(tmp_path), database={"url": database_url}, channels=CHANNELS
    )
    database = open_database(database_url)
    upgrade(database)
    with database.session() as session:
        sync_reference_data(session, settings)
    seed_due_posts(database, ["x-sandbox", "fb-sandbox"], posts, datetime.now(UTC))
    env = fleet_env(
        database_url,
        emulator.url,
        CHANNELS,
        lease_seconds=2,
        tick_seconds=0.2,
        batch_size=20,
        timeout_seconds=5,
        backoff_base_seconds=0.5,
        backoff_cap_seconds=2,
        staleness_minutes=600,
    )
    fleet = DaemonFleet(env, tmp_path, threads=4)
    fleet.start(daemons)
    # At each kill: rows marked sending whose call had not reached the platform (killed
    # between claim and call) and rows already on the platform but not yet recorded as
    # published (killed between call and record).
    held_at_kill: Counter[str] = Counter()
    try:
        for _ in range(kills):
            # A random moment while the daemons work (however slowly a loaded machine
            # starts them): wait for rows in flight, then a little longer.
            _wait_for_work(database, posts)
            time.sleep(rng.uniform(0.2, 2.5))
            in_flight = _in_flight(database)
            fleet.kill(rng.randrange(daemons))
            posted = {p["text"] for p in control.posts()}
            held_at_kill["before call"] += len(in_flight - posted)
            held_at_kill["after call"] += len(in_flight & posted)
        deadline = time.monotonic() + 180
        while _states(database)[PublicationStatus.PUBLISHED] < posts:
            assert time.monotonic() < deadline, f"{_states(database)}\n{fleet.logs()}"
            time.sleep(0.5)
        fleet.wait_ready()
        codes = fleet.stop()
        texts = Counter(p["text"] for p in control.posts())
    finally:
        fleet.stop()
        emulator.stop()
    assert len(texts) == posts and set(texts.values()) == {1}, texts.most_common(3)
    assert _states(database) == Counter({PublicationStatus.PUBLISHED: posts})
    # The kills really hit both windows: rows claimed but not sent, and rows in flight.
    assert held_at_kill["before call"] > 0 and held_at_kill["after call"] > 0, held_at_kill
    assert codes == [0] * daemons, fleet.logs()
    database.dispose()


def test_one_daemon_on_sqlite_killed_20_times_posts_each_of_200_once(tmp_path: Path) -> None:
    _crash_run(tmp_path, f"sqlite:///{tmp_path / 'crash.db'}", posts=200, daemons=1, kills=20)


@pytest.mark.postgres
def test_three_daemons_on_postgresql_share_1000_posts_without_duplicates(
    tmp_path: Path, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("the scale-out case is for PostgreSQL")
    _crash_run(tmp_path, database_url, posts=1000, daemons=3, kills=20)
