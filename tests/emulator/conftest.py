"""A fresh emulator with a manual clock for every test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from social_assistant.emulator import EmulatorClient, EmulatorServer, ManualClock, start_emulator

SEED = 11


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def server(clock: ManualClock) -> Iterator[EmulatorServer]:
    with start_emulator(seed=SEED, clock=clock) as running:
        yield running


@pytest.fixture
def control(server: EmulatorServer) -> EmulatorClient:
    return EmulatorClient(server.url)
