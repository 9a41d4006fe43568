"""Officer accounts: argon2 password hashes, roles, the first admin."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, func, select

from social_assistant import audit
from social_assistant.db.models import Role, User

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


class UserError(Exception):
    """A user cannot be created or changed as asked."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"Kata sandi terlalu pendek: minimal {MIN_PASSWORD_LENGTH} karakter.",
            f"Password too short: at least {MIN_PASSWORD_LENGTH} characters.",
        )
    return _hasher.hash(password)


def verify_password(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def add_user(
    session: Session,
    username: str,
    role: Role,
    password: str,
    *,
    actor: str,
    display_name: str = "",
) -> User:
    if session.exec(select(User).where(User.username == username)).first() is not None:
        raise UserError(f"Pengguna `{username}` sudah ada.", f"User `{username}` already exists.")
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        "user.added",
        actor=actor,
        subject_type="user",
        subject_id=user.id,
        username=username,
        role=str(role),
    )
    return user


def user_count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(User)).one())
