"""Bounded memo tables: what the triage remembers between replies, with a flat ceiling.

Replies repeat their words, chunks of text, features and numbers, so the triage keeps
what it worked out for them (``normalise._CHUNKS``, ``features.Vocabulary`` ...). An
endless tail of new ones (names, numbers, typos) must not grow memory for ever: a table
that reaches its limit is emptied and fills again with what comes next.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

LIMIT = 50_000  # entries a table keeps, unless it says otherwise


def remember(table: dict[K, V], key: K, value: V, limit: int = LIMIT) -> V:
    """Store ``value`` under ``key`` (emptying ``table`` first when it holds ``limit``
    entries) and return it."""
    if len(table) >= limit:
        table.clear()
    table[key] = value
    return value
