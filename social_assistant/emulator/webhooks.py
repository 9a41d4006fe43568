"""Page webhooks (``feed`` field) as Facebook sends them: verified, signed, per comment.

Subscribe with ``POST /_emulator/webhooks`` ``{"url", "app_secret", "verify_token"}``:
like Facebook, the emulator first calls ``GET url?hub.mode=subscribe&hub.challenge=N
&hub.verify_token=...`` and subscribes only when the challenge comes back. Each citizen
comment added, edited or deleted then queues an event; ``POST /_emulator/webhooks/deliver``
sends the queued events, each signed with ``X-Hub-Signature-256: sha256=<HMAC of the
body with the app secret>``, and reports the HTTP status of each delivery.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from social_assistant.emulator.records import Item

TIMEOUT_SECONDS = 10.0
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class WebhookSubscription:
    """Where Page events go and the app secret that signs them."""

    url: str
    app_secret: str


def signature(app_secret: str, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` value of ``body``."""
    digest = hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def feed_event(item: Item, verb: str, now: datetime) -> dict[str, Any]:
    """The webhook body for comment ``item`` (``verb``: add, edited or remove)."""
    page_id = item.conversation_id.partition("_")[0]
    value: dict[str, Any] = {
        "from": {"id": item.author_id, "name": item.author_name},
        "post_id": item.conversation_id,
        "comment_id": item.id,
        "parent_id": item.reply_to,
        "created_time": int(item.created_at.timestamp()),
        "item": "comment",
        "verb": verb,
    }
    if verb != "remove":
        value["message"] = item.text
    change = {"field": "feed", "value": value}
    return {"object": "page",
            "entry": [{"id": page_id, "time": int(now.timestamp()), "changes": [change]}]}


def verify(url: str, verify_token: str, seed: int) -> bool:
    """Facebook's subscription handshake: whether ``url`` echoes the challenge."""
    challenge = str(random.Random(f"{seed}:{url}").randint(10**8, 10**9))
    query = urlencode({"hub.mode": "subscribe", "hub.challenge": challenge,
                       "hub.verify_token": verify_token})
    try:
        with _OPENER.open(f"{url}?{query}", timeout=TIMEOUT_SECONDS) as answer:
            return bool(answer.status == 200 and answer.read().decode().strip() == challenge)
    except (urllib.error.URLError, OSError):
        return False


def deliver(subscription: WebhookSubscription, body: dict[str, Any] | bytes) -> int:
    """POST one signed event; the HTTP status (0 when the receiver could not be reached)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(
        subscription.url, data=data, method="POST",
        headers={"Content-Type": "application/json",
                 "X-Hub-Signature-256": signature(subscription.app_secret, data)})
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError):
        return 0
