"""Facebook Pages (Graph API) through facebook-sdk. The only module that imports facebook.

facebook-sdk 3.1.0 (2018) accepts only Graph versions 2.8-3.1 in its constructor, so the
version is set on the instance afterwards. It drops response headers; the session's
:class:`ResponseRecorder` keeps them for rate-limit and usage information.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import facebook
import requests

from social_assistant.channels._http import (
    ResponseRecorder,
    SeenResponse,
    mount_platform,
    parse_time,
    server_now,
    transport_error,
)
from social_assistant.channels._watermark import TimeWatermark
from social_assistant.channels.base import (
    AmbiguousError,
    Channel,
    ChannelError,
    ChannelSpec,
    CredentialsError,
    DuplicatePost,
    Engagement,
    OutgoingPost,
    PermanentError,
    PostResult,
    RateLimited,
    RateState,
    RejectedItem,
    RemotePost,
    RemoteReply,
    ReplyPage,
    Reserve,
)

KIND = "facebook"
GRAPH_HOSTS = ("https://graph.facebook.com",)
POST_URL = "https://www.facebook.com/{}"
POST_FIELDS = "id,message,created_time,from"
ENGAGEMENT_FIELDS = "id,shares,reactions.summary(true).limit(0),comments.summary(true).limit(0)"
COMMENT_FIELDS = "id,from,message,created_time,parent"
PAGE_SIZE = 100
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80001})
AMBIGUOUS_CODES = frozenset({1, 2})
DUPLICATE_CODE = 506
TOKEN_CODES = frozenset({102, 190, 2500})
PERMISSION_CODES = frozenset({10, 3, 200})
NEEDED_PERMISSIONS = ("pages_manage_posts, pages_read_engagement, pages_read_user_content, "
                      "pages_manage_engagement")
USAGE_HEADERS = ("x-business-use-case-usage", "x-page-usage", "x-app-usage")
DEFAULT_WAIT = timedelta(minutes=15)
EPOCH = datetime.fromtimestamp(0, UTC)
Payload = dict[str, Any]


class FacebookChannel(Channel):
    """A Facebook Page, written to with a Page access token."""

    kind = KIND

    def __init__(self, spec: ChannelSpec) -> None:
        super().__init__(spec)
        if not spec.page_id:
            raise PermanentError(f"channel {spec.name!r} (facebook): page_id is missing")
        self._page_id = spec.page_id
        self._recorder = ResponseRecorder(_rate_state)
        session = requests.Session()
        mount_platform(session, spec, GRAPH_HOSTS, self._recorder)
        self._graph = facebook.GraphAPI(access_token=spec.secret("page_token"), session=session)
        self._graph.version = spec.graph_version

    def publish(self, post: OutgoingPost) -> PostResult:
        """A feed post (with ``link``), a photo post, or a post with several photos."""
        message = post.text or "\n\n".join(post.thread_parts)
        media = _checked_media(post.media)
        with self._errors("publish a post"):
            if not media:
                link = {"link": post.link} if post.link else {}
                result = self._graph.put_object(self._page_id, "feed", message=message, **link)
            else:
                message = f"{message}\n{post.link}" if post.link else message
                result = self._publish_photos(media, message)
        post_id = _result_id(result, "post_id") or _result_id(result, "id")
        if post_id is None:
            raise AmbiguousError("Facebook answered the post without an id; it may be up")
        return PostResult(post_id, POST_URL.format(post_id), (post_id,))

    def reply(self, parent_id: str, text: str) -> PostResult:
        """Comment on the post or comment ``parent_id``."""
        with self._errors("reply"):
            result = self._graph.put_object(parent_id, "comments", message=text)
        comment_id = _result_id(result, "id")
        if comment_id is None:
            raise AmbiguousError("Facebook answered the reply without an id; it may be up")
        return PostResult(comment_id, None, (comment_id,))

    def recent_posts(self, since: datetime) -> list[RemotePost]:
        """The Page's own posts in its feed since ``since``, newest first."""
        with self._errors("list recent posts"):
            items = self._all(self._page_id, "feed", fields=POST_FIELDS,
                              since=int(since.timestamp()))
            return [RemotePost(item["id"], item.get("message", ""),
                               parse_time(item.get("created_time"))) for item in items
                    if (item.get("from") or {}).get("id", self._page_id) == self._page_id]

    def fetch_replies(
        self, post_ids: Sequence[str], since_id: str | None
    ) -> tuple[list[RemoteReply], str | None]:
        """Comments and replies to comments (``filter=stream``) newer than the watermark.

        The watermark is ``<created_time>|<ids seen at that second>``.
        """
        page = next(iter(self.read_replies(dict.fromkeys(post_ids, since_id))))
        return page.replies, page.cursor

    def read_replies(
        self,
        cursors: Mapping[str, str | None],
        reserve: Reserve | None = None,
        until: str | None = None,
    ) -> Iterator[ReplyPage]:
        """Every comment of the posts (Graph reads are not billed), as one page; the new
        ones are returned, unreadable ones kept raw with the reason."""
        shared = set(cursors.values())
        after = TimeWatermark.parse(shared.pop() if len(shared) == 1 else None)
        with self._errors("fetch comments"):
            items = [(post_id, item) for post_id in cursors
                     for item in self._all(post_id, "comments", fields=COMMENT_FIELDS,
                                           filter="stream", order="chronological")]
        replies: list[RemoteReply] = []
        rejected: list[RejectedItem] = []
        for post_id, item in items:
            problem = comment_problem(item)
            if problem is not None:
                raw = json.dumps(item, ensure_ascii=False, default=str)
                rejected.append(RejectedItem("facebook_comments", raw, problem))
                continue
            reply = comment_reply(item, post_id)
            if after.admits(reply) and reply.author_id != self._page_id:
                replies.append(reply)
        replies.sort(key=lambda r: (r.created_at or EPOCH, r.platform_id))
        yield ReplyPage(replies, rejected, reads=len(items), complete=True,
                        cursor=after.advanced(replies).format())

    def check(self) -> str:
        """GET /me with the Page token; return the Page's name."""
        with self._errors("verify the page token"):
            me = self._graph.get_object("me", fields="id,name")
            page_id, name = str(me["id"]), str(me.get("name", ""))
        if page_id != self._page_id:
            raise CredentialsError(f"channel {self.spec.name!r}: the page token belongs to "
                                 f"{name!r} ({page_id}), not to page {self._page_id}")
        return name

    def rate_state(self) -> RateState | None:
        """Usage from ``X-Business-Use-Case-Usage`` / ``X-App-Usage`` (percentages)."""
        return self._recorder.rate

    def _publish_photos(self, media: list[Path], message: str) -> Payload:
        album = f"{self._page_id}/photos"
        if len(media) == 1:
            with media[0].open("rb") as image:
                result: Payload = self._graph.put_photo(image, album_path=album, message=message)
                return result
        attached: dict[str, str] = {}
        for number, path in enumerate(media):
            with path.open("rb") as image:
                photo = self._graph.put_photo(image, album_path=album, published="false")
            attached[f"attached_media[{number}]"] = json.dumps({"media_fbid": photo["id"]})
        result = self._graph.put_object(self._page_id, "feed", message=message, **attached)
        return result

    def _all(self, object_id: str, connection: str, **args: Any) -> Iterator[Payload]:
        """Every item of a connection, following ``paging.cursors.after``."""
        while True:
            page = self._graph.get_connections(object_id, connection, limit=PAGE_SIZE, **args)
            yield from page.get("data", [])
            cursor = page.get("paging", {}).get("cursors", {}).get("after")
            if not cursor or "next" not in page.get("paging", {}):
                return
            args["after"] = cursor

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn facebook-sdk and requests failures during ``action`` into ChannelError."""
        self._recorder.forget()
        try:
            yield
        except facebook.GraphAPIError as exc:
            raise self._graph_error(action, exc) from exc
        except requests.RequestException as exc:
            raise transport_error("Facebook", action, exc) from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise AmbiguousError(f"Facebook answered {action} in an unexpected shape: "
                                 f"{exc!r}") from exc
        except OSError as exc:
            raise PermanentError(f"cannot read the media file: {exc}") from exc

    def _graph_error(self, action: str, exc: Any) -> ChannelError:
        seen = self._recorder.last
        status = seen.status if seen else None
        code = exc.code if isinstance(exc.code, int) else None
        details = exc.result.get("error", {}) if isinstance(exc.result, dict) else {}
        if code is None:  # no Graph error body: an HTML page or other non-JSON answer
            text = f"Facebook answered {action} with HTTP {status} and no Graph error"
            if status is None or status >= 500:
                return AmbiguousError(text, status=status)
            return PermanentError(text, status=status)
        text = f"Facebook refused to {action}: {exc.message} (code {code})"
        if code in RATE_LIMIT_CODES:
            return RateLimited(text, retry_at=_retry_at(seen), status=status)
        if code == DUPLICATE_CODE:
            return DuplicatePost(text, status=status)
        if code in AMBIGUOUS_CODES or details.get("is_transient") or (status or 0) >= 500:
            return AmbiguousError(text, status=status)
        if code in TOKEN_CODES:
            return CredentialsError(f"{text}; the page token of channel {self.spec.name!r} "
                                    "is invalid or expired", status=status)
        if code in PERMISSION_CODES or 200 <= code < 300:
            return CredentialsError(f"{text}; the page token of channel {self.spec.name!r} "
                                    f"lacks a permission ({NEEDED_PERMISSIONS})", status=status)
        return PermanentError(text, status=status)


    def engagement(self, remote_ids: Sequence[str]) -> list[Engagement]:
        """Reactions, shares and comments of our posts (one GET per post)."""
        found: list[Engagement] = []
        for post_id in dict.fromkeys(remote_ids):
            with self._errors("read engagement counts"):
                try:
                    item = self._graph.get_object(post_id, fields=ENGAGEMENT_FIELDS)
                except facebook.GraphAPIError as exc:
                    if exc.code == 100:  # the post is gone (deleted, or never ours)
                        continue
                    raise
                found.append(Engagement(
                    str(item["id"]), _total(item.get("reactions")),
                    int((item.get("shares") or {}).get("count", 0)), _total(item.get("comments"))))
        return found


def _total(connection: object) -> int:
    """``summary.total_count`` of a connection asked for with ``.summary(true)``."""
    if not isinstance(connection, dict):
        return 0
    return int((connection.get("summary") or {}).get("total_count", 0))

def _checked_media(paths: Sequence[Path]) -> list[Path]:
    for path in paths:
        if not path.is_file():
            raise PermanentError(f"{path}: media file not found")
    return list(paths)


def _result_id(result: object, key: str) -> str | None:
    value = result.get(key) if isinstance(result, dict) else None
    return str(value) if value else None


def comment_problem(item: object) -> str | None:
    """Why a Graph comment (or a webhook's comment value) cannot be stored, or None."""
    if not isinstance(item, dict):
        return f"a {type(item).__name__} instead of a comment object"
    comment_id = item.get("id", item.get("comment_id"))
    if not isinstance(comment_id, str) or not comment_id:
        return f"id is missing or not a string: {comment_id!r}"
    if not isinstance(item.get("message", ""), str):
        return f"message is not a string: {item.get('message')!r}"
    author = item.get("from", {})
    if not isinstance(author, dict):
        return f"from is not an object: {author!r}"
    parent = item.get("parent", {})
    if not isinstance(parent, dict | str):
        return f"parent is not an object: {parent!r}"
    created = item.get("created_time")
    if created is not None and parse_time(created) is None and not isinstance(created, int):
        return f"created_time is not a time: {created!r}"
    return None


def comment_reply(item: Payload, post_id: str) -> RemoteReply:
    """A comment (from the Graph API or a webhook ``comment`` value) as a reply.

    Webhook values name things differently (``comment_id``, ``parent_id``, a Unix
    ``created_time``); both shapes are read here so they are stored alike.
    """
    author = item.get("from") or {}
    parent = item.get("parent") or item.get("parent_id") or {}
    parent_id = parent.get("id", post_id) if isinstance(parent, dict) else parent
    created = item.get("created_time")
    when = (datetime.fromtimestamp(created, UTC) if isinstance(created, int)
            else parse_time(created))
    return RemoteReply(platform_id=item.get("id") or item["comment_id"], parent_id=parent_id,
                       conversation_id=post_id, author_id=str(author.get("id", "")),
                       author_handle=author.get("name", ""), text=item.get("message", ""),
                       created_at=when, raw=item)


def _usage(seen: SeenResponse) -> tuple[int, int] | None:
    """(highest usage percentage, minutes until access returns) from the usage headers."""
    entries: list[Payload] = []
    for name in USAGE_HEADERS:
        try:
            value = json.loads(seen.headers.get(name) or "null")
        except ValueError:
            continue
        if isinstance(value, dict):
            nested = [e for v in value.values() if isinstance(v, list) for e in v]
            entries += [e for e in nested if isinstance(e, dict)] or [value]
    try:
        used = max(int(e.get(k) or 0) for e in entries
                   for k in ("call_count", "total_cputime", "total_time"))
        wait = max(int(e.get("estimated_time_to_regain_access") or 0) for e in entries)
    except (TypeError, ValueError):
        return None
    return used, wait


def _retry_at(seen: SeenResponse | None) -> datetime:
    now = server_now(seen)
    retry_after = seen.headers.get("retry-after", "") if seen else ""
    if retry_after.isdigit():
        return now + timedelta(seconds=int(retry_after))
    usage = _usage(seen) if seen else None
    if usage and usage[1] > 0:
        return now + timedelta(minutes=usage[1])
    return now + DEFAULT_WAIT


def _rate_state(seen: SeenResponse) -> RateState | None:
    usage = _usage(seen)
    if usage is None:
        return None
    used, wait = usage
    reset_at = server_now(seen) + timedelta(minutes=wait) if wait else None
    return RateState(limit=100, remaining=max(0, 100 - used), reset_at=reset_at,
                     endpoint=seen.endpoint)


CHANNEL_CLASS = FacebookChannel
