"""The word lists the triage reads, loaded once from ``social_assistant/triage/data``.

Every list is a small text file written by the team (see ``docs/triage.md``): the
slang lexicon (``slang.tsv``), the sentiment lexicon (``sentiment_lexicon.tsv``),
emoji hints (``emoji.tsv``) and the rule cues (``cues.json``); one is generated: the
words learnt from STIF train and dev (``stif_lexicon.tsv``, by ``stif_lexicon.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Final

DATA_PACKAGE: Final = "social_assistant.triage"


# Not frozen, and with written-out __init__s: compiled by mypyc they are native
# records, whose fields every reply reads without a Python attribute lookup.
@dataclass(slots=True, init=False)
class EmojiHint:
    """What an emoji suggests: a hint name and a sentiment weight."""

    hint: str
    weight: float

    def __init__(self, hint: str, weight: float) -> None:
        self.hint = hint
        self.weight = weight


@dataclass(slots=True, init=False)
class SentimentEntry:
    """A sentiment lexicon row: a weight, or a modifier role with a factor."""

    weight: float
    role: str  # "word", "negator", "intensifier", "diminisher", "contrast"

    def __init__(self, weight: float, role: str) -> None:
        self.weight = weight
        self.role = role


def read_data_text(name: str) -> str:
    """The text of a bundled data file."""
    return resources.files(DATA_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


def _rows(name: str) -> Iterator[list[str]]:
    for line in read_data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


@cache
def hand_slang() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The hand-written slang lexicon (``slang.tsv``): phrase -> formal tokens."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for informal, formal, *_ in _rows("slang.tsv"):
        table.setdefault(tuple(informal.split()), tuple(formal.split()))
    return table


# Off only while ``stif_lexicon`` learns what the hand-written lexicon leaves informal.
learnt_slang_enabled = True


@cache
def slang() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Informal phrase (as a token tuple) -> formal tokens: ``slang.tsv``, then the words
    learnt from STIF train/dev (``stif_lexicon.tsv``); the first entry wins."""
    table = dict(hand_slang())
    learnt = _rows("stif_lexicon.tsv") if learnt_slang_enabled else iter(())
    for informal, formal, *_ in learnt:
        table.setdefault(tuple(informal.split()), tuple(formal.split()))
    return table


@cache
def emoji_hints() -> dict[str, EmojiHint]:
    """Emoji -> hint and weight."""
    return {e: EmojiHint(hint, float(weight)) for e, hint, weight in _rows("emoji.tsv")}


@cache
def sentiment_entries() -> dict[str, SentimentEntry]:
    """Normalised word -> weight (or modifier role and factor)."""
    table: dict[str, SentimentEntry] = {}
    for word, value, *rest in _rows("sentiment_lexicon.tsv"):
        role = rest[0] if rest and rest[0] else "word"
        table.setdefault(word, SentimentEntry(float(value), role))
    return table


@cache
def cues() -> dict[str, list[str]]:
    """Named cue lists for the rules (spam, abuse, hazards, ...)."""
    data: dict[str, Any] = json.loads(read_data_text("cues.json"))  # "_note": a string
    return {name: list(words) for name, words in data.items() if not name.startswith("_")}


@cache
def formal_register() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Informal-register phrase -> formal tokens (empty: a particle to leave out)."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in read_data_text("formal.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, formal = line.partition("\t")
            table.setdefault(tuple(word.split()), tuple(formal.split()))
    return table


@cache
def known_words() -> frozenset[str]:
    """Every word some lexicon knows: guides the repeated-letter repair."""
    words: set[str] = set()
    for informal, formal in slang().items():
        words.update(informal)
        words.update(formal)
    words.update(sentiment_entries())
    for phrases in cues().values():
        for phrase in phrases:
            words.update(phrase.split())
    for line in read_data_text("vocabulary.txt").splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)
