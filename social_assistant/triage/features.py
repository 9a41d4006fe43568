"""What the model sees of a reply: words, word pairs, placeholders, emoji, cues, tone.

Features are strings: a word ("rusak"), a pair of neighbouring words ("jalan rusak"),
a placeholder ("__phone__"), "?", an emoji hint ("emoji:negative"), a matched cue list
("cue:spam_strong", or "cue:no_question" when there is no question word), a category
topic ("topic:health"), the tone ("sentiment:negative") and a length bucket
("len:3-5"). Each feature counts once per reply. The kind model ignores topics; the
category model sees only topics and words that are not stopwords (``topical``).
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

from social_assistant.triage import lexicons, rules
from social_assistant.triage.normalise import Normalised, is_placeholder, is_word
from social_assistant.triage.sentiment import score_tokens

SENTIMENT_FEATURE_BAND = 0.3
CUE_PREFIX = "cue:"
TOPIC_PREFIX = "topic:"
EMOJI_PREFIX = "emoji:"
_CUE_LISTS = tuple(rules.Cues.__dataclass_fields__)


def _word_feature(token: str) -> str:
    return "<num>" if token.isdigit() and len(token) > 2 else token


def extract(normalised: Normalised, cues: rules.Cues | None = None) -> list[str]:
    """The features of one normalised reply (unique, in a stable order)."""
    words = [_word_feature(t) for t in normalised.tokens if is_word(t)]
    found: dict[str, None] = dict.fromkeys(words)
    found.update(dict.fromkeys(f"{a} {b}" for a, b in pairwise(words)))
    found.update(dict.fromkeys(t for t in normalised.tokens if is_placeholder(t) or t == "?"))
    found.update(dict.fromkeys(f"{EMOJI_PREFIX}{hint}" for _, hint in normalised.emoji))
    cues = cues or rules.match(normalised.tokens, normalised.original)
    found.update(dict.fromkeys(f"{CUE_PREFIX}{n}" for n in _CUE_LISTS if getattr(cues, n)))
    found.update(dict.fromkeys(f"{TOPIC_PREFIX}{t}" for t in rules.topics(normalised.tokens)))
    if not cues.question:
        found[f"{CUE_PREFIX}no_question"] = None
    polarity = score_tokens(normalised.tokens).polarity
    if abs(polarity) >= SENTIMENT_FEATURE_BAND:
        found["sentiment:negative" if polarity < 0 else "sentiment:positive"] = None
    found[_length_feature(len(words))] = None
    return list(found)


@cache
def stopwords() -> frozenset[str]:
    """Words that say nothing about the category (``data/stopwords.txt``)."""
    lines = lexicons.read_data_text("stopwords.txt").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def topical(feats: list[str]) -> list[str]:
    """The features that can tell a category: topic cues and words that are not stopwords."""
    stop = stopwords()
    return [
        f
        for f in feats
        if f.startswith(TOPIC_PREFIX)
        or (
            is_word_feature(f)
            and not stop.intersection(words := f.split())
            and not _has_number(words)
        )
    ]


def _has_number(words: list[str]) -> bool:
    return any(w.isdigit() for w in words)


def is_word_feature(feature: str) -> bool:
    """True for a word or word-pair feature (not a cue, placeholder, emoji or length)."""
    return ":" not in feature and not feature.startswith(("_", "<", "?"))


def for_kind(feats: list[str]) -> list[str]:
    """The features the kind model uses: all but the topic cues (those tell the category)."""
    return [f for f in feats if not f.startswith(TOPIC_PREFIX)]


def _length_feature(words: int) -> str:
    for limit, name in ((0, "len:0"), (2, "len:1-2"), (5, "len:3-5"), (10, "len:6-10")):
        if words <= limit:
            return name
    return "len:11+"


def describe(feature: str) -> str:
    """A feature as a person would read it in a reason."""
    names = {
        "__url__": "a link",
        "__phone__": "a phone number",
        "__email__": "an e-mail address",
        "__mention__": "a mention",
        "__hashtag__": "a hashtag",
        "<num>": "a number",
    }
    if feature in names:
        return names[feature]
    if feature.startswith(TOPIC_PREFIX):
        return f"{feature[len(TOPIC_PREFIX) :].replace('_', ' ')} topic"
    if feature.startswith(CUE_PREFIX):
        return f"{feature[len(CUE_PREFIX) :].replace('_', ' ')} words"
    if feature.startswith("len:"):
        return f"length {feature[4:]} words"
    if feature.startswith("sentiment:"):
        return f"{feature.split(':')[1]} tone"
    if feature.startswith(EMOJI_PREFIX):
        return f"{feature[len(EMOJI_PREFIX) :]} emoji"
    return f'"{feature}"'
