"""Serve the web app with uvicorn: in the foreground (``serve``) or beside the daemon (``run``)."""

from __future__ import annotations

import logging
import threading
import time

import uvicorn

from social_assistant.clock import Clock
from social_assistant.db import Database
from social_assistant.settings import Settings
from social_assistant.web.app import create_app

log = logging.getLogger(__name__)


def make_server(
    settings: Settings,
    database: Database,
    clock: Clock,
    *,
    host: str | None = None,
    port: int | None = None,
) -> uvicorn.Server:
    config = uvicorn.Config(
        create_app(settings, database, clock),
        host=host or settings.web.host,
        port=settings.web.port if port is None else port,
        log_level="warning",
        access_log=False,
        proxy_headers=False,
    )
    return uvicorn.Server(config)


class BackgroundServer:
    """A uvicorn server on a thread; ``url`` once it listens."""

    def __init__(self, server: uvicorn.Server) -> None:
        self.server = server
        self.thread = threading.Thread(target=server.run, name="web", daemon=True)

    def start(self, timeout: float = 10.0) -> str:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise OSError(f"the web server did not start on {self.address}")
            time.sleep(0.02)
        return self.url

    @property
    def address(self) -> str:
        return f"{self.server.config.host}:{self.server.config.port}"

    @property
    def url(self) -> str:
        sockets = [s for server in self.server.servers for s in server.sockets]
        host, port = (
            sockets[0].getsockname()[:2]
            if sockets
            else (
                self.server.config.host,
                self.server.config.port,
            )
        )
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
