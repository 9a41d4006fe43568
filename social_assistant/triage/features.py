"""What the model sees of a reply: words, word pairs, placeholders, emoji, cues, tone.

Features are strings: a word ("rusak"), a pair of neighbouring words ("jalan rusak"),
a placeholder ("__phone__"), "?", an emoji hint ("emoji:negative"), a matched cue list
("cue:spam_strong", or "cue:no_question" when there is no question word), a category
topic ("topic:health"), the tone ("sentiment:negative") and a length bucket
("len:3-5"). Each feature counts once per reply. The kind model ignores topics; the
category model sees only topics and words that are not stopwords (``topical``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Final, NamedTuple

from social_assistant.triage import lexicons, rules
from social_assistant.triage.memo import remember
from social_assistant.triage.normalise import Normalised, is_placeholder, is_word
from social_assistant.triage.scoring import Entry, FeatureIndex, Known
from social_assistant.triage.sentiment import score_tokens

SENTIMENT_FEATURE_BAND: Final = 0.3
CUE_PREFIX: Final = "cue:"
TOPIC_PREFIX: Final = "topic:"
EMOJI_PREFIX: Final = "emoji:"


def _word_feature(token: str) -> str:
    return "<num>" if token.isdigit() and len(token) > 2 else token


_NO_QUESTION: Final = f"{CUE_PREFIX}no_question"


def cue_features(cues: rules.Cues) -> list[str]:
    """ "cue:<list>" for each cue list that matched, in the order of ``rules.Cues``."""
    # Spelled out, not a loop over the field names: attribute reads by name are slow
    # once compiled, and this runs for every reply.
    found = []
    if cues.spam_strong:
        found.append("cue:spam_strong")
    if cues.spam_weak:
        found.append("cue:spam_weak")
    if cues.abuse:
        found.append("cue:abuse")
    if cues.hazard:
        found.append("cue:hazard")
    if cues.hazard_strong:
        found.append("cue:hazard_strong")
    if cues.immediacy:
        found.append("cue:immediacy")
    if cues.question:
        found.append("cue:question")
    if cues.request:
        found.append("cue:request")
    if cues.suggestion:
        found.append("cue:suggestion")
    if cues.complaint:
        found.append("cue:complaint")
    if cues.appreciation:
        found.append("cue:appreciation")
    return found


def _add_pairs(words: list[str], found: dict[str, None]) -> None:
    """Each pair of neighbouring words ("jalan rusak") as one feature."""
    for i in range(1, len(words)):
        found[f"{words[i - 1]} {words[i]}"] = None


def _word_or_mark(token: str) -> tuple[str | None, bool]:
    """``token``'s word feature (None when it is no word), and whether it is "?" or a
    placeholder (never words)."""
    head = token[:1]
    if head.isalnum() or is_word(token):
        return _word_feature(token), False
    return None, token == "?" or (head == "_" and is_placeholder(token))


def extract(
    normalised: Normalised,
    cues: rules.Cues | None = None,
    polarity: float | None = None,
    topics: Iterable[str] | None = None,
) -> list[str]:
    """The features of one normalised reply (unique, in a stable order): words, then
    pairs of neighbouring words, then the rest (``_add_rest``).

    ``polarity`` (``score_tokens``) and ``topics`` (``rules.topics``) may be passed
    when the caller has them already. ``extract_known`` gives what classifiers know of
    the same features, faster.
    """
    words: list[str] = []
    marks: list[str] = []
    for t in normalised.tokens:
        word, mark = _word_or_mark(t)
        if word is not None:
            words.append(word)
        elif mark:
            marks.append(t)
    found: dict[str, None] = {}
    for word in words:  # not dict.fromkeys: a method call by name once compiled
        found[word] = None
    _add_pairs(words, found)
    _add_rest(found, normalised, cues, polarity, topics, marks, len(words))
    return list(found)


def _add_rest(
    found: dict[str, None],
    normalised: Normalised,
    cues: rules.Cues | None,
    polarity: float | None,
    topics: Iterable[str] | None,
    marks: list[str],
    words: int,
) -> list[str]:
    """Add the features after the words and pairs: "?" and placeholders, emoji hints,
    cue lists, topics, no question word, tone and length. The ones new to ``found``;
    none of them is a word feature (``is_word_feature``)."""
    added: list[str] = []
    for mark in marks:
        _put(found, mark, added)
    for _, hint in normalised.emoji:
        _put(found, f"{EMOJI_PREFIX}{hint}", added)
    tokens = normalised.tokens
    cues = cues or rules.match(tokens, normalised.original)
    for feature in cue_features(cues):
        _put(found, feature, added)
    for topic in rules.topics(tokens) if topics is None else topics:
        _put(found, f"{TOPIC_PREFIX}{topic}", added)
    if not cues.question:
        _put(found, _NO_QUESTION, added)
    if polarity is None:
        polarity = score_tokens(tokens).polarity
    if abs(polarity) >= SENTIMENT_FEATURE_BAND:
        _put(found, "sentiment:negative" if polarity < 0 else "sentiment:positive", added)
    _put(found, _length_feature(words), added)
    return added


def _put(found: dict[str, None], feature: str, added: list[str]) -> None:
    if feature not in found:
        found[feature] = None
        added.append(feature)


class TokenWord:
    """What a triager's classifiers know of one token: its word feature (None when it is
    no word) with its entry, and the word pairs it starts, by their second word."""

    def __init__(
        self,
        feature: str | None,
        mark: bool,
        entry: Entry | None,
        pairs: dict[str, Entry] | None,
    ) -> None:
        self.feature = feature
        self.mark = mark  # "?" or a placeholder
        self.entry = entry
        self.pairs = pairs


class Vocabulary:
    """A ``FeatureIndex`` read token by token: each token of a reply is looked up once
    (``word``), and its word and the pairs it starts come with their entries, so that
    ``extract_known`` finds a reply's features and their rows without looking each
    feature up again."""

    def __init__(self, index: FeatureIndex) -> None:
        self.index = index
        self.pairs: dict[str, dict[str, Entry]] = {}
        for feature, entry in index.entries.items():
            first, space, second = feature.partition(" ")
            if space and " " not in second:  # only word pairs have a space
                self.pairs.setdefault(first, {})[second] = entry
        # The other features (cue lists, topics, emoji, tone, length, placeholders): a
        # small table, read for the few of them each reply has.
        self.others = {f: e for f, e in index.entries.items() if not is_word_feature(f)}
        self.words: dict[str, TokenWord] = {}  # bounded (``memo``)

    def word(self, token: str) -> TokenWord:
        """What the classifiers know of ``token`` (remembered)."""
        known = self.words.get(token)
        if known is not None:
            return known
        feature, mark = _word_or_mark(token)
        if feature is None:
            known = TokenWord(None, mark, None, None)
        else:
            entry, pairs = self.index.entries.get(feature), self.pairs.get(feature)
            known = TokenWord(feature, False, entry, pairs)
        return remember(self.words, token, known)


def extract_known(
    normalised: Normalised,
    cues: rules.Cues | None,
    polarity: float | None,
    topics: Iterable[str] | None,
    vocabulary: Vocabulary,
) -> tuple[list[str], Known]:
    """``extract`` without the word pairs no classifier knows (they would be ignored),
    and ``FeatureIndex.known`` of the features, in the same order."""
    found: dict[str, None] = {}
    known: Known = []
    marks: list[str] = []
    words: list[TokenWord] = []
    for t in normalised.tokens:
        word = vocabulary.word(t)
        feature = word.feature
        if feature is None:
            if word.mark:
                marks.append(t)
            continue
        words.append(word)
        if feature not in found:
            found[feature] = None
            if word.entry is not None:
                known.append(word.entry)
    for i in range(1, len(words)):
        pairs = words[i - 1].pairs
        if pairs is None:
            continue
        second = words[i].feature
        pair = pairs.get(second) if second is not None else None
        if pair is not None and pair.feature not in found:
            found[pair.feature] = None
            known.append(pair)
    others = vocabulary.others  # none of these features is a word (see ``_add_rest``)
    for feature in _add_rest(found, normalised, cues, polarity, topics, marks, len(words)):
        entry = others.get(feature)
        if entry is not None:
            known.append(entry)
    return list(found), known


@cache
def stopwords() -> frozenset[str]:
    """Words that say nothing about the category (``data/stopwords.txt``)."""
    lines = lexicons.read_data_text("stopwords.txt").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def topical(feats: list[str]) -> list[str]:
    """The features that can tell a category: topic cues and words that are not stopwords."""
    return [f for f in feats if _is_topical(f)]


# Feature -> whether it is topical: features repeat (the models' vocabularies), and
# splitting each one again is slow.
_TOPICAL: Final[dict[str, bool]] = {}


def _is_topical(feature: str) -> bool:
    known = _TOPICAL.get(feature)
    if known is not None:
        return known
    if feature.startswith(TOPIC_PREFIX):
        answer = True
    else:
        words = feature.split()
        answer = (
            is_word_feature(feature)
            and not stopwords().intersection(words)
            and not _has_number(words)
        )
    return remember(_TOPICAL, feature, answer)


class CategoryFeatures(NamedTuple):
    """What the category model sees, the location phrases set aside, the topics left."""

    features: list[str]
    places: tuple[str, ...] = ()
    topics: dict[str, list[str]] | None = None  # None: the reply's own topics


def for_category(
    normalised: Normalised, feats: list[str], hits: rules.Hits | None = None
) -> CategoryFeatures:
    """The category model's features: ``topical(feats)`` without location phrases.

    The words of a location phrase ("depan SD" in "jalan depan SD rusak";
    ``rules.location_words``) do not count, and the words around it pair up ("jalan
    rusak"). When the place was the only topic, it stays.
    """
    tokens = normalised.tokens
    masked = rules.location_words(tokens, hits)
    if not masked:
        return CategoryFeatures(topical(feats))
    kept = [t for i, t in enumerate(tokens) if i not in masked]
    words = [_word_feature(t) for t in kept if is_word(t)]
    found: dict[str, None] = {}
    for word in words:
        found[word] = None
    _add_pairs(words, found)
    topics = rules.topics(kept)
    for topic in topics:
        found.setdefault(f"{TOPIC_PREFIX}{topic}")
    unmasked = topical(feats)
    narrowed = topical(list(found))
    if not topics and any(f.startswith(TOPIC_PREFIX) for f in unmasked):
        return CategoryFeatures(unmasked)
    return CategoryFeatures(narrowed, _phrases(tokens, masked), topics)


def _phrases(tokens: Sequence[str], positions: frozenset[int]) -> tuple[str, ...]:
    """The runs of ``tokens`` at ``positions``, as phrases."""
    phrases: list[list[str]] = []
    previous = -2
    for i in sorted(positions):
        if i != previous + 1:
            phrases.append([])
        phrases[-1].append(tokens[i])
        previous = i
    return tuple(" ".join(words) for words in phrases)


def _has_number(words: list[str]) -> bool:
    return any(w.isdigit() for w in words)


def is_word_feature(feature: str) -> bool:
    """True for a word or word-pair feature (not a cue, placeholder, emoji or length)."""
    return ":" not in feature and not feature.startswith(("_", "<", "?"))


def for_kind(feats: list[str]) -> list[str]:
    """The features the kind model uses: all but the topic cues (those tell the category)."""
    return [f for f in feats if not f.startswith(TOPIC_PREFIX)]


def _length_feature(words: int) -> str:
    if words <= 0:
        return "len:0"
    if words <= 2:
        return "len:1-2"
    if words <= 5:
        return "len:3-5"
    return "len:6-10" if words <= 10 else "len:11+"


_DESCRIBED: Final = {
    "__url__": "a link",
    "__phone__": "a phone number",
    "__email__": "an e-mail address",
    "__mention__": "a mention",
    "__hashtag__": "a hashtag",
    "<num>": "a number",
}


# Feature -> its description, for the features reasons name (the models' vocabularies).
_DESCRIPTIONS: Final[dict[str, str]] = {}


def describe(feature: str) -> str:
    """A feature as a person would read it in a reason."""
    described = _DESCRIPTIONS.get(feature)
    if described is None:
        described = remember(_DESCRIPTIONS, feature, _describe(feature))
    return described


def _describe(feature: str) -> str:
    described = _DESCRIBED.get(feature)
    if described is not None:
        return described
    if ":" in feature:  # a cue list, topic, emoji hint, tone or length
        if feature.startswith("sentiment:"):
            return f"{feature.split(':')[1]} tone"
        if feature.startswith(TOPIC_PREFIX):
            return f"{_spaced(feature, TOPIC_PREFIX)} topic"
        if feature.startswith(CUE_PREFIX):
            return f"{_spaced(feature, CUE_PREFIX)} words"
        if feature.startswith("len:"):
            return f"length {feature[4:]} words"
        if feature.startswith(EMOJI_PREFIX):
            return f"{_spaced(feature, EMOJI_PREFIX)} emoji"
    return f'"{feature}"'


def _spaced(feature: str, prefix: str) -> str:
    return feature[len(prefix) :].replace("_", " ")
