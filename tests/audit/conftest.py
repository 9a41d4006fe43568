"""Helpers for the audit tests: a log filled through ``record`` and raw SQL to tamper with it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from social_assistant import audit
from social_assistant.db import Database

T0 = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)

Fill = Callable[..., None]
Sql = Callable[..., list[Any]]


@pytest.fixture
def t0() -> datetime:
    """When the first event written by ``fill`` occurred."""
    return T0


@pytest.fixture
def fill(database: Database) -> Fill:
    """``fill(n)`` appends ``n`` events (one minute apart from T0) in one transaction."""

    def fill(count: int, *, first: int = 0) -> None:
        with database.session() as session:
            for i in range(first, first + count):
                audit.record(
                    session,
                    "aspiration.forwarded",
                    actor=f"petugas-{i % 3}",
                    subject_type="aspiration",
                    subject_id=i,
                    at=T0 + timedelta(minutes=i),
                    agency="DPUPR",
                    note="jalan rusak parah di Jl. Juanda 🙏",
                    step=i,
                )

    return fill


@pytest.fixture
def sql(database: Database) -> Sql:
    """``sql(statement, **params)`` runs raw SQL in its own transaction: the tamperer."""

    def run(statement: str, **params: Any) -> list[Any]:
        with database.engine.begin() as connection:
            result = connection.execute(text(statement), params)
            return list(result.all()) if result.returns_rows else []

    return run
