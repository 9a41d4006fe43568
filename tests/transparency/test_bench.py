"""The transparency benchmark at a tiny size: its seeded chain verifies and every figure
is reported (speed itself is only measured by `social-assistant bench transparency`)."""

from __future__ import annotations

import os

import pytest

from social_assistant.bench.transparency import Shape, run_bench


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_bench_transparency_runs_at_a_tiny_size(backend: str) -> None:
    url = os.environ.get("SA_TEST_POSTGRES_URL") if backend == "postgresql" else None
    if backend == "postgresql" and not url:
        pytest.skip("SA_TEST_POSTGRES_URL is not set: PostgreSQL variant skipped")
    result = run_bench(Shape(events=500, replies=1000, months=2, database_url=url))
    assert result["backend"] == backend
    assert result["aspirations"] == 200  # every fifth reply
    assert result["month_aspirations"] > 50 and result["opendata_csv_rows"] > 50
    for key in (
        "verify_seconds",
        "verify_cpu_seconds",
        "report_html_seconds",
        "report_pdf_seconds",
    ):
        assert result[key] >= 0
    assert set(result["targets"]) == {
        "verify_seconds_max", "report_seconds_max", "verify_met", "report_met"
    }  # fmt: skip
