"""Leadership reports for a period: HTML (charts embedded), PDF, CSV and JSON.

:func:`build_report` gathers the metrics and charts once; :data:`RENDERERS` writes them.
"""

from __future__ import annotations

from collections.abc import Callable

from social_assistant.reports.build import Report, build_report
from social_assistant.reports.tabular import render_csv, render_json


def _html(report: Report) -> bytes:
    from social_assistant.reports.html import render_html  # matplotlib: only when needed

    return render_html(report).encode("utf-8")


def _pdf(report: Report) -> bytes:
    from social_assistant.reports.pdf import render_pdf

    return render_pdf(report)


RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "html": _html,
    "pdf": _pdf,
    "csv": lambda report: render_csv(report).encode("utf-8"),
    "json": lambda report: render_json(report).encode("utf-8"),
}

__all__ = ["RENDERERS", "Report", "build_report"]
