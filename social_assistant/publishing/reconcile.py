"""After an ambiguous failure: is our post already on the platform?

Neither platform offers an idempotency key, so we compare our text with the channel's
own recent posts. Links are compared as placeholders because X rewrites them (t.co).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from social_assistant.channels import Channel, RemotePost

_URL = re.compile(r"https?://\S+")
LOOKBACK = timedelta(minutes=10)


def normalise(text: str) -> str:
    return " ".join(_URL.sub("<url>", text).split())


def find_published(channel: Channel, first_text: str, sent_at: datetime) -> RemotePost | None:
    """Our post on ``channel`` whose text matches ``first_text``, made around ``sent_at``."""
    return match(channel.recent_posts(sent_at - LOOKBACK), first_text)


def match(posts: Sequence[RemotePost], first_text: str) -> RemotePost | None:
    wanted = normalise(first_text)
    for post in posts:
        if normalise(post.text) == wanted:
            return post
    return None
