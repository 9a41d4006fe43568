"""Password login with throttling: too many failures for one user name or one client
pause further tries (whatever the password) for ``web.login_pause_minutes``."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.db.models import LoginAttempt, User
from social_assistant.settings import WebSettings
from social_assistant.users import verify_password

CLIENT_FACTOR = 4  # a client may fail for a few user names before it is paused


class LoginRefused(Exception):
    def __init__(self, message_id: str, message_en: str, *, throttled: bool = False) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en
        self.throttled = throttled


def log_in(
    session: Session,
    username: str,
    password: str,
    *,
    client: str,
    now: datetime,
    web: WebSettings,
) -> User:
    """The user, when the password is right and this user name and client are not paused."""
    username = username.strip()[:80]
    client = client[:100]
    pause = timedelta(minutes=web.login_pause_minutes)
    limit = web.login_max_failures
    waits = [
        _paused_until(session, col(LoginAttempt.username) == username, pause, now, limit),
        _paused_until(
            session, col(LoginAttempt.client) == client, pause, now, limit * CLIENT_FACTOR
        ),
    ]
    blocked = [moment for moment in waits if moment is not None and moment > now]
    if blocked:
        minutes = max(1, math.ceil((max(blocked) - now).total_seconds() / 60))
        audit.record(
            session,
            "user.login_throttled",
            actor=username or "-",
            subject_type="user",
            subject_id=username,
            at=now,
            client=client,
        )
        session.commit()  # the refusal is recorded even though the caller sees an error
        raise LoginRefused(
            f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
            f"Too many failed logins. Try again in {minutes} minute(s).",
            throttled=True,
        )
    user = session.exec(select(User).where(User.username == username)).first()
    ok = user is not None and user.active and verify_password(user, password)
    session.add(LoginAttempt(username=username, client=client, success=ok, at=now))
    audit.record(
        session,
        "user.login" if ok else "user.login_failed",
        actor=username or "-",
        subject_type="user",
        subject_id=user.id if user else username,
        at=now,
        client=client,
    )
    if not ok or user is None:
        session.commit()  # failures must count, so they survive the caller's rollback
        raise LoginRefused(
            "Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.",
            "Wrong user name or password, or the account is disabled.",
        )
    user.last_login_at = now
    return user


def _paused_until(
    session: Session, who: Any, pause: timedelta, now: datetime, limit: int
) -> datetime | None:
    """When the pause ends, if ``limit`` failures came within ``pause`` after the last success."""
    last_success = session.exec(
        select(func.max(LoginAttempt.at)).where(who).where(col(LoginAttempt.success))
    ).one()
    start = now - pause
    if last_success is not None and last_success > start:
        start = last_success
    failures = session.exec(
        select(LoginAttempt.at)
        .where(who)
        .where(col(LoginAttempt.success).is_(False))
        .where(col(LoginAttempt.at) > start)
        .order_by(col(LoginAttempt.at).desc())
        .limit(limit)
    ).all()
    if len(failures) < limit:
        return None
    return failures[0] + pause
