"""Train a triage model from labelled corpora and responders' corrections.

``train_model`` is what ``social-assistant triage train`` runs: it reads TSV corpora
(see ``corpus``), counts features, chooses the recall-first thresholds by
cross-validation on the same training data (never on the held-out split), and
writes a JSON model that ``Triager.from_file`` loads. Corrections (labels fixed by
responders) count ``CORRECTION_WEIGHT`` times.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from social_assistant.taxonomy import ROUTABLE_CATEGORIES, Category, Kind
from social_assistant.triage import features, rules
from social_assistant.triage.classify import Triager
from social_assistant.triage.corpus import LabelledReply, bundled_corpus, read_corpus
from social_assistant.triage.model import MODEL_FILE, NaiveBayes, TriageModel
from social_assistant.triage.normalise import Normalised, normalise

log = logging.getLogger(__name__)

ALPHA = 0.3
MIN_COUNT = 2
FOLDS = 5
CORRECTION_WEIGHT = 3.0
TARGET_ASPIRATION_RECALL = 0.98
THRESHOLD_RANGE = (0.05, 0.35)  # never ask for more than 35% to call it an aspiration
URGENT_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "data" / MODEL_FILE


@dataclass(frozen=True, slots=True)
class Example:
    """A labelled reply, normalised once, with its features and training weight."""

    reply: LabelledReply
    normalised: Normalised
    cues: rules.Cues
    features: list[str]
    weight: float
    category_features: list[str]


def prepare(replies: Iterable[LabelledReply], weight: float = 1.0) -> list[Example]:
    """Normalise and featurise replies for training."""
    examples = []
    for reply in replies:
        normalised = normalise(reply.text)
        cues = rules.match(normalised.tokens, reply.text)
        feats = features.extract(normalised, cues)
        category_feats = features.for_category(normalised, feats).features
        examples.append(Example(reply, normalised, cues, feats, weight, category_feats))
    return examples


def fit(
    samples: Iterable[tuple[Sequence[str], str, float]],
    classes: Sequence[str],
    alpha: float = ALPHA,
) -> NaiveBayes:
    """Count features per class; drop word features seen fewer than ``MIN_COUNT`` times."""
    index = {c: i for i, c in enumerate(classes)}
    documents = [0.0] * len(classes)
    counts: dict[str, list[float]] = {}
    for feats, label, weight in samples:
        documents[index[label]] += weight
        for feature in feats:
            counts.setdefault(feature, [0.0] * len(classes))[index[label]] += weight
    kept = {f: c for f, c in counts.items() if sum(c) >= MIN_COUNT or ":" in f or f.startswith("_")}
    return NaiveBayes(list(classes), documents, kept, alpha)


def fit_all(examples: Sequence[Example], thresholds: dict[str, float]) -> TriageModel:
    """The three classifiers from ``examples``."""
    aspirations = [e for e in examples if e.reply.kind.is_aspiration]
    kind = fit(
        ((features.for_kind(e.features), e.reply.kind.value, e.weight) for e in examples),
        [k.value for k in Kind],
    )
    category = fit(
        ((e.category_features, e.reply.category.value, e.weight) for e in aspirations),
        [c.value for c in ROUTABLE_CATEGORIES],
    )
    urgent = fit(
        ((e.features, "urgent" if e.reply.urgent else "routine", e.weight) for e in aspirations),
        ["urgent", "routine"],
    )
    return TriageModel(kind, category, urgent, thresholds)


def _cross_validated(examples: Sequence[Example]) -> list[tuple[Example, float, float]]:
    """(example, P(aspiration), P(urgent)) for each example, from a model not trained on it."""
    scored = []
    for fold in range(FOLDS):
        train = [e for i, e in enumerate(examples) if i % FOLDS != fold]
        triager = Triager(fit_all(train, {}))
        for example in examples[fold::FOLDS]:
            kind_score = triager.score_kind(example.normalised, example.cues, example.features)
            urgent = triager.urgency.probabilities(example.features)["urgent"]
            scored.append((example, kind_score.aspiration, urgent))
    return scored


def choose_thresholds(examples: Sequence[Example]) -> dict[str, float]:
    """Recall-first thresholds from cross-validated probabilities."""
    scored = _cross_validated(examples)
    masses = sorted(mass for e, mass, _ in scored if e.reply.kind.is_aspiration)
    low, high = THRESHOLD_RANGE
    position = int((1 - TARGET_ASPIRATION_RECALL) * len(masses))
    aspiration = min(high, max(low, masses[position] if masses else high))
    return {"aspiration": round(aspiration, 4), "urgent": _urgent_threshold(scored)}


def _urgent_threshold(scored: list[tuple[Example, float, float]]) -> float:
    """The grid value with the best F2 (recall counts double) for urgent aspirations."""
    rows = [
        (e.reply.urgent, rules.urgent_reason(e.normalised.tokens) is not None, p)
        for e, _, p in scored
        if e.reply.kind.is_aspiration
    ]

    def f2(threshold: float) -> float:
        tp = sum(1 for gold, rule, p in rows if gold and (rule or p >= threshold))
        fp = sum(1 for gold, rule, p in rows if not gold and (rule or p >= threshold))
        fn = sum(1 for gold, rule, p in rows if gold and not (rule or p >= threshold))
        return 5 * tp / (5 * tp + 4 * fn + fp) if tp else 0.0

    return max(URGENT_GRID, key=lambda t: (f2(t), t))


CorrectionRow = tuple[str, str | None, str | None, bool | None]


def corrections_from_rows(rows: Iterable[CorrectionRow]) -> list[LabelledReply]:
    """Officers' corrections as training replies: rows of (text, kind, category, urgent).

    Made for the ``triage_corrections`` table (``text, new_kind, new_category,
    new_urgent``, oldest first), so the lead can retrain with
    ``train_model(corrections=corrections_from_rows(rows))``. Forgiving, because one
    odd row must not stop a retraining: the latest correction of a text wins; a
    missing ``urgent`` is False; the category of a non-aspiration becomes ``none``; a
    row without text or kind, with an unknown kind or category, or an aspiration
    without a category is skipped and logged.
    """
    latest: dict[str, LabelledReply] = {}
    for number, (text, kind, category, urgent) in enumerate(rows, 1):
        reply = _correction(text, kind, category, urgent)
        if reply is None:
            log.warning(
                "triage correction %d skipped: needs text, a known kind, and a category "
                "for an aspiration (got kind=%r, category=%r)",
                number,
                kind,
                category,
            )
            continue
        latest.pop(reply.text, None)  # keep the order of the latest corrections
        latest[reply.text] = reply
    return list(latest.values())


def _correction(
    text: str, kind: str | None, category: str | None, urgent: bool | None
) -> LabelledReply | None:
    if not text or not text.strip() or not kind:
        return None
    try:
        parsed = Kind(kind.strip())
        topic = Category((category or "none").strip()) if parsed.is_aspiration else Category.NONE
    except ValueError:
        return None
    if parsed.is_aspiration and topic is Category.NONE:
        return None
    return LabelledReply(text, parsed, topic, bool(urgent) and parsed.is_aspiration)


def _corrections(corrections: Iterable[LabelledReply] | Path | None) -> list[LabelledReply]:
    if corrections is None:
        return []
    if isinstance(corrections, Path):
        return read_corpus(corrections)
    return list(corrections)


def train(
    corpus_paths: Sequence[Path] | None = None,
    corrections: Iterable[LabelledReply] | Path | None = None,
) -> TriageModel:
    """A model trained on ``corpus_paths`` (default: the bundled training split) and
    ``corrections`` (replies or a TSV path), with thresholds chosen for recall."""
    replies = (
        [r for p in corpus_paths for r in read_corpus(p)] if corpus_paths else bundled_corpus()
    )
    fixed = _corrections(corrections)
    examples = prepare(replies) + prepare(fixed, CORRECTION_WEIGHT)
    model = fit_all(examples, choose_thresholds(examples))
    model.meta = {
        "trained_on": [p.name for p in corpus_paths] if corpus_paths else ["corpus_train.tsv"],
        "replies": len(replies),
        "corrections": len(fixed),
        "alpha": ALPHA,
        "min_count": MIN_COUNT,
    }
    return model


def train_model(
    corpus_paths: Sequence[Path] | None = None,
    corrections: Iterable[LabelledReply] | Path | None = None,
    output: Path | None = None,
) -> Path:
    """Train (see ``train``) and write the model file; returns its path."""
    return train(corpus_paths, corrections).save(output or DEFAULT_OUTPUT)
