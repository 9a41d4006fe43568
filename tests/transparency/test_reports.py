"""Reports in every format: produced, parseable, with the hand-computed figures and charts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from transparency.browser import screenshot_file
from transparency.cli_helpers import run_cli
from transparency.december import NOW, SEEDED_SECRETS

from social_assistant.db import Database
from social_assistant.metrics import parse_period
from social_assistant.reports import RENDERERS, Report, build_report
from social_assistant.settings import Settings


def _report(database: Database, settings: Settings, **filters: str) -> Report:
    with database.session() as session:
        period = parse_period("2026-12", settings.zone)
        return build_report(session, settings, period, now=NOW, **filters)


def test_html_embeds_five_charts_and_the_figures(dataset: Database, settings: Settings) -> None:
    html = RENDERERS["html"](_report(dataset, settings)).decode("utf-8")
    assert html.count('src="data:image/png;base64,iVBORw0KGgo') == 5
    assert "Desember 2026" in html and "50,0 %" in html  # acknowledged in 3 working days
    assert "DPUPR — Dinas Pekerjaan Umum" in html and "119,5 jam" in html
    for secret in SEEDED_SECRETS:
        assert secret not in html


def test_pdf_has_text_pages_and_chart_pages(dataset: Database, settings: Settings) -> None:
    pdf = RENDERERS["pdf"](_report(dataset, settings))
    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 6  # 1 text + 5 charts


def test_csv_and_json_carry_every_figure(dataset: Database, settings: Settings) -> None:
    report = _report(dataset, settings, agency="DPUPR")
    rows = list(csv.DictReader(io.StringIO(RENDERERS["csv"](report).decode("utf-8"))))
    values = {(row["section"], row["metric"]): row["value"] for row in rows}
    assert values[("responsiveness", "received")] == "2"
    assert values[("responsiveness", "median_hours")] == "128.5"
    assert values[("agency_months.DPUPR.2026-12", "followed_up_on_time")] == "2"
    assert values[("publishing", "planned")] == "5"
    document = json.loads(RENDERERS["json"](report))
    assert document["metrics"]["agency"] == "DPUPR"
    assert document["metrics"]["overdue"]["items"] == 1  # A2 past its close date
    assert "OPD DPUPR" in document["scope"]


def test_the_checkpoint_is_shown_when_published(
    dataset: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from transparency.checkpoint_helpers import publish_checkpoint

    checkpoint = publish_checkpoint(dataset, settings)
    report = _report(dataset, settings)
    assert report.checkpoint is not None and report.checkpoint.signature_valid
    assert checkpoint["hash"] in RENDERERS["html"](report).decode("utf-8")


def test_cli_report_every_format(dataset: Database, settings: Settings, tmp_path: Path) -> None:
    for form in ("html", "pdf", "csv", "json"):
        out = tmp_path / f"laporan.{form}"
        code, output = run_cli(
            settings, "report", "--period", "2026-12", "--format", form, "--output", str(out)
        )
        assert code == 0, output
        assert out.stat().st_size > 200
    assert (tmp_path / "laporan.pdf").read_bytes().startswith(b"%PDF")
    json.loads((tmp_path / "laporan.json").read_text(encoding="utf-8"))
    code, output = run_cli(settings, "report", "--period", "2026-12", "--agency", "NOPE")
    assert code == 2 and "--agency NOPE" in output
    code, output = run_cli(settings, "report", "--period", "2026-12", "--format", "docx")
    assert code == 2 and "docx" in output


def test_the_html_report_renders_in_chromium(
    dataset: Database, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "laporan.html"
    path.write_bytes(RENDERERS["html"](_report(dataset, settings)))
    loaded = screenshot_file(path.as_uri(), "report-2026-12.png")
    assert loaded["images"] == 5 and loaded["broken"] == 0
    assert "Laporan Kinerja" in loaded["title"]
