"""Rule cues on normalised tokens: spam, abuse, hazards, urgency and aspiration words.

The cue lists live in ``data/cues.json``. Rules do not decide a kind on their own
(the model does); they supply the recall-first overrides in ``classify`` and the
human-readable reasons: which words made a reply abusive, spam or urgent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from social_assistant.triage import lexicons

_LEET = str.maketrans({"4": "a", "0": "o", "1": "i", "3": "e", "5": "s", "7": "t"})
_MASKED = re.compile(r"\b([a-z]+)[*#]+([a-z]*)\b", re.IGNORECASE)


@cache
def _phrases(name: str) -> dict[int, frozenset[tuple[str, ...]]]:
    """Cue phrases of one list, grouped by length in tokens."""
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for phrase in lexicons.cues()[name]:
        words = tuple(phrase.split())
        by_length.setdefault(len(words), set()).add(words)
    return {n: frozenset(p) for n, p in by_length.items()}


def find_at(name: str, tokens: Sequence[str]) -> list[tuple[str, int]]:
    """Phrases of cue list ``name`` in ``tokens`` with their start positions, longest first."""
    found: list[tuple[str, int]] = []
    for length, phrases in sorted(_phrases(name).items(), reverse=True):
        for i in range(len(tokens) - length + 1):
            window = tuple(tokens[i : i + length])
            if window in phrases:
                found.append((" ".join(window), i))
    return found


def find(name: str, tokens: Sequence[str]) -> list[str]:
    """Phrases of cue list ``name`` present in ``tokens``, without repeats."""
    return list(dict.fromkeys(phrase for phrase, _ in find_at(name, tokens)))


@dataclass(frozen=True, slots=True)
class Cues:
    """Every cue list matched against one reply."""

    spam_strong: tuple[str, ...]
    spam_weak: tuple[str, ...]
    abuse: tuple[str, ...]
    hazard: tuple[str, ...]
    hazard_strong: tuple[str, ...]
    immediacy: tuple[str, ...]
    question: tuple[str, ...]
    request: tuple[str, ...]
    suggestion: tuple[str, ...]
    complaint: tuple[str, ...]
    appreciation: tuple[str, ...]

    @property
    def aspiration(self) -> tuple[str, ...]:
        """Words that suggest the reply carries a complaint, request or question."""
        return self.complaint + self.request + tuple(q for q in self.question if q != "?")


def match(tokens: Sequence[str], text: str = "") -> Cues:
    """Match every cue list against normalised tokens (``text``: the raw reply)."""
    names = [name for name in Cues.__dataclass_fields__ if name != "abuse"]
    found = {name: tuple(find(name, tokens)) for name in names}
    return Cues(abuse=tuple(abusive_words(tokens, text)), **found)


def abusive_words(tokens: Sequence[str], text: str = "") -> list[str]:
    """Insults and profanity, also when spelled "b4ngs4t" or masked "anj*ng" in ``text``.

    An animal word followed by a literal context ("anjing liar", "babi hutan") is
    not abuse.
    """
    literal = set(lexicons.cues()["abuse_literal_after"])
    candidates = [t.translate(_LEET) for t in tokens]
    words = [w for w in find("abuse", candidates) if not _literal(w, candidates, literal)]
    for head, tail in _MASKED.findall(text):
        guesses = [f"{head}{vowel}{tail}".casefold() for vowel in "aiueo"]
        words += [w for w in find("abuse", guesses) if w not in words][:1]
    return words


def _literal(word: str, tokens: Sequence[str], literal: set[str]) -> bool:
    if " " in word:
        return False
    positions = [i for i, t in enumerate(tokens) if t == word]
    return bool(positions) and all(
        i + 1 < len(tokens) and tokens[i + 1] in literal for i in positions
    )


_PAST = (
    "tahun lalu",
    "bulan lalu",
    "minggu lalu",
    "dulu",
    "pernah",
    "terima kasih",
    "sudah surut",
    "surut",
    "sudah padam",
    "api padam",
    "dipadamkan",
    "memadamkan",
    "sudah aman",
    "alhamdulillah",
)
_NOW = frozenset({"sekarang", "saat ini", "barusan", "baru saja", "sedang", "detik ini"})


def topics(tokens: Sequence[str]) -> dict[str, list[str]]:
    """Category -> topic words found ("puskesmas" for health), from the ``topic_*`` cues."""
    found = {}
    for name in lexicons.cues():
        if name.startswith("topic_"):
            words = find(name, tokens)
            if words:
                found[name.removeprefix("topic_")] = words
    return found


_UNTIL_NOW = "<sampai-sekarang>"


def _until_now(tokens: Sequence[str], i: int) -> bool:
    """ "sampai sekarang" means "still, after all this time", not "now"."""
    return tokens[i] == "sekarang" and i > 0 and tokens[i - 1] in ("sampai", "hingga")


def live_hazards(tokens: Sequence[str]) -> list[str]:
    """Hazard phrases not negated or prevented ("biar tidak banjir", "antisipasi banjir")."""
    negators = set(lexicons.cues()["hazard_negators"])
    live: list[str] = []
    for phrase, start in sorted(find_at("hazard", tokens), key=lambda found: found[1]):
        before = tokens[max(0, start - 3) : start]
        if not negators.intersection(before) and phrase not in live:
            live.append(phrase)
    return live


def urgent_reason(tokens: Sequence[str]) -> str | None:
    """Why a reply reports danger to life, health or safety now, or None.

    Urgent: a hazard that is urgent by itself ("kebakaran", "terjebak"), or a hazard
    with a sign that it is happening now ("banjir" + "sekarang", "lagi banjir"). A
    negated or prevented hazard does not count, and a reply about the past
    ("tahun lalu") needs an explicit "sekarang".
    """
    hazards = live_hazards(tokens)
    if not hazards:
        return None
    tokens = [_UNTIL_NOW if _until_now(tokens, i) else t for i, t in enumerate(tokens)]
    text = f" {' '.join(tokens)} "
    past = any(f" {marker} " in text for marker in _PAST)
    immediacy = [w for w in find("immediacy", tokens) if w not in hazards]
    immediacy += [f"lagi {h}" for h in hazards if f" lagi {h} " in text]
    if past:
        immediacy = [w for w in immediacy if w in _NOW]
    strong = [h for h in hazards if h in find("hazard_strong", tokens)]
    if strong and (immediacy or not past):
        return f'"{strong[0]}"'
    if immediacy:
        return f'"{hazards[0]}" + "{immediacy[0]}"'
    return None
