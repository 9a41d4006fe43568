"""The public transparency page (no login, Bahasa Indonesia), its open data and /metrics.

``router`` is included by the main app, which sets ``app.state.database``,
``app.state.settings`` and ``app.state.clock``. ``?periode=2026-11`` (or ``2026``) picks a
period; the default is the last six months up to today.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from prometheus_client import CONTENT_TYPE_LATEST

from social_assistant.db import Database
from social_assistant.metrics import Period, PeriodError, compute_metrics, parse_period
from social_assistant.metrics.period import month_name
from social_assistant.opendata import export_csv, export_json
from social_assistant.reports.charts import agency_chart, month_chart, png_base64
from social_assistant.reports.summary import KIND_ID, agency_totals, hours, percent
from social_assistant.settings import Settings
from social_assistant.transparency.checkpoints import latest_checkpoint
from social_assistant.transparency.prometheus import exposition

router = APIRouter()
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
templates.env.filters["percent"] = percent
templates.env.filters["hours"] = hours
templates.env.filters["month_name"] = month_name
PeriodText = Annotated[str | None, Query(alias="periode", max_length=40)]
DEFAULT_MONTHS = 6


def _context(request: Request) -> tuple[Database, Settings, datetime]:
    state = request.app.state
    return state.database, state.settings, state.clock.now()


def _period(text: str | None, settings: Settings, now: datetime) -> Period:
    if text:
        try:
            return parse_period(text, settings.zone)
        except PeriodError:
            raise HTTPException(
                400, "Periode tidak valid: gunakan YYYY-MM (mis. 2026-11) atau YYYY."
            ) from None
    today = now.astimezone(settings.zone).date()
    month = today.year * 12 + today.month - 1 - (DEFAULT_MONTHS - 1)
    first = date(month // 12, month % 12 + 1, 1)
    return parse_period(f"{first.isoformat()}..{today.isoformat()}", settings.zone)


@router.get("/publik", response_class=HTMLResponse)
def public_page(request: Request, periode: PeriodText = None) -> HTMLResponse:
    """Responsiveness per agency and month, charts, the audit checkpoint, downloads."""
    database, settings, now = _context(request)
    period = _period(periode, settings, now)
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
    return templates.TemplateResponse(request, "publik.html", context)


@router.get("/publik/data.csv")
def open_data_csv(request: Request, periode: PeriodText = None) -> Response:
    database, settings, now = _context(request)
    period = _period(periode, settings, now)
    with database.session() as session:
        text = export_csv(session, settings, period)
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
    with database.session() as session:
        text = export_json(session, settings, period, now=now)
    return Response(text, media_type="application/json")


@router.get("/metrics")
def prometheus_metrics(request: Request) -> Response:
    """Operations metrics for Prometheus (queue, latency, failures, lag, overdue)."""
    database, _settings, now = _context(request)
    return Response(exposition(database, now), media_type=CONTENT_TYPE_LATEST)
