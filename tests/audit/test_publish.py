"""The daemon publishes a signed checkpoint daily, where the public page reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from social_assistant import audit
from social_assistant.audit.checkpoint import verify_checkpoint
from social_assistant.audit.keys import generate_signing_key
from social_assistant.audit.publish import publish_checkpoint
from social_assistant.db import Database
from social_assistant.settings import load_settings

NOW = datetime(2026, 12, 2, 16, 0, tzinfo=UTC)


def test_checkpoint_written_and_verifiable(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(None, home=str(tmp_path))
    with database.session() as session:
        audit.record(session, "x.done", actor="t", subject_type="x", at=NOW)
    assert publish_checkpoint(settings, database, NOW) is None  # no key: nothing published
    key = generate_signing_key()
    monkeypatch.setenv("SA_AUDIT_SIGNING_KEY", key.to_pem().decode())
    written = publish_checkpoint(settings, database, NOW)
    assert written == tmp_path / "var" / "audit_checkpoint.json"
    report = verify_checkpoint(database, written.read_text("utf-8"), key.public_key)
    assert report.ok and report.events == 1
