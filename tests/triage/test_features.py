"""Features: what the classifier sees. The classifying path (``extract_known``) drops
exactly the word pairs no classifier knows, keeps the order of the rest, and names the
same known features, in the same order, as ``FeatureIndex.known`` of ``extract``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from social_assistant.triage import features, rules
from social_assistant.triage.classify import Triager
from social_assistant.triage.corpus import HELDOUT_FILE, TRAIN_FILE, bundled_corpus
from social_assistant.triage.normalise import normalise

_TEXTS = [r.text for name in (TRAIN_FILE, HELDOUT_FILE) for r in bundled_corpus(name)]


def _expected(text: str, triager: Triager) -> tuple[list[str], list[str]]:
    """``extract`` without unknown pairs, and the known features among them."""
    normalised = normalise(text)
    full = features.extract(normalised, rules.match(normalised.tokens, text))
    entries = triager.index.entries
    feats = [f for f in full if " " not in f or f in entries]
    return feats, [entry.feature for entry in triager.index.known(feats)]


def _fast(
    text: str, triager: Triager, vocabulary: features.Vocabulary | None = None
) -> tuple[list[str], list[str]]:
    normalised = normalise(text)
    cues = rules.match(normalised.tokens, text)
    vocabulary = vocabulary or triager.vocabulary
    feats, known = features.extract_known(normalised, cues, None, None, vocabulary)
    return feats, [entry.feature for entry in known]


def test_only_word_pairs_have_a_space() -> None:
    """``Vocabulary`` takes a feature with one space for a word pair: true of every
    feature of every corpus reply (both halves are words of the same reply)."""
    pairs = 0
    for text in _TEXTS:
        feats = features.extract(normalise(text))
        for feature in feats:
            if " " in feature:
                first, second = feature.split(" ")
                assert first in feats and second in feats, (text, feature)
                pairs += 1
    assert pairs > 1000


def test_extract_names_words_then_pairs_of_neighbouring_words() -> None:
    feats = features.extract(normalise("jalan rusak parah"))
    assert feats[:5] == ["jalan", "rusak", "parah", "jalan rusak", "rusak parah"]


def test_known_path_matches_extract_on_the_corpus(triager: Triager) -> None:
    dropped = 0
    for text in _TEXTS:
        expected = _expected(text, triager)
        assert _fast(text, triager) == expected, text
        dropped += len(features.extract(normalise(text))) - len(expected[0])
    assert dropped > 0  # the corpus has pairs the model does not know


def _known_pair_words(triager: Triager) -> list[str]:
    words = sorted({w for f in triager.index.entries if " " in f for w in f.split(" ")})
    return words[:: max(1, len(words) // 60)]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_known_path_matches_extract_on_any_words(triager: Triager, data: st.DataObject) -> None:
    vocabulary = features.Vocabulary(triager.index)  # remembers nothing yet
    pool = [*_known_pair_words(triager), "2", "123", "🙏", "?", "slot", "gacor", "@admin"]
    words = data.draw(st.lists(st.sampled_from(pool), max_size=16))
    text = " ".join(words)
    assert _fast(text, triager, vocabulary) == _expected(text, triager)
