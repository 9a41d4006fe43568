"""The subset of X API v2 the X adapter uses, with X's status codes, bodies and headers.

Served: ``POST /2/tweets``, ``POST /2/media/upload``, ``GET /2/users/me``,
``GET /2/users/:id/tweets``, ``GET /2/users/:id/mentions``, ``GET /2/tweets/search/recent``.
Search queries are read by :mod:`social_assistant.emulator.x_query`.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from social_assistant.emulator.exchange import ApiRequest, ApiResponse, json_response
from social_assistant.emulator.faults import Fault, WindowState
from social_assistant.emulator.records import Account, Item, Media, X
from social_assistant.emulator.routing import Route, RouteSpec, match_route
from social_assistant.emulator.x_query import URL_PATTERN, QueryParser

if TYPE_CHECKING:
    from social_assistant.emulator.citizens import PendingReply
    from social_assistant.emulator.state import Emulator

SEARCH_WINDOW = timedelta(days=7)
MENTIONS_REACH = 800  # the mentions timeline reaches back this many tweets
CONVERSATIONS_ONLY = re.compile(r"conversation_id:\d+(?: OR conversation_id:\d+)*")
DUPLICATE_WINDOW = timedelta(hours=24)
MAX_TWEET_LENGTH = 280
URL_WEIGHT = 23
INVALID_REQUEST = "https://api.twitter.com/2/problems/invalid-request"
DUPLICATE_DETAIL = "You are not allowed to create a Tweet with duplicate content."
TOO_LONG_DETAIL = ("Your Tweet text is too long. For more information on how X determines "
                   "text length see https://github.com/twitter/twitter-text.")


def _problem(status: int, detail: str | None = None, **headers: str) -> ApiResponse:
    title = HTTPStatus(status).phrase
    body = {"title": title, "detail": detail or title, "type": "about:blank", "status": status}
    return json_response(status, body, headers)


def _invalid(message: str, **parameters: list[str]) -> ApiResponse:
    return json_response(400, {
        "errors": [{"parameters": parameters, "message": message}],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": INVALID_REQUEST,
    })


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _csv(value: str | None) -> set[str]:
    return {part for part in (value or "").split(",") if part}


def _tweet(item: Item, fields: set[str]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "text": item.text,
                            "edit_history_tweet_ids": list(item.edit_history or (item.id,))}
    optional: dict[str, Any] = {
        "author_id": item.author_id,
        "created_at": _timestamp(item.created_at),
        "conversation_id": item.conversation_id,
        "in_reply_to_user_id": item.reply_to_author,
        "referenced_tweets": [{"type": "replied_to", "id": item.reply_to}]
        if item.reply_to else None,
        "attachments": {"media_keys": [f"3_{m}" for m in item.media_ids]}
        if item.media_ids else None,
    }
    data.update({k: v for k, v in optional.items() if k in fields and v is not None})
    return data


# -- handlers -------------------------------------------------------------------------

def create_tweet(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """POST /2/tweets."""
    try:
        body = request.json()
    except ValueError:
        return _invalid("The request body is not valid JSON.")
    if not isinstance(body, dict):
        return _invalid("The request body must be a JSON object.")
    text = str(body.get("text") or "")
    media_ids = tuple(str(m) for m in (body.get("media") or {}).get("media_ids", []))
    reply_to = (body.get("reply") or {}).get("in_reply_to_tweet_id")
    parent = emulator.store.get(X, str(reply_to)) if reply_to else None
    problem = _tweet_problem(emulator, account, text, media_ids, reply_to, parent)
    if problem is not None:
        return problem
    tweet_id = str(emulator.next_id("tweet"))
    for media_id in media_ids:
        emulator.store.media[(X, media_id)].used = True
    emulator.add_post(Item(
        X, tweet_id, account.id, account.handle, account.name, text, emulator.now(),
        conversation_id=parent.conversation_id if parent else tweet_id,
        reply_to=parent.id if parent else None,
        reply_to_author=parent.author_id if parent else None,
        media_ids=media_ids, link=next(iter(URL_PATTERN.findall(text)), None)))
    return json_response(201, {"data": {"id": tweet_id, "text": text,
                                        "edit_history_tweet_ids": [tweet_id]}})


def _tweet_problem(
    emulator: Emulator, account: Account, text: str, media_ids: tuple[str, ...],
    reply_to: object, parent: Item | None,
) -> ApiResponse | None:
    if not text and not media_ids:
        return _invalid("Either text or media is required.", text=[""])
    if len(URL_PATTERN.sub("x" * URL_WEIGHT, text)) > MAX_TWEET_LENGTH:
        return _problem(403, TOO_LONG_DETAIL)
    unknown = [m for m in media_ids if (X, m) not in emulator.store.media
               or emulator.store.media[(X, m)].owner != account.id]
    if unknown:
        return _invalid("Your media IDs are invalid.", media_ids=unknown)
    if reply_to and parent is None:
        return _problem(403, "You attempted to reply to a Tweet that is deleted or not "
                             "visible to you.")
    since = emulator.now() - DUPLICATE_WINDOW
    if text and any(i.author_id == account.id and i.text == text and i.created_at >= since
                    for i in emulator.store.of(X)):
        return _problem(403, DUPLICATE_DETAIL)
    return None


def upload_media(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """POST /2/media/upload (simple, multipart)."""
    upload = request.files.get("media")
    if upload is None:
        return _invalid("The `media` field is required.", media=[""])
    media_id = str(emulator.next_id("media"))
    content_type = request.form.get("media_type") or upload.content_type
    emulator.store.media[(X, media_id)] = Media(
        X, media_id, account.id, upload.filename, content_type, len(upload.data))
    return json_response(200, {"data": {
        "id": media_id, "media_key": f"3_{media_id}", "size": len(upload.data),
        "expires_after_secs": 86400, "image": {"image_type": content_type}}})


def users_me(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /2/users/me."""
    return json_response(200, {"data": {"id": account.id, "name": account.name,
                                        "username": account.handle}})


def user_tweets(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /2/users/:id/tweets, newest first."""
    items = [i for i in emulator.store.of(X) if i.author_id == params["id"] and i.visible]
    return _listing(emulator, request, items, "pagination_token", 5)


def mentions(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /2/users/:id/mentions, newest first (only the latest 800, as on X)."""
    handle = next((i.author_handle for i in emulator.store.of(X)
                   if i.author_id == params["id"]), None)
    known = emulator.account(X, params["id"])
    handle = known.handle if known else handle
    tag = f"@{handle}".lower()
    items = [i for i in emulator.store.of(X) if handle and i.visible
             and tag in i.text.lower() and i.author_id != params["id"]]
    items = sorted(items, key=lambda i: int(i.id))[-MENTIONS_REACH:]
    return _listing(emulator, request, items, "pagination_token", 5)


def search_recent(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /2/tweets/search/recent (the last 7 days)."""
    query = request.query.get("query", "")
    since = emulator.now() - SEARCH_WINDOW
    if CONVERSATIONS_ONLY.fullmatch(query):  # what the collector asks: answered by index
        candidates = [i for c in dict.fromkeys(re.findall(r"\d+", query))
                      for i in emulator.store.conversation(X, c)]
        items = [i for i in candidates if i.created_at >= since and i.visible]
        return _listing(emulator, request, items, "next_token", 10)
    matcher = QueryParser(query).parse() if query else None
    if matcher is None:
        return _invalid(f"The query [{query}] is empty or uses an operator the emulator "
                        "does not know.", query=[query])
    items = [i for i in emulator.store.of(X)
             if i.created_at >= since and i.visible and matcher(i)]
    return _listing(emulator, request, items, "next_token", 10)


def lookup_tweets(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /2/tweets?ids=: tweets by id (at most 100), with ``public_metrics`` if asked.

    An edited tweet's earlier versions are still served by id (as X does); a deleted or
    unknown id is listed in ``errors`` as X lists it ("Not Found Error")."""
    ids = [i for i in (request.query.get("ids") or "").split(",") if i]
    if not ids or len(ids) > 100 or not all(i.isdigit() for i in ids):
        return _invalid("The `ids` query parameter must hold 1 to 100 tweet ids.", ids=ids)
    fields = _csv(request.query.get("tweet.fields"))
    data: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for tweet_id in ids:
        item = emulator.store.get(X, tweet_id)
        if item is None or item.deleted:
            errors.append({"value": tweet_id, "detail": f"Could not find tweet with ids: "
                           f"[{tweet_id}].", "title": "Not Found Error", "resource_type":
                           "tweet", "parameter": "ids", "resource_id": tweet_id,
                           "type": "https://api.twitter.com/2/problems/resource-not-found"})
            continue
        tweet = _tweet(item, fields)
        if "public_metrics" in fields:
            tweet["public_metrics"] = {
                "retweet_count": item.reposts, "reply_count": emulator.store.replies_to(item),
                "like_count": item.likes, "quote_count": 0, "bookmark_count": 0,
                "impression_count": 0}
        data.append(tweet)
    emulator.reads[X] += len(data)  # X bills every post a read returns
    body: dict[str, Any] = {"data": data} if data else {}
    if errors:
        body["errors"] = errors
    return json_response(200, body)


# -- listings -------------------------------------------------------------------------

def _listing(
    emulator: Emulator, request: ApiRequest, items: list[Item], token_param: str, low: int
) -> ApiResponse:
    """One page of ``items`` (newest first) with X's meta, includes and paging."""
    raw_max = request.query.get("max_results", "10")
    if not raw_max.isdigit() or not low <= int(raw_max) <= 100:
        return _invalid(f"The `max_results` query parameter value [{raw_max}] is not "
                        f"between {low} and 100", max_results=[raw_max])
    try:
        items = _within(items, request, request.query.get(token_param))
    except ValueError as exc:
        return _invalid(str(exc))
    items.sort(key=lambda i: int(i.id), reverse=True)
    page, more = items[: int(raw_max)], len(items) > int(raw_max)
    emulator.reads[X] += len(page)  # X bills every post a read returns
    meta: dict[str, Any] = {"result_count": len(page)}
    body: dict[str, Any] = {"meta": meta}
    if page:
        meta.update(newest_id=page[0].id, oldest_id=page[-1].id)
        body["data"] = [_tweet(i, _csv(request.query.get("tweet.fields"))) for i in page]
        if "author_id" in _csv(request.query.get("expansions")):
            users = {i.author_id: {"id": i.author_id, "name": i.author_name,
                                   "username": i.author_handle} for i in page}
            body["includes"] = {"users": list(users.values())}
    if more:
        meta["next_token"] = _encode_token(page[-1].id)
    return json_response(200, body)


def _within(items: list[Item], request: ApiRequest, token: str | None) -> list[Item]:
    """``items`` filtered by since_id, until_id, start_time, end_time and the page token."""
    query = request.query
    low = int(_number(query.get("since_id"), "since_id") or -1)
    high = min(int(_number(query.get("until_id"), "until_id") or 10**30),
               int(_decode_token(token)) if token else 10**30)
    start = _time(query.get("start_time"), "start_time")
    end = _time(query.get("end_time"), "end_time")
    return [i for i in items if low < int(i.id) < high
            and (start is None or i.created_at >= start) and (end is None or i.created_at < end)]


def _number(value: str | None, name: str) -> str | None:
    if value is not None and not value.isdigit():
        raise ValueError(f"The `{name}` query parameter value [{value}] is not a valid ID")
    return value


def _time(value: str | None, name: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value) if value else None
    except ValueError:
        raise ValueError(f"The `{name}` query parameter value [{value}] is not a valid "
                         "time (YYYY-MM-DDTHH:mm:ssZ)") from None
    return moment.replace(tzinfo=moment.tzinfo or UTC) if moment else None


def _encode_token(tweet_id: str) -> str:
    return base64.b32encode(tweet_id.encode()).decode().rstrip("=").lower()


def _decode_token(token: str) -> str:
    try:
        padded = token.upper() + "=" * (-len(token) % 8)
        value = base64.b32decode(padded).decode()
    except (ValueError, UnicodeDecodeError):
        value = ""
    if not value.isdigit():
        raise ValueError(f"The pagination token [{token}] is not valid")
    return value


# -- the platform ---------------------------------------------------------------------

ROUTES = (
    RouteSpec("POST", r"/2/tweets", create_tweet, "POST /2/tweets", "x_post_limit"),
    RouteSpec("POST", r"/2/media/upload", upload_media, "POST /2/media/upload"),
    RouteSpec("GET", r"/2/users/me", users_me, "GET /2/users/me"),
    RouteSpec("GET", r"/2/users/(?P<id>\d+)/tweets", user_tweets, "GET /2/users/:id/tweets",
              "x_read_limit"),
    RouteSpec("GET", r"/2/users/(?P<id>\d+)/mentions", mentions, "GET /2/users/:id/mentions",
              "x_read_limit"),
    RouteSpec("GET", r"/2/tweets/search/recent", search_recent, "GET /2/tweets/search/recent",
              "x_read_limit"),
    RouteSpec("GET", r"/2/tweets", lookup_tweets, "GET /2/tweets", "x_read_limit"),
)


class XApi:
    """X API v2 as the dispatcher sees it."""

    platform = X

    def claims(self, path: str) -> bool:
        return path.startswith("/2/")

    def route(self, request: ApiRequest) -> Route | None:
        return match_route(ROUTES, request.method, request.path)

    def token(self, request: ApiRequest) -> str | None:
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer "):
            return header.removeprefix("Bearer ").strip() or None
        found = re.search(r'oauth_token="([^"]*)"', header)
        return unquote(found.group(1)) if header.startswith("OAuth ") and found else None

    def not_found(self, emulator: Emulator, request: ApiRequest) -> ApiResponse:
        return json_response(404, {"errors": [{"message": "Sorry, that page does not exist",
                                               "code": 34}]})

    def unauthorized(self, emulator: Emulator, request: ApiRequest) -> ApiResponse:
        return _problem(401)

    def meter(self, emulator: Emulator, route: Route, account: Account) -> list[WindowState]:
        key, now, limits = f"{account.id} {route.spec.endpoint}", emulator.now(), emulator.limits
        windows = [emulator.windows.hit(key, now, limits, route.spec.limit or "")]
        if route.spec.limit == "x_post_limit":
            windows.append(emulator.windows.hit(f"{key} 24h", now, limits,
                                                "x_daily_post_limit", seconds=86400))
        return windows

    def rate_limited(
        self, emulator: Emulator, windows: list[WindowState], account: Account
    ) -> ApiResponse:
        return _problem(429, **self.rate_headers(emulator, windows, account))

    def rate_headers(
        self, emulator: Emulator, windows: list[WindowState], account: Account
    ) -> dict[str, str]:
        headers: dict[str, str] = {}
        for window, prefix in zip(windows, ("x-rate-limit", "x-user-limit-24hour"),
                                  strict=False):
            headers[f"{prefix}-limit"] = str(window.limit)
            headers[f"{prefix}-remaining"] = str(window.remaining)
            headers[f"{prefix}-reset"] = str(math.ceil(window.reset_at.timestamp()))
        return headers

    def fault(self, emulator: Emulator, fault: Fault) -> ApiResponse:
        if fault.type == "error":
            status = fault.status or 500
            if fault.html:
                page = f"<html><body><h1>{status} {HTTPStatus(status).phrase}</h1></body></html>"
                return ApiResponse(status, page.encode(), content_type="text/html; charset=utf-8")
            return _problem(status)
        if fault.type == "rate_limit":
            reset = math.ceil(emulator.now().timestamp()) + fault.reset_seconds
            return _problem(429, **{"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0",
                                    "x-rate-limit-reset": str(reset)})
        if fault.type == "duplicate":
            return _problem(403, DUPLICATE_DETAIL)
        return _problem(401)

    def citizen_item(self, emulator: Emulator, pending: PendingReply) -> Item:
        parent_id = (pending.parent.published_id if pending.parent else None) or pending.root_id
        parent = emulator.store.get(X, parent_id)
        root = emulator.store.get(X, pending.root_id)
        assert parent is not None and root is not None
        handles = dict.fromkeys(f"@{i.author_handle}" for i in (parent, root))
        return Item(
            X, str(emulator.next_id("tweet")), pending.author.x_id, pending.author.username,
            pending.author.name, f"{' '.join(handles)} {pending.entry.text}", pending.due,
            conversation_id=pending.root_id, reply_to=parent.id,
            reply_to_author=parent.author_id, from_client=False, kind=pending.entry.kind,
            category=pending.entry.category)


X_API = XApi()
