"""Citizens as keyed pseudonyms: HMAC-SHA256 of their platform identity, never the id.

The key comes from the secret ``SA_OPEN_DATA_KEY`` (or ``SA_OPEN_DATA_KEY_FILE``); without
one, a random key is made once in ``var/open_data.key`` under the home folder (mode 0600)
and kept, so a citizen keeps one pseudonym from export to export. Whoever holds the key
can link a pseudonym to an account; the public cannot.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from social_assistant.settings import Settings, read_secret

SECRET_NAME = "OPEN_DATA_KEY"
KEY_FILE = Path("var") / "open_data.key"


def open_data_key(settings: Settings) -> bytes:
    """The pseudonymisation key: the secret if set, else the key file (made if missing)."""
    secret = read_secret(SECRET_NAME)
    if secret is not None:
        return secret.get_secret_value().encode("utf-8")
    path = settings.path(KEY_FILE)
    if not path.exists():
        _create_key_file(path)
    return path.read_text(encoding="ascii").strip().encode("ascii")


def _create_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process made it first: use theirs
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")


class Pseudonymiser:
    """``citizen("x", "12345")`` -> ``w-3f1c...``: the same person, the same pseudonym."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def citizen(self, platform: str, author: str | None) -> str:
        if not author:
            return ""
        digest = hmac.new(self._key, f"{platform}:{author}".encode(), hashlib.sha256)
        return "w-" + digest.hexdigest()[:20]
