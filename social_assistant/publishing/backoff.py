"""Retry spacing: exponential, jittered, capped, and never before the platform's reset."""

from __future__ import annotations

import random
from datetime import datetime, timedelta


def next_attempt(
    now: datetime,
    attempts: int,
    *,
    base: float,
    cap: float,
    not_before: datetime | None = None,
    rng: random.Random | None = None,
) -> datetime:
    """When to try again after ``attempts`` failures ("equal jitter": half fixed, half random)."""
    ceiling = min(cap, base * 2 ** max(attempts - 1, 0))
    delay = ceiling / 2 + (rng or random).uniform(0, ceiling / 2)
    moment = now + timedelta(seconds=delay)
    return max(moment, not_before) if not_before else moment
