"""Features: what the classifier sees; the fast path (known word pairs only) drops
exactly the pairs no classifier knows and keeps the order of the rest."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from social_assistant.triage import features, rules
from social_assistant.triage.classify import Triager
from social_assistant.triage.corpus import HELDOUT_FILE, TRAIN_FILE, bundled_corpus
from social_assistant.triage.normalise import normalise


def _both(text: str, index: features.PairIndex) -> tuple[list[str], list[str]]:
    normalised = normalise(text)
    cues = rules.match(normalised.tokens, text)
    return features.extract(normalised, cues), features.extract(normalised, cues, pairs=index)


def _known_pairs_only(feats: list[str], index: features.PairIndex) -> list[str]:
    """``feats`` without the word pairs ``index`` does not hold."""
    known = {pair for seconds in index.values() for pair in seconds.values()}
    return [f for f in feats if f in known or not features.pair_index([f])]


def test_pair_index_holds_word_pairs_only() -> None:
    index = features.pair_index(
        ["jalan rusak", "rusak", "cue:complaint", "<num> hari", "topic:health", "a b c"]
    )
    assert index == {"jalan": {"rusak": "jalan rusak"}, "<num>": {"hari": "<num> hari"}}


def test_only_word_pairs_have_a_space() -> None:
    """``pair_index`` takes a feature with one space for a word pair: true of every
    feature of every corpus reply (both halves are words of the same reply)."""
    texts = [r.text for name in (TRAIN_FILE, HELDOUT_FILE) for r in bundled_corpus(name)]
    pairs = 0
    for text in texts:
        feats = features.extract(normalise(text))
        for feature in feats:
            if " " in feature:
                first, second = feature.split(" ")
                assert first in feats and second in feats, (text, feature)
                pairs += 1
    assert pairs > 1000


def test_extract_names_pairs_of_neighbouring_words() -> None:
    feats = features.extract(normalise("jalan rusak parah"))
    assert feats[:5] == ["jalan", "rusak", "parah", "jalan rusak", "rusak parah"]
    only = features.extract(
        normalise("jalan rusak parah"), pairs={"rusak": {"parah": "rusak parah"}}
    )
    assert only[:4] == ["jalan", "rusak", "parah", "rusak parah"]
    assert "jalan rusak" not in only


def test_known_pairs_path_matches_the_full_features_on_the_corpus(triager: Triager) -> None:
    index = triager.pairs
    assert index, "the bundled model knows word pairs"
    texts = [r.text for name in (TRAIN_FILE, HELDOUT_FILE) for r in bundled_corpus(name)]
    dropped = 0
    for text in texts:
        full, fast = _both(text, index)
        assert fast == _known_pairs_only(full, index), text
        dropped += len(full) - len(fast)
    assert dropped > 0  # the corpus has pairs the model does not know


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["jalan", "rusak", "min", "tolong", "banjir", "2", "🙏", "?"])))
def test_known_pairs_path_matches_the_full_features_on_any_words(words: list[str]) -> None:
    index = features.pair_index(["jalan rusak", "rusak jalan", "tolong min", "banjir <num>"])
    full, fast = _both(" ".join(words), index)
    assert fast == _known_pairs_only(full, index)
