"""Time for the emulator: injected, so tests move it instead of sleeping."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real time, aware UTC."""
    return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to (``advance``); thread-safe."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = (start or datetime(2026, 1, 5, 1, 0, tzinfo=UTC)).astimezone(UTC)
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> datetime:
        """Move forward by ``seconds``; return the new time."""
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return self._now
