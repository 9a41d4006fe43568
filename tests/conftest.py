"""Shared fixtures: one storage suite, run on SQLite always and PostgreSQL when available.

PostgreSQL runs when ``SA_TEST_POSTGRES_URL`` is set (CI sets it); each test gets its
own schema, so tests never see each other's rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from social_assistant.db import Database, open_database
from social_assistant.db.migrate import upgrade
from social_assistant.db.scratch import scratch_database

POSTGRES_URL = os.environ.get("SA_TEST_POSTGRES_URL")
REPO = Path(__file__).resolve().parent.parent


def _postgres_param() -> object:
    reason = "SA_TEST_POSTGRES_URL is not set: PostgreSQL suite skipped"
    return pytest.param(
        "postgresql",
        marks=[pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=reason)],
    )


@pytest.fixture(params=["sqlite", _postgres_param()])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    with scratch_database(POSTGRES_URL if request.param == "postgresql" else None,
                          tmp_path) as url:
        yield url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated database on each backend."""
    db = open_database(database_url)
    upgrade(db)
    yield db
    db.dispose()


def pytest_report_header() -> str:
    if POSTGRES_URL:
        return f"PostgreSQL suite: ON ({POSTGRES_URL})"
    return "PostgreSQL suite: OFF (set SA_TEST_POSTGRES_URL to run it)"
