"""Lexicon sentiment: a score in [-1, 1] with negation, intensifiers, contrast, emoji."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from social_assistant.triage import lexicons
from social_assistant.triage.sentiment import label, sentiment


def polarity(text: str) -> float:
    return sentiment(text).polarity


@pytest.mark.parametrize(
    "text",
    [
        "pelayanannya bagus dan ramah, terima kasih",
        "mantap pak, semoga amanah",
        "keren parah 👍",
        "programe apik tenan",  # Javanese
        "bagus banar, ulun himung",  # Banjar
        "tidak buruk kok",
    ],
)
def test_positive(text: str) -> None:
    assert polarity(text) > 0.1


@pytest.mark.parametrize(
    "text",
    [
        "jalan rusak parah",
        "pelayanan lambat dan petugasnya judes",
        "tidak bagus",
        "kecewa 😡",
        "jalannya rumbis, ngalih banar lewat",  # Banjar
        "dalane elek, kuciwa",  # Javanese
        "the service is bad and slow",
    ],
)
def test_negative(text: str) -> None:
    assert polarity(text) < -0.1


@pytest.mark.parametrize("text", ["", "besok rapat jam 9 di kantor camat", "@budi"])
def test_neutral(text: str) -> None:
    assert label(polarity(text)) == "neutral"


def test_negation_flips_and_intensifiers_scale() -> None:
    assert polarity("tidak bagus") < 0 < polarity("bagus")
    assert polarity("sangat bagus") > polarity("bagus")
    assert polarity("bagus banget") > polarity("bagus")
    assert polarity("rusak parah") < polarity("rusak")
    assert polarity("agak bagus") < polarity("bagus")


def test_contrast_weighs_what_follows() -> None:
    assert polarity("tempatnya bagus tapi pelayanannya buruk") < 0
    assert polarity("agak mahal tapi enak sekali") > 0


def test_assessments_name_the_words() -> None:
    result = sentiment("jalan rusak parah 😡")
    assert [phrase for phrase, _ in result.assessments] == ["rusak parah", "😡"]
    assert 0 < result.subjectivity <= 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_always_in_range(text: str) -> None:
    result = sentiment(text)
    assert -1.0 <= result.polarity <= 1.0
    assert 0.0 <= result.subjectivity <= 1.0


def test_lexicon_size() -> None:
    words = [e for e in lexicons.sentiment_entries().values() if e.role == "word"]
    assert len(words) >= 600
    assert all(-3 <= e.weight <= 3 for e in words)
