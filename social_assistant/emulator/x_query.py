"""X search queries, as far as the emulator understands them.

Operators: ``conversation_id:N``, ``from:handle``, ``is:reply``, ``is:retweet``,
``is:quote``, ``has:media``, ``has:links``; bare words and ``@handle`` match the text;
``-`` negates; terms side by side must all match; ``OR`` and brackets group. Anything
else (``lang:``, ``to:``...) makes the query unreadable, and the emulator answers 400.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from social_assistant.emulator.records import Item

URL_PATTERN = re.compile(r"https?://\S+")
Predicate = Callable[[Item], bool]


class QueryParser:
    """A small recursive-descent parser for X search queries (see the module docstring)."""

    def __init__(self, query: str) -> None:
        self.tokens = re.findall(r"\(|\)|[^\s()]+", query)
        self.position = 0

    def parse(self) -> Predicate | None:
        """The query as a predicate, or None when it cannot be understood."""
        try:
            predicate = self._any()
        except ValueError:
            return None
        return predicate if self.position == len(self.tokens) else None

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _any(self) -> Predicate:
        options = [self._all()]
        while self._peek() == "OR":
            self.position += 1
            options.append(self._all())
        return lambda item: any(option(item) for option in options)

    def _all(self) -> Predicate:
        terms: list[Predicate] = []
        while self._peek() not in (None, ")", "OR"):
            terms.append(self._atom())
        if not terms:
            raise ValueError("empty group")
        return lambda item: all(term(item) for term in terms)

    def _atom(self) -> Predicate:
        token = self.tokens[self.position]
        self.position += 1
        if token != "(":
            return _term(token)
        inner = self._any()
        if self._peek() != ")":
            raise ValueError("unclosed bracket")
        self.position += 1
        return inner


def _term(token: str) -> Predicate:
    if token.startswith("-") and len(token) > 1:
        positive = _term(token[1:])
        return lambda item: not positive(item)
    operator, _, value = token.partition(":")
    simple: dict[str, Predicate] = {
        "is:reply": lambda item: item.reply_to is not None,
        "is:retweet": lambda item: False,
        "is:quote": lambda item: False,
        "has:media": lambda item: bool(item.media_ids),
        "has:links": lambda item: bool(URL_PATTERN.search(item.text)),
    }
    if token in simple:
        return simple[token]
    if operator == "conversation_id" and value.isdigit():
        return lambda item: item.conversation_id == value
    if operator == "from" and value:
        return lambda item: item.author_handle.lower() == value.lower()
    if not value:
        return lambda item: token.lower() in item.text.lower()
    raise ValueError(f"unknown operator {operator}")
