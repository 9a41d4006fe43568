"""Gather what a leadership report shows: the metrics, the charts, the audit checkpoint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from social_assistant.metrics import Metrics, Period, compute_metrics
from social_assistant.reports.summary import AgencyTotal, agency_totals
from social_assistant.settings import Settings
from social_assistant.transparency.checkpoints import PublishedCheckpoint, latest_checkpoint

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Progress = Callable[[str], None]
CHART_NAMES = ("agencies", "months", "kinds", "sentiment", "publishing")
STEPS = 2 + len(CHART_NAMES)  # metrics, checkpoint, one per chart (renderers add their own)


@dataclass(frozen=True)
class Report:
    """One period's report, ready to be written in any format."""

    title: str
    scope: str
    metrics: Metrics
    agencies: list[AgencyTotal]
    checkpoint: PublishedCheckpoint | None
    generated_local: str
    charts: dict[str, Figure]


def build_report(
    session: Session,
    settings: Settings,
    period: Period,
    *,
    now: datetime,
    channel: str | None = None,
    agency: str | None = None,
    charts: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Measure ``period`` and draw the charts; ``progress`` hears each step's name."""
    tell = progress or (lambda _step: None)
    tell("menghitung metrik")
    metrics = compute_metrics(session, settings, period, now=now, channel=channel, agency=agency)
    tell("membaca checkpoint audit")
    checkpoint = latest_checkpoint(settings)
    drawn: dict[str, Figure] = {}
    if charts:  # matplotlib is imported only when a format shows charts
        from social_assistant.reports.charts import CHARTS

        for name, draw in CHARTS:
            tell(f"grafik {name}")
            drawn[name] = draw(metrics)
    return Report(
        title=f"Laporan Kinerja Layanan Aspirasi dan Komunikasi Publik — {period.label}",
        scope=_scope(settings, channel, agency),
        metrics=metrics,
        agencies=agency_totals(metrics),
        checkpoint=checkpoint,
        generated_local=now.astimezone(settings.zone).strftime("%d-%m-%Y %H:%M %Z"),
        charts=drawn,
    )


def _scope(settings: Settings, channel: str | None, agency: str | None) -> str:
    parts = []
    if agency:
        try:
            parts.append(f"OPD {agency} ({settings.agency(agency).name})")
        except KeyError:
            parts.append(f"OPD {agency}")
    parts.append(f"kanal {channel}" if channel else "semua kanal")
    if not agency:
        parts.insert(0, "semua OPD")
    return ", ".join(parts)
