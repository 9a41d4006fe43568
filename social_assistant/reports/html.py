"""The report as one standalone HTML page (inline CSS, charts as base64 PNG)."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from social_assistant.reports.build import Report
from social_assistant.reports.charts import png_base64
from social_assistant.reports.summary import KIND_ID, hours, percent

TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = percent
    env.filters["hours"] = hours
    env.globals["KIND_ID"] = KIND_ID
    return env


def render_html(report: Report) -> str:
    images = {name: png_base64(figure) for name, figure in report.charts.items()}
    template = environment().get_template("report.html")
    return template.render(report=report, m=report.metrics, images=images)
