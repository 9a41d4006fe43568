"""Urgent aspirations reach a human at once: webhook and e-mail receivers on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from social_assistant.clock import FrozenClock
from social_assistant.collecting.inbox import open_item
from social_assistant.db import Database
from social_assistant.db.models import Channel, Notification, Reply
from social_assistant.db.reference import sync_reference_data
from social_assistant.notify.dispatcher import Dispatcher
from social_assistant.settings import Settings, load_settings
from social_assistant.triage.classify import classify
from social_assistant.workdays import calendar_for

URGENT = "banjir sudah masuk rumah sekarang di jl. Pramuka, tolong evakuasi! hub 081234567890"
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


class Receiver:
    """A webhook endpoint that records what it receives and answers ``status``."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(json.loads(body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.server.shutdown()
    running.server.server_close()


@pytest.fixture
def settings(tmp_path: Path, database_url: str, receiver: Receiver) -> Settings:
    return load_settings(
        None,
        home=str(tmp_path),
        database={"url": database_url},
        notify={"urgent_webhook": receiver.url},
    )


def _flag(database: Database, settings: Settings, text: str) -> None:
    triage = classify(text)
    assert triage.urgent, triage.reasons
    with database.session() as session:
        sync_reference_data(session, settings)
        channel = session.exec(select(Channel)).first()
        assert channel is not None and channel.id is not None
        reply = Reply(channel_id=channel.id, platform_id="9", text=text, posted_at=NOW, raw={})
        session.add(reply)
        session.flush()
        open_item(session, reply, triage, settings, calendar_for(settings), NOW)


def test_an_urgent_aspiration_is_sent_at_once_without_personal_data(
    database: Database, settings: Settings, receiver: Receiver
) -> None:
    _flag(database, settings, URGENT)
    dispatcher = Dispatcher(database, FrozenClock(NOW), settings.notify)
    assert dispatcher.run_once() == 1
    (message,) = receiver.received
    assert message["urgent"] is True and message["title"].startswith("MENDESAK")
    assert "081234567890" not in json.dumps(message) and "evakuasi" in message["text"]
    assert dispatcher.run_once() == 0  # sent once


def test_a_failing_receiver_is_retried_later_then_given_up_on_4xx(
    database: Database, settings: Settings, receiver: Receiver
) -> None:
    _flag(database, settings, URGENT)
    clock = FrozenClock(NOW)
    dispatcher = Dispatcher(database, clock, settings.notify)
    receiver.status = 503
    assert dispatcher.run_once() == 0
    assert dispatcher.run_once() == 0  # not due again yet
    clock.advance(timedelta(hours=1))
    receiver.status = 404
    assert dispatcher.run_once() == 0
    with database.session() as session:
        row = session.exec(select(Notification)).one()
    assert row.status == "failed" and "404" in (row.last_error or "") and row.attempts == 2
    assert len(receiver.received) == 2


class SmtpReceiver:
    """Just enough SMTP on 127.0.0.1 to receive messages (no TLS, no auth)."""

    def __init__(self) -> None:
        import socketserver

        self.messages: list[str] = []
        receiver = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 test ESMTP\r\n")
                while line := self.rfile.readline():
                    verb = line.decode().strip().split(" ")[0].upper()
                    if verb == "DATA":
                        self.wfile.write(b"354 go ahead\r\n")
                        receiver.messages.append(self._data())
                        self.wfile.write(b"250 queued\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

            def _data(self) -> str:
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(line.decode())
                return "".join(lines)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_an_urgent_aspiration_is_also_emailed(
    tmp_path: Path, database_url: str, database: Database
) -> None:
    smtp = SmtpReceiver()
    try:
        settings = load_settings(
            None,
            home=str(tmp_path),
            database={"url": database_url},
            notify={"urgent_email": ["piket@kominfo.example"], "smtp_port": smtp.port},
        )
        _flag(database, settings, URGENT)
        assert Dispatcher(database, FrozenClock(NOW), settings.notify).run_once() == 1
        (message,) = smtp.messages
        assert "Subject: MENDESAK" in message and "piket@kominfo.example" in message
        assert "evakuasi" in message and "081234567890" not in message
    finally:
        smtp.server.shutdown()
        smtp.server.server_close()
