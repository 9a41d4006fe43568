"""``social-assistant bench triage``: replies triaged per second on one core, against TextBlob.

The texts are the bundled labelled corpus (training and held-out splits), repeated and
shuffled with a fixed seed to ``texts``. The full triage is what ``classify`` streams:
normalisation, cues, the three classifiers, urgency rules, personal-data flags,
sentiment and the reasons, as a JSON-ready dict per text (JSON encoding is measured on
its own). The reference is TextBlob's own English analyzer, ``TextBlob(t).sentiment``,
on the same texts in the same run. The two are timed in alternating chunks so that a
change in machine load hits both alike; both wall-clock and CPU time are reported.

``compiled_modules`` names the triage modules that ran as mypyc extensions (empty:
plain Python; see ``social_assistant/triage/compiled.py``).

Everything runs in one thread, so on one core; rates are texts per CPU-second (what
one core does, whatever else the machine runs) and per wall-clock second. Peak memory
is the maximum resident set size, read before TextBlob (and NLTK) are imported and at
the end; the traced peak of the triage alone is measured with ``tracemalloc`` on a
separate pass (tracing slows Python down, so it is never timed). Load time is measured
in-process (the model) and in a fresh interpreter (import, model load, first reply).
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any

from social_assistant.triage import compiled
from social_assistant.triage.classify import Triager
from social_assistant.triage.corpus import HELDOUT_FILE, TRAIN_FILE, bundled_corpus
from social_assistant.triage.model import TriageModel

SEED = 20_251_130
CHUNK = 5_000
TRACED_TEXTS = 20_000
TARGET_TEXTS_PER_SECOND = 20_000
TARGET_RATIO = 3.0

_COLD_START = (
    "import time; t = time.perf_counter();"
    "from social_assistant.triage import Triager; Triager().classify('jalan rusak');"
    "print(time.perf_counter() - t)"
)


def bench_texts(count: int, seed: int = SEED) -> list[str]:
    """The bundled corpus repeated and shuffled to ``count`` texts."""
    corpus = [r.text for name in (TRAIN_FILE, HELDOUT_FILE) for r in bundled_corpus(name)]
    texts = (corpus * (count // len(corpus) + 1))[:count]
    random.Random(seed).shuffle(texts)
    return texts


def _timed(work: Callable[[Sequence[str]], object], texts: Sequence[str]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work(texts)
    return time.perf_counter() - wall, time.process_time() - cpu


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


def _peak_rss_mb() -> float:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kilobytes / 1024, 1)  # Linux reports kilobytes


def _traced_peak_mb(triager: Triager, texts: Sequence[str]) -> float:
    tracemalloc.start()
    try:
        for _ in triager.classify_stream(texts):
            pass
        return round(tracemalloc.get_traced_memory()[1] / 2**20, 2)
    finally:
        tracemalloc.stop()


def cold_start_seconds() -> float:
    """Import, model load and the first reply in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _COLD_START], capture_output=True, text=True, check=True
    )
    return round(float(done.stdout), 3)


def run_bench(count: int) -> dict[str, Any]:
    """Measure and return the figures (see the module docstring)."""
    start = time.perf_counter()
    triager = Triager(TriageModel.bundled())
    load = time.perf_counter() - start
    texts = bench_texts(count)
    traced = _traced_peak_mb(triager, texts[: min(count, TRACED_TEXTS)])
    rss_triage = _peak_rss_mb()
    from textblob import TextBlob  # imported before timing: it loads NLTK

    def triage(chunk: Sequence[str]) -> None:
        for _ in triager.classify_stream(chunk):
            pass

    def textblob(chunk: Sequence[str]) -> None:
        for text in chunk:
            _ = TextBlob(text).sentiment

    def encode(chunk: Sequence[str]) -> None:
        for row in triager.classify_stream(chunk):
            json.dumps(row, ensure_ascii=False)

    triage(texts[:200])  # warm the lexicons before any timing
    textblob(texts[:200])
    totals = {"triage": [0.0, 0.0], "textblob": [0.0, 0.0]}
    for offset in range(0, count, CHUNK):
        chunk = texts[offset : offset + CHUNK]
        for name, work in (("triage", triage), ("textblob", textblob)):
            wall, cpu_seconds = _timed(work, chunk)
            totals[name][0] += wall
            totals[name][1] += cpu_seconds
    json_wall, _ = _timed(encode, texts[: min(count, 20_000)])
    triage_rate = _rate(count, totals["triage"][1])
    textblob_rate = _rate(count, totals["textblob"][1])
    ratio = round(triage_rate / textblob_rate, 2) if textblob_rate else None
    return {
        "texts": count,
        "distinct_texts": len(set(texts)),
        "triage_texts_per_second": triage_rate,
        "triage_texts_per_second_wall": _rate(count, totals["triage"][0]),
        "textblob_sentiment_texts_per_second": textblob_rate,
        "textblob_sentiment_texts_per_second_wall": _rate(count, totals["textblob"][0]),
        "ratio_to_textblob": ratio,
        "classify_json_lines_per_second_wall": _rate(min(count, 20_000), json_wall),
        "targets": {
            "texts_per_second": TARGET_TEXTS_PER_SECOND,
            "texts_per_second_met": triage_rate >= TARGET_TEXTS_PER_SECOND,
            "ratio_to_textblob": TARGET_RATIO,
            "ratio_met": (ratio or 0) >= TARGET_RATIO,
            "met": bool(triage_rate >= TARGET_TEXTS_PER_SECOND and (ratio or 0) >= TARGET_RATIO),
        },
        "compiled_modules": compiled.compiled(),
        "model_load_seconds": round(load, 3),
        "cold_start_seconds": cold_start_seconds(),
        "peak_rss_mb_triage_only": rss_triage,
        "peak_rss_mb_with_textblob": _peak_rss_mb(),
        "triage_traced_peak_mb": traced,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": sys.version.split()[0],
    }
