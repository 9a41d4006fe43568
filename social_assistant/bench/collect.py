"""``social-assistant bench collect``: replies collected, triaged and stored per second.

The emulator runs in its own process (as the platforms are elsewhere) on 127.0.0.1; half
the posts are X posts and half Facebook Page posts, published through the real adapters;
the replies are seeded into the emulator in bulk (``POST /_emulator/seed``). One
:class:`~social_assistant.collecting.collector.Collector` then reads them all through
tweepy and facebook-sdk over HTTP, stores each once, triages it, opens the aspirations
and writes the audit events, exactly as the daemon does. Peak memory is the collecting
process's peak resident set size (the emulator excluded).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import socket
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import func, select

from social_assistant.bench.scratch import scratch_home
from social_assistant.channels import OutgoingPost, open_channel
from social_assistant.clock import SystemClock
from social_assistant.collecting.collector import Collector
from social_assistant.db import Database, open_database
from social_assistant.db.migrate import upgrade
from social_assistant.db.models import (
    Announcement,
    AnnouncementStatus,
    Aspiration,
    Channel,
    Publication,
    PublicationStatus,
    Reply,
)
from social_assistant.db.reference import sync_reference_data
from social_assistant.emulator import EmulatorClient
from social_assistant.emulator.server import serve_forever
from social_assistant.publishing.engine import spec_opener
from social_assistant.publishing.specs import channel_specs
from social_assistant.settings import Settings, load_settings

CHANNELS = {"x": "x-sandbox", "facebook": "fb-sandbox"}


@dataclass(frozen=True)
class Shape:
    """How big the run is."""

    replies: int = 100_000
    posts: int = 100
    database_url: str | None = None


def run_bench(shape: Shape) -> dict[str, Any]:
    """Measure one collection of ``shape.replies`` replies; the figures as a dict."""
    with scratch_home("sa-bench-collect-", shape.database_url) as (home, url):
        port = _free_port()
        emulator = multiprocessing.get_context("spawn").Process(
            target=serve_forever, kwargs={"port": port, "reply_delay": 10**9}, daemon=True
        )
        emulator.start()
        try:
            emulator_url = f"http://127.0.0.1:{port}"
            _wait_for(EmulatorClient(emulator_url))
            return _measure(shape, home, url, emulator_url)
        finally:
            emulator.terminate()
            emulator.join(10)


def _measure(shape: Shape, home: Path, url: str, emulator_url: str) -> dict[str, Any]:
    settings = load_settings(
        None,
        home=str(home),
        database={"url": url},
        collecting={
            "batch_size": 500,
            "x_monthly_read_budget": 10 * shape.replies,
            "mentions_poll_minutes": 60.0,
        },
    )
    database = open_database(url)
    upgrade(database)
    with database.session() as session:
        sync_reference_data(session, settings)
    control = EmulatorClient(emulator_url, timeout=120)
    _seed(settings, database, control, emulator_url, shape)
    collector = Collector(
        settings, database, SystemClock(), spec_opener(channel_specs(settings, emulator_url))
    )
    collector.intake.triager.classify("pemanasan")  # load the model before the clock runs
    started = time.perf_counter()
    stored = collector.run_once()
    seconds = time.perf_counter() - started
    health = control.health()
    figures = _counts(database)
    database.dispose()
    return {
        "database": "postgresql" if url.startswith("postgresql") else "sqlite",
        "replies_served": shape.replies,
        "replies_stored": stored,
        "rows": figures,
        "seconds": round(seconds, 2),
        "replies_per_second": round(stored / seconds, 1) if seconds else None,
        "peak_rss_mib": round(_peak_rss_mib(), 1),
        "x_search_calls": health["endpoints"].get("GET /2/tweets/search/recent", 0),
        "x_mentions_calls": health["endpoints"].get("GET /2/users/:id/mentions", 0),
        "graph_calls": health["endpoints"].get("graph", 0),
        "items_read": health["reads"],
        "posts": shape.posts,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cpus": os.cpu_count(),
    }


def _seed(
    settings: Settings, database: Database, control: EmulatorClient, emulator_url: str, shape: Shape
) -> None:
    """Publish the posts through the adapters, record them as published, seed replies."""
    specs = channel_specs(settings, emulator_url)
    now = datetime.now(UTC)
    with database.session() as session:
        channel_ids = dict(session.exec(select(Channel.name, Channel.id)).all())
    per_post, extra = divmod(shape.replies, shape.posts)
    for number in range(shape.posts):
        kind = "x" if number % 2 == 0 else "facebook"
        name = CHANNELS[kind]
        text = f"Pengumuman tolok ukur nomor {number} ({now:%H%M%S})"
        remote_id = open_channel(specs[name]).publish(OutgoingPost(text)).remote_id
        with database.session() as session:
            announcement = Announcement(
                content_hash=f"{number:064d}",
                title=f"bench {number}",
                body=text,
                publish_at=now,
                status=AnnouncementStatus.APPROVED,
            )
            session.add(announcement)
            session.flush()
            session.add(
                Publication(
                    announcement_id=announcement.id or 0,
                    channel_id=channel_ids[name] or 0,
                    status=PublicationStatus.PUBLISHED,
                    text=text,
                    due_at=now,
                    remote_id=remote_id,
                    published_at=now,
                    sent_at=now,
                )
            )
        control.seed(kind, remote_id, per_post + (1 if number < extra else 0))


def _counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        replies = session.exec(select(func.count()).select_from(Reply)).one()
        aspirations = session.exec(select(func.count()).select_from(Aspiration)).one()
    return {"replies": int(replies), "aspirations": int(aspirations)}


def _peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(control: EmulatorClient, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            control.health()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
