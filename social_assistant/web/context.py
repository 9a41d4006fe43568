"""What every request can reach: settings, database, clock, the signed session and the user."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlmodel import Session

from social_assistant.clock import Clock
from social_assistant.db import Database
from social_assistant.db.models import User
from social_assistant.permissions import Action, PermissionDenied, allowed, require
from social_assistant.settings import Settings
from social_assistant.web.sessions import (
    COOKIE,
    LANG_COOKIE,
    SessionCodec,
    fingerprint,
    new_csrf_token,
)

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class WebState:
    """Set once on ``app.state.web`` by :func:`social_assistant.web.app.create_app`."""

    settings: Settings
    database: Database
    clock: Clock
    codec: SessionCodec


class LoginRequired(Exception):
    """An HTML page was asked for without a valid session: go to the login page."""


class CsrfRejected(Exception):
    """A state-changing request without the session's CSRF token."""


@dataclass
class RequestContext:
    """The per-request view of the session; changes are written back by the middleware."""

    web: WebState
    session: dict[str, Any]
    language: str
    user: User | None = None
    api: bool = False  # authenticated by a bearer token (no cookie, no CSRF)
    dirty: bool = False

    @property
    def csrf_token(self) -> str:
        token = self.session.get("c")
        if not isinstance(token, str):
            token = new_csrf_token()
            self.session["c"] = token
            self.dirty = True
        return token

    def sign_in(self, user: User, now_epoch: float) -> None:
        self.session = {"u": user.id, "f": fingerprint(user), "c": new_csrf_token(), "t": now_epoch}
        self.user = user
        self.dirty = True

    def sign_out(self) -> None:
        self.session = {"c": new_csrf_token()}
        self.user = None
        self.dirty = True

    def flash(self, kind: str, message: str) -> None:
        queued = list(self.session.get("m", []))
        queued.append([kind, message])
        self.session["m"] = queued[-5:]
        self.dirty = True

    def take_flashes(self) -> list[tuple[str, str]]:
        queued = self.session.pop("m", [])
        if queued:
            self.dirty = True
        return [(str(kind), str(message)) for kind, message in queued]

    def can(self, action: Action | str) -> bool:
        return self.user is not None and allowed(self.user.role, Action(action))

    def say(self, message_id: str, message_en: str) -> str:
        return message_en if self.language == "en" else message_id


def load_context(request: Request, web: WebState) -> RequestContext:
    data = web.codec.loads(request.cookies.get(COOKIE))
    language = request.cookies.get(LANG_COOKIE) or web.settings.language
    ctx = RequestContext(web, data, language if language in ("id", "en") else "id")
    user_id = data.get("u")
    if isinstance(user_id, int):
        with web.database.reading() as session:
            user = session.get(User, user_id)
        if (
            user is not None
            and user.active
            and hmac.compare_digest(str(data.get("f", "")), fingerprint(user))
        ):
            ctx.user = user
        else:  # disabled, deleted, or password changed since: the session is over
            ctx.sign_out()
    return ctx


def context(request: Request) -> RequestContext:
    ctx: RequestContext = request.state.ctx
    return ctx


def acting_user(request: Request, action: Action) -> User:
    """The logged-in user allowed to do ``action``; LoginRequired / PermissionDenied."""
    ctx = context(request)
    if ctx.user is None:
        if ctx.api:
            raise PermissionDenied("Token API tidak sah.", "Invalid API token.")
        raise LoginRequired()
    return require(ctx.user, action)


def user_in(session: Session, user: User) -> User:
    """``user`` attached to ``session`` (the context's copy is detached)."""
    attached = session.get(User, user.id)
    assert attached is not None
    return attached
