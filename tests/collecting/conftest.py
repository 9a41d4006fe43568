"""Fixtures of the collection tests: the engine rig (``tests/publishing_rig.py``), a
collector on it, and the webhook router served by real uvicorn on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from publishing_rig import Rig, clock, control, emulator, emulator_url, publisher, rig, settings

from social_assistant.collecting.collector import Collector
from social_assistant.collecting.webhook import router
from social_assistant.publishing.engine import spec_opener
from social_assistant.publishing.specs import channel_specs
from social_assistant.settings import Settings

__all__ = ["clock", "control", "emulator", "emulator_url", "publisher", "rig", "settings"]

APP_SECRET = "app-secret-for-tests"
VERIFY_TOKEN = "verify-token-for-tests"
CollectorFactory = Callable[..., Collector]


def with_collecting(settings: Settings, **changes: Any) -> Settings:
    """``settings`` with some ``[collecting]`` values changed."""
    collecting = settings.collecting.model_copy(update=changes)
    return settings.model_copy(update={"collecting": collecting})


@pytest.fixture
def make_collector(rig: Rig, emulator_url: str) -> CollectorFactory:
    """A new Collector on the rig's database (a new one is a restarted daemon)."""

    def make(**collecting: Any) -> Collector:
        settings = with_collecting(rig.settings, **collecting)
        return Collector(
            settings, rig.database, rig.clock, spec_opener(channel_specs(settings, emulator_url))
        )

    return make


@pytest.fixture
def webhook_secrets() -> tuple[str, str]:
    """(app secret, verify token) the webhook app is started with."""
    return APP_SECRET, VERIFY_TOKEN


@pytest.fixture
def webhook_url(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The webhook router in a tiny app, served by uvicorn on a free local port."""
    monkeypatch.setenv("SA_FB_APP_SECRET", APP_SECRET)
    monkeypatch.setenv("SA_FB_WEBHOOK_VERIFY_TOKEN", VERIFY_TOKEN)
    app = FastAPI()
    app.state.database, app.state.settings, app.state.clock = rig.database, rig.settings, rig.clock
    app.include_router(router)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks/facebook"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
