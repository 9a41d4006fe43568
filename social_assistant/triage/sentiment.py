"""Lexicon sentiment for informal Indonesian (with some Banjar and Javanese): a score in [-1, 1].

Each word of ``data/sentiment_lexicon.tsv`` carries a weight; negators ("tidak",
"bukan", "kurang", Banjar "kada") flip the next sentiment word within three tokens,
intensifiers ("sangat", "banget", "parah" after a positive word) and diminishers
("agak") scale it, and a contrast ("tapi", "namun") shrinks what came before it.
Emoji count with their own weight. The sum ``s`` becomes ``s / sqrt(s² + ALPHA)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from social_assistant.triage import lexicons
from social_assistant.triage.memo import remember
from social_assistant.triage.normalise import has_alnum, normalise

ALPHA: Final = 6.0
NEUTRAL_BAND: Final = 0.1  # |polarity| below this is "neutral" (tuned on SmSA valid only)
NEGATION_SCOPE: Final = 3
MODIFIER_SCOPE: Final = 2
_BOUNDARIES: Final = frozenset(".!?;")
_CLAUSE_BOUNDARIES: Final = frozenset(",")
_ALL_BOUNDARIES: Final = _BOUNDARIES | _CLAUSE_BOUNDARIES  # both end a modifier's scope


@dataclass(slots=True, init=False)
class SentimentResult:
    """Polarity in [-1, 1], the scored words, and subjectivity in [0, 1] (worked out
    when read: the triage itself never needs it)."""

    polarity: float
    assessments: tuple[tuple[str, float], ...]
    tokens: Sequence[str]  # what was scored

    # Written out: compiled by mypyc it runs natively (a generated one runs as Python).
    def __init__(
        self,
        polarity: float,
        assessments: tuple[tuple[str, float], ...] = (),
        tokens: Sequence[str] = (),
    ) -> None:
        self.polarity = polarity
        self.assessments = assessments
        self.tokens = tokens

    @property
    def subjectivity(self) -> float:
        """The share of words that carry sentiment, three to one, capped at 1."""
        if not self.assessments:
            return 0.0
        words = 0
        for t in self.tokens:
            if t[:1].isalnum() or has_alnum(t):
                words += 1
        return round(min(1.0, 3.0 * len(self.assessments) / max(1, words)), 4)


class _Scorer:
    """Walks the tokens once, keeping the modifiers that are still in scope."""

    def __init__(self) -> None:
        self.contributions: list[tuple[str, float, int]] = []
        self.negation: tuple[float, int] | None = None
        self.multiplier: tuple[float, int] | None = None

    def add(self, phrase: str, weight: float, position: int) -> None:
        value = weight
        if self.multiplier and position - self.multiplier[1] <= MODIFIER_SCOPE:
            value *= self.multiplier[0]
        if self.negation and position - self.negation[1] <= NEGATION_SCOPE:
            value *= self.negation[0] if value > 0 else -0.5
            phrase = f"(negated) {phrase}"
        self.negation = self.multiplier = None
        self.contributions.append((phrase, value, position))

    def scale_previous(self, factor: float, position: int) -> bool:
        if not self.contributions or position - self.contributions[-1][2] > MODIFIER_SCOPE:
            return False
        phrase, value, at = self.contributions[-1]
        self.contributions[-1] = (phrase, value * factor, at)
        return True

    def contrast(self, factor: float) -> None:
        self.contributions = [(p, v * factor, at) for p, v, at in self.contributions]

    def boundary(self) -> None:
        self.negation = self.multiplier = None


@cache
def _pair_heads() -> frozenset[str]:
    """First words of the two-word lexicon entries."""
    return frozenset(w.split()[0] for w in lexicons.sentiment_entries() if " " in w)


def _lookup(
    tokens: tuple[str, ...],
    i: int,
    entries: dict[str, lexicons.SentimentEntry],
    heads: frozenset[str],
) -> tuple[str, lexicons.SentimentEntry | None, int]:
    token = tokens[i]
    if i + 1 < len(tokens) and token in heads:
        pair = f"{token} {tokens[i + 1]}"
        if pair in entries:
            return pair, entries[pair], 2
    return token, entries.get(token), 1


def _apply(scorer: _Scorer, phrase: str, entry: lexicons.SentimentEntry, i: int) -> None:
    role, weight = entry.role, entry.weight
    if role == "negator":
        scorer.negation = (weight, i)
    elif role in ("intensifier", "diminisher"):
        scorer.multiplier = (weight, i)
    elif role == "postintensifier":
        if not scorer.scale_previous(weight, i):
            scorer.multiplier = (weight, i)
    elif role == "contrast":
        scorer.contrast(weight)
    elif role == "word_or_post":
        last = scorer.contributions[-1][1] if scorer.contributions else 0.0
        if not (last > 0 and scorer.scale_previous(1.5, i)):
            scorer.add(phrase, weight, i)
    else:
        scorer.add(phrase, weight, i)


@cache
def _interesting() -> frozenset[str]:
    """Tokens the scorer acts on: emoji, boundaries, lexicon words and pair heads."""
    return frozenset(
        (*lexicons.emoji_hints(), *_BOUNDARIES, *_CLAUSE_BOUNDARIES, *lexicons.sentiment_entries())
    ).union(_pair_heads())


class _Tables:
    """The lexicon tables every reply reads, loaded once. Compiled, reading one is a
    pointer read, where calling a ``functools.cache`` function is a Python call."""

    def __init__(self) -> None:
        self.interesting = _interesting()
        self.hints = lexicons.emoji_hints()
        self.entries = lexicons.sentiment_entries()
        self.heads = _pair_heads()


_TABLES: Final[list[_Tables]] = []  # holds the one ``_Tables`` once loaded


def _tables() -> _Tables:
    if not _TABLES:
        _TABLES.append(_Tables())
    return _TABLES[0]


def score_tokens(tokens: Sequence[str]) -> SentimentResult:
    """Score normalised tokens (see ``normalise``)."""
    tables = _tables()
    interesting = tables.interesting
    for token in tokens:  # a loop, not isdisjoint: a method call by name once compiled
        if token in interesting:
            break
    else:
        return _NOTHING
    scorer = _Scorer()
    hints, entries, heads = tables.hints, tables.entries, tables.heads
    seq = tuple(tokens)  # the same tuple when it is one: indexed natively once compiled
    i, n = 0, len(seq)
    while i < n:
        token = seq[i]
        if token not in interesting:
            i += 1
            continue
        hint = hints.get(token)
        if hint is not None:
            scorer.contributions.append((token, hint.weight, i))
        elif token in _ALL_BOUNDARIES:
            scorer.boundary()
        else:
            phrase, entry, size = _lookup(seq, i, entries, heads)
            if entry is not None:
                _apply(scorer, phrase, entry, i)
                i += size
                continue
        i += 1
    if not scorer.contributions:
        return _NOTHING
    return _result(scorer.contributions, tokens)


_NOTHING: Final = SentimentResult(0.0)


def _result(contributions: list[tuple[str, float, int]], tokens: Sequence[str]) -> SentimentResult:
    total = 0.0
    for _, value, _ in contributions:
        total += value
    polarity = total / math.sqrt(total * total + ALPHA)
    assessments = tuple([(phrase, _rounded(value, 3)) for phrase, value, _ in contributions])
    return SentimentResult(_rounded(polarity, 4), assessments, tokens)


# round(value, digits) by value: rounding converts to decimal (slow), and the values,
# lexicon weights scaled by a few modifiers and their sums, repeat. One table per
# number of digits (a float key hashes faster than a tuple).
_ROUNDED: Final[dict[int, dict[float, float]]] = {3: {}, 4: {}}


def _rounded(value: float, digits: int) -> float:
    """``round(value, digits)``, remembered (3 or 4 digits)."""
    table = _ROUNDED[digits]
    done = table.get(value)
    if done is None or value == 0.0:  # 0.0 and -0.0 are one key, but round apart
        done = remember(table, value, round(value, digits))
    return done


def sentiment(text: str) -> SentimentResult:
    """Normalise ``text`` and score it."""
    return score_tokens(normalise(text).tokens)


def label(polarity: float, band: float = NEUTRAL_BAND) -> str:
    """A three-way label: "positive", "negative", or "neutral" inside the band."""
    if polarity >= band:
        return "positive"
    if polarity <= -band:
        return "negative"
    return "neutral"
