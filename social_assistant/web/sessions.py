"""Signed, expiring session cookies (itsdangerous), and the key that signs them.

The cookie holds only the user id, a fingerprint of the password hash (so a password
reset ends every session of that user), the CSRF token and the login time; it is
HttpOnly, SameSite=Lax, and Secure when ``web.secure_cookies`` is set.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

from social_assistant.db.models import User
from social_assistant.settings import Settings, read_secret

COOKIE = "sa_session"
LANG_COOKIE = "sa_lang"
KEY_FILE = Path("var/web_session.key")


def session_key(settings: Settings) -> bytes:
    """``SA_SESSION_KEY`` (needed when several hosts serve the UI), else a key file."""
    secret = read_secret("SESSION_KEY")
    if secret is not None:
        return secret.get_secret_value().encode()
    path = settings.path(KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="utf-8").strip().encode()


class SessionCodec:
    def __init__(self, key: bytes, max_age_seconds: int) -> None:
        self._serializer = URLSafeTimedSerializer(key, salt="social-assistant-session")
        self.max_age = max_age_seconds

    def dumps(self, data: dict[str, Any]) -> str:
        return self._serializer.dumps(data)

    def loads(self, cookie: str | None) -> dict[str, Any]:
        """The session in ``cookie``; empty when missing, forged or expired."""
        if not cookie:
            return {}
        try:
            data = self._serializer.loads(cookie, max_age=self.max_age)
        except BadSignature:  # SignatureExpired is a BadSignature
            return {}
        return data if isinstance(data, dict) else {}


def fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)
