"""The public transparency page (no login, Bahasa Indonesia), its open data and /metrics.

``router`` is included by the main app, which sets ``app.state.database``,
``app.state.settings`` and ``app.state.clock``. ``?periode=2026-11`` (or ``2026``) picks a
period; the default is the last six months up to today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from prometheus_client import CONTENT_TYPE_LATEST
from sqlmodel import Session

from social_assistant.db import Database
from social_assistant.metrics import Period, PeriodError, compute_metrics, parse_period
from social_assistant.metrics.period import month_name
from social_assistant.opendata import export_csv, export_json
from social_assistant.reports.charts import agency_chart, month_chart, png_base64
from social_assistant.reports.summary import KIND_ID, agency_totals, hours, percent
from social_assistant.settings import Settings
from social_assistant.transparency.cache import PageCache
from social_assistant.transparency.checkpoints import latest_checkpoint
from social_assistant.transparency.prometheus import exposition

router = APIRouter()
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
templates.env.filters["percent"] = percent
templates.env.filters["hours"] = hours
templates.env.filters["month_name"] = month_name
PeriodText = Annotated[str | None, Query(alias="periode", max_length=40)]
DEFAULT_MONTHS = 6
MAX_DAYS = 731  # longer periods are for `report`, not for a public request


def _context(request: Request) -> tuple[Database, Settings, datetime]:
    state = request.app.state
    return state.database, state.settings, state.clock.now()


def _cache(request: Request, settings: Settings) -> PageCache:
    """The app's page cache (made on first use, so each app has its own)."""
    state = request.app.state
    cache = getattr(state, "transparency_cache", None)
    if cache is None:
        cache = state.transparency_cache = PageCache(settings.transparency.cache_seconds)
    return cache


def _period(text: str | None, settings: Settings, now: datetime) -> Period:
    if text:
        try:
            period = parse_period(text, settings.zone)
        except PeriodError:
            period = None
        if period is None or (period.last - period.first).days > MAX_DAYS:
            raise HTTPException(
                400, "Periode tidak valid: gunakan YYYY-MM (mis. 2026-11) atau YYYY."
            )
        return period
    today = now.astimezone(settings.zone).date()
    month = today.year * 12 + today.month - 1 - (DEFAULT_MONTHS - 1)
    first = date(month // 12, month % 12 + 1, 1)
    return parse_period(f"{first.isoformat()}..{today.isoformat()}", settings.zone)


@router.get("/publik", response_class=HTMLResponse)
def public_page(request: Request, periode: PeriodText = None) -> HTMLResponse:
    """Responsiveness per agency and month, charts, the audit checkpoint, downloads."""
    database, settings, now = _context(request)
    period = _period(periode, settings, now)
    base = request.url.path.rstrip("/")
    html = _cache(request, settings).get(
        ("publik", base, period.key), lambda: _render_page(request, database, settings, period, now)
    )
    return HTMLResponse(html)


def _render_page(
    request: Request, database: Database, settings: Settings, period: Period, now: datetime
) -> str:
    with database.session() as session:
        metrics = compute_metrics(session, settings, period, now=now)
    context: dict[str, Any] = {
        "m": metrics,
        "period": period,
        "agencies": agency_totals(metrics),
        "charts": {
            "agencies": png_base64(agency_chart(metrics)),
            "months": png_base64(month_chart(metrics)),
        },
        "checkpoint": latest_checkpoint(settings),
        "base": request.url.path.rstrip("/"),
        "query": f"?periode={period.key}",
        "kind_names": KIND_ID,
        "updated": now.astimezone(settings.zone).strftime("%d-%m-%Y %H:%M %Z"),
    }
    return templates.get_template("publik.html").render(request=request, **context)


@router.get("/publik/data.csv")
def open_data_csv(request: Request, periode: PeriodText = None) -> Response:
    database, settings, now = _context(request)
    period = _period(periode, settings, now)
    text = _cache(request, settings).get(
        ("csv", period.key), lambda: _read(database, lambda s: export_csv(s, settings, period))
    )
    name = f"aspirasi-{period.key.replace('..', '_')}.csv"
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/publik/data.json")
def open_data_json(request: Request, periode: PeriodText = None) -> Response:
    database, settings, now = _context(request)
    period = _period(periode, settings, now)
    text = _cache(request, settings).get(
        ("json", period.key),
        lambda: _read(database, lambda s: export_json(s, settings, period, now=now)),
    )
    return Response(text, media_type="application/json")


def _read(database: Database, query: Callable[[Session], str]) -> str:
    with database.session() as session:
        return query(session)


@router.get("/metrics")
def prometheus_metrics(request: Request) -> Response:
    """Operations metrics for Prometheus (queue, latency, failures, lag, overdue)."""
    database, _settings, now = _context(request)
    return Response(exposition(database, now), media_type=CONTENT_TYPE_LATEST)
