"""``bench triage`` runs and reports every figure (speed itself is never asserted in tests)."""

from __future__ import annotations

from social_assistant.bench.triage import bench_texts, run_bench
from social_assistant.triage.corpus import HELDOUT_FILE, TRAIN_FILE, bundled_corpus


def test_texts_are_the_corpus_repeated_and_shuffled_the_same_way() -> None:
    texts = bench_texts(6000)
    assert len(texts) == 6000 and len(set(texts)) == 2595
    assert texts == bench_texts(6000)
    in_file_order = [r.text for name in (TRAIN_FILE, HELDOUT_FILE) for r in bundled_corpus(name)]
    assert sorted(bench_texts(2595)) == sorted(in_file_order)
    assert bench_texts(2595) != in_file_order  # shuffled


def test_a_small_run_reports_every_figure() -> None:
    report = run_bench(300)
    assert report["texts"] == 300
    for key in (
        "triage_texts_per_second",
        "textblob_sentiment_texts_per_second",
        "ratio_to_textblob",
        "model_load_seconds",
        "cold_start_seconds",
        "peak_rss_mb_triage_only",
        "triage_traced_peak_mb",
    ):
        assert report[key] > 0, key
    targets = report["targets"]
    assert set(targets) == {
        "texts_per_second", "texts_per_second_met", "ratio_to_textblob", "ratio_met", "met"
    }  # fmt: skip
    assert targets["met"] == (targets["texts_per_second_met"] and targets["ratio_met"])
    assert targets["texts_per_second_met"] == (report["triage_texts_per_second"] >= 20_000)
    assert isinstance(report["compiled_modules"], list)
