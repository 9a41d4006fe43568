"""Fixtures of the workspace tests (helpers in ``office.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from publishing_rig import clock, control, emulator, emulator_url, publisher, rig, settings
from typer.testing import CliRunner
from workspace.office import PASSWORD, ROLES, Office, Receiver, write_config

from social_assistant.cli import app
from social_assistant.db import open_database
from social_assistant.emulator import EmulatorClient, EmulatorServer, start_emulator
from social_assistant.settings import load_settings

# The publishing engine's rig (one manual clock for the engine and its emulator).
__all__ = ["clock", "control", "emulator", "emulator_url", "publisher", "rig", "settings"]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.server.shutdown()
    running.server.server_close()


@pytest.fixture
def live_emulator() -> Iterator[EmulatorServer]:
    """The emulator on the real clock (the CLI runs on the system clock)."""
    with start_emulator(seed=5, reply_delay=86400) as server:
        yield server


@pytest.fixture
def office(
    tmp_path: Path, database_url: str, receiver: Receiver, live_emulator: EmulatorServer
) -> Iterator[Office]:
    """An initialised office with one user per role (named after the role)."""
    config = write_config(
        tmp_path, database_url, webhook=receiver.url, emulator_url=live_emulator.url
    )
    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD, encoding="utf-8")
    runner = CliRunner()
    base = ["--config", str(config)]
    done = runner.invoke(app, [*base, "init", "--password-file", str(secret)])
    assert done.exit_code == 0, done.output
    for role in ROLES:
        if role != "admin":
            added = runner.invoke(
                app,
                [
                    *base,
                    "users",
                    "add",
                    role,
                    "--role",
                    role,
                    "--password-file",
                    str(secret),
                    "--as",
                    "admin",
                ],
            )
            assert added.exit_code == 0, added.output
    settings = load_settings(config)
    database = open_database(settings.database_url())
    yield Office(config, settings, database, runner)
    database.dispose()


@pytest.fixture
def live_control(live_emulator: EmulatorServer) -> EmulatorClient:
    return EmulatorClient(live_emulator.url)
