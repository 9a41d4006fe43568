"""Location phrases say where a problem is, not what it is about: "jln depan SD rusak"
is about the road (infrastructure), not the school (education)."""

from __future__ import annotations

import pytest

from social_assistant.triage import Triager
from social_assistant.triage.features import for_category
from social_assistant.triage.normalise import normalise
from social_assistant.triage.rules import location_words


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("jln depan SD rusak", "infrastructure"),
        ("jalan depan SDN 012 berlubang parah", "infrastructure"),
        ("jalan depan puskesmas rusak", "infrastructure"),
        ("jalan depan rumah sakit berlubang", "infrastructure"),
        ("jln samping pasar rusak", "infrastructure"),
        ("sampah depan sekolah numpuk", "environment"),
        ("miras dijual bebas di warung dekat sekolah", "security"),
        ("lampu jalan depan sekolah mati", "utilities"),
        ("pohon besar miring di depan SDN 010, tolong ditebang", "environment"),
    ],
)
def test_the_place_does_not_decide_the_category(triager: Triager, text: str, category: str) -> None:
    result = triager.classify(text)
    assert result.category.value == category, result.reasons
    assert any("where, not what" in r for r in result.reasons), result.reasons


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("antrean puskesmas panjang bgt, dokternya cuma satu", "health"),  # no location word
        ("gurunya jarang masuk di sekolah dekat pasar", "education"),  # the school is the topic
        ("banyak anak nongkrong depan SD tiap malam", "education"),  # the place is all there is
    ],
)
def test_the_topic_itself_still_decides(triager: Triager, text: str, category: str) -> None:
    assert triager.classify(text).category.value == category


def test_location_words_mark_the_place_only() -> None:
    tokens = normalise("jln depan SDN 010 rusak parah").tokens
    assert tokens == ("jalan", "depan", "sdn", "010", "rusak", "parah")
    assert sorted(location_words(tokens)) == [1, 2, 3]
    assert location_words(normalise("tahun depan jalan dibangun").tokens) == frozenset()
    assert location_words(normalise("dekat kantor camat").tokens) == {0, 1}


def test_category_features_join_the_words_around_the_place() -> None:
    normalised = normalise("jalan depan sekolah rusak")
    narrowed = for_category(normalised, ["jalan", "sekolah", "topic:education"])
    assert "jalan rusak" in narrowed.features and "topic:infrastructure" in narrowed.features
    assert "sekolah" not in narrowed.features and "topic:education" not in narrowed.features
    assert narrowed.places == ("depan sekolah",)
