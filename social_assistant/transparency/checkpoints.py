"""The published audit checkpoint: the file `audit checkpoint --out` writes, read for show.

The public page and the reports print the latest signed head of the audit chain (its
``seq``, ``hash`` and signature) so that anyone can later check the log against it with
``social-assistant audit verify --checkpoint FILE``.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from dataclasses import dataclass
from typing import Any

from social_assistant.audit.canonical import canonical_json
from social_assistant.audit.checkpoint import load_checkpoint
from social_assistant.audit.errors import CheckpointFormatError, SigningKeyError
from social_assistant.audit.keys import load_public_key
from social_assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublishedCheckpoint:
    """What the page shows of a checkpoint, and whether its signature matches its key."""

    seq: int
    hash: str
    events: int
    created_at: str
    public_key: str
    signature_valid: bool
    document: dict[str, Any]


def latest_checkpoint(settings: Settings) -> PublishedCheckpoint | None:
    """The checkpoint in ``transparency.checkpoint_file``; None if missing or unreadable."""
    path = settings.path(settings.transparency.checkpoint_file)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return _published(document)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, CheckpointFormatError) as exc:
        log.warning("checkpoint file %s (transparency.checkpoint_file) unreadable: %s", path, exc)
        return None


def _published(document: dict[str, Any]) -> PublishedCheckpoint:
    checkpoint = load_checkpoint(document)
    return PublishedCheckpoint(
        seq=int(checkpoint["seq"]),
        hash=str(checkpoint["hash"]),
        events=int(checkpoint["events"]),
        created_at=str(checkpoint["created_at"]),
        public_key=str(checkpoint["public_key"]),
        signature_valid=signature_matches(checkpoint),
        document=checkpoint,
    )


def signature_matches(checkpoint: dict[str, Any]) -> bool:
    """Is the signature valid for the key the checkpoint itself names? (Whether that key is
    the office's own is for the reader to compare with the published public key.)"""
    body = {key: value for key, value in checkpoint.items() if key != "signature"}
    try:
        key = load_public_key(str(checkpoint["public_key"]))
        signature = base64.b64decode(str(checkpoint["signature"]), validate=True)
        return key.verify(signature, canonical_json(body))
    except (KeyError, binascii.Error, SigningKeyError, TypeError, ValueError):
        return False
