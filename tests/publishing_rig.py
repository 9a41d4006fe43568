"""The engine's test rig: database, settings, emulator and engine on one manual clock.

Imported by the conftest of the tests that need it (pytest puts tests/ on the path)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from social_assistant.clock import FrozenClock
from social_assistant.db import Database
from social_assistant.db.models import Publication
from social_assistant.db.reference import sync_reference_data
from social_assistant.emulator import EmulatorClient, EmulatorServer, start_emulator
from social_assistant.publishing.engine import Publisher, spec_opener
from social_assistant.publishing.specs import channel_specs
from social_assistant.queue.sync import QueueSync
from social_assistant.settings import Settings, load_settings

START = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
DUE = START + timedelta(minutes=30)


class SharedClock(FrozenClock):
    """One time for the engine (``now()``) and the emulator (called)."""

    def __call__(self) -> datetime:
        return self.now()


@pytest.fixture
def clock() -> SharedClock:
    return SharedClock(START)


@pytest.fixture
def emulator(clock: SharedClock) -> Iterator[EmulatorServer]:
    with start_emulator(seed=3, clock=clock, reply_delay=3600) as server:
        yield server


@pytest.fixture
def emulator_url(emulator: EmulatorServer) -> str:
    return emulator.url


@pytest.fixture
def control(emulator: EmulatorServer) -> EmulatorClient:
    return EmulatorClient(emulator.url)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    (tmp_path / "content_queue").mkdir()
    return load_settings(
        None,
        home=str(tmp_path),
        database={"url": database_url},
        publishing={
            "backoff_base_seconds": 10,
            "backoff_cap_seconds": 60,
            "timeout_seconds": 1.0,
            "lease_seconds": 30,
            "max_attempts": 4,
        },
    )


@pytest.fixture
def publisher(
    settings: Settings, database: Database, clock: SharedClock, emulator: EmulatorServer
) -> Iterator[Publisher]:
    with database.session() as session:
        sync_reference_data(session, settings)
    engine = Publisher(
        settings, database, clock, spec_opener(channel_specs(settings, emulator.url)), threads=2
    )
    yield engine
    engine.close()


@dataclass
class Rig:
    """The engine, its database and settings, the emulator, and one clock for both."""

    publisher: Publisher
    settings: Settings
    database: Database
    clock: SharedClock
    control: EmulatorClient

    def queue(
        self, name: str, text: str, channels: str = "[x-sandbox, fb-sandbox]", extra: str = ""
    ) -> None:
        path = self.settings.queue_dir / f"{name}.md"
        path.write_text(
            f"---\ntitle: {name}\nchannels: {channels}\npublish_at: {DUE.isoformat()}\n"
            f"approval: none\n{extra}---\n{text}\n",
            encoding="utf-8",
        )
        report = QueueSync(self.settings, self.database, self.clock).run([path])
        assert not report.rejected, [e.log_text() for e in report.rejected]

    def rows(self) -> list[Publication]:
        with self.database.session() as session:
            return list(session.exec(select(Publication).order_by(col(Publication.id))).all())

    def texts(self, platform: str | None = None) -> list[str]:
        return [p["text"] for p in self.control.posts(platform)]


@pytest.fixture
def rig(
    publisher: Publisher,
    settings: Settings,
    database: Database,
    clock: SharedClock,
    control: EmulatorClient,
) -> Rig:
    return Rig(publisher, settings, database, clock, control)
