"""`bench inbox` at a tiny size: every scenario answers 200 with the rows its filters
match (counted independently in SQL); no timing assertions (speed lives in the bench)."""

from __future__ import annotations

import pytest

from social_assistant.bench.inbox import PAGE, Shape, run_bench

SCENARIOS = {
    "no_filter",
    "status_new",
    "urgent",
    "category",
    "agency",
    "channel",
    "date_range",
    "search",
    "combined",
    "page_2",
    "api",
    "api_filtered",
}


def test_bench_inbox_tiny_sqlite() -> None:
    result = run_bench(Shape(replies=2_000, aspirations=400, requests=2, warmups=1))

    assert result["backend"] == "sqlite"
    assert (result["replies"], result["aspirations"]) == (2_000, 400)
    assert set(result["scenarios"]) == SCENARIOS
    for name, scenario in result["scenarios"].items():
        assert scenario["status_codes"] == [200], name
        assert scenario["matching"] > 0, f"{name}: the seed left this filter empty"
        assert scenario["rows"] == min(PAGE, scenario["matching"]), name
        assert 0 < scenario["p50_ms"] <= scenario["p95_ms"] <= scenario["max_ms"], name
    assert result["scenarios"]["no_filter"]["matching"] == 400
    assert result["scenarios"]["page_2"]["matching"] == 400 - PAGE
    assert result["scenarios"]["urgent"]["rows"] < PAGE  # a few percent are urgent
    assert result["overall_p95_ms"] > 0
    assert result["peak_rss_mb"] >= result["peak_rss_mb_before_requests"] > 0
    assert result["tracemalloc_peak_mb"] > 0
    assert set(result["targets"]) == {"p95_ms_max", "rss_mb_max", "p95_met", "rss_met"}


def test_bench_inbox_rejects_more_aspirations_than_replies() -> None:
    with pytest.raises(ValueError, match="aspirations"):
        run_bench(Shape(replies=10, aspirations=11))
