"""The report's charts, drawn with matplotlib's object API (Agg, no pyplot state), so
charts can be made in any thread. Labels are in Bahasa Indonesia."""

from __future__ import annotations

import base64
import io

from matplotlib.figure import Figure

from social_assistant.metrics import Metrics
from social_assistant.metrics.period import month_name
from social_assistant.reports.summary import KIND_ID, agency_totals

BLUE, GREEN, ORANGE, RED, GREY = "#1f5fa8", "#2e8b57", "#e69f00", "#c0392b", "#9aa5b1"


def _figure(width: float = 7.0, height: float = 3.4) -> Figure:
    figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return figure


def _empty(figure: Figure, title: str) -> Figure:
    axes = figure.add_subplot()
    axes.set_title(title)
    axes.text(0.5, 0.5, "Belum ada data", ha="center", va="center", color=GREY)
    axes.set_axis_off()
    return figure


def agency_chart(metrics: Metrics) -> Figure:
    """Share of aspirations acknowledged (3 working days) and followed up (5) per agency."""
    title = "Ketepatan waktu per OPD"
    totals = agency_totals(metrics)
    figure = _figure(7.0, max(2.4, 0.45 * len(totals) + 1.2))
    if not totals:
        return _empty(figure, title)
    axes = figure.add_subplot()
    codes = [t.code for t in totals]
    positions = range(len(codes))
    ack = [100 * (t.acknowledged_share or 0) for t in totals]
    follow = [100 * (t.followed_up_share or 0) for t in totals]
    axes.barh(
        [p + 0.2 for p in positions], ack, 0.4, color=BLUE, label="Diverifikasi ≤ 3 hari kerja"
    )
    axes.barh(
        [p - 0.2 for p in positions],
        follow,
        0.4,
        color=GREEN,
        label="Ditindaklanjuti ≤ 5 hari kerja",
    )
    axes.set_yticks(list(positions), codes)
    axes.set_xlim(0, 100)
    axes.set_xlabel("% aspirasi")
    axes.set_title(title)
    axes.legend(loc="lower right", fontsize=8)
    return figure


def month_chart(metrics: Metrics) -> Figure:
    """Aspirations received and resolved per month."""
    title = "Aspirasi diterima dan diselesaikan per bulan"
    received: dict[str, int] = {}
    resolved: dict[str, int] = {}
    for row in metrics.agency_months:
        received[row.month] = received.get(row.month, 0) + row.figures.received
        resolved[row.month] = resolved.get(row.month, 0) + row.figures.resolved
    figure = _figure()
    if not received:
        return _empty(figure, title)
    months = sorted(received)
    axes = figure.add_subplot()
    positions = range(len(months))
    axes.bar(
        [p - 0.2 for p in positions],
        [received[m] for m in months],
        0.4,
        color=BLUE,
        label="Diterima",
    )
    axes.bar(
        [p + 0.2 for p in positions],
        [resolved[m] for m in months],
        0.4,
        color=GREEN,
        label="Selesai",
    )
    axes.set_xticks(list(positions), [month_name(m) for m in months], fontsize=8)
    axes.set_title(title)
    axes.legend(fontsize=8)
    return figure


def kind_chart(metrics: Metrics) -> Figure:
    """Aspirations by kind and by category."""
    title = "Aspirasi menurut jenis dan kategori"
    figure = _figure(7.0, 3.2)
    if not metrics.aspirations_by_kind:
        return _empty(figure, title)
    left, right = figure.subplots(1, 2)
    kinds = metrics.aspirations_by_kind
    left.bar([KIND_ID.get(k, k) for k in kinds], list(kinds.values()), color=BLUE)
    left.set_title("Jenis", fontsize=10)
    left.tick_params(axis="x", labelsize=7, rotation=30)
    categories = metrics.aspirations_by_category
    right.barh(list(categories), list(categories.values()), color=ORANGE)
    right.set_title("Kategori", fontsize=10)
    right.tick_params(axis="y", labelsize=7)
    figure.suptitle(title)
    return figure


def sentiment_chart(metrics: Metrics) -> Figure:
    """Mean sentiment of aspirations per week, from -1 (negative) to 1."""
    title = "Tren sentimen aspirasi per minggu"
    figure = _figure(7.0, 3.0)
    if not metrics.sentiment:
        return _empty(figure, title)
    axes = figure.add_subplot()
    weeks = [w.week[5:] for w in metrics.sentiment]
    axes.plot(weeks, [w.mean for w in metrics.sentiment], marker="o", color=BLUE)
    axes.axhline(0, color=GREY, linewidth=0.8)
    axes.set_ylim(-1, 1)
    axes.set_ylabel("rata-rata (-1..1)")
    axes.set_xlabel("minggu mulai (bulan-tanggal)")
    axes.tick_params(axis="x", labelsize=7, rotation=45)
    axes.set_title(title)
    return figure


def publishing_chart(metrics: Metrics) -> Figure:
    """Posts on time, late, failed and not sent."""
    title = f"Penerbitan pengumuman (tepat waktu: ≤ {metrics.on_time_minutes} menit)"
    p = metrics.publishing
    figure = _figure(7.0, 2.4)
    if not p.planned:
        return _empty(figure, title)
    axes = figure.add_subplot()
    left = 0
    for value, color, label in (
        (p.on_time, GREEN, "Tepat waktu"),
        (p.late, ORANGE, "Terlambat"),
        (p.failed, RED, "Gagal"),
        (p.not_sent, GREY, "Belum terbit"),
    ):
        axes.barh([0], [value], left=left, color=color, label=f"{label} ({value})")
        left += value
    axes.set_yticks([])
    axes.set_xlabel("unggahan per kanal")
    axes.set_title(title)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncols=4, fontsize=8)
    return figure


CHARTS = (
    ("agencies", agency_chart),
    ("months", month_chart),
    ("kinds", kind_chart),
    ("sentiment", sentiment_chart),
    ("publishing", publishing_chart),
)


def png_base64(figure: Figure) -> str:
    """The figure as a base64 PNG (for ``<img src="data:image/png;base64,...">``)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")
