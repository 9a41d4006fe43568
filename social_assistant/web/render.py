"""Jinja2 pages: autoescaped, in Indonesian with an English catalogue, phone-friendly."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from social_assistant.web.context import context
from social_assistant.web.i18n import translate

TEMPLATES = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))


def page(request: Request, name: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    """Render template ``name`` with the request context, translations and the CSRF token."""
    ctx = context(request)
    zone = ctx.web.settings.zone
    language = ctx.language

    def local(moment: datetime | None, fmt: str = "%d-%m-%Y %H:%M") -> str:
        return moment.astimezone(zone).strftime(fmt) if moment else "–"

    return templates.TemplateResponse(
        request,
        name,
        {
            "ctx": ctx,
            "user": ctx.user,
            "lang": language,
            "_": lambda text, **kw: (
                translate(text, language).format(**kw) if kw else translate(text, language)
            ),
            "csrf_token": ctx.csrf_token,
            "flashes": ctx.take_flashes(),
            "local": local,
            "zone_name": ctx.web.settings.timezone,
            **values,
        },
        status_code=status_code,
    )
