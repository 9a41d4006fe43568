"""The subset of the Graph API the Facebook adapter uses, with Graph's errors and headers.

Served under any version prefix (``/v25.0/...``): ``GET me``, ``GET {id}``,
``GET|POST {page}/feed``, ``POST {page}/photos``, ``GET|POST {object}/comments``.
The access token is read from the query string, the form, or an ``OAuth``/``Bearer``
Authorization header. Every answer carries ``X-App-Usage`` and
``X-Business-Use-Case-Usage``.
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from social_assistant.emulator.exchange import ApiRequest, ApiResponse, json_response
from social_assistant.emulator.faults import Fault, WindowState
from social_assistant.emulator.records import FACEBOOK, Account, Item, Media
from social_assistant.emulator.routing import Route, RouteSpec, match_route

if TYPE_CHECKING:
    from social_assistant.emulator.citizens import PendingReply
    from social_assistant.emulator.state import Emulator

VERSIONED = re.compile(r"/(?P<version>v\d+\.\d+)(?P<rest>/.*)")
GRAPH_URL = "https://graph.facebook.com"
DUPLICATE_WINDOW = timedelta(hours=24)
POST_FIELDS = {"id", "message", "created_time", "from", "permalink_url", "link"}
COMMENT_FIELDS = {"id", "message", "created_time", "from", "parent", "permalink_url"}
DEFAULT_POST_FIELDS = {"id", "message", "created_time"}
DEFAULT_COMMENT_FIELDS = {"id", "message", "created_time", "from"}
RATE_LIMIT_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
    80001: "(#80001) There have been too many calls to this Page account. Wait a bit and "
           "try again.",
}
PERMISSION_MESSAGE = ("(#200) If posting to a page, requires both pages_read_engagement and "
                      "pages_manage_posts as an admin with sufficient administrative permission")


def _error(
    emulator: Emulator, status: int, message: str, code: int, *,
    kind: str = "OAuthException", subcode: int | None = None, transient: bool = False,
    headers: Mapping[str, str] | None = None,
) -> ApiResponse:
    error: dict[str, Any] = {"message": message, "type": kind, "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    if transient:
        error["is_transient"] = True
    error["fbtrace_id"] = f"AEmu{emulator.next_id('trace'):07d}"
    return json_response(status, {"error": error}, headers)


def _missing(emulator: Emulator, request: ApiRequest, object_id: str) -> ApiResponse:
    verb = "post" if request.method == "POST" else "get"
    return _error(emulator, 400, f"Unsupported {verb} request. Object with ID '{object_id}' "
                  "does not exist, cannot be loaded due to missing permissions, or does not "
                  "support this operation.", 100, kind="GraphMethodException", subcode=33)


def _fb_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _usage_headers(page_id: str, percent: int, regain_minutes: int) -> dict[str, str]:
    app = {"call_count": percent, "total_cputime": percent // 4, "total_time": percent // 4}
    business = {page_id: [{"type": "pages", **app,
                           "estimated_time_to_regain_access": regain_minutes}]}
    return {"x-app-usage": json.dumps(app), "x-business-use-case-usage": json.dumps(business)}


def _render(emulator: Emulator, item: Item, fields: set[str]) -> dict[str, Any]:
    parent = emulator.store.get(FACEBOOK, item.reply_to) if item.reply_to else None
    values: dict[str, Any] = {
        "id": item.id,
        "message": item.text or None,
        "created_time": _fb_time(item.created_at),
        "from": {"id": item.author_id, "name": item.author_name},
        "permalink_url": f"https://www.facebook.com/{item.id}",
        "link": item.link,
        "parent": _render(emulator, parent, DEFAULT_COMMENT_FIELDS)
        if parent is not None and parent.reply_to is not None else None,
    }
    return {k: v for k, v in values.items() if k in fields and v is not None}


# -- handlers -------------------------------------------------------------------------

def me(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /me: the Page the token belongs to."""
    return json_response(200, {"id": account.id, "name": account.name})


def get_object(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /{id}: a Page, post or comment."""
    page = emulator.account(FACEBOOK, params["id"])
    if page is not None:
        return json_response(200, {"id": page.id, "name": page.name})
    item = emulator.store.get(FACEBOOK, params["id"])
    if item is None or item.deleted:
        return _missing(emulator, request, params["id"])
    if item.reply_to is None and ENGAGEMENT_FIELD in (request.param("fields") or ""):
        return _engagement(emulator, request, item)
    allowed = POST_FIELDS if item.reply_to is None else COMMENT_FIELDS
    return _listing_fields(emulator, request, allowed, DEFAULT_POST_FIELDS, [item], single=True)


ENGAGEMENT_FIELD = ".summary(true)"


def _engagement(emulator: Emulator, request: ApiRequest, item: Item) -> ApiResponse:
    """A post's ``reactions`` / ``comments`` summaries and ``shares`` (absent when 0, as on
    Facebook), for ``fields=id,shares,reactions.summary(true).limit(0),...``."""
    body: dict[str, Any] = {"id": item.id}
    for field in (request.param("fields") or "").split(","):
        name = field.split(".")[0].strip()
        if name == "reactions":
            body["reactions"] = {"data": [], "summary": {"total_count": item.likes,
                                                         "viewer_reaction": "NONE"}}
        elif name == "comments":
            body["comments"] = {"data": [], "summary": {
                "order": "ranked", "total_count": emulator.store.replies_to(item),
                "can_comment": True}}
        elif name == "shares" and item.reposts:
            body["shares"] = {"count": item.reposts}
    return json_response(200, body)


def feed(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /{page}/feed: the Page's posts, newest first."""
    since = _moment(request.param("since"))
    until = _moment(request.param("until"))
    items = [i for i in reversed(emulator.store.of(FACEBOOK))
             if i.author_id == params["id"] and i.reply_to is None
             and (since is None or i.created_at >= since)
             and (until is None or i.created_at < until)]
    return _listing_fields(emulator, request, POST_FIELDS, DEFAULT_POST_FIELDS, items)


def create_post(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """POST /{page}/feed with message, link and attached_media[N]."""
    if params["id"] != account.id:
        return _error(emulator, 403, PERMISSION_MESSAGE, 200)
    message, link = request.param("message") or "", request.param("link")
    photos = _attached(emulator, request, account)
    if photos is None:
        return _error(emulator, 400, "(#100) attached_media must name unpublished photos of "
                      "this Page", 100)
    if not (message or link or photos):
        return _error(emulator, 400, "(#100) Missing message or attachment", 100)
    if message and _duplicate(emulator, account, message):
        return _error(emulator, 400, "(#506) Duplicate status message", 506)
    post = _new_post(emulator, account, message, photos, link)
    return json_response(200, {"id": post.id})


def photo(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """POST /{page}/photos (multipart ``source`` or ``url``); ``published=false`` to attach."""
    if params["id"] != account.id:
        return _error(emulator, 403, PERMISSION_MESSAGE, 200)
    upload = request.files.get("source")
    if upload is None and not request.param("url"):
        return _error(emulator, 400, "(#324) Requires upload file", 324)
    photo_id = str(emulator.next_id("fb_photo"))
    emulator.store.media[(FACEBOOK, photo_id)] = Media(
        FACEBOOK, photo_id, account.id, upload.filename if upload else request.param("url") or "",
        upload.content_type if upload else "image/jpeg", len(upload.data) if upload else 0)
    if request.param("published", "true") == "false":
        return json_response(200, {"id": photo_id})
    emulator.store.media[(FACEBOOK, photo_id)].used = True
    post = _new_post(emulator, account, request.param("message") or "", (photo_id,), None)
    return json_response(200, {"id": photo_id, "post_id": post.id})


def comments(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """GET /{object}/comments: ``filter=toplevel`` (default) or ``stream``; paged by cursor."""
    target = emulator.store.get(FACEBOOK, params["id"])
    if target is None or target.deleted:
        return _missing(emulator, request, params["id"])
    stream = request.param("filter", "toplevel") == "stream" and target.reply_to is None
    items = [i for i in emulator.store.conversation(FACEBOOK, target.conversation_id)
             if i.reply_to is not None and i.visible
             and (stream or i.reply_to == target.id)]
    order = request.param("order", "chronological")
    if order not in ("chronological", "reverse_chronological"):
        return _error(emulator, 400, "(#100) order must be one of chronological, "
                      "reverse_chronological", 100)
    if order == "reverse_chronological":
        items.reverse()
    return _listing_fields(emulator, request, COMMENT_FIELDS, DEFAULT_COMMENT_FIELDS, items)


def comment(
    emulator: Emulator, request: ApiRequest, account: Account, params: Mapping[str, str]
) -> ApiResponse:
    """POST /{object}/comments: comment on a post, or reply to a comment."""
    target = emulator.store.get(FACEBOOK, params["id"])
    if target is None:
        return _missing(emulator, request, params["id"])
    message = request.param("message") or ""
    if not message:
        return _error(emulator, 400, "(#100) Missing message or attachment", 100)
    # Replies nest one level only: answering a reply answers its top-level comment.
    top = target
    if target.reply_to is not None and target.reply_to != target.conversation_id:
        top = emulator.store.get(FACEBOOK, target.reply_to) or target
    number = emulator.next_id("fb_comment")
    item = emulator.add_post(Item(
        FACEBOOK, f"{top.conversation_id.rpartition('_')[2]}_{number}", account.id,
        account.handle, account.name, message, emulator.now(),
        conversation_id=top.conversation_id, reply_to=top.id, reply_to_author=top.author_id))
    return json_response(200, {"id": item.id})


def _new_post(
    emulator: Emulator, account: Account, message: str, photos: tuple[str, ...],
    link: str | None,
) -> Item:
    post_id = f"{account.id}_{emulator.next_id('fb_post')}"
    return emulator.add_post(Item(
        FACEBOOK, post_id, account.id, account.handle, account.name, message, emulator.now(),
        conversation_id=post_id, media_ids=photos, link=link))


def _attached(emulator: Emulator, request: ApiRequest, account: Account) -> tuple[str, ...] | None:
    """Photo ids from ``attached_media[N]`` fields, or None if one is not usable."""
    found: list[str] = []
    for key in sorted(k for k in request.form if k.startswith("attached_media[")):
        try:
            photo_id = str(json.loads(request.form[key])["media_fbid"])
        except (ValueError, KeyError, TypeError):
            return None
        media = emulator.store.media.get((FACEBOOK, photo_id))
        if media is None or media.owner != account.id or media.used:
            return None
        media.used = True
        found.append(photo_id)
    return tuple(found)


def _duplicate(emulator: Emulator, account: Account, message: str) -> bool:
    since = emulator.now() - DUPLICATE_WINDOW
    return any(i.author_id == account.id and i.reply_to is None and i.text == message
               and i.created_at >= since for i in emulator.store.of(FACEBOOK))


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    if value.isdigit():
        return datetime.fromtimestamp(int(value), UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=moment.tzinfo or UTC)


def _listing_fields(
    emulator: Emulator, request: ApiRequest, allowed: set[str], default: set[str],
    items: list[Item], *, single: bool = False,
) -> ApiResponse:
    """Render ``items`` with the requested ``fields``; one page of a connection."""
    fields = {f.strip() for f in (request.param("fields") or "").split(",") if f.strip()}
    unknown = sorted((fields or default) - allowed)
    if unknown:
        return _error(emulator, 400, f"(#100) Tried accessing nonexisting field ({unknown[0]})",
                      100)
    if single:
        return json_response(200, _render(emulator, items[0], fields or default))
    limit_text = request.param("limit", "25") or "25"
    limit = min(100, max(1, int(limit_text))) if limit_text.isdigit() else 25
    start = _start(items, request.param("after"))
    if start is None:
        return _error(emulator, 400, "(#100) The after cursor is not valid", 100)
    page = items[start : start + limit]
    emulator.reads[FACEBOOK] += len(page)
    body: dict[str, Any] = {"data": [_render(emulator, i, fields or default) for i in page]}
    if page:
        body["paging"] = {"cursors": {"before": _cursor(page[0].id),
                                      "after": _cursor(page[-1].id)}}
        if start + limit < len(items):
            query = {**request.query, "after": _cursor(page[-1].id)}
            body["paging"]["next"] = f"{GRAPH_URL}{request.path}?{urlencode(query)}"
    return json_response(200, body)


def _cursor(item_id: str) -> str:
    return base64.urlsafe_b64encode(item_id.encode()).decode().rstrip("=")


def _start(items: list[Item], after: str | None) -> int | None:
    if not after:
        return 0
    try:
        item_id = base64.urlsafe_b64decode(after + "=" * (-len(after) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    ids = [i.id for i in items]
    return ids.index(item_id) + 1 if item_id in ids else None


# -- the platform ---------------------------------------------------------------------

ROUTES = (
    RouteSpec("GET", r"/me", me, "graph", "fb_call_limit"),
    RouteSpec("GET", r"/(?P<id>[^/]+)/feed", feed, "graph", "fb_call_limit"),
    RouteSpec("POST", r"/(?P<id>[^/]+)/feed", create_post, "graph", "fb_call_limit"),
    RouteSpec("POST", r"/(?P<id>[^/]+)/photos", photo, "graph", "fb_call_limit"),
    RouteSpec("GET", r"/(?P<id>[^/]+)/comments", comments, "graph", "fb_call_limit"),
    RouteSpec("POST", r"/(?P<id>[^/]+)/comments", comment, "graph", "fb_call_limit"),
    RouteSpec("GET", r"/(?P<id>[^/]+)", get_object, "graph", "fb_call_limit"),
)


class GraphApi:
    """The Graph API as the dispatcher sees it."""

    platform = FACEBOOK

    def claims(self, path: str) -> bool:
        return VERSIONED.fullmatch(path) is not None

    def route(self, request: ApiRequest) -> Route | None:
        found = VERSIONED.fullmatch(request.path)
        return match_route(ROUTES, request.method, found["rest"]) if found else None

    def token(self, request: ApiRequest) -> str | None:
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme in ("OAuth", "Bearer") and value.strip():
            return value.strip()
        return request.param("access_token") or None

    def not_found(self, emulator: Emulator, request: ApiRequest) -> ApiResponse:
        return _error(emulator, 400, f"Unknown path components: {request.path}", 2500)

    def unauthorized(self, emulator: Emulator, request: ApiRequest) -> ApiResponse:
        if not self.token(request):
            return _error(emulator, 400, "An active access token must be used to query "
                          "information about the current user.", 2500)
        return _error(emulator, 400, "Invalid OAuth access token - Cannot parse access token",
                      190)

    def meter(self, emulator: Emulator, route: Route, account: Account) -> list[WindowState]:
        return [emulator.windows.hit(f"{account.id} graph", emulator.now(), emulator.limits,
                                     "fb_call_limit")]

    def rate_limited(
        self, emulator: Emulator, windows: list[WindowState], account: Account
    ) -> ApiResponse:
        return _error(emulator, 400, RATE_LIMIT_MESSAGES[32], 32,
                      headers=self.rate_headers(emulator, windows, account))

    def rate_headers(
        self, emulator: Emulator, windows: list[WindowState], account: Account
    ) -> dict[str, str]:
        window = windows[0]
        percent = min(100, window.used * 100 // window.limit)
        wait = (window.reset_at - emulator.now()).total_seconds() if window.exceeded else 0
        return _usage_headers(account.id, percent, math.ceil(wait / 60))

    def fault(self, emulator: Emulator, fault: Fault) -> ApiResponse:
        if fault.type == "error":
            return self._server_error(emulator, fault.status or 500, fault.html)
        if fault.type == "rate_limit":
            code = fault.code or 32
            page_id = emulator.accounts[FACEBOOK][0].id
            headers = _usage_headers(page_id, 100, math.ceil(fault.reset_seconds / 60))
            if fault.retry_after is not None:
                headers["retry-after"] = str(fault.retry_after)
            message = RATE_LIMIT_MESSAGES.get(code, f"(#{code}) Rate limit reached")
            return _error(emulator, 400, message, code, headers=headers)
        if fault.type == "duplicate":
            return _error(emulator, 400, "(#506) Duplicate status message", 506)
        return _error(emulator, 400, "Error validating access token: Session has expired.",
                      190, subcode=463)

    def _server_error(self, emulator: Emulator, status: int, html: bool) -> ApiResponse:
        if html:
            page = f"<html><head><title>{status}</title></head><body>Error {status}</body></html>"
            return ApiResponse(status, page.encode(), content_type="text/html; charset=utf-8")
        return _error(emulator, status, "An unexpected error has occurred. Please retry your "
                      "request later.", 2, transient=True)

    def citizen_item(self, emulator: Emulator, pending: PendingReply) -> Item:
        parent_id = (pending.parent.published_id if pending.parent else None) or pending.root_id
        parent = emulator.store.get(FACEBOOK, parent_id)
        assert parent is not None
        if parent.reply_to is not None and parent.reply_to != parent.conversation_id:
            parent = emulator.store.get(FACEBOOK, parent.reply_to) or parent
        number = emulator.next_id("fb_comment")
        return Item(
            FACEBOOK, f"{pending.root_id.rpartition('_')[2]}_{number}", pending.author.fb_id,
            pending.author.name, pending.author.name, pending.entry.text, pending.due,
            conversation_id=pending.root_id, reply_to=parent.id,
            reply_to_author=parent.author_id, from_client=False, kind=pending.entry.kind,
            category=pending.entry.category)


GRAPH_API = GraphApi()
