"""``/_emulator/*``: inspect and steer the emulator (not part of any platform's API).

=======  ======================  =====================================================
GET      /_emulator/health       ``{"status", "now", "posts", "calls", "throttled"}``
GET      /_emulator/posts        what clients posted (``?platform=x|facebook``)
GET      /_emulator/replies      citizens' replies visible now (``?platform=``)
POST     /_emulator/reset        forget everything (posts, replies, faults, limits)
GET      /_emulator/faults       pending faults, limits and ``strict_tokens``
POST     /_emulator/faults       set them (see ``faults.py`` for the JSON)
GET      /_emulator/clock        the emulator's time
POST     /_emulator/clock        ``{"advance_seconds": 600}`` moves time forward
GET      /_emulator/citizens     how citizens react to new posts
POST     /_emulator/citizens     change that (``{"time_scale": 0.01}``, ...)
POST     /_emulator/replies/add  a citizen writes: ``{"platform", "text", "reply_to"}``
                                 (X: ``reply_to`` null is a new tweet, e.g. a mention)
POST     /_emulator/replies/edit ``{"platform", "id", "text"}`` (X: a new version id)
POST     /_emulator/replies/delete  ``{"platform", "id"}``: no longer served
POST     /_emulator/seed         ``{"platform", "post_id", "count"}``: replies in bulk
POST     /_emulator/webhooks     subscribe ``{"url", "app_secret", "verify_token"}``
POST     /_emulator/webhooks/deliver  send the queued Page events (or ``{"raw": ...}``)
POST     /_emulator/engagement   ``{"platform", "id", "likes", "reposts"}`` on one post
=======  ======================  =====================================================

``health`` also counts ``reads``: items served by read endpoints per platform (X bills
each one), and ``endpoints``: calls per endpoint (``"GET /2/tweets/search/recent"``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

from social_assistant.emulator import citizen_actions, webhooks
from social_assistant.emulator.citizens import CitizenSettings
from social_assistant.emulator.exchange import ApiRequest, ApiResponse, json_response
from social_assistant.emulator.faults import Fault, RateLimits

if TYPE_CHECKING:
    from social_assistant.emulator.state import Emulator

PREFIX = "/_emulator/"
LIMIT_KEYS = frozenset(f.name for f in fields(RateLimits))
Action = Callable[["Emulator", ApiRequest], Any]


def handle(emulator: Emulator, request: ApiRequest) -> ApiResponse:
    """Answer a control request (400 with ``{"error": ...}`` for a bad body)."""
    action = ACTIONS.get((request.method, request.path.removeprefix(PREFIX).strip("/")))
    if action is None:
        return json_response(404, {"error": f"no control endpoint {request.method} "
                                            f"{request.path}"})
    try:
        return json_response(200, action(emulator, request))
    except (ValueError, TypeError) as exc:
        return json_response(400, {"error": str(exc)})


def _body(request: ApiRequest) -> dict[str, Any]:
    body = request.json()
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ValueError("the body must be a JSON object")
    return body


def _health(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    return {
        "status": "ok",
        "now": emulator.now().isoformat(),
        "posts": len(emulator.posts()),
        "calls": dict(emulator.calls),
        "throttled": dict(emulator.throttled),
        "reads": dict(emulator.reads),
        "endpoints": dict(emulator.endpoint_calls),
    }


def _posts(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    return {"posts": emulator.posts(request.query.get("platform"))}


def _replies(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    return {"replies": emulator.citizen_replies(request.query.get("platform")),
            "pending": len(emulator.pending)}


def _reset(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    emulator.reset()
    return {"status": "reset"}


def _faults(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    return {"faults": emulator.faults.to_json(), "limits": asdict(emulator.limits),
            "strict_tokens": emulator.strict_tokens}


def _set_faults(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    body = _body(request)
    # Limit keys may also stand at the top level: {"x_post_limit": 100, "window_seconds": 900}.
    flat = {key: body.pop(key) for key in list(body) if key in LIMIT_KEYS}
    unknown = set(body) - {"faults", "limits", "strict_tokens"}
    if unknown:
        raise ValueError(f"unknown keys: {', '.join(sorted(unknown))}")
    if "faults" in body:
        emulator.faults.faults = [Fault.from_json(f) for f in body["faults"]]
    if "limits" in body or flat:
        emulator.limits = RateLimits.from_json({**body.get("limits", {}), **flat})
    if "strict_tokens" in body:
        emulator.strict_tokens = bool(body["strict_tokens"])
    return _faults(emulator, request)


def _clock(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    return {"now": emulator.now().isoformat()}


def _advance(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    seconds = float(_body(request).get("advance_seconds", 0))
    if seconds < 0:
        raise ValueError("advance_seconds must not be negative")
    emulator.advance(seconds)
    emulator.materialize()
    return _clock(emulator, request)


def _citizens(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    return asdict(emulator.citizens)


def _set_citizens(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    emulator.citizens = CitizenSettings.from_json(_body(request), emulator.citizens)
    return _citizens(emulator, request)


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{key} must be a non-empty string")
    return value


def _add_reply(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    body = _body(request)
    reply_to = body.get("reply_to")
    item = citizen_actions.write_reply(
        emulator, _text(body, "platform"), _text(body, "text"),
        str(reply_to) if reply_to else None, int(body.get("author", 0)))
    return item.summary()


def _edit_reply(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    body = _body(request)
    return citizen_actions.edit_reply(
        emulator, _text(body, "platform"), _text(body, "id"), _text(body, "text")).summary()


def _delete_reply(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    body = _body(request)
    return citizen_actions.delete_reply(
        emulator, _text(body, "platform"), _text(body, "id")).summary()


def _seed(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    body = _body(request)
    count = citizen_actions.seed_replies(
        emulator, _text(body, "platform"), _text(body, "post_id"), int(body.get("count", 0)),
        float(body.get("spacing_seconds", 1.0)))
    return {"seeded": count}


def _subscribe(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    body = _body(request)
    url, secret = _text(body, "url"), _text(body, "app_secret")
    verified = webhooks.verify(url, str(body.get("verify_token", "")), emulator.seed)
    emulator.webhook = webhooks.WebhookSubscription(url, secret) if verified else None
    emulator.webhook_events = []
    return {"subscribed": verified}


def _deliver(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    if emulator.webhook is None:
        raise ValueError("no webhook subscription (POST /_emulator/webhooks first)")
    raw = _body(request).get("raw")
    events: list[Any] = [raw.encode()] if isinstance(raw, str) else emulator.webhook_events
    emulator.webhook_events = []
    return {"statuses": [webhooks.deliver(emulator.webhook, event) for event in events]}


def _set_engagement(emulator: Emulator, request: ApiRequest) -> dict[str, Any]:
    body = _body(request)
    item = emulator.store.get(_text(body, "platform"), _text(body, "id"))
    if item is None:
        raise ValueError(f"no {body.get('platform')} post {body.get('id')!r}")
    item.likes, item.reposts = int(body.get("likes", 0)), int(body.get("reposts", 0))
    return {"id": item.id, "likes": item.likes, "reposts": item.reposts}


ACTIONS: dict[tuple[str, str], Action] = {
    ("GET", "health"): _health,
    ("GET", "posts"): _posts,
    ("GET", "replies"): _replies,
    ("POST", "reset"): _reset,
    ("GET", "faults"): _faults,
    ("POST", "faults"): _set_faults,
    ("GET", "clock"): _clock,
    ("POST", "clock"): _advance,
    ("GET", "citizens"): _citizens,
    ("POST", "citizens"): _set_citizens,
    ("POST", "replies/add"): _add_reply,
    ("POST", "replies/edit"): _edit_reply,
    ("POST", "replies/delete"): _delete_reply,
    ("POST", "seed"): _seed,
    ("POST", "webhooks"): _subscribe,
    ("POST", "webhooks/deliver"): _deliver,
    ("POST", "engagement"): _set_engagement,
}
