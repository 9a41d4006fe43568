"""The daemon's daily checkpoint: verify the chain, sign its head, write it where the
public page (``/publik``) shows it, so outsiders can later prove the log was not
rewritten. Needs the signing key (``SA_AUDIT_SIGNING_KEY`` or ``..._FILE``)."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path

from social_assistant.audit.checkpoint import dump_checkpoint, make_checkpoint
from social_assistant.audit.keys import load_signing_key
from social_assistant.db import Database
from social_assistant.settings import Settings, read_secret

log = logging.getLogger(__name__)
KEY_SECRET = "AUDIT_SIGNING_KEY"


def publish_checkpoint(settings: Settings, database: Database, now: datetime) -> Path | None:
    """Write today's signed checkpoint; None (and a log line) when no key is configured.

    A tampered chain raises (``BrokenChainError``): the daemon logs it loudly and the
    last good checkpoint stays published.
    """
    secret = read_secret(KEY_SECRET)
    if secret is None:
        log.info("no audit signing key (SA_%s): daily checkpoint not published", KEY_SECRET)
        return None
    key = load_signing_key(secret.get_secret_value())
    text = dump_checkpoint(make_checkpoint(database, key, now=now))
    target = settings.path(settings.transparency.checkpoint_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    log.info("audit checkpoint published to %s", target)
    return target
