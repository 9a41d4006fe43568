"""Leadership reports for a period: HTML (charts embedded), PDF, CSV and JSON.

:func:`build_report` gathers the metrics and charts once; :data:`RENDERERS` writes them.
"""

from __future__ import annotations

from collections.abc import Callable

from social_assistant.reports.build import Report, build_report
from social_assistant.reports.html import render_html
from social_assistant.reports.pdf import render_pdf
from social_assistant.reports.tabular import render_csv, render_json


def _utf8(render: Callable[[Report], str]) -> Callable[[Report], bytes]:
    return lambda report: render(report).encode("utf-8")


RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "html": _utf8(render_html),
    "pdf": render_pdf,
    "csv": _utf8(render_csv),
    "json": _utf8(render_json),
}

__all__ = ["RENDERERS", "Report", "build_report"]
