"""Measure the triage and print the figures as JSON.

Sections:

- ``heldout``: the bundled held-out split (never trained on): kind accuracy and
  macro-F1, aspiration recall and precision, category accuracy on aspirations,
  urgent recall and precision;
- ``independent``: the same on the emulator's reply corpus
  (``social_assistant/emulator/citizen_replies.json``, written separately), if present;
- ``sentiment``: three-way macro-F1 on NusaX (per language) and SmSA test;
- ``normaliser``: token error rate on STIF test, raw and normalised;
- ``load_seconds``: time to load the bundled model.

Shared data is read from ``--data DIR`` (default ``../shared/data`` from the current
directory or the repository root); missing sets are reported as skipped.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from social_assistant.taxonomy import Kind
from social_assistant.triage.classify import Triager
from social_assistant.triage.corpus import HELDOUT_FILE, LabelledReply, bundled_corpus, read_corpus
from social_assistant.triage.model import TriageModel
from social_assistant.triage.normalise import normalise
from social_assistant.triage.sentiment import NEUTRAL_BAND, label, sentiment

NUSAX_LANGUAGES = ("indonesian", "banjarese", "javanese", "buginese")
REPO_ROOT = Path(__file__).resolve().parents[2]
INDEPENDENT_SET = REPO_ROOT / "social_assistant" / "emulator" / "citizen_replies.json"


def default_data_dir() -> Path:
    """``../shared/data`` next to the current directory, else next to the repository."""
    for base in (Path.cwd(), REPO_ROOT):
        candidate = (base / ".." / "shared" / "data").resolve()
        if candidate.is_dir():
            return candidate
    return (REPO_ROOT / ".." / "shared" / "data").resolve()


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, dict[str, float]]:
    """Macro-averaged F1 over the gold labels, and F1 per label."""
    per_label = {}
    for name in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == name)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == name != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == name != p)
        per_label[name] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    return round(sum(per_label.values()) / max(1, len(per_label)), 4), per_label


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def evaluate_replies(triager: Triager, replies: Sequence[LabelledReply]) -> dict[str, Any]:
    """Triage quality on labelled replies."""
    results = [triager.classify(r.text) for r in replies]
    pairs = list(zip(replies, results, strict=True))
    gold_kinds = [r.kind.value for r in replies]
    macro, per_kind = macro_f1(gold_kinds, [t.kind.value for t in results])
    gold_asp = [(r, t) for r, t in pairs if r.kind.is_aspiration]
    pred_asp = [(r, t) for r, t in pairs if t.is_aspiration]
    urgent = [(r, t) for r, t in pairs if r.urgent]
    flagged = [(r, t) for r, t in pairs if t.urgent]
    recall = _ratio(sum(1 for _, t in gold_asp if t.is_aspiration), len(gold_asp))
    precision = _ratio(sum(1 for r, _ in pred_asp if r.kind.is_aspiration), len(pred_asp))
    return {
        "replies": len(replies),
        "kind_accuracy": _ratio(sum(1 for r, t in pairs if r.kind is t.kind), len(pairs)),
        "kind_macro_f1": macro,
        "kind_f1": per_kind,
        "aspiration_recall": recall,
        "aspiration_precision": precision,
        "aspiration_f1": round(2 * recall * precision / (recall + precision), 4)
        if recall and precision
        else 0.0,
        "aspirations_labelled_spam": _ratio(
            sum(1 for _, t in gold_asp if t.kind is Kind.SPAM), len(gold_asp)
        ),
        "category_accuracy_on_aspirations": _ratio(
            sum(1 for r, t in gold_asp if r.category is t.category), len(gold_asp)
        ),
        "urgent_recall": _ratio(sum(1 for _, t in urgent if t.urgent), len(urgent)),
        "urgent_precision": _ratio(sum(1 for r, _ in flagged if r.urgent), len(flagged)),
        "urgent_gold": len(urgent),
    }


def independent_replies(path: Path = INDEPENDENT_SET) -> list[LabelledReply] | None:
    """The emulator's labelled replies as ``LabelledReply`` (None if absent or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["replies"]
        return [
            LabelledReply.parse(
                {
                    "text": r["text"],
                    "kind": r["kind"],
                    "category": r["category"],
                    "urgent": "1" if r.get("urgent") else "0",
                },
                f"{path.name}:{i}",
            )
            for i, r in enumerate(rows)
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read_table(path: Path, delimiter: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        if delimiter == "\t":
            return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        return list(csv.DictReader(handle))


def _sentiment_scores(rows: Iterable[dict[str, str]]) -> dict[str, Any]:
    rows = list(rows)
    gold = [r["label"] for r in rows]
    predicted = [label(sentiment(r["text"]).polarity) for r in rows]
    macro, per_label = macro_f1(gold, predicted)
    accuracy = _ratio(sum(1 for g, p in zip(gold, predicted, strict=True) if g == p), len(gold))
    return {"rows": len(rows), "macro_f1": macro, "accuracy": accuracy, "f1": per_label}


def evaluate_sentiment(data: Path) -> dict[str, Any]:
    """Three-way sentiment macro-F1 on NusaX (each language) and SmSA test."""
    sets: dict[str, tuple[Path, str]] = {
        f"nusax_{lang}": (data / "nusax-senti" / f"{lang}_test.csv", ",")
        for lang in NUSAX_LANGUAGES
    }
    sets["smsa_test"] = (data / "smsa-sentiment" / "smsa_test.tsv", "\t")
    report: dict[str, Any] = {"neutral_band": NEUTRAL_BAND}
    for name, (path, delimiter) in sets.items():
        report[name] = (
            _sentiment_scores(_read_table(path, delimiter))
            if path.is_file()
            else "skipped: missing"
        )
    return report


def edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Token-level Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        previous = current
    return previous[-1]


def token_error_rate(pairs: Iterable[tuple[str, str]], rewrite: Callable[[str], str]) -> float:
    """Edits needed to reach the formal text, per formal token (lower-cased, split on spaces)."""
    errors = tokens = 0
    for informal, formal in pairs:
        reference = formal.lower().split()
        errors += edit_distance(rewrite(informal).lower().split(), reference)
        tokens += len(reference)
    return round(errors / max(1, tokens), 4)


def evaluate_normaliser(data: Path) -> dict[str, Any]:
    """STIF test (and dev, used for error analysis): token error rate of the raw informal
    text, of the normalised text (``restored``) and of its formal rendering (``formal``)."""
    report: dict[str, Any] = {}
    for split in ("test", "dev"):
        path = data / "stif-normalization" / f"stif_{split}.tsv"
        if not path.is_file():
            report[f"stif_{split}"] = "skipped: missing"
            continue
        pairs = [(r["informal"], r["formal"]) for r in _read_table(path, "\t")]
        report[f"stif_{split}"] = {
            "rows": len(pairs),
            "raw_token_error_rate": token_error_rate(pairs, lambda s: s),
            "normalised_token_error_rate": token_error_rate(
                pairs, lambda s: normalise(s).restored()
            ),
            "formal_token_error_rate": token_error_rate(pairs, lambda s: normalise(s).formal()),
        }
    return report


def load_seconds() -> float:
    """Seconds to load the bundled model into a ``Triager``."""
    start = time.perf_counter()
    Triager(TriageModel.bundled())
    return round(time.perf_counter() - start, 3)


def run(data: Path, model: Path | None = None, heldout: Path | None = None) -> dict[str, Any]:
    """Every section of the report."""
    seconds = load_seconds()
    triager = Triager.from_file(model) if model else Triager()
    replies = read_corpus(heldout) if heldout else bundled_corpus(HELDOUT_FILE)
    independent = independent_replies()
    report: dict[str, Any] = {
        "load_seconds": seconds,
        "model": str(model) if model else "bundled",
        "thresholds": triager.model.thresholds,
        "heldout": evaluate_replies(triager, replies),
        "independent": evaluate_replies(triager, independent)
        if independent
        else "skipped: missing",
        "data": str(data),
    }
    if data.is_dir():
        report["sentiment"] = evaluate_sentiment(data)
        report["normaliser"] = evaluate_normaliser(data)
    else:
        report["sentiment"] = report["normaliser"] = f"skipped: {data} not found"
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """``social-assistant triage evaluate``: print the measured figures as JSON."""
    parser = argparse.ArgumentParser(
        description="Measure the triage and print the figures as JSON."
    )
    parser.add_argument("--data", type=Path, default=None, help="shared data directory")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: bundled)")
    parser.add_argument(
        "--heldout", type=Path, default=None, help="labelled TSV (default: bundled)"
    )
    args = parser.parse_args(argv)
    report = run(args.data or default_data_dir(), args.model, args.heldout)
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
