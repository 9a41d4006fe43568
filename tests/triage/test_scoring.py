"""Scoring: rows summed onto the prior, probabilities, and the evidence named in reasons."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from social_assistant.triage.classify import Triager
from social_assistant.triage.model import ModelError, NaiveBayes
from social_assistant.triage.scoring import EVIDENCE_MAX, Known, Row, Scorer


def _reference_evidence(
    scorer: Scorer, known: Known, label: int, against: int, limit: int
) -> list[tuple[str, float]]:
    """The plain definition: positive deltas, strongest first, then by name."""
    found = []
    for entry in known:
        row = entry.row(scorer.slot)
        if row is not None and row.at(label) - row.at(against) > 0:
            found.append((entry.feature, row.at(label) - row.at(against)))
    return sorted(found, key=lambda item: (-item[1], item[0]))[:limit]


def test_evidence_breaks_ties_by_name() -> None:
    # Features seen equally often have equal rows, so equal deltas: the order is by name.
    counts = {name: [2.0, 0.0] for name in ("d", "b", "e", "a", "c")}
    counts |= {"z": [5.0, 0.0], "other": [0.0, 40.0]}
    scorer = Scorer(NaiveBayes(["yes", "no"], [10.0, 10.0], counts))
    known = scorer.known(["d", "b", "e", "z", "a", "c"])
    assert [f for f, _ in scorer.evidence(known, 0, 1, 3)] == ["z", "a", "b"]
    assert [f for f, _ in scorer.evidence(known, 0, 1, 1)] == ["z"]
    assert scorer.evidence(known, 1, 0, 3) == []  # nothing favours "no"
    with pytest.raises(ValueError, match="at most 3"):
        scorer.evidence(known, 0, 1, EVIDENCE_MAX + 1)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_evidence_is_the_strongest_features_in_order(triager: Triager, data: st.DataObject) -> None:
    scorer = data.draw(st.sampled_from([triager.kinds, triager.categories, triager.urgency]))
    names = sorted(triager.index.entries)
    features = data.draw(st.lists(st.sampled_from(names), max_size=40, unique=True))
    known = triager.index.known(features)
    size = len(scorer.classes)
    label = data.draw(st.integers(0, size - 1))
    against = data.draw(st.integers(0, size - 1))
    limit = data.draw(st.integers(0, EVIDENCE_MAX))
    expected = _reference_evidence(scorer, known, label, against, limit)
    assert scorer.evidence(known, label, against, limit) == expected


def test_probabilities_sum_to_one_and_follow_the_rows() -> None:
    counts = {"rusak": [9.0, 1.0], "terima": [0.0, 6.0]}
    scorer = Scorer(NaiveBayes(["complaint", "appreciation"], [5.0, 5.0], counts))
    complaint = scorer.probabilities(["rusak", "unknown"])
    assert math.isclose(sum(complaint.values()), 1.0)
    assert complaint["complaint"] > 0.8
    assert scorer.probabilities(["terima"])["appreciation"] > 0.8


def test_rows_hold_up_to_twelve_classes() -> None:
    assert Row.of([1.0, 2.0, 3.0]).values() == [1.0, 2.0, 3.0]
    row = Row.of([0.0] * 12)
    row.set(11, 4.5)
    assert row.at(11) == 4.5
    with pytest.raises(ModelError, match="13 classes"):
        Row.of([0.0] * 13)
