"""API tokens: ``sa_<random>`` shown once, stored as SHA-256, revocable, audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.db.models import ApiToken, User
from social_assistant.permissions import Action, require

PREFIX = "sa_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    session: Session, owner: User, name: str, *, actor: User, now: datetime
) -> tuple[ApiToken, str]:
    """A new token for ``owner`` (an admin may make one for anyone, others for themselves)."""
    if actor.id != owner.id:
        require(actor, Action.MANAGE_USERS)
    plain = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=owner.id or 0, name=name.strip()[:100] or "api", token_hash=_digest(plain)
    )
    row.created_at = now
    session.add(row)
    session.flush()
    audit.record(
        session,
        "api_token.created",
        actor=actor.username,
        subject_type="user",
        subject_id=owner.id,
        at=now,
        token_id=row.id,
        name=row.name,
    )
    return row, plain


def revoke_token(session: Session, token_id: int, *, actor: User, now: datetime) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    if actor.id != row.user_id:
        require(actor, Action.MANAGE_USERS)
    row.revoked_at = now
    audit.record(
        session,
        "api_token.revoked",
        actor=actor.username,
        subject_type="user",
        subject_id=row.user_id,
        at=now,
        token_id=row.id,
    )
    return True


def user_for_token(session: Session, token: str, now: datetime) -> User | None:
    """The active user a live token belongs to, or None."""
    if not token.startswith(PREFIX):
        return None
    row = session.exec(
        select(ApiToken)
        .where(ApiToken.token_hash == _digest(token))
        .where(col(ApiToken.revoked_at).is_(None))
    ).first()
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    row.last_used_at = now
    return user


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    return list(
        session.exec(
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(col(ApiToken.id))
        ).all()
    )
