"""Simulated citizens: who replies to a new post, with what, and when.

Replies come from ``citizen_replies.json`` (a bundled, fictional corpus tagged with the
triage kind). Every choice is drawn from a generator seeded with ``(seed, platform,
post id)``, so the same seed and the same posts give the same replies.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from social_assistant.emulator.records import Citizen

CORPUS_FILE = "citizen_replies.json"


@dataclass(frozen=True)
class CitizenSettings:
    """How the public reacts to a new post.

    Each post gets ``min_replies``..``max_replies`` replies; the first comes
    ``first_after_seconds`` after the post, the rest within ``window_seconds`` after
    that. ``time_scale`` multiplies the window (0.01 turns 15 minutes into 9 seconds).
    ``nested_share`` is the share of replies that answer another citizen.
    """

    enabled: bool = True
    min_replies: int = 3
    max_replies: int = 8
    first_after_seconds: float = 30.0
    window_seconds: float = 900.0
    time_scale: float = 1.0
    nested_share: float = 0.25

    def __post_init__(self) -> None:
        if not 0 <= self.min_replies <= self.max_replies:
            raise ValueError("need 0 <= min_replies <= max_replies")
        if min(self.first_after_seconds, self.window_seconds) < 0 or self.time_scale <= 0:
            raise ValueError("delays must not be negative and time_scale must be positive")
        if not 0 <= self.nested_share <= 1:
            raise ValueError("nested_share must be between 0 and 1")

    @classmethod
    def from_json(cls, data: dict[str, Any], base: CitizenSettings) -> CitizenSettings:
        """``base`` with the keys of ``data`` replaced (unknown keys raise ValueError)."""
        unknown = set(data) - set(cls.__dataclass_fields__)
        if unknown:
            raise ValueError(f"unknown citizen settings: {', '.join(sorted(unknown))}")
        return cls(**{**base.__dict__, **data})


@dataclass(frozen=True)
class CorpusEntry:
    """One reply text with its labels."""

    kind: str
    category: str
    text: str
    lang: str = "id"
    urgent: bool = False
    abusive: bool = False
    personal_data: bool = False


@dataclass(frozen=True)
class Corpus:
    """The bundled replies, their kind weights and the fake authors."""

    entries: tuple[CorpusEntry, ...]
    weights: dict[str, float]
    citizens: tuple[Citizen, ...]
    spammers: tuple[Citizen, ...]

    def pick(self, rng: random.Random) -> tuple[CorpusEntry, Citizen]:
        """A weighted random reply and a fitting author."""
        kinds = [k for k in self.weights if any(e.kind == k for e in self.entries)]
        kind = rng.choices(kinds, weights=[self.weights[k] for k in kinds])[0]
        entry = rng.choice([e for e in self.entries if e.kind == kind])
        authors = self.spammers if kind == "spam" and self.spammers else self.citizens
        return entry, rng.choice(authors)


@dataclass
class PendingReply:
    """A reply decided at post time, published once the clock passes ``due``."""

    due: datetime
    order: int
    platform: str
    root_id: str
    entry: CorpusEntry
    author: Citizen
    parent: PendingReply | None = None
    published_id: str | None = field(default=None, compare=False)


@cache
def load_corpus() -> Corpus:
    """The bundled corpus (read once)."""
    text = resources.files(__package__).joinpath(CORPUS_FILE).read_text(encoding="utf-8")
    data = json.loads(text)
    return Corpus(
        entries=tuple(CorpusEntry(**entry) for entry in data["replies"]),
        weights={k: float(v) for k, v in data["kind_weights"].items()},
        citizens=tuple(_citizens(data["authors"], 0)),
        spammers=tuple(_citizens(data["spam_authors"], len(data["authors"]))),
    )


def _citizens(rows: list[dict[str, str]], offset: int) -> list[Citizen]:
    return [
        Citizen(x_id=f"15{offset + n:017d}", fb_id=f"61{offset + n:013d}",
                username=row["username"], name=row["name"])
        for n, row in enumerate(rows, start=1)
    ]


def plan_replies(
    *, seed: int, platform: str, root_id: str, posted_at: datetime,
    settings: CitizenSettings, corpus: Corpus, first_order: int,
) -> list[PendingReply]:
    """The replies the public will write to post ``root_id``, in due order."""
    if not settings.enabled:
        return []
    rng = random.Random(f"{seed}:{platform}:{root_id}")
    count = rng.randint(settings.min_replies, settings.max_replies)
    window = settings.window_seconds * settings.time_scale
    offsets = sorted([0.0, *(rng.random() * window for _ in range(count - 1))])[:count]
    planned: list[PendingReply] = []
    for number, offset in enumerate(offsets):
        entry, author = corpus.pick(rng)
        parent = _nested_parent(rng, planned, author, settings.nested_share)
        due = posted_at + timedelta(seconds=settings.first_after_seconds + offset)
        planned.append(PendingReply(due, first_order + number, platform, root_id, entry,
                                    author, parent))
    return planned


def _nested_parent(
    rng: random.Random, planned: list[PendingReply], author: Citizen, share: float
) -> PendingReply | None:
    others = [p for p in planned if p.author != author and p.entry.kind != "spam"]
    if not others or rng.random() >= share:
        return None
    return rng.choice(others)
