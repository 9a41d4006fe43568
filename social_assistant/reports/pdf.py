"""The report as PDF through matplotlib's PdfPages: text pages, then one page per chart."""

from __future__ import annotations

import io
import textwrap

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from social_assistant.reports.build import Report
from social_assistant.reports.tabular import summary_lines

A4 = (8.27, 11.69)
LINES_PER_PAGE = 58


def render_pdf(report: Report) -> bytes:
    buffer = io.BytesIO()
    lines = [report.title, report.scope, f"Dibuat {report.generated_local}", ""]
    lines += summary_lines(report)
    wrapped = [part for line in lines for part in (_wrap(line) or [""])]
    with PdfPages(buffer, metadata={"Title": report.title, "Creator": "social-assistant"}) as pdf:
        for start in range(0, len(wrapped), LINES_PER_PAGE):
            pdf.savefig(_text_page(wrapped[start : start + LINES_PER_PAGE], first=start == 0))
        for figure in report.charts.values():
            pdf.savefig(figure)
    return buffer.getvalue()


def _wrap(line: str) -> list[str]:
    indent = "      " if line.startswith("  ") else ""
    return textwrap.wrap(line, 95, subsequent_indent=indent, drop_whitespace=False)


def _text_page(lines: list[str], *, first: bool) -> Figure:
    page = Figure(figsize=A4)
    top = 0.95
    for index, line in enumerate(lines):
        bold = first and index == 0
        page.text(
            0.07,
            top - index * 0.0155,
            line,
            fontsize=11 if bold else 8.5,
            fontweight="bold" if bold else "normal",
            family="DejaVu Sans Mono" if line.startswith("  ") else "DejaVu Sans",
            va="top",
        )
    return page
