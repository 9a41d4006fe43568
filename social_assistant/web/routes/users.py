"""Users (admin) and one's own account: API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from social_assistant.permissions import Action, PermissionDenied
from social_assistant.users import (
    UserError,
    create_user,
    disable_user,
    generate_password,
    list_users,
    parse_role,
    reset_password,
)
from social_assistant.web.context import acting_user, context, user_in
from social_assistant.web.render import page
from social_assistant.web.tokens import create_token, revoke_token, tokens_of

router = APIRouter(include_in_schema=False)


@router.get("/users")
def users(request: Request) -> Response:
    actor = acting_user(request, Action.MANAGE_USERS)
    web = context(request).web
    with web.database.reading() as session:
        rows = list_users(session, actor=user_in(session, actor))
    return page(
        request,
        "users.html",
        rows=rows,
        roles=["admin", "editor", "approver", "responder", "viewer"],
    )


@router.post("/users")
def add(
    request: Request,
    username: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
    display_name: Annotated[str, Form()] = "",
) -> Response:
    actor = acting_user(request, Action.MANAGE_USERS)
    ctx = context(request)
    password = generate_password()
    try:
        with ctx.web.database.session() as session:
            create_user(
                session,
                username.strip(),
                parse_role(role),
                password,
                actor=user_in(session, actor),
                display_name=display_name.strip(),
            )
    except UserError as error:
        ctx.flash("error", ctx.say(error.message_id, error.message_en))
    else:
        ctx.flash(
            "ok",
            ctx.say(
                f"Pengguna {username} dibuat. Kata sandi awal: {password} (tampil sekali ini).",
                f"User {username} created. First password: {password} (shown only now).",
            ),
        )
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{username}/disable")
def disable(request: Request, username: str) -> Response:
    actor = acting_user(request, Action.MANAGE_USERS)
    ctx = context(request)
    try:
        with ctx.web.database.session() as session:
            disable_user(session, username, actor=user_in(session, actor))
        ctx.flash("ok", ctx.say(f"{username} dinonaktifkan.", f"{username} disabled."))
    except UserError as error:
        ctx.flash("error", ctx.say(error.message_id, error.message_en))
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{username}/reset-password")
def reset(request: Request, username: str) -> Response:
    actor = acting_user(request, Action.MANAGE_USERS)
    ctx = context(request)
    password = generate_password()
    try:
        with ctx.web.database.session() as session:
            reset_password(session, username, password, actor=user_in(session, actor))
        ctx.flash(
            "ok",
            ctx.say(
                f"Kata sandi baru {username}: {password} (tampil sekali ini).",
                f"New password of {username}: {password} (shown only now).",
            ),
        )
    except UserError as error:
        ctx.flash("error", ctx.say(error.message_id, error.message_en))
    return RedirectResponse("/users", status_code=303)


@router.get("/account")
def account(request: Request) -> Response:
    user = acting_user(request, Action.VIEW)
    web = context(request).web
    with web.database.reading() as session:
        tokens = tokens_of(session, user.id or 0)
    return page(request, "account.html", tokens=tokens, new_token=None)


@router.post("/account/tokens")
def new_token(request: Request, name: Annotated[str, Form()] = "") -> Response:
    user = acting_user(request, Action.VIEW)
    web = context(request).web
    with web.database.session() as session:
        me = user_in(session, user)
        _, plain = create_token(session, me, name or "api", actor=me, now=web.clock.now())
    with web.database.reading() as session:
        tokens = tokens_of(session, user.id or 0)
    return page(request, "account.html", tokens=tokens, new_token=plain)


@router.post("/account/tokens/{token_id}/revoke")
def revoke(request: Request, token_id: int) -> Response:
    user = acting_user(request, Action.VIEW)
    ctx = context(request)
    try:
        with ctx.web.database.session() as session:
            revoke_token(session, token_id, actor=user_in(session, user), now=ctx.web.clock.now())
    except PermissionDenied as error:
        ctx.flash("error", ctx.say(error.message_id, error.message_en))
    return RedirectResponse("/account", status_code=303)
