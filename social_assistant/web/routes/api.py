"""The JSON API: the workspace's actions for scripts, with bearer tokens.

``Authorization: Bearer sa_...`` (tokens from the Users page or ``social-assistant users
token``). A browser session works too, with its CSRF token in ``X-CSRF-Token``.
Refusals are JSON: ``{"detail": English, "detail_id": Indonesian}`` with 403 (role),
404 (no such item), 409 (not in this status) or 422 (bad input).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from social_assistant.db.models import Announcement, Channel, Publication, User
from social_assistant.permissions import Action
from social_assistant.planning import approval
from social_assistant.planning.checks import check_announcement
from social_assistant.planning.compose import ComposeError, Composer
from social_assistant.planning.drafts import Draft
from social_assistant.web.context import acting_user, context, user_in
from social_assistant.web.routes.inbox import InboxQuery, run_query
from social_assistant.workdays import calendar_for
from social_assistant.workspace import actions
from social_assistant.workspace.errors import (
    InvalidRequest,
    ItemNotFound,
    WorkflowError,
    WorkspaceError,
)
from social_assistant.workspace.item import get_item

bearer = HTTPBearer(auto_error=False, description="An API token: `sa_...`")
router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(bearer)])


class Forward(BaseModel):
    agency: str = Field(description="Agency code, e.g. DPUPR.")
    note: str = ""


class ReplyText(BaseModel):
    text: str


class Note(BaseModel):
    note: str = ""


class Reason(BaseModel):
    reason: str


class Correction(BaseModel):
    kind: str | None = None
    category: str | None = None
    urgent: bool | None = None


class BulkDismiss(BaseModel):
    ids: list[int]
    reason: str = "spam"


class DraftIn(BaseModel):
    title: str
    body: str
    channels: list[str]
    publish_at: datetime | None = Field(None, description="With a time zone; null: next slot.")
    program: str = ""
    tags: list[str] = []
    variants: dict[str, str] = {}
    approval_required: bool = True
    thread: bool = False


class Comment(BaseModel):
    comment: str


def _refusal(error: WorkspaceError | approval.ApprovalError | ComposeError) -> HTTPException:
    status = 422
    if isinstance(error, ItemNotFound):
        status = 404
    elif isinstance(error, (WorkflowError, approval.ApprovalError)):
        status = 409
    elif isinstance(error, InvalidRequest | ComposeError):
        status = 422
    detail: dict[str, Any] = {"detail": error.message_en, "detail_id": error.message_id}
    if isinstance(error, ComposeError):
        detail["field"] = error.field
    return HTTPException(status, detail)


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except (WorkspaceError, approval.ApprovalError, ComposeError) as error:
        raise _refusal(error) from None


@router.get("/me")
def me(request: Request) -> dict[str, Any]:
    """Who the token belongs to."""
    user = acting_user(request, Action.VIEW)
    return {"username": user.username, "role": user.role, "display_name": user.display_name}


@router.get("/aspirations")
def aspirations(
    request: Request, query: Annotated[InboxQuery, Depends()], limit: int = 50
) -> dict[str, Any]:
    """The inbox, newest urgent first; pass ``next_cursor`` back as ``cursor``."""
    acting_user(request, Action.VIEW)
    with _refusals():
        result = run_query(request, query, limit)
    return {
        "items": [row.as_json("en") for row in result.rows],
        "next_cursor": result.next_cursor,
        "searched_to": result.searched_to.isoformat() if result.searched_to else None,
    }


@router.get("/aspirations/{item_id}")
def aspiration(request: Request, item_id: int) -> dict[str, Any]:
    acting_user(request, Action.VIEW)
    web = context(request).web
    with _refusals(), web.database.reading() as session:
        view = get_item(session, item_id, calendar=calendar_for(web.settings), now=web.clock.now())
    return view.as_json("en")


def _act(request: Request, run: Callable[[Session, User, dict[str, Any]], Any]) -> dict[str, Any]:
    actor = acting_user(request, Action.RESPOND)
    web = context(request).web
    common = {"now": web.clock.now(), "settings": web.settings}
    with _refusals(), web.database.session() as session:
        result = run(session, user_in(session, actor), common)
    data: dict[str, Any] = result.as_json()
    return data


@router.post("/aspirations/{item_id}/ack")
def acknowledge(request: Request, item_id: int) -> dict[str, Any]:
    return _act(request, lambda s, u, c: actions.acknowledge(s, item_id, actor=u, **c))


@router.post("/aspirations/{item_id}/forward")
def forward(request: Request, item_id: int, body: Forward) -> dict[str, Any]:
    return _act(
        request, lambda s, u, c: actions.forward(s, item_id, body.agency, body.note, actor=u, **c)
    )


@router.post("/aspirations/{item_id}/reply")
def reply(request: Request, item_id: int, body: ReplyText) -> dict[str, Any]:
    return _act(request, lambda s, u, c: actions.reply(s, item_id, body.text, actor=u, **c))


@router.post("/aspirations/{item_id}/resolve")
def resolve(request: Request, item_id: int, body: Note | None = None) -> dict[str, Any]:
    note = body.note if body else ""
    return _act(request, lambda s, u, c: actions.resolve(s, item_id, note, actor=u, **c))


@router.post("/aspirations/{item_id}/dismiss")
def dismiss(request: Request, item_id: int, body: Reason) -> dict[str, Any]:
    return _act(request, lambda s, u, c: actions.dismiss(s, item_id, body.reason, actor=u, **c))


@router.post("/aspirations/{item_id}/correct")
def correct(request: Request, item_id: int, body: Correction) -> dict[str, Any]:
    return _act(
        request,
        lambda s, u, c: actions.correct(
            s, item_id, kind=body.kind, category=body.category, urgent=body.urgent, actor=u, **c
        ),
    )


@router.post("/aspirations/dismiss")
def dismiss_many(request: Request, body: BulkDismiss) -> dict[str, Any]:
    """Dismiss several items at once (spam waves)."""
    return _act(
        request, lambda s, u, c: actions.dismiss_many(s, body.ids, body.reason, actor=u, **c)
    )


@router.get("/announcements")
def announcements(request: Request, status: str = "", limit: int = 50) -> dict[str, Any]:
    acting_user(request, Action.VIEW)
    web = context(request).web
    query = (
        select(Announcement).order_by(col(Announcement.id).desc()).limit(min(max(limit, 1), 500))
    )
    if status:
        query = query.where(Announcement.status == status)
    with web.database.reading() as session:
        rows = session.exec(query).all()
    return {"items": [_announcement_json(row) for row in rows]}


@router.get("/announcements/{announcement_id}")
def announcement(request: Request, announcement_id: int) -> dict[str, Any]:
    acting_user(request, Action.VIEW)
    web = context(request).web
    with web.database.reading() as session:
        row = session.get(Announcement, announcement_id)
        if row is None:
            raise HTTPException(404, {"detail": "no such announcement"})
        publications = session.exec(
            select(Publication, Channel.name)
            .join(Channel, col(Channel.id) == col(Publication.channel_id))
            .where(Publication.announcement_id == announcement_id)
        ).all()
    data = _announcement_json(row)
    data["body"] = row.body
    data["variants"] = row.variants
    data["warnings"] = [w.message_en for w in check_announcement(row.body, row.variants)]
    data["publications"] = [
        {
            "channel": name,
            "status": p.status,
            "due_at": p.due_at.isoformat(),
            "published_at": p.published_at.isoformat() if p.published_at else None,
            "remote_id": p.remote_id,
            "remote_url": p.remote_url,
            "last_error": p.last_error,
        }
        for p, name in publications
    ]
    return data


@router.post("/announcements", status_code=201)
def create_announcement(request: Request, body: DraftIn) -> dict[str, Any]:
    """Queue an announcement (written as a queue file, like the web form)."""
    actor = acting_user(request, Action.COMPOSE)
    web = context(request).web
    draft = Draft(
        title=body.title,
        body=body.body,
        channels=body.channels,
        publish_at=body.publish_at,
        program=body.program,
        tags=body.tags,
        variants=body.variants,
        approval_required=body.approval_required,
        thread=body.thread,
    )
    with _refusals():
        saved = Composer(web.settings, web.database, web.clock).save(draft, actor=actor)
    return {"id": saved}


@router.post("/announcements/{announcement_id}/approve")
def approve(request: Request, announcement_id: int) -> dict[str, Any]:
    return _decide(
        request,
        Action.APPROVE,
        lambda s, u, now: approval.approve(s, announcement_id, actor=u, now=now),
    )


@router.post("/announcements/{announcement_id}/return")
def send_back(request: Request, announcement_id: int, body: Comment) -> dict[str, Any]:
    return _decide(
        request,
        Action.APPROVE,
        lambda s, u, now: approval.send_back(s, announcement_id, body.comment, actor=u, now=now),
    )


@router.post("/announcements/{announcement_id}/cancel")
def cancel(request: Request, announcement_id: int) -> dict[str, Any]:
    return _decide(
        request,
        Action.COMPOSE,
        lambda s, u, now: approval.cancel(s, announcement_id, actor=u, now=now),
    )


def _decide(
    request: Request, action: Action, run: Callable[[Session, User, datetime], Announcement]
) -> dict[str, Any]:
    actor = acting_user(request, action)
    web = context(request).web
    with _refusals(), web.database.session() as session:
        row = run(session, user_in(session, actor), web.clock.now())
        return _announcement_json(row)


def _announcement_json(row: Announcement) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "status": row.status,
        "publish_at": row.publish_at.isoformat(),
        "created_by": row.created_by,
        "approved_by": row.approved_by,
        "review_note": row.review_note,
        "source_path": row.source_path,
    }
