"""The trained triage model: three naive Bayes classifiers and the recall-first thresholds.

A model is plain JSON (``data/model.json`` ships with the package; ``train`` writes
new ones). It holds feature counts, not probabilities, so it stays small, readable
and diffable; log-probabilities are computed once when it is loaded.

- ``kind``: the eight kinds of the taxonomy;
- ``category``: the eleven routable categories, trained on aspirations only;
- ``urgent``: "urgent" or "routine", trained on aspirations only;
- ``thresholds``: ``aspiration`` (a reply whose aspiration kinds together reach this
  probability is an aspiration) and ``urgent``, both chosen by cross-validation on
  the training data for recall.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from social_assistant.triage.lexicons import read_data_text

FORMAT = "social-assistant-triage-model"
VERSION = 1
MODEL_FILE = "model.json"


class ModelError(ValueError):
    """A model file is missing, unreadable or not a triage model (names the file)."""


@dataclass
class NaiveBayes:
    """Multinomial naive Bayes over binary features, with add-``alpha`` smoothing."""

    classes: list[str]
    documents: list[float]
    feature_counts: dict[str, list[float]]
    alpha: float = 0.5
    _log_prior: list[float] = field(default_factory=list, init=False, repr=False)
    _log_likelihood: dict[str, tuple[float, ...]] = field(
        default_factory=dict, init=False, repr=False
    )

    def __post_init__(self) -> None:
        size = len(self.feature_counts) + 1
        totals = [0.0] * len(self.classes)
        for counts in self.feature_counts.values():
            totals = [t + c for t, c in zip(totals, counts, strict=True)]
        denominators = [math.log(t + self.alpha * size) for t in totals]
        all_documents = sum(self.documents)
        self._log_prior = [
            math.log((d + 1.0) / (all_documents + len(self.classes))) for d in self.documents
        ]
        self._log_likelihood = {
            feature: tuple(
                math.log(c + self.alpha) - d for c, d in zip(counts, denominators, strict=True)
            )
            for feature, counts in self.feature_counts.items()
        }

    def log_scores(self, features: Iterable[str]) -> list[float]:
        """Unnormalised log-posteriors per class (unknown features are ignored)."""
        table = self._log_likelihood
        rows = [row for f in features if (row := table.get(f)) is not None]
        if not rows:
            return list(self._log_prior)
        # Column sums in feature order: the same additions, in the same order, as
        # adding each feature's row in turn.
        return [
            sum(column, prior)
            for prior, column in zip(self._log_prior, zip(*rows, strict=True), strict=True)
        ]

    def posteriors(self, features: Iterable[str]) -> dict[str, float]:
        """Class -> probability."""
        scores = self.log_scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def evidence(
        self, features: Sequence[str], label: str, against: str, limit: int | None = None
    ) -> list[tuple[str, float]]:
        """Features that favour ``label`` over ``against``, strongest first (``limit``: top)."""
        a, b = self.classes.index(label), self.classes.index(against)
        table = self._log_likelihood
        scored = [
            (f, delta)
            for f in features
            if (row := table.get(f)) is not None and (delta := row[a] - row[b]) > 0
        ]
        scored.sort(key=_strongest)
        return scored if limit is None else scored[:limit]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (counts, not probabilities)."""
        return {
            "classes": self.classes,
            "documents": [_compact(d) for d in self.documents],
            "alpha": self.alpha,
            "features": {
                f: [_compact(c) for c in cs] for f, cs in sorted(self.feature_counts.items())
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> NaiveBayes:
        """The inverse of ``to_json``."""
        return cls(
            classes=list(data["classes"]),
            documents=[float(d) for d in data["documents"]],
            feature_counts={f: [float(c) for c in cs] for f, cs in data["features"].items()},
            alpha=float(data["alpha"]),
        )


def _strongest(scored: tuple[str, float]) -> tuple[float, str]:
    return -scored[1], scored[0]


def _dump(data: Mapping[str, Any]) -> str:
    """JSON with one line per top-level key and per feature of each classifier."""

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = []
    for key, value in data.items():
        if isinstance(value, dict) and "features" in value:
            head = {k: v for k, v in value.items() if k != "features"}
            features = ",\n".join(
                f"{compact(f)}:{compact(c)}" for f, c in value["features"].items()
            )
            lines.append(f'{compact(key)}:{compact(head)[:-1]},"features":{{\n{features}\n}}}}')
        else:
            lines.append(f"{compact(key)}:{compact(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _compact(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 4)


@dataclass
class TriageModel:
    """Everything ``classify`` needs that was learnt from data."""

    kind: NaiveBayes
    category: NaiveBayes
    urgent: NaiveBayes
    thresholds: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "meta": self.meta,
            "thresholds": self.thresholds,
            "kind": self.kind.to_json(),
            "category": self.category.to_json(),
            "urgent": self.urgent.to_json(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], source: str = "model") -> TriageModel:
        """A model from its JSON dict; ``ModelError`` naming ``source`` if it is not one."""
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ModelError(f"{source}: not a triage model (format {FORMAT} v{VERSION})")
        try:
            return cls(
                kind=NaiveBayes.from_json(data["kind"]),
                category=NaiveBayes.from_json(data["category"]),
                urgent=NaiveBayes.from_json(data["urgent"]),
                thresholds={k: float(v) for k, v in data["thresholds"].items()},
                meta=dict(data.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{source}: damaged triage model ({exc!r})") from exc

    def save(self, path: Path) -> Path:
        """Write the model as JSON, one feature per line (small, and diffs stay readable)."""
        path.write_text(_dump(self.to_json()), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> TriageModel:
        """Read a model file written by ``save``."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{path}: cannot read triage model ({exc})") from exc
        return cls.from_json(data, str(path))

    @classmethod
    def bundled(cls) -> TriageModel:
        """The model shipped in ``social_assistant/triage/data/model.json``."""
        return cls.from_json(json.loads(read_data_text(MODEL_FILE)), MODEL_FILE)


Row = tuple[float, ...]


class JointTable:
    """The three classifiers of a model scored in one pass over a reply's features.

    Each feature maps to one row: its kind, category and urgent log-likelihoods side
    by side (0.0 where a classifier does not know it, which leaves a sum unchanged).
    Summing the rows of a reply's features gives every classifier's log-scores at
    once, with the same additions in the same order as scoring each on its own. The
    kind part skips topic features and the category part holds only topical ones,
    as ``features.for_kind`` and ``features.topical`` do.
    """

    def __init__(self, model: TriageModel, is_topic: Callable[[str], bool]) -> None:
        self.parts = {"kind": model.kind, "category": model.category, "urgent": model.urgent}
        self.offsets: dict[str, tuple[int, int]] = {}
        start = 0
        for name, classifier in self.parts.items():
            self.offsets[name] = (start, start + len(classifier.classes))
            start += len(classifier.classes)
        self.prior: Row = tuple(p for c in self.parts.values() for p in c._log_prior)
        self.rows: dict[str, Row] = {}
        vocabulary = set().union(*(c._log_likelihood for c in self.parts.values()))
        for feature in sorted(vocabulary):
            row: list[float] = []
            for name, classifier in self.parts.items():
                likelihood = classifier._log_likelihood.get(feature)
                if likelihood is None or (name == "kind" and is_topic(feature)):
                    likelihood = (0.0,) * len(classifier.classes)
                row.extend(likelihood)
            self.rows[feature] = tuple(row)

    def known(self, features: Iterable[str]) -> list[tuple[str, Row]]:
        """The features some classifier knows, with their rows, in order."""
        rows = self.rows
        return [(f, row) for f in features if (row := rows.get(f)) is not None]

    def log_scores(self, known: Sequence[tuple[str, Row]]) -> Row:
        """Every classifier's log-scores, side by side (split them with ``part``)."""
        if not known:
            return self.prior
        columns = zip(*[row for _, row in known], strict=True)
        return tuple(map(sum, columns, self.prior))

    def posteriors(self, name: str, scores: Row) -> dict[str, float]:
        """Class -> probability for one classifier, from ``log_scores``."""
        start, end = self.offsets[name]
        part = scores[start:end]
        top = max(part)
        exps = [math.exp(s - top) for s in part]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.parts[name].classes, exps, strict=True)}

    def evidence(
        self, name: str, known: Sequence[tuple[str, Row]], label: str, against: str, limit: int
    ) -> list[tuple[str, float]]:
        """As ``NaiveBayes.evidence`` for one classifier, from the known features' rows."""
        start = self.offsets[name][0]
        classes = self.parts[name].classes
        a, b = start + classes.index(label), start + classes.index(against)
        scored = [(f, delta) for f, row in known if (delta := row[a] - row[b]) > 0]
        scored.sort(key=_strongest)
        return scored[:limit]
