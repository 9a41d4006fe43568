"""The aspiration inbox: filters, the item page, and the officers' actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from social_assistant.db.models import Agency, User
from social_assistant.permissions import Action
from social_assistant.taxonomy import Category, Kind
from social_assistant.web.context import acting_user, context, user_in
from social_assistant.web.render import page
from social_assistant.workdays import calendar_for
from social_assistant.workspace import actions
from social_assistant.workspace.canned import render_canned
from social_assistant.workspace.errors import InvalidRequest, ItemNotFound, WorkspaceError
from social_assistant.workspace.inbox import InboxFilter, list_items
from social_assistant.workspace.item import get_item

router = APIRouter(include_in_schema=False)
STATUSES = ("new", "acknowledged", "forwarded", "answered", "resolved", "dismissed")


def inbox_filter(
    status: str = "",
    kind: str = "",
    category: str = "",
    agency: str = "",
    channel: str = "",
    since: str = "",
    until: str = "",
    q: str = "",
    urgent: str = "",
    cursor: str = "",
    limit: int = 50,
) -> InboxFilter:
    """Query parameters -> filter (shared by the page and the JSON API)."""
    try:
        since_day = date.fromisoformat(since) if since else None
        until_day = date.fromisoformat(until) if until else None
    except ValueError:
        raise InvalidRequest(
            "Tanggal harus berbentuk TTTT-BB-HH.", "Dates must be written YYYY-MM-DD."
        ) from None
    return InboxFilter(
        status=status or None,
        kind=kind or None,
        category=category or None,
        agency=agency or None,
        channel=channel or None,
        since=since_day,
        until=until_day,
        search=q.strip() or None,
        urgent_only=urgent in ("1", "on", "true"),
        limit=limit,
        cursor=cursor or None,
    )


@router.get("/inbox")
def inbox(
    request: Request,
    status: str = "",
    kind: str = "",
    category: str = "",
    agency: str = "",
    channel: str = "",
    since: str = "",
    until: str = "",
    q: str = "",
    urgent: str = "",
    cursor: str = "",
) -> Response:
    acting_user(request, Action.VIEW)
    ctx = context(request)
    web = ctx.web
    error = None
    result = None
    try:
        chosen = inbox_filter(
            status, kind, category, agency, channel, since, until, q, urgent, cursor
        )
        with web.database.reading() as session:
            result = list_items(
                session, chosen, now=web.clock.now(), calendar=calendar_for(web.settings)
            )
    except InvalidRequest as problem:
        error = ctx.say(problem.message_id, problem.message_en)
    params = {
        "status": status,
        "kind": kind,
        "category": category,
        "agency": agency,
        "channel": channel,
        "since": since,
        "until": until,
        "q": q,
        "urgent": urgent,
    }
    return page(
        request,
        "inbox.html",
        rows=result.rows if result else [],
        next_cursor=result.next_cursor if result else None,
        searched_to=result.searched_to if result else None,
        params=params,
        error=error,
        statuses=STATUSES,
        kinds=[k.value for k in Kind],
        categories=[c.value for c in Category],
        agencies=[a.code for a in web.settings.agencies],
        channel_names=[c.name for c in web.settings.channels],
        status_code=422 if error else 200,
    )


@router.get("/inbox/{item_id}")
def item(request: Request, item_id: int) -> Response:
    acting_user(request, Action.VIEW)
    web = context(request).web
    try:
        with web.database.reading() as session:
            view = get_item(
                session, item_id, calendar=calendar_for(web.settings), now=web.clock.now()
            )
            agencies = _agencies(session)
    except ItemNotFound:
        raise HTTPException(404, "Halaman tidak ditemukan.") from None
    canned = []
    for entry in web.settings.canned_replies:
        try:
            canned.append((entry.name, render_canned(entry.name, view, settings=web.settings)))
        except InvalidRequest as problem:  # a broken setting: say so, keep the page
            canned.append(
                (entry.name, context(request).say(problem.message_id, problem.message_en))
            )
    return page(
        request,
        "item.html",
        item=view,
        agencies=agencies,
        kinds=[k.value for k in Kind],
        categories=[c.value for c in Category],
        canned=canned,
    )


def _act(request: Request, item_id: int, run: Callable[[Session, User], Any]) -> Response:
    actor = acting_user(request, Action.RESPOND)
    ctx = context(request)
    try:
        with ctx.web.database.session() as session:
            result = run(session, user_in(session, actor))
        ctx.flash("ok", ctx.say(result.message_id, result.message_en))
    except WorkspaceError as error:
        ctx.flash("error", ctx.say(error.message_id, error.message_en))
    return RedirectResponse(f"/inbox/{item_id}", status_code=303)


def _common(request: Request) -> dict[str, Any]:
    web = context(request).web
    return {"now": web.clock.now(), "settings": web.settings}


@router.post("/inbox/{item_id}/ack")
def acknowledge(request: Request, item_id: int) -> Response:
    return _act(
        request, item_id, lambda s, u: actions.acknowledge(s, item_id, actor=u, **_common(request))
    )


@router.post("/inbox/{item_id}/forward")
def forward(
    request: Request,
    item_id: int,
    agency: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    return _act(
        request,
        item_id,
        lambda s, u: actions.forward(s, item_id, agency, note, actor=u, **_common(request)),
    )


@router.post("/inbox/{item_id}/reply")
def reply(request: Request, item_id: int, text: Annotated[str, Form()] = "") -> Response:
    return _act(
        request, item_id, lambda s, u: actions.reply(s, item_id, text, actor=u, **_common(request))
    )


@router.post("/inbox/{item_id}/resolve")
def resolve(request: Request, item_id: int, note: Annotated[str, Form()] = "") -> Response:
    return _act(
        request,
        item_id,
        lambda s, u: actions.resolve(s, item_id, note, actor=u, **_common(request)),
    )


@router.post("/inbox/{item_id}/dismiss")
def dismiss(request: Request, item_id: int, reason: Annotated[str, Form()] = "") -> Response:
    return _act(
        request,
        item_id,
        lambda s, u: actions.dismiss(s, item_id, reason, actor=u, **_common(request)),
    )


@router.post("/inbox/{item_id}/correct")
def correct(
    request: Request,
    item_id: int,
    kind: Annotated[str, Form()] = "",
    category: Annotated[str, Form()] = "",
    urgent: Annotated[str, Form()] = "",
) -> Response:
    return _act(
        request,
        item_id,
        lambda s, u: actions.correct(
            s,
            item_id,
            kind=kind or None,
            category=category or None,
            urgent={"yes": True, "no": False}.get(urgent),
            actor=u,
            **_common(request),
        ),
    )


@router.post("/inbox/bulk-dismiss")
async def bulk_dismiss(request: Request) -> Response:
    actor = acting_user(request, Action.RESPOND)
    ctx = context(request)
    form = await request.form()
    ids = [
        int(value) for value in form.getlist("ids") if isinstance(value, str) and value.isdigit()
    ]
    reason = form.get("reason")
    reason_text = reason if isinstance(reason, str) and reason.strip() else "spam"

    def run() -> actions.BulkResult:
        with ctx.web.database.session() as session:
            return actions.dismiss_many(
                session, ids, reason_text, actor=user_in(session, actor), **_common(request)
            )

    try:
        result = await run_in_threadpool(run)
        ctx.flash(
            "ok",
            ctx.say(
                f"{len(result.done)} aspirasi ditandai bukan aspirasi.",
                f"{len(result.done)} items dismissed.",
            ),
        )
        for _item, message_id, message_en in result.refused:
            ctx.flash("error", ctx.say(message_id, message_en))
    except WorkspaceError as error:
        ctx.flash("error", ctx.say(error.message_id, error.message_en))
    return RedirectResponse(request.headers.get("referer") or "/inbox", status_code=303)


def _agencies(session: Session) -> list[Agency]:
    return list(
        session.exec(select(Agency).where(col(Agency.active)).order_by(col(Agency.code))).all()
    )
