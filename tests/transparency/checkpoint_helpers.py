"""Publish a signed checkpoint of a test database where the settings say the page reads it."""

from __future__ import annotations

from typing import Any

from transparency.december import NOW

from social_assistant.audit.checkpoint import dump_checkpoint, make_checkpoint
from social_assistant.audit.keys import generate_signing_key
from social_assistant.db import Database
from social_assistant.settings import Settings


def publish_checkpoint(database: Database, settings: Settings) -> dict[str, Any]:
    checkpoint = make_checkpoint(database, generate_signing_key(), now=NOW)
    path = settings.path(settings.transparency.checkpoint_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_checkpoint(checkpoint), encoding="utf-8")
    return checkpoint
