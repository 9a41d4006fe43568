"""A small time-limited cache for the public pages: a page for a period is computed once
per ``transparency.cache_seconds`` however many citizens (or crawlers) ask for it."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

MAX_ENTRIES = 64


class PageCache:
    """Values by key, kept ``seconds``; concurrent requests for one key compute it once."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._entries: OrderedDict[tuple[str, ...], tuple[float, Any]] = OrderedDict()
        self._locks: dict[tuple[str, ...], threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: tuple[str, ...], make: Callable[[], Any]) -> Any:
        if self.seconds <= 0:
            return make()
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            found = self._fresh(key)
            if found is not None:
                return found[1]
            value = make()
            with self._guard:
                self._entries[key] = (time.monotonic() + self.seconds, value)
                self._entries.move_to_end(key)
                while len(self._entries) > MAX_ENTRIES:
                    old, _ = self._entries.popitem(last=False)
                    self._locks.pop(old, None)
            return value

    def _fresh(self, key: tuple[str, ...]) -> tuple[float, Any] | None:
        with self._guard:
            entry = self._entries.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            self._entries.move_to_end(key)
            return entry
