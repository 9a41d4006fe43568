"""Facebook Page webhooks (``feed`` field): comments pushed to us instead of polled.

``GET /webhooks/facebook`` answers Facebook's subscription handshake: it echoes
``hub.challenge`` when ``hub.mode`` is ``subscribe`` and ``hub.verify_token`` equals
the secret ``SA_FB_WEBHOOK_VERIFY_TOKEN``; 403 otherwise. ``POST /webhooks/facebook``
accepts a body only when ``X-Hub-Signature-256`` is the SHA-256 HMAC of the raw body
with the app secret ``SA_FB_APP_SECRET`` (constant-time compare; 403 otherwise). Each
``comment`` change is stored like a polled one (``add``), updates the text with its
history (``edited``) or marks the reply deleted (``remove``); anything unreadable is
kept raw in ``rejected_payloads`` and the rest of the body is still taken in.

The application that includes :data:`router` sets ``app.state.database``,
``app.state.settings`` and ``app.state.clock``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlmodel import Session, select
from starlette.concurrency import run_in_threadpool

from social_assistant.channels.base import RejectedItem
from social_assistant.channels.facebook import comment_problem, comment_reply
from social_assistant.clock import Clock
from social_assistant.collecting.intake import Intake
from social_assistant.collecting.store import mark_deleted
from social_assistant.db import Database
from social_assistant.db.models import Channel as ChannelRow
from social_assistant.db.models import Publication
from social_assistant.emulator.accounts import SANDBOX_PAGE_ID
from social_assistant.settings import Settings, read_secret

log = logging.getLogger(__name__)
router = APIRouter()
SOURCE = "facebook_webhook"
Payload = dict[str, Any]


@router.get("/webhooks/facebook")
def verify_subscription(request: Request) -> Response:
    """Facebook's handshake: echo the challenge to the holder of the verify token."""
    params = request.query_params
    expected = read_secret("FB_WEBHOOK_VERIFY_TOKEN")
    given = params.get("hub.verify_token", "")
    if expected is None:
        log.error("Facebook webhook handshake refused: SA_FB_WEBHOOK_VERIFY_TOKEN is not set")
    if (
        expected is None
        or params.get("hub.mode") != "subscribe"
        or not hmac.compare_digest(given.encode(), expected.get_secret_value().encode())
    ):
        return PlainTextResponse("forbidden", status_code=403)
    return PlainTextResponse(params.get("hub.challenge", ""))


@router.post("/webhooks/facebook")
async def receive_events(request: Request) -> Response:
    """Signed Page events: store, edit or mark deleted each comment they name."""
    body = await request.body()
    if not signature_ok(body, request.headers.get("x-hub-signature-256", "")):
        return PlainTextResponse("invalid signature", status_code=403)
    state = request.app.state
    intake = getattr(state, "collecting_intake", None)
    if intake is None:
        intake = state.collecting_intake = Intake(state.settings)
    outcome = await run_in_threadpool(
        take_events, body, state.database, state.settings, state.clock, intake
    )
    return JSONResponse(outcome.counts())


def signature_ok(body: bytes, header: str) -> bool:
    """Whether ``header`` is ``sha256=<HMAC-SHA256 of body with SA_FB_APP_SECRET>``."""
    secret = read_secret("FB_APP_SECRET")
    if secret is None:
        log.error("Facebook webhook event refused: SA_FB_APP_SECRET is not set")
        return False
    digest = hmac.new(secret.get_secret_value().encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(header.encode(), f"sha256={digest}".encode())


@dataclass
class Outcome:
    """What one webhook body changed."""

    stored: int = 0
    edited_or_known: int = 0
    deleted: int = 0
    rejected: list[RejectedItem] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "stored": self.stored,
            "seen": self.edited_or_known,
            "deleted": self.deleted,
            "rejected": len(self.rejected),
        }


def take_events(
    body: bytes, database: Database, settings: Settings, clock: Clock, intake: Intake
) -> Outcome:
    """Apply one webhook body; unreadable parts are kept raw and skipped."""
    outcome = Outcome()
    now = clock.now()
    entries = _entries(body, outcome)
    pages = _page_channels(settings)
    with database.session() as session:
        for entry in entries:
            channel_id = _channel_id(session, pages, entry)
            if channel_id is None:
                _reject(outcome, entry, f"entry for unknown page {entry.get('id')!r}")
                continue
            for change in _changes(entry, outcome):
                _apply(session, intake, channel_id, str(entry["id"]), change, outcome, now)
        intake.reject(session, None, outcome.rejected, now)
    return outcome


def _entries(body: bytes, outcome: Outcome) -> list[Payload]:
    try:
        payload = json.loads(body)
    except ValueError as exc:
        outcome.rejected.append(
            RejectedItem(SOURCE, body.decode(errors="replace"), f"not JSON: {exc}")
        )
        return []
    entries = payload.get("entry") if isinstance(payload, dict) else None
    if not isinstance(entries, list):
        _reject(outcome, payload, "no entry list")
        return []
    readable = [e for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
    for entry in entries:
        if entry not in readable:
            _reject(outcome, entry, "entry without a page id")
    return readable


def _changes(entry: Payload, outcome: Outcome) -> list[Payload]:
    changes = entry.get("changes")
    if not isinstance(changes, list):
        _reject(outcome, entry, "entry without a changes list")
        return []
    return [
        c
        for c in changes
        if isinstance(c, dict)
        and c.get("field") == "feed"
        and isinstance(c.get("value"), dict)
        and c["value"].get("item") == "comment"
    ]


def _apply(
    session: Session,
    intake: Intake,
    channel_id: int,
    page_id: str,
    change: Payload,
    outcome: Outcome,
    now: datetime,
) -> None:
    value: Payload = change["value"]
    verb, post_id = value.get("verb"), value.get("post_id")
    problem = comment_problem(value) if verb != "remove" else None
    if verb not in ("add", "edited", "remove"):
        problem = f"unknown verb {verb!r}"
    elif not isinstance(post_id, str) or not isinstance(value.get("comment_id"), str):
        problem = "post_id or comment_id missing or not a string"
    if problem is not None:
        _reject(outcome, change, problem)
        return
    assert isinstance(post_id, str)
    if verb == "remove":
        if mark_deleted(session, channel_id, value["comment_id"], now, SOURCE) is not None:
            outcome.deleted += 1
        return
    reply = comment_reply(value, post_id)
    if reply.author_id == page_id:
        return  # our own answer
    publication = session.exec(
        select(Publication.id).where(
            Publication.channel_id == channel_id, Publication.remote_id == post_id
        )
    ).first()
    new = intake.accept(
        session, channel_id, [reply], {post_id: publication} if publication else {}, now
    )
    outcome.stored += new
    outcome.edited_or_known += 1 - new


def _reject(outcome: Outcome, raw: object, reason: str) -> None:
    text = json.dumps(raw, ensure_ascii=False, default=str)
    outcome.rejected.append(RejectedItem(SOURCE, text, reason))


def _page_channels(settings: Settings) -> dict[str, str]:
    """Facebook channel names by Page id (sandbox channels use the emulator's Page)."""
    found: dict[str, str] = {}
    for channel in settings.channels:
        page_id = channel.page_id or (SANDBOX_PAGE_ID if channel.sandbox else None)
        if channel.kind == "facebook" and page_id:
            found.setdefault(page_id, channel.name)
    return found


def _channel_id(session: Session, pages: dict[str, str], entry: Payload) -> int | None:
    name = pages.get(str(entry.get("id")))
    if name is None:
        return None
    return session.exec(select(ChannelRow.id).where(ChannelRow.name == name)).first()
