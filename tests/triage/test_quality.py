"""Quality floors on the held-out split, a little below the measured figures (docs/triage.md)."""

from __future__ import annotations

import pytest

from social_assistant.triage import Triager
from social_assistant.triage.corpus import HELDOUT_FILE, bundled_corpus
from social_assistant.triage.evaluate import evaluate_replies

# Measured with the shipped model: 0.944, 0.941, 1.000, 0.986, 0.897, 1.000, 0.980.
FLOORS = {
    "kind_accuracy": 0.92,
    "kind_macro_f1": 0.92,
    "aspiration_recall": 0.98,
    "aspiration_precision": 0.96,
    "category_accuracy_on_aspirations": 0.86,
    "urgent_recall": 0.95,
    "urgent_precision": 0.9,
}


@pytest.fixture(scope="module")
def report(triager: Triager) -> dict[str, object]:
    return evaluate_replies(triager, bundled_corpus(HELDOUT_FILE))


@pytest.mark.parametrize(("metric", "floor"), sorted(FLOORS.items()))
def test_heldout_floor(report: dict[str, object], metric: str, floor: float) -> None:
    value = report[metric]
    assert isinstance(value, float)
    assert value >= floor, f"{metric} fell to {value} (floor {floor})"
