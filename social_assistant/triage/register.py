"""Formal register: a normalised reply rendered as the formal rewrite a reader expects.

``formal(tokens)`` leaves discourse particles out ("ya", "sih", "dong"), puts informal
words in their formal form ("kenapa" -> "mengapa", ``data/formal.tsv``) and ends the
text with a full stop. It is for reading (and for the STIF normaliser figure); the
triage classifies the tokens, not this rendering.
"""

from __future__ import annotations

from collections.abc import Sequence

from social_assistant.triage import lexicons

_SENTENCE_ENDS = frozenset(".?!")


def formal(tokens: Sequence[str]) -> str:
    """``tokens`` (placeholders already restored) in formal register, as one string."""
    table = lexicons.formal_register()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (2, 1):
            replacement = table.get(tuple(t.casefold() for t in tokens[i : i + size]))
            if replacement is not None and i + size <= len(tokens):
                out.extend(replacement)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    if out and out[-1] not in _SENTENCE_ENDS:
        out.append(".")
    return " ".join(out)
