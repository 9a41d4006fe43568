"""Failures injected on demand, and the configurable rate limits.

``POST /_emulator/faults`` takes ``{"faults": [...], "limits": {...}, "strict_tokens": bool}``
(each key optional; a given key replaces the current value). A fault::

    {"type": "error" | "rate_limit" | "slow" | "reset" | "unauthorized" | "duplicate"
             | "malformed",
     "platform": "x" | "facebook",   # optional: both
     "method": "POST",               # optional: any
     "path": "/2/tweets",            # optional: path prefix (Graph: "/v25.0/...")
     "after": 1,                     # let this many matching requests through first
     "next": 2,                      # then the next N matching requests (default 1)
     "probability": 0.1,             # or each matching request with this chance
     "commit": true,                 # error/reset: apply the request first (it did happen)
     "status": 503, "html": true,    # error: HTTP status (500), HTML body instead of JSON
     "seconds": 2.0,                 # slow: answer this late (the request is applied)
     "reset_seconds": 60,            # rate_limit: until the window resets
     "code": 32, "retry_after": 30,  # rate_limit on Facebook: error code; Retry-After header
     "item": {"id": 7, "text": null}}  # malformed: this item is added to the answer's data
                                     # (default: one without a usable id and text)
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from social_assistant.emulator.exchange import ApiRequest

FAULT_TYPES = ("error", "rate_limit", "slow", "reset", "unauthorized", "duplicate",
               "malformed")
MALFORMED_ITEM = {"id": None, "text": 404, "message": ["not", "text"], "from": "nobody"}
# What a limit shows in the headers when it is not enforced (docs.x.com, Graph defaults).
NOMINAL_LIMITS = {"x_post_limit": 100, "x_read_limit": 300, "x_daily_post_limit": 10000,
                  "fb_call_limit": 200}
UNLIMITED_NOMINAL = 500
NUMERIC_FIELDS: dict[str, type | tuple[type, ...]] = {
    "after": int, "next": int, "status": int, "reset_seconds": int, "code": int,
    "retry_after": int, "seconds": (int, float), "probability": (int, float)}


@dataclass
class Fault:
    """One injected failure; see the module docstring for the JSON form."""

    type: str
    platform: str | None = None
    method: str | None = None
    path: str | None = None
    after: int = 0
    next: int | None = None
    probability: float | None = None
    commit: bool = False
    status: int | None = None
    html: bool = False
    seconds: float = 2.0
    reset_seconds: int = 60
    code: int | None = None
    retry_after: int | None = None
    item: Any = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fault:
        """Parse and check one fault (ValueError with the reason)."""
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown fault keys: {', '.join(sorted(unknown))}")
        for key, kinds in NUMERIC_FIELDS.items():
            value = data.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, kinds)):
                raise ValueError(f"fault {key} must be a number, not {value!r}")
        fault = cls(**data)
        if fault.type not in FAULT_TYPES:
            raise ValueError(f"fault type must be one of {', '.join(FAULT_TYPES)}")
        if fault.next is None and fault.probability is None:
            fault.next = 1
        return fault

    @property
    def applies_request(self) -> bool:
        """Whether the request takes effect despite the fault."""
        return self.type in ("slow", "malformed") or (
            self.type in ("error", "reset") and self.commit)

    def matches(self, platform: str, request: ApiRequest) -> bool:
        """Whether this fault is meant for ``request``."""
        return (
            self.platform in (None, platform)
            and self.method in (None, request.method)
            and (self.path is None or request.path.startswith(self.path))
        )


class FaultPlan:
    """The faults waiting to fire, consumed in order."""

    def __init__(self, seed: int) -> None:
        self.faults: list[Fault] = []
        self._rng = random.Random(f"{seed}:faults")

    def take(self, platform: str, request: ApiRequest) -> Fault | None:
        """The fault that fires for ``request``, if any (uses it up)."""
        for fault in self.faults:
            if not fault.matches(platform, request):
                continue
            if fault.after > 0:
                fault.after -= 1
                continue
            if fault.probability is not None and self._rng.random() >= fault.probability:
                continue
            if fault.next is not None:
                fault.next -= 1
                if fault.next <= 0:
                    self.faults.remove(fault)
            return fault
        return None

    def to_json(self) -> list[dict[str, Any]]:
        """The pending faults as JSON."""
        return [asdict(fault) for fault in self.faults]


@dataclass(frozen=True)
class RateLimits:
    """Enforced limits per window (None = not enforced; headers still count calls)."""

    x_post_limit: int | None = None
    x_read_limit: int | None = None
    x_daily_post_limit: int | None = None
    fb_call_limit: int | None = None
    window_seconds: int = 900

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RateLimits:
        """Parse limits (ValueError for unknown keys or non-integers)."""
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown limit keys: {', '.join(sorted(unknown))}")
        for key, value in data.items():
            if value is not None and (not isinstance(value, int) or value < 1):
                raise ValueError(f"{key} must be a positive integer or null")
        return cls(**data)


@dataclass(frozen=True)
class WindowState:
    """One rate-limit window after counting a call."""

    limit: int
    used: int
    reset_at: datetime
    enforced: bool

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def exceeded(self) -> bool:
        return self.enforced and self.used > self.limit


class RateWindows:
    """Fixed windows of calls, one per key (account and endpoint)."""

    def __init__(self) -> None:
        self._windows: dict[str, tuple[datetime, int]] = {}

    def hit(self, key: str, now: datetime, limits: RateLimits, name: str,
            seconds: int | None = None) -> WindowState:
        """Count a call against limit ``name`` (a RateLimits field)."""
        length = timedelta(seconds=seconds or limits.window_seconds)
        start, used = self._windows.get(key, (now, 0))
        if now >= start + length:
            start, used = now, 0
        self._windows[key] = (start, used + 1)
        configured: int | None = getattr(limits, name, None)
        limit = configured or NOMINAL_LIMITS.get(name, UNLIMITED_NOMINAL)
        return WindowState(limit, used + 1, start + length, configured is not None)
