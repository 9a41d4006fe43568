"""When to look at a post again: often while it is new, rarely when old, never after."""

from __future__ import annotations

from datetime import datetime, timedelta

from social_assistant.settings import CollectingSettings


def next_poll(
    published_at: datetime, now: datetime, settings: CollectingSettings
) -> datetime | None:
    """The next poll time (age/10 between the bounds), or None past the window."""
    age = now - published_at
    if age > timedelta(days=settings.window_days):
        return None
    interval = min(
        max(age / 10, timedelta(minutes=settings.min_poll_minutes)),
        timedelta(hours=settings.max_poll_hours),
    )
    return now + interval
