"""The officers' web application (FastAPI + Jinja2 + vendored htmx; no JS build step).

Every request gets a :class:`RequestContext` from the signed session cookie (or a bearer
API token); every state-changing request must carry the session's CSRF token; every
route that shows or changes data checks the role table in ``permissions``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from social_assistant.clock import Clock
from social_assistant.collecting.webhook import router as webhook_router
from social_assistant.db import Database
from social_assistant.permissions import PermissionDenied
from social_assistant.settings import Settings
from social_assistant.transparency.web import router as public_router
from social_assistant.web.context import (
    UNSAFE_METHODS,
    CsrfRejected,
    LoginRequired,
    RequestContext,
    WebState,
    context,
    load_context,
)
from social_assistant.web.render import page
from social_assistant.web.sessions import COOKIE, SessionCodec, session_key
from social_assistant.web.tokens import user_for_token

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
# Requests that authenticate themselves another way (signed webhooks) skip the CSRF check.
CSRF_EXEMPT_PREFIXES = ("/webhooks/",)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; frame-ancestors 'none'; form-action 'self'"
    ),
}


async def csrf_guard(request: Request) -> None:
    """Refuse a cookie-authenticated state change without the session's CSRF token."""
    if request.method not in UNSAFE_METHODS:
        return
    ctx = context(request)
    if ctx.api or request.url.path.startswith(CSRF_EXEMPT_PREFIXES):
        return
    sent = request.headers.get("x-csrf-token")
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get("csrf_token")
            sent = value if isinstance(value, str) else None
    expected = ctx.session.get("c")
    if not sent or not isinstance(expected, str) or not hmac.compare_digest(sent, expected):
        raise CsrfRejected()


def create_app(settings: Settings, database: Database, clock: Clock) -> FastAPI:
    """The whole web application; ``app.state`` also carries settings/database/clock."""
    codec = SessionCodec(session_key(settings), int(settings.web.session_hours * 3600))
    web = WebState(settings, database, clock, codec)
    app = FastAPI(
        title="social-assistant",
        description="Officers' workspace and JSON API (token-authenticated: "
        "`Authorization: Bearer sa_...`).",
        dependencies=[Depends(csrf_guard)],
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.web = web
    app.state.settings = settings
    app.state.database = database
    app.state.clock = clock
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _install_middleware(app, web)
    _install_handlers(app)
    _include_routers(app)
    return app


def _include_routers(app: FastAPI) -> None:
    from social_assistant.web.routes import (
        admin,
        announcements,
        api,
        auth,
        home,
        inbox,
        users,
    )

    for module in (auth, home, announcements, inbox, admin, users, api):
        app.include_router(module.router)
    app.include_router(public_router)
    app.include_router(webhook_router)


def _install_middleware(app: FastAPI, web: WebState) -> None:
    @app.middleware("http")
    async def session_middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path.startswith("/static/"):
            return await call_next(request)
        ctx = await run_in_threadpool(_context_for, request, web)
        request.state.ctx = ctx
        response = await call_next(request)
        if ctx.dirty and not ctx.api:
            response.set_cookie(
                COOKIE,
                web.codec.dumps(ctx.session),
                max_age=web.codec.max_age,
                httponly=True,
                samesite="lax",
                secure=web.settings.web.secure_cookies,
                path="/",
            )
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _context_for(request: Request, web: WebState) -> RequestContext:
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        ctx = RequestContext(web, {}, "en", api=True)
        with web.database.session() as session:
            ctx.user = user_for_token(session, authorization[7:].strip(), web.clock.now())
        return ctx
    return load_context(request, web)


def _wants_json(request: Request) -> bool:
    ctx = getattr(request.state, "ctx", None)
    return request.url.path.startswith("/api/") or (ctx is not None and ctx.api)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "authentication required"}, status_code=401)
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        return RedirectResponse(f"/login?next={target}", status_code=303)

    @app.exception_handler(PermissionDenied)
    async def denied(request: Request, exc: PermissionDenied) -> Response:
        log.warning("denied %s %s: %s", request.method, request.url.path, exc.message_en)
        if _wants_json(request):
            return JSONResponse({"detail": exc.message_en}, status_code=403)
        ctx = context(request)
        return page(
            request,
            "error.html",
            status_code=403,
            title="Akses ditolak",
            message=ctx.say(exc.message_id, exc.message_en),
        )

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, _exc: CsrfRejected) -> Response:
        log.warning("CSRF token missing or wrong: %s %s", request.method, request.url.path)
        message = (
            "Permintaan ditolak: token formulir (CSRF) tidak sah. Muat ulang halaman lalu "
            "coba lagi."
        )
        if _wants_json(request) or not hasattr(request.state, "ctx"):
            return JSONResponse({"detail": "CSRF token missing or invalid"}, status_code=403)
        return page(request, "error.html", status_code=403, title="Akses ditolak", message=message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request) or not hasattr(request.state, "ctx"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        message = "Halaman tidak ditemukan." if exc.status_code == 404 else str(exc.detail)
        return page(
            request,
            "error.html",
            status_code=exc.status_code,
            title=str(exc.status_code),
            message=message,
        )
