"""Channels against the local emulator over real HTTP on 127.0.0.1 (no mocks)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from social_assistant.channels import Channel, ChannelSpec, open_channel
from social_assistant.emulator import (
    SANDBOX_PAGE_ID,
    SANDBOX_SECRETS,
    CitizenSettings,
    EmulatorClient,
    EmulatorServer,
    ManualClock,
    start_emulator,
)

SEED = 7
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)

SpecFactory = Callable[..., ChannelSpec]
ChannelFactory = Callable[..., Channel]


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


@pytest.fixture
def settle(clock: ManualClock) -> Callable[[], None]:
    """Move time past the last reply the default citizens write to a post."""
    defaults = CitizenSettings()

    def advance() -> None:
        clock.advance(defaults.first_after_seconds + defaults.window_seconds + 1)

    return advance


@pytest.fixture
def image(tmp_path: Path) -> Path:
    path = tmp_path / "kegiatan.png"
    path.write_bytes(PNG)
    return path


@pytest.fixture
def make_spec(server: EmulatorServer) -> SpecFactory:
    """A sandbox spec for ``kind`` pointing at the emulator; keyword arguments override."""

    def make(kind: str, **overrides: Any) -> ChannelSpec:
        values: dict[str, Any] = {
            "name": f"{kind}-test", "kind": kind, "base_url": server.url,
            "secrets": SANDBOX_SECRETS.get(kind, {}), "page_id": SANDBOX_PAGE_ID,
        }
        return ChannelSpec(**{**values, **overrides})

    return make


@pytest.fixture
def make_channel(make_spec: SpecFactory) -> ChannelFactory:
    """An open channel of ``kind`` on the emulator; keyword arguments override the spec."""

    def make(kind: str, **overrides: Any) -> Channel:
        return open_channel(make_spec(kind, **overrides))

    return make
