"""Officer accounts: argon2 password hashes, roles, the first admin, and the admin's
changes (add, disable, reset a password), each checked against the role table."""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, func, select

from social_assistant import audit
from social_assistant.db.models import Role, User
from social_assistant.permissions import Action, PermissionDenied, require

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


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


def find_user(session: Session, username: str) -> User:
    """The user ``username``; UserError when there is none."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise UserError(f"Pengguna `{username}` tidak ada.", f"User `{username}` does not exist.")
    return user


def acting_user(session: Session, username: str | None) -> User:
    """The active account a command runs as (``--as``); PermissionDenied otherwise."""
    if not username:
        raise PermissionDenied(
            "Sebutkan siapa yang bertindak: `--as PENGGUNA` (atau variabel SA_USER).",
            "Say who acts: `--as USER` (or the SA_USER variable).",
        )
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        state_id, state_en = (
            ("tidak ada", "does not exist")
            if user is None
            else (
                "nonaktif",
                "is disabled",
            )
        )
        raise PermissionDenied(
            f"Pengguna `{username}` {state_id}; tindakan ditolak.",
            f"User `{username}` {state_en}; refused.",
        )
    return user


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(role.value for role in Role)
        raise UserError(
            f"Peran `{value}` tidak dikenal; pilihan: {allowed}.",
            f"Unknown role `{value}`; allowed: {allowed}.",
        ) from None


def create_user(
    session: Session,
    username: str,
    role: Role,
    password: str,
    *,
    actor: User | None,
    display_name: str = "",
) -> User:
    """Add an account as ``actor`` (an admin); without an actor only the first admin."""
    if actor is None:
        if user_count(session) > 0:
            raise PermissionDenied(
                "Sudah ada pengguna: tambah pengguna baru dengan `--as ADMIN`.",
                "Users exist: add users with `--as ADMIN`.",
            )
        if role is not Role.ADMIN:
            raise UserError(
                "Pengguna pertama harus berperan `admin`.", "The first user must be an `admin`."
            )
        name = "bootstrap"
    else:
        name = require(actor, Action.MANAGE_USERS).username
    _valid_username(username)
    return add_user(session, username, role, password, actor=name, display_name=display_name)


def list_users(session: Session, *, actor: User) -> list[User]:
    require(actor, Action.MANAGE_USERS)
    return list(session.exec(select(User).order_by(col(User.username))).all())


def disable_user(session: Session, username: str, *, actor: User) -> User:
    """Stop an account from logging in or acting; the last active admin stays."""
    require(actor, Action.MANAGE_USERS)
    user = find_user(session, username)
    if not user.active:
        return user
    if user.role == Role.ADMIN and _active_admins(session) <= 1:
        raise UserError(
            f"`{username}` adalah admin aktif terakhir; tambahkan admin lain dulu.",
            f"`{username}` is the last active admin; add another admin first.",
        )
    user.active = False
    audit.record(
        session, "user.disabled", actor=actor.username, subject_type="user", subject_id=user.id
    )
    return user


def reset_password(session: Session, username: str, password: str, *, actor: User) -> User:
    """Set a new password (the old one stops working at once)."""
    require(actor, Action.MANAGE_USERS)
    user = find_user(session, username)
    user.password_hash = hash_password(password)
    audit.record(
        session,
        "user.password_reset",
        actor=actor.username,
        subject_type="user",
        subject_id=user.id,
    )
    return user


def _active_admins(session: Session) -> int:
    query = (
        select(func.count())
        .select_from(User)
        .where(col(User.role) == Role.ADMIN)
        .where(col(User.active))
    )
    return int(session.exec(query).one())


def _valid_username(username: str) -> None:
    if not USERNAME.match(username):
        raise UserError(
            f"Nama pengguna `{username}` tidak sah: huruf kecil, angka, titik, garis bawah "
            "atau tanda hubung, 2-80 karakter.",
            f"Invalid username `{username}`: lowercase letters, digits, '.', '_' or '-', "
            "2-80 characters.",
        )
