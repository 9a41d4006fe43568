"""The aspiration inbox: filters, the item page, and the officers' actions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
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
from social_assistant.workspace.inbox import InboxFilter, InboxPage, list_items
from social_assistant.workspace.item import get_item

router = APIRouter(include_in_schema=False)
STATUSES = ("new", "acknowledged", "forwarded", "answered", "resolved", "dismissed")


@dataclass
class InboxQuery:
    """The inbox's query parameters (the page and the JSON API share them)."""

    status: str = ""
    kind: str = ""
    category: str = ""
    agency: str = ""
    channel: str = ""
    since: str = ""
    until: str = ""
    q: str = ""
    urgent: str = ""
    cursor: str = ""

    def filter(self, limit: int = 50) -> InboxFilter:
        """The filter; InvalidRequest for a date that is not YYYY-MM-DD."""
        try:
            since_day = date.fromisoformat(self.since) if self.since else None
            until_day = date.fromisoformat(self.until) if self.until else None
        except ValueError:
            raise InvalidRequest(
                "Tanggal harus berbentuk TTTT-BB-HH.", "Dates must be written YYYY-MM-DD."
            ) from None
        return InboxFilter(
            status=self.status or None,
            kind=self.kind or None,
            category=self.category or None,
            agency=self.agency or None,
            channel=self.channel or None,
            since=since_day,
            until=until_day,
            search=self.q.strip() or None,
            urgent_only=self.urgent in ("1", "on", "true"),
            limit=limit,
            cursor=self.cursor or None,
        )

    def shown(self) -> dict[str, str]:
        """The filters to keep in the form and in the next page's link (not the cursor)."""
        return {key: value for key, value in asdict(self).items() if key != "cursor"}


def run_query(request: Request, query: InboxQuery, limit: int = 50) -> InboxPage:
    web = context(request).web
    with web.database.reading() as session:
        return list_items(
            session, query.filter(limit), now=web.clock.now(), calendar=calendar_for(web.settings)
        )


@router.get("/inbox")
def inbox(request: Request, query: Annotated[InboxQuery, Depends()]) -> Response:
    acting_user(request, Action.VIEW)
    ctx = context(request)
    web = ctx.web
    error = None
    result = None
    try:
        result = run_query(request, query)
    except InvalidRequest as problem:
        error = ctx.say(problem.message_id, problem.message_en)
    return page(
        request,
        "inbox.html",
        rows=result.rows if result else [],
        next_cursor=result.next_cursor if result else None,
        searched_to=result.searched_to if result else None,
        params=query.shown(),
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
