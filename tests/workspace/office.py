"""The office of the workspace tests: a config file, a real database (SQLite file or a
PostgreSQL schema), users of every role made through the CLI, the emulator and a
webhook receiver on 127.0.0.1, and citizens' replies flagged by the real triage."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlmodel import select
from typer.testing import CliRunner, Result

from social_assistant.cli import app
from social_assistant.collecting.inbox import open_item
from social_assistant.db import Database
from social_assistant.db.models import Channel, Reply, Role, User
from social_assistant.settings import Settings
from social_assistant.triage.classify import classify
from social_assistant.workdays import calendar_for

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "rahasia-sekali-123"
ROLES = [role.value for role in Role]
COMPLAINT = "jalan rusak parah di depan pasar segiri, mohon segera diperbaiki min"


class Receiver:
    """A webhook endpoint on 127.0.0.1 that records the JSON it receives."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(json.loads(body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@dataclass
class Office:
    """The CLI and the database of one office."""

    config: Path
    settings: Settings
    database: Database
    runner: CliRunner

    def cli(self, *args: str, as_user: str | None = None) -> Result:
        argv = ["--config", str(self.config), *args]
        if as_user is not None:
            argv += ["--as", as_user]
        return self.runner.invoke(app, argv, env={"SA_USER": ""})

    def json(self, *args: str, as_user: str | None = None) -> Any:
        result = self.cli(*args, "--json", as_user=as_user)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def user(self, username: str) -> User:
        with self.database.session() as session:
            user = session.exec(select(User).where(User.username == username)).one()
        return user

    def flag(self, text: str = COMPLAINT, **options: Any) -> int:
        """A citizen's reply, stored and flagged as the collector does; the item's id."""
        return flag(self.database, self.settings, text, **options)


def flag(
    database: Database,
    settings: Settings,
    text: str = COMPLAINT,
    *,
    channel: str = "x-sandbox",
    platform_id: str | None = None,
    at: datetime | None = None,
    handle: str = "warga_samarinda",
    conversation_id: str = "777",
    author_id: str = "42",
) -> int:
    """Store a citizen's reply and flag it with the real triage (as the collector does)."""
    triage = classify(text)
    assert triage.is_aspiration, (text, triage.reasons)
    at = at or datetime.now(UTC)
    with database.session() as session:
        row = session.exec(select(Channel).where(Channel.name == channel)).one()
        assert row.id is not None
        count = len(session.exec(select(Reply.id)).all())
        reply = Reply(
            channel_id=row.id,
            platform_id=platform_id or f"9{count:08d}",
            conversation_id=conversation_id,
            author_id=author_id,
            author_handle=handle,
            text=text,
            posted_at=at,
            raw={},
        )
        session.add(reply)
        session.flush()
        item = open_item(session, reply, triage, settings, calendar_for(settings), at)
        assert item is not None and item.id is not None
        return item.id


def write_config(
    folder: Path, database_url: str, *, webhook: str = "", emulator_url: str = ""
) -> Path:
    """The committed config with this test's database, emulator and DPUPR's webhook."""
    text = (REPO / "config" / "social_assistant.toml").read_text(encoding="utf-8")
    text = text.replace(
        'url = "sqlite:///var/social_assistant.db"', f"url = {json.dumps(database_url)}"
    )
    text = text.replace("[emulator]\n", f"[emulator]\nurl = {json.dumps(emulator_url)}\n", 1)
    text = text.replace(
        'url = ""\nhost = "127.0.0.1"\nport = 8765', 'host = "127.0.0.1"\nport = 8765'
    )
    if webhook:
        dpupr = 'code = "DPUPR"\nname = "Dinas Pekerjaan Umum dan Penataan Ruang"\n'
        text = text.replace(dpupr, dpupr + f"contact_webhook = {json.dumps(webhook)}\n")
    path = folder / "config" / "social_assistant.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
