"""The bundled labelled corpus: size, coverage, the 80/20 split, reproducible build."""

from __future__ import annotations

from collections import Counter

from social_assistant.taxonomy import ROUTABLE_CATEGORIES, Category, Kind
from social_assistant.triage import _corpus_builder as builder
from social_assistant.triage.corpus import HELDOUT_FILE, bundled_corpus

TRAIN = bundled_corpus()
HELDOUT = bundled_corpus(HELDOUT_FILE)


def test_size_and_coverage() -> None:
    everything = TRAIN + HELDOUT
    assert len(everything) >= 2000
    assert {r.kind for r in everything} == set(Kind)
    for split in (TRAIN, HELDOUT):
        categories = Counter(r.category for r in split if r.kind.is_aspiration)
        assert set(categories) == set(ROUTABLE_CATEGORIES)
    urgent = sum(r.urgent for r in everything) / len(everything)
    assert 0.06 <= urgent <= 0.10
    assert all((r.category is Category.NONE) != r.kind.is_aspiration for r in everything)


def test_split_is_about_eighty_twenty_and_disjoint() -> None:
    share = len(HELDOUT) / (len(TRAIN) + len(HELDOUT))
    assert 0.18 <= share <= 0.24
    assert not {r.text.casefold() for r in TRAIN} & {r.text.casefold() for r in HELDOUT}


def test_builder_reproduces_the_bundled_files() -> None:
    train, heldout = builder.split(builder.build())
    assert train == TRAIN
    assert heldout == HELDOUT
