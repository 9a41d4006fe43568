"""A client for a running emulator's control endpoints (``/_emulator/*``), stdlib only."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime
from typing import Any
from urllib.parse import urlencode


class EmulatorClient:
    """Inspect and steer the emulator at ``url`` (proxies from the environment are ignored)."""

    def __init__(self, url: str, timeout: float = 5.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def health(self) -> dict[str, Any]:
        """``{"status": "ok", "now": ..., "posts": n}``."""
        result: dict[str, Any] = self._call("GET", "health")
        return result

    def posts(self, platform: str | None = None) -> list[dict[str, Any]]:
        """What clients posted, oldest first."""
        posts: list[dict[str, Any]] = self._call("GET", "posts", query=_only(platform))["posts"]
        return posts

    def replies(self, platform: str | None = None) -> list[dict[str, Any]]:
        """The citizens' replies visible now, oldest first."""
        found: list[dict[str, Any]] = self._call("GET", "replies", query=_only(platform))["replies"]
        return found

    def pending_replies(self) -> int:
        """How many citizens' replies are scheduled but not visible yet."""
        count: int = self._call("GET", "replies")["pending"]
        return count

    def reset(self) -> None:
        """Forget every post, reply, fault and limit."""
        self._call("POST", "reset")

    def set_faults(self, *faults: dict[str, Any], limits: dict[str, Any] | None = None,
                   strict_tokens: bool | None = None) -> dict[str, Any]:
        """Replace the pending faults (and the limits / token policy when given)."""
        body: dict[str, Any] = {"faults": list(faults)}
        if limits is not None:
            body["limits"] = limits
        if strict_tokens is not None:
            body["strict_tokens"] = strict_tokens
        result: dict[str, Any] = self._call("POST", "faults", body)
        return result

    def advance(self, seconds: float) -> datetime:
        """Move the emulator's time forward; return the new time."""
        answer = self._call("POST", "clock", {"advance_seconds": seconds})
        return datetime.fromisoformat(answer["now"])

    def set_citizens(self, **settings: Any) -> dict[str, Any]:
        """Change how citizens react to new posts (``time_scale``, ``min_replies``...)."""
        result: dict[str, Any] = self._call("POST", "citizens", settings)
        return result

    def add_reply(self, platform: str, text: str, reply_to: str | None = None,
                  author: int = 0) -> dict[str, Any]:
        """A citizen writes ``text`` in reply to ``reply_to`` (X: None is a new tweet)."""
        body = {"platform": platform, "text": text, "reply_to": reply_to, "author": author}
        item: dict[str, Any] = self._call("POST", "replies/add", body)
        return item

    def edit_reply(self, platform: str, item_id: str, text: str) -> dict[str, Any]:
        """Edit a citizen's reply (on X the new version gets a new id)."""
        body = {"platform": platform, "id": item_id, "text": text}
        item: dict[str, Any] = self._call("POST", "replies/edit", body)
        return item

    def delete_reply(self, platform: str, item_id: str) -> dict[str, Any]:
        """Delete a citizen's reply."""
        item: dict[str, Any] = self._call("POST", "replies/delete",
                                          {"platform": platform, "id": item_id})
        return item

    def seed(self, platform: str, post_id: str, count: int) -> int:
        """Add ``count`` citizens' replies under ``post_id`` at once."""
        answer = self._call("POST", "seed", {"platform": platform, "post_id": post_id,
                                             "count": count})
        return int(answer["seeded"])

    def subscribe_webhook(self, url: str, app_secret: str, verify_token: str) -> bool:
        """Subscribe ``url`` to Page events (after the verify-token handshake)."""
        answer = self._call("POST", "webhooks", {"url": url, "app_secret": app_secret,
                                                 "verify_token": verify_token})
        return bool(answer["subscribed"])

    def deliver_webhooks(self, raw: str | None = None) -> list[int]:
        """Send the queued Page events (or one ``raw`` body); their HTTP statuses."""
        answer = self._call("POST", "webhooks/deliver", {"raw": raw} if raw else {})
        return [int(status) for status in answer["statuses"]]

    def set_engagement(self, platform: str, item_id: str, *, likes: int,
                       reposts: int) -> dict[str, Any]:
        """The public likes (reacts to) and reposts (shares) post ``item_id`` this often."""
        return dict(self._call("POST", "engagement", {"platform": platform, "id": item_id,
                                                       "likes": likes, "reposts": reposts}))

    def _call(self, method: str, name: str, body: object = None,
              query: dict[str, str] | None = None) -> Any:
        url = f"{self.url}/_emulator/{name}" + (f"?{urlencode(query)}" if query else "")
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as exc:
            detail = json.load(exc).get("error", exc.reason)
            raise ValueError(f"emulator refused {method} /_emulator/{name}: {detail}") from exc


def _only(platform: str | None) -> dict[str, str] | None:
    return {"platform": platform} if platform else None
