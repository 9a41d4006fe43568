"""Rule cues on normalised tokens: spam, abuse, hazards, urgency and aspiration words.

The cue lists live in ``data/cues.json`` and are matched in one pass (``scan``).
Rules do not decide a kind on their own (the model does); they supply the
recall-first overrides in ``classify``, the human-readable reasons (which words made
a reply abusive, spam or urgent), and the location phrases the category ignores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import Final

from social_assistant.triage import lexicons

_LEET: Final = str.maketrans({"4": "a", "0": "o", "1": "i", "3": "e", "5": "s", "7": "t"})
_MASKED: Final = re.compile(r"\b([a-z]+)[*#]+([a-z]*)\b", re.IGNORECASE)


class _Starts:
    """What starts at one word: the cue lists holding the word alone, and the longer
    phrases starting with it, by their second word (most words start none)."""

    def __init__(self) -> None:
        self.alone: tuple[str, ...] = ()
        # second word -> (size, words, phrase, cue lists) of each longer phrase
        self.longer: dict[str, list[tuple[int, tuple[str, ...], str, tuple[str, ...]]]] = {}


@cache
def _index() -> dict[str, _Starts]:
    """First word -> the cue phrases starting with it, over every cue list."""
    lists: dict[tuple[str, ...], list[str]] = {}
    for name, phrases in lexicons.cues().items():
        for phrase in phrases:
            holders = lists.setdefault(tuple(phrase.split()), [])
            if name not in holders:
                holders.append(name)
    index: dict[str, _Starts] = {}
    for words, names in lists.items():
        if not words:
            continue
        starts = index.setdefault(words[0], _Starts())
        if len(words) == 1:
            starts.alone = tuple(names)
        else:
            candidate = (len(words), words, " ".join(words), tuple(names))
            starts.longer.setdefault(words[1], []).append(candidate)
    return index


Hits = dict[str, list[tuple[int, int, str]]]


class _Tables:
    """The cue tables every reply reads, built once. Compiled, reading one is a pointer
    read, where calling a ``functools.cache`` function is a Python call."""

    def __init__(self) -> None:
        self.index = _index()
        self.topic_lists = _topic_lists()
        # topic cue list -> (its place in ``topic_lists``, category)
        self.topic_rank = {name: (i, topic) for i, (name, topic) in enumerate(self.topic_lists)}


_TABLES: Final[list[_Tables]] = []  # holds the one ``_Tables`` once built


def _tables() -> _Tables:
    if not _TABLES:
        _TABLES.append(_Tables())
    return _TABLES[0]


def scan(tokens: Sequence[str]) -> Hits:
    """Cue list -> (-length, start, phrase) of each of its phrases in ``tokens``, one pass
    (the order within a list is not meaningful: readers sort it)."""
    index = _tables().index
    hits: Hits = {}
    seq = tuple(tokens)  # the same tuple when it is one: indexed natively once compiled
    n = len(seq)
    for i in range(n):
        token = seq[i]
        starts = index.get(token)
        if starts is None:
            continue
        for name in starts.alone:
            _hit(hits, name, (-1, i, token))
        if i + 1 == n or not starts.longer:
            continue
        candidates = starts.longer.get(seq[i + 1])
        if candidates is None:
            continue
        for size, words, phrase, names in candidates:
            if i + size > n or not _continues(seq, i, words):
                continue
            for name in names:
                _hit(hits, name, (-size, i, phrase))
    return hits


def _hit(hits: Hits, name: str, hit: tuple[int, int, str]) -> None:
    found = hits.get(name)  # not setdefault(name, []): no list made when there is one
    if found is None:
        hits[name] = [hit]
    else:
        found.append(hit)


def _continues(tokens: tuple[str, ...], i: int, words: tuple[str, ...]) -> bool:
    """Whether ``tokens`` from ``i + 2`` go on with ``words[2:]`` (the first two match)."""
    return all(tokens[i + k] == words[k] for k in range(2, len(words)))


def _found_at(hits: Hits, name: str) -> list[tuple[str, int]]:
    """The hits of one list, longest first, then in order (as ``find_at``)."""
    return [(phrase, start) for _, start, phrase in sorted(hits.get(name, ()))]


def _found(hits: Hits, name: str) -> tuple[str, ...]:
    """The distinct phrases of one list, longest first (as ``find``)."""
    found = hits.get(name)
    return _distinct(found) if found else ()


def _distinct(found: list[tuple[int, int, str]]) -> tuple[str, ...]:
    """The distinct phrases of a list's hits, longest first."""
    if len(found) == 1:
        return (found[0][2],)
    phrases: list[str] = []
    for _, _, phrase in sorted(found):
        if phrase not in phrases:
            phrases.append(phrase)
    return tuple(phrases)


def find_at(name: str, tokens: Sequence[str]) -> list[tuple[str, int]]:
    """Phrases of cue list ``name`` in ``tokens`` with their start positions, longest first."""
    return _found_at(scan(tokens), name)


def find(name: str, tokens: Sequence[str]) -> list[str]:
    """Phrases of cue list ``name`` present in ``tokens``, without repeats."""
    return list(_found(scan(tokens), name))


@dataclass(slots=True, init=False)
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

    # Written out: compiled by mypyc it runs natively (a generated one runs as Python).
    def __init__(
        self,
        spam_strong: tuple[str, ...],
        spam_weak: tuple[str, ...],
        abuse: tuple[str, ...],
        hazard: tuple[str, ...],
        hazard_strong: tuple[str, ...],
        immediacy: tuple[str, ...],
        question: tuple[str, ...],
        request: tuple[str, ...],
        suggestion: tuple[str, ...],
        complaint: tuple[str, ...],
        appreciation: tuple[str, ...],
    ) -> None:
        self.spam_strong = spam_strong
        self.spam_weak = spam_weak
        self.abuse = abuse
        self.hazard = hazard
        self.hazard_strong = hazard_strong
        self.immediacy = immediacy
        self.question = question
        self.request = request
        self.suggestion = suggestion
        self.complaint = complaint
        self.appreciation = appreciation

    @property
    def aspiration(self) -> tuple[str, ...]:
        """Words that suggest the reply carries a complaint, request or question."""
        return self.complaint + self.request + tuple(q for q in self.question if q != "?")


def match(tokens: Sequence[str], text: str = "", hits: Hits | None = None) -> Cues:
    """Match every cue list against normalised tokens (``text``: the raw reply).

    ``hits`` is ``scan(tokens)`` when the caller already has it.
    """
    if hits is None:
        hits = scan(tokens)
    lists: list[tuple[str, ...]] = [()] * len(_CUE_FIELDS)
    for name, found in hits.items():  # the few lists a reply matched, not all eleven
        i = _CUE_FIELDS.get(name)
        if i is not None:
            lists[i] = _distinct(found)
    lists[_ABUSE_FIELD] = tuple(abusive_words(tokens, text, hits))
    # Spelled out: a call with *lists runs as a Python call once compiled.
    return Cues(
        lists[0], lists[1], lists[2], lists[3], lists[4], lists[5],
        lists[6], lists[7], lists[8], lists[9], lists[10],
    )  # fmt: skip


# The cue lists ``Cues`` holds, by name: the place of each in its fields.
_CUE_FIELDS: Final = {field.name: i for i, field in enumerate(fields(Cues))}
_ABUSE_FIELD: Final = _CUE_FIELDS["abuse"]  # found by ``abusive_words``, not off the hits


@cache
def _literal_after() -> frozenset[str]:
    return frozenset(lexicons.cues()["abuse_literal_after"])


def abusive_words(tokens: Sequence[str], text: str = "", hits: Hits | None = None) -> list[str]:
    """Insults and profanity, also when spelled "b4ngs4t" or masked "anj*ng" in ``text``.

    An animal word followed by a literal context ("anjing liar", "babi hutan") is
    not abuse.
    """
    candidates: Sequence[str] = tokens
    if _has_leet_digit(" ".join(tokens)):
        spelled = [t.translate(_LEET) if _has_leet_digit(t) else t for t in tokens]
        # Read as letters only where that can matter: a word that became one of the
        # abuse words or of the literal contexts after them ("anjing 1iar").
        relevant = _abuse_vocabulary()
        if any(s != t and s in relevant for s, t in zip(spelled, tokens, strict=True)):
            candidates, hits = spelled, None
    if hits is None:
        hits = scan(candidates)
    if "abuse" not in hits:
        words = []
    else:
        literal = _literal_after()
        words = [w for w in _found(hits, "abuse") if not _literal(w, candidates, literal)]
    if text and ("*" in text or "#" in text):
        for head, tail in _MASKED.findall(text):
            guesses = [f"{head}{vowel}{tail}".casefold() for vowel in "aiueo"]
            words += [w for w in find("abuse", guesses) if w not in words][:1]
    return words


@cache
def _abuse_vocabulary() -> frozenset[str]:
    """Every word of the abuse phrases and of the literal contexts after them."""
    lists = lexicons.cues()
    phrases = [*lists["abuse"], *lists["abuse_literal_after"]]
    return frozenset(word for phrase in phrases for word in phrase.split())


def _has_leet_digit(text: str) -> bool:
    """A digit that spells a letter ("b4ngs4t"); substring tests, much faster than a
    character class searched by a pattern."""
    return "4" in text or "0" in text or "1" in text or "3" in text or "5" in text or "7" in text


def _literal(word: str, tokens: Sequence[str], literal: frozenset[str]) -> bool:
    if " " in word:
        return False
    positions = [i for i, t in enumerate(tokens) if t == word]
    return bool(positions) and all(
        i + 1 < len(tokens) and tokens[i + 1] in literal for i in positions
    )


_PAST: Final = (
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
_NOW: Final = frozenset({"sekarang", "saat ini", "barusan", "baru saja", "sedang", "detik ini"})
# "sudah 2 hari", "sejak semalam": a hazard that has lasted until now is happening now.
_SINCE: Final = frozenset({"sudah", "sejak", "selama", "dari"})
_DURATION_UNITS: Final = frozenset({"jam", "hari", "malam"})
_AMOUNTS: Final = frozenset(
    {"dua", "tiga", "empat", "lima", "enam", "tujuh", "beberapa", "berjam-jam"}
)
_SINCE_WHEN: Final = frozenset({"semalam", "kemarin", "subuh", "tadi"})
_NOT_PAST: Final = ("belum surut", "tidak surut", "belum padam", "tidak padam")
# Both as whole words in " ".join(tokens) with a space either side.
_PAST_SPACED: Final = tuple(f" {marker} " for marker in _PAST)
_NOT_PAST_SPACED: Final = tuple(f" {phrase} " for phrase in _NOT_PAST)


@cache
def _topic_lists() -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, name.removeprefix("topic_")) for name in lexicons.cues() if name.startswith("topic_")
    )


def topics(tokens: Sequence[str], hits: Hits | None = None) -> dict[str, list[str]]:
    """Category -> topic words found ("puskesmas" for health), from the ``topic_*`` cues."""
    if hits is None:
        hits = scan(tokens)
    ranks = _tables().topic_rank
    matched: list[tuple[int, str, str]] = []  # a reply has few cue lists: go by those
    for name in hits:
        rank = ranks.get(name)
        if rank is not None:
            matched.append((rank[0], rank[1], name))
    if len(matched) > 1:
        matched.sort()
    found = {}
    for _, category, name in matched:
        found[category] = list(_found(hits, name))
    return found


LOCATION_REACH: Final = 4  # tokens after "depan" that can still name the place


@cache
def _place_heads() -> frozenset[str]:
    return frozenset(lexicons.cues()["place_heads"])


def location_words(tokens: Sequence[str], hits: Hits | None = None) -> frozenset[int]:
    """Positions of location phrases: where a problem is, not what it is about.

    A location word ("depan", "dekat", "samping"; cue list ``location``) and the place
    after it: at most one topic phrase ("SD", "puskesmas", "kantor camat"), place
    words ("kantor", "rumah"; ``place_heads``) and numbers ("SDN 010"). In "jalan
    depan SD rusak" that is "depan SD":
    the road is what is broken. Nothing is masked when no place follows ("tahun depan").
    """
    if hits is None:
        hits = scan(tokens)
    found = hits.get("location")
    if not found:
        return frozenset()
    topic_sizes: dict[int, int] = {}
    for name, _ in _tables().topic_lists:
        for negative_size, start, _ in hits.get(name, ()):
            topic_sizes[start] = max(topic_sizes.get(start, 0), -negative_size)
    heads = _place_heads()
    masked: set[int] = set()
    for _, start, _ in found:
        place: list[int] = []
        topic_taken = False
        j, end = start + 1, min(len(tokens), start + 1 + LOCATION_REACH)
        while j < end:
            token = tokens[j]
            if j in topic_sizes and not topic_taken:
                place.extend(range(j, j + topic_sizes[j]))
                j += topic_sizes[j]
                topic_taken = True
            elif token.isdigit() or token in heads:
                place.append(j)
                j += 1
            else:
                break
        if place:
            masked.add(start)
            masked.update(place)
    return frozenset(masked)


_UNTIL_NOW: Final = "<sampai-sekarang>"


def _until_now(tokens: Sequence[str], i: int) -> bool:
    """ "sampai sekarang" means "still, after all this time", not "now"."""
    return tokens[i] == "sekarang" and i > 0 and tokens[i - 1] in ("sampai", "hingga")


@cache
def _hazard_negators() -> frozenset[str]:
    return frozenset(lexicons.cues()["hazard_negators"])


def live_hazards(tokens: Sequence[str], hits: Hits | None = None) -> list[str]:
    """Hazard phrases not negated or prevented ("biar tidak banjir", "antisipasi banjir")."""
    negators = _hazard_negators()
    live: list[str] = []
    found = _found_at(scan(tokens) if hits is None else hits, "hazard")
    for phrase, start in sorted(found, key=lambda found: found[1]):
        before = tokens[max(0, start - 3) : start]
        if not negators.intersection(before) and phrase not in live:
            live.append(phrase)
    return live


def _lasting(tokens: Sequence[str]) -> list[str]:
    """How long something has been going on: "sudah 2 hari", "sejak semalam"."""
    found = []
    for i in range(len(tokens) - 1):
        if tokens[i] not in _SINCE:
            continue
        amount = tokens[i + 1]
        if amount in _SINCE_WHEN and tokens[i] != "sudah":
            found.append(f"{tokens[i]} {amount}")
        elif (
            (amount.isdigit() or amount in _AMOUNTS)
            and i + 2 < len(tokens)
            and tokens[i + 2] in _DURATION_UNITS
        ):
            found.append(" ".join(tokens[i : i + 3]))
    return found


def urgent_reason(tokens: Sequence[str], hits: Hits | None = None) -> str | None:
    """Why a reply reports danger to life, health or safety now, or None.

    Urgent: a hazard that is urgent by itself ("kebakaran", "terjebak"), or a hazard
    with a sign that it is happening now ("banjir" + "sekarang", "lagi banjir"). A
    negated or prevented hazard does not count, and a reply about the past
    ("tahun lalu") needs an explicit "sekarang". ``hits``: ``scan(tokens)`` if known.
    """
    if hits is None:
        hits = scan(tokens)
    hazards = live_hazards(tokens, hits)
    if not hazards:
        return None
    marked = list(tokens)
    if "sekarang" in marked:
        marked = [_UNTIL_NOW if _until_now(tokens, i) else t for i, t in enumerate(tokens)]
        if marked != list(tokens):
            hits = scan(marked)
    text = f" {' '.join(marked)} "
    settled = text
    for phrase in _NOT_PAST_SPACED:
        if phrase in settled:
            settled = settled.replace(phrase, " ")
    past = any(marker in settled for marker in _PAST_SPACED)
    immediacy = [w for w in _found(hits, "immediacy") if w not in hazards]
    immediacy += _lasting(marked)
    immediacy += [f"lagi {h}" for h in hazards if f" lagi {h} " in text]
    if past:
        immediacy = [w for w in immediacy if w in _NOW]
    strong_words = _found(hits, "hazard_strong")
    strong = [h for h in hazards if h in strong_words]
    if strong and (immediacy or not past):
        return f'"{strong[0]}"'
    if immediacy:
        return f'"{hazards[0]}" + "{immediacy[0]}"'
    return None
