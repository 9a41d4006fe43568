"""Channels and the audit trail (users and API tokens: ``routes/users.py``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import col, select

from social_assistant.channel_state import UnknownChannel, set_enabled
from social_assistant.db.models import AuditEvent, Channel
from social_assistant.permissions import Action
from social_assistant.web.context import acting_user, context, user_in
from social_assistant.web.render import page

router = APIRouter(include_in_schema=False)
AUDIT_PAGE = 100


@router.get("/channels")
def channels(request: Request) -> Response:
    acting_user(request, Action.MANAGE_CHANNELS)
    web = context(request).web
    with web.database.reading() as session:
        rows = {row.name: row for row in session.exec(select(Channel)).all()}
    configured = [(c, rows.get(c.name)) for c in web.settings.channels]
    return page(request, "channels.html", configured=configured)


@router.post("/channels/{name}/{verb}")
def switch(request: Request, name: str, verb: str, reason: Annotated[str, Form()] = "") -> Response:
    actor = acting_user(request, Action.MANAGE_CHANNELS)
    ctx = context(request)
    if verb not in ("enable", "disable"):
        return RedirectResponse("/channels", status_code=303)
    try:
        with ctx.web.database.session() as session:
            set_enabled(
                session,
                name,
                verb == "enable",
                actor=user_in(session, actor),
                now=ctx.web.clock.now(),
                reason=reason.strip() or None,
            )
        done = ("diaktifkan", "enabled") if verb == "enable" else ("dinonaktifkan", "disabled")
        ctx.flash("ok", f"{name}: {ctx.say(*done)}")
    except UnknownChannel as error:
        ctx.flash("error", ctx.say(error.message_id, error.message_en))
    return RedirectResponse("/channels", status_code=303)


@router.get("/audit")
def audit_trail(
    request: Request,
    subject_type: str = "",
    subject_id: str = "",
    action: str = "",
    before: int | None = None,
) -> Response:
    acting_user(request, Action.VIEW_AUDIT)
    web = context(request).web
    query = select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(AUDIT_PAGE + 1)
    if subject_type:
        query = query.where(AuditEvent.subject_type == subject_type)
    if subject_id:
        query = query.where(AuditEvent.subject_id == subject_id)
    if action:
        query = query.where(col(AuditEvent.action).startswith(action, autoescape=True))
    if before is not None:
        query = query.where(col(AuditEvent.seq) < before)
    with web.database.reading() as session:
        events = list(session.exec(query).all())
    more = len(events) > AUDIT_PAGE
    events = events[:AUDIT_PAGE]
    return page(
        request,
        "audit.html",
        events=events,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        next_before=events[-1].seq if more and events else None,
    )
