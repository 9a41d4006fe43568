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
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from social_assistant.triage.lexicons import read_data_text

FORMAT: Final = "social-assistant-triage-model"
VERSION: Final = 1
MODEL_FILE: Final = "model.json"


class ModelError(ValueError):
    """A model file is missing, unreadable or not a triage model (names the file)."""


@dataclass
class NaiveBayes:
    """Multinomial naive Bayes over binary features, with add-``alpha`` smoothing: the
    counts and the log-probabilities made from them (score with a ``scoring.Scorer``)."""

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
