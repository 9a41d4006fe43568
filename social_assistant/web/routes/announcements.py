"""Compose, plan, approve: announcements in the web UI (stored as queue files)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from social_assistant.db.models import (
    Announcement,
    AuditEvent,
    Channel,
    Publication,
    User,
)
from social_assistant.permissions import Action
from social_assistant.planning import approval
from social_assistant.planning.calendar import days, period
from social_assistant.planning.checks import check_announcement
from social_assistant.planning.compose import ComposeError, Composer
from social_assistant.planning.drafts import Draft, draft_of, split_tags
from social_assistant.queue.xtext import PLATFORM_LIMITS, weighted_length
from social_assistant.web.context import RequestContext, acting_user, context, user_in
from social_assistant.web.render import page

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
STATUSES = ("pending_approval", "returned", "approved", "cancelled")


@router.get("/announcements")
def listing(request: Request, status: str = "", before: int | None = None) -> Response:
    acting_user(request, Action.VIEW)
    web = context(request).web
    with web.database.reading() as session:
        query = select(Announcement).order_by(col(Announcement.id).desc()).limit(PAGE_SIZE + 1)
        if status in STATUSES:
            query = query.where(Announcement.status == status)
        if before is not None:
            query = query.where(col(Announcement.id) < before)
        rows = list(session.exec(query).all())
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return page(
        request,
        "announcements.html",
        rows=rows,
        status=status,
        statuses=STATUSES,
        next_before=rows[-1].id if more and rows else None,
    )


@router.get("/announcements/calendar")
def calendar(request: Request, view: str = "week", day: str | None = None) -> Response:
    acting_user(request, Action.VIEW)
    web = context(request).web
    view = view if view in ("week", "month") else "week"
    try:
        anchor = (
            date.fromisoformat(day) if day else web.clock.now().astimezone(web.settings.zone).date()
        )
    except ValueError:
        raise HTTPException(400, "tanggal tidak sah / invalid date") from None
    start, end = period(view, anchor)
    with web.database.reading() as session:
        shown = days(session, view, anchor, web.settings.zone)
    step = 7 if view == "week" else 31
    previous = date.fromordinal(anchor.toordinal() - step)
    following = date.fromordinal(anchor.toordinal() + step)
    return page(
        request,
        "calendar.html",
        view=view,
        anchor=anchor,
        shown=shown,
        start=start,
        end=end,
        previous=previous,
        following=following,
    )


@router.get("/announcements/new")
def new_form(request: Request) -> Response:
    acting_user(request, Action.COMPOSE)
    settings = context(request).web.settings
    draft = Draft(
        channels=[c.name for c in settings.channels if c.enabled],
        approval_required=settings.queue.default_approval == "required",
    )
    return _form(request, draft, None, None)


@router.post("/announcements/count")
async def count(request: Request) -> HTMLResponse:
    """Live character counts (X weighted) for the compose form (htmx)."""
    acting_user(request, Action.COMPOSE)
    form = await request.form()
    settings = context(request).web.settings
    body = _text(form, "body")
    counts = []
    for channel in settings.channels:
        text = _text(form, f"variant_{channel.name}") or body
        limit = PLATFORM_LIMITS[channel.kind]
        used = weighted_length(text) if channel.kind == "x" else len(text)
        counts.append((channel.name, channel.kind, used, limit))
    return page(request, "_counts.html", counts=counts)


@router.post("/announcements")
async def create(request: Request) -> Response:
    return await _save(request, None)


@router.get("/announcements/{announcement_id}")
def detail(request: Request, announcement_id: int) -> Response:
    acting_user(request, Action.VIEW)
    web = context(request).web
    with web.database.reading() as session:
        row = _get(session, announcement_id)
        publications = session.exec(
            select(Publication, Channel.name)
            .join(Channel, col(Channel.id) == col(Publication.channel_id))
            .where(Publication.announcement_id == announcement_id)
            .order_by(col(Channel.name))
        ).all()
        history = session.exec(
            select(AuditEvent)
            .where(AuditEvent.subject_type == "announcement")
            .where(AuditEvent.subject_id == str(announcement_id))
            .order_by(col(AuditEvent.seq))
        ).all()
    return page(
        request,
        "announcement.html",
        row=row,
        publications=publications,
        history=history,
        warnings=check_announcement(row.body, row.variants),
    )


@router.get("/announcements/{announcement_id}/edit")
def edit_form(request: Request, announcement_id: int) -> Response:
    acting_user(request, Action.COMPOSE)
    web = context(request).web
    with web.database.reading() as session:
        row = _get(session, announcement_id)
        draft = draft_of(row, _channels_of(session, announcement_id))
    return _form(request, draft, announcement_id, None)


@router.post("/announcements/{announcement_id}/edit")
async def edit(request: Request, announcement_id: int) -> Response:
    return await _save(request, announcement_id)


@router.post("/announcements/{announcement_id}/approve")
def approve(request: Request, announcement_id: int) -> Response:
    return _decide(
        request,
        announcement_id,
        Action.APPROVE,
        lambda s, u, now: approval.approve(s, announcement_id, actor=u, now=now),
        "Pengumuman disetujui dan dijadwalkan.",
        "Announcement approved and scheduled.",
    )


@router.post("/announcements/{announcement_id}/return")
def send_back(
    request: Request, announcement_id: int, comment: Annotated[str, Form()] = ""
) -> Response:
    return _decide(
        request,
        announcement_id,
        Action.APPROVE,
        lambda s, u, now: approval.send_back(s, announcement_id, comment, actor=u, now=now),
        "Pengumuman dikembalikan ke penulis.",
        "Announcement sent back to its author.",
    )


@router.post("/announcements/{announcement_id}/cancel")
def cancel(request: Request, announcement_id: int) -> Response:
    return _decide(
        request,
        announcement_id,
        Action.COMPOSE,
        lambda s, u, now: approval.cancel(s, announcement_id, actor=u, now=now),
        "Pengumuman dibatalkan.",
        "Announcement cancelled.",
    )


@router.get("/announcements/{announcement_id}/export")
def export(request: Request, announcement_id: int) -> Response:
    """The announcement as a queue file (the file itself when it still exists)."""
    acting_user(request, Action.VIEW)
    web = context(request).web
    with web.database.reading() as session:
        row = _get(session, announcement_id)
        channels = _channels_of(session, announcement_id)
    source = web.settings.queue_dir / row.source_path if row.source_path else None
    if source is not None and source.is_file():
        content = source.read_text(encoding="utf-8")
    else:
        content = draft_of(row, channels).queue_file(web.settings.zone)
    name = (row.source_path or f"pengumuman-{announcement_id}.md").rsplit("/", 1)[-1]
    return Response(
        content,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# -- helpers ---------------------------------------------------------------------------


def _decide(
    request: Request,
    announcement_id: int,
    needed: Action,
    decide: Callable[[Session, User, datetime], Announcement],
    done_id: str,
    done_en: str,
) -> Response:
    ctx = context(request)
    actor = acting_user(request, needed)
    now = ctx.web.clock.now()
    try:
        with ctx.web.database.session() as session:
            decide(session, user_in(session, actor), now)
        ctx.flash("ok", ctx.say(done_id, done_en))
    except approval.ApprovalError as error:
        ctx.flash("error", ctx.say(error.message_id, error.message_en))
    return RedirectResponse(f"/announcements/{announcement_id}", status_code=303)


async def _save(request: Request, announcement_id: int | None) -> Response:
    actor = acting_user(request, Action.COMPOSE)
    ctx = context(request)
    form = await request.form()
    composer = Composer(ctx.web.settings, ctx.web.database, ctx.web.clock)
    draft = Draft()
    try:
        draft = _draft_from(form, ctx)
        for upload in form.getlist("media_files"):
            if isinstance(upload, UploadFile) and upload.filename:
                content = await upload.read()
                draft.media.append(composer.store_media(upload.filename, content))
        saved = await run_in_threadpool(
            composer.save, draft, actor=actor, announcement_id=announcement_id
        )
    except ComposeError as error:
        message = ctx.say(error.message_id, error.message_en)
        return _form(request, draft, announcement_id, (error.field, message), status_code=422)
    ctx.flash(
        "ok",
        ctx.say(
            f"Pengumuman #{saved} tersimpan di antrean.",
            f"Announcement #{saved} saved to the queue.",
        ),
    )
    return RedirectResponse(f"/announcements/{saved}", status_code=303)


def _draft_from(form: FormData, ctx: RequestContext) -> Draft:
    settings = ctx.web.settings
    names = [c.name for c in settings.channels]
    publish_at = None
    if _text(form, "when") == "at":
        written = _text(form, "publish_at")
        try:
            publish_at = datetime.fromisoformat(written).replace(tzinfo=settings.zone)
        except ValueError:
            raise ComposeError(
                "Isi waktu tayang (tanggal dan jam), atau pilih slot antrean berikutnya.",
                "Fill in the publishing time (date and hour), or choose the next queue slot.",
                "publish_at",
            ) from None
    return Draft(
        title=_text(form, "title"),
        body=_text(form, "body"),
        channels=[
            name for name in form.getlist("channels") if isinstance(name, str) and name in names
        ],
        publish_at=publish_at,
        program=_text(form, "program"),
        tags=split_tags(_text(form, "tags")),
        variants={
            name: _text(form, f"variant_{name}") for name in names if _text(form, f"variant_{name}")
        },
        media=[path for path in form.getlist("keep_media") if isinstance(path, str)],
        approval_required=_text(form, "approval") == "on",
        thread=_text(form, "thread") == "on",
    )


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


def _form(
    request: Request,
    draft: Draft,
    announcement_id: int | None,
    error: tuple[str | None, str] | None,
    status_code: int = 200,
) -> Response:
    settings = context(request).web.settings
    local_time = (
        draft.publish_at.astimezone(settings.zone).strftime("%Y-%m-%dT%H:%M")
        if draft.publish_at
        else ""
    )
    return page(
        request,
        "compose.html",
        status_code=status_code,
        draft=draft,
        announcement_id=announcement_id,
        channels=settings.channels,
        local_time=local_time,
        error_field=error[0] if error else None,
        error=error[1] if error else None,
    )


def _get(session: Session, announcement_id: int) -> Announcement:
    row = session.get(Announcement, announcement_id)
    if row is None:
        raise HTTPException(404, "Halaman tidak ditemukan.")
    return row


def _channels_of(session: Session, announcement_id: int) -> list[str]:
    return list(
        session.exec(
            select(Channel.name)
            .join(Publication, col(Publication.channel_id) == col(Channel.id))
            .where(Publication.announcement_id == announcement_id)
            .where(Publication.status != "cancelled")
            .order_by(col(Channel.name))
        ).all()
    )
