"""The web UI test rig: a real SQLite/PostgreSQL database, one user per role, and the
FastAPI app (in-process client for HTTP-level tests; real uvicorn for the browser)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from publishing_rig import START, SharedClock

from social_assistant.db import Database
from social_assistant.db.models import Role
from social_assistant.db.reference import sync_reference_data
from social_assistant.settings import Settings, load_settings
from social_assistant.users import add_user
from social_assistant.web.app import create_app

PASSWORD = "kata-sandi-rahasia"
ROLES = [role.value for role in Role]
# Two approvers and two editors so the two-person rule can be exercised.
USERS = {role: role for role in ROLES} | {"approver2": "approver", "editor2": "editor"}


@pytest.fixture
def clock() -> SharedClock:
    return SharedClock(START)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    (tmp_path / "content_queue").mkdir()
    return load_settings(None, home=str(tmp_path), database={"url": database_url})


@pytest.fixture
def seeded(settings: Settings, database: Database) -> Database:
    with database.session() as session:
        sync_reference_data(session, settings)
        for username, role in USERS.items():
            add_user(session, username, Role(role), PASSWORD, actor="test")
    return database


@pytest.fixture
def app_client(settings: Settings, seeded: Database, clock: SharedClock) -> Iterator[TestClient]:
    app = create_app(settings, seeded, clock)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture
def new_client(
    settings: Settings, seeded: Database, clock: SharedClock
) -> Iterator[type[TestClient] | object]:
    """A factory of separate clients (separate cookie jars) on one app."""
    app = create_app(settings, seeded, clock)
    clients: list[TestClient] = []

    def make() -> TestClient:
        client = TestClient(app, base_url="http://127.0.0.1")
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "page has no CSRF token"
    return found.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log ``username`` in; the CSRF token of the new session."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/").text)


def seed_aspiration(
    database: Database, settings: Settings, text: str, *, platform_id: str, now: datetime
) -> int:
    """A citizen's reply on x-sandbox (its own conversation and author), triaged and
    opened as an inbox item as the collector does; its id."""
    from workspace.office import flag

    return flag(
        database,
        settings,
        text,
        platform_id=platform_id,
        at=now,
        handle="@warga_" + platform_id,
        conversation_id="c-" + platform_id,
        author_id="u-" + platform_id,
    )
