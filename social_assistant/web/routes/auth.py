"""Log in, log out, switch language."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from social_assistant.web.context import context
from social_assistant.web.login import LoginRefused, log_in
from social_assistant.web.render import page
from social_assistant.web.sessions import LANG_COOKIE

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a local path may follow a login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    ctx = context(request)
    if ctx.user is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return page(request, "login.html", next=_safe_next(next), error=None, username="")


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    ctx = context(request)
    web = ctx.web
    client = request.client.host if request.client else "-"
    now = web.clock.now()
    try:
        with web.database.session() as session:
            user = log_in(session, username, password, client=client, now=now, web=web.settings.web)
    except LoginRefused as refused:
        return page(
            request,
            "login.html",
            status_code=429 if refused.throttled else 401,
            next=_safe_next(next),
            error=ctx.say(refused.message_id, refused.message_en),
            username=username,
        )
    ctx.sign_in(user, now.timestamp())
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    context(request).sign_out()
    return RedirectResponse("/login", status_code=303)


@router.get("/lang/{code}")
def language(request: Request, code: str) -> Response:
    referer = request.headers.get("referer", "/")
    target = referer if referer.startswith(str(request.base_url)) else "/"
    response = RedirectResponse(target, status_code=303)
    if code in ("id", "en"):
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, samesite="lax", httponly=True)
    return response
