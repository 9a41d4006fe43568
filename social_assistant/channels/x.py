"""X (API v2) through tweepy. The only module that imports tweepy.

Media go up through the v2 simple upload (``POST /2/media/upload``) on tweepy's own
session, so the emulator redirect, the timeout and the header capture apply to it too.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import requests
import tweepy

from social_assistant.channels._http import (
    ResponseRecorder,
    SeenResponse,
    epoch,
    int_header,
    mount_platform,
    parse_time,
    transport_error,
)
from social_assistant.channels.base import (
    AmbiguousError,
    Channel,
    ChannelError,
    ChannelSpec,
    CredentialsError,
    DeletionCheck,
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

KIND = "x"
API_HOSTS = ("https://api.twitter.com", "https://api.x.com", "https://upload.twitter.com")
UPLOAD_URL = "https://api.x.com/2/media/upload"
STATUS_URL = "https://x.com/i/web/status/{}"
OAUTH1_KEYS = ("api_key", "api_secret", "access_token", "access_token_secret")
TWEET_FIELDS = ["author_id", "created_at", "conversation_id", "in_reply_to_user_id",
                "referenced_tweets"]
MAX_QUERY_LENGTH = 512
PAGE_SIZE = 100
# The smallest max_results each read endpoint accepts.
SEARCH_MIN_RESULTS = 10
MENTIONS_MIN_RESULTS = 5
MAX_MEDIA = 4
IMAGE_CATEGORIES = {".gif": "tweet_gif", ".jpg": "tweet_image", ".jpeg": "tweet_image",
                    ".png": "tweet_image", ".webp": "tweet_image"}
RATE_WINDOW = timedelta(minutes=15)
NOT_FOUND = "Not Found Error"  # X's title for a tweet it no longer serves
# 403s that stop the whole account (X problem types and wording), not just one post.
ACCESS_PROBLEMS = ("oauth1-permissions", "client-forbidden", "unsupported-authentication")
ACCESS_WORDS = ("not permitted", "permission", "suspended", "enrolled", "locked")
Payload = dict[str, Any]


class XChannel(Channel):
    """An X account: OAuth 1.0a user context, or an OAuth 2 user token."""

    kind = KIND
    bills_reads = True
    has_mentions = True

    def __init__(self, spec: ChannelSpec) -> None:
        super().__init__(spec)
        self._user_token = spec.secrets.get("user_token")
        self._recorder = ResponseRecorder(_rate_state)
        self._client = self._make_client()
        mount_platform(self._client.session, spec, API_HOSTS, self._recorder)
        self._user_id = self._user_id_from_token()

    def publish(self, post: OutgoingPost) -> PostResult:
        """Post the text (or each thread part, each replying to the previous one)."""
        parts = _parts(post)
        media_ids = [self._upload(path) for path in _checked_media(post.media)]
        ids: list[str] = []
        for number, text in enumerate(parts, start=1):
            try:
                ids.append(self._create(text, media_ids if number == 1 else None,
                                        ids[-1] if ids else None))
            except ChannelError as exc:
                if not ids:
                    raise
                raise exc.after_partial_post(ids, number, len(parts)) from exc
        return PostResult(ids[0], STATUS_URL.format(ids[0]), tuple(ids))

    def reply(self, parent_id: str, text: str) -> PostResult:
        """Answer the tweet ``parent_id``."""
        tweet_id = self._create(text, None, parent_id)
        return PostResult(tweet_id, STATUS_URL.format(tweet_id), (tweet_id,))

    def recent_posts(self, since: datetime) -> list[RemotePost]:
        """Our tweets since ``since``, newest first (GET /2/users/:id/tweets)."""
        call = partial(self._client.get_users_tweets, self._me())
        with self._errors("list recent posts"):
            pages = self._pages(call, "pagination_token", start_time=since, max_results=100,
                                tweet_fields=["created_at"])
            return [RemotePost(t["id"], t.get("text", ""), parse_time(t.get("created_at")))
                    for page in pages for t in page.get("data", [])]

    def fetch_replies(
        self, post_ids: Sequence[str], since_id: str | None
    ) -> tuple[list[RemoteReply], str | None]:
        """Replies in the conversations of ``post_ids`` (recent search: last 7 days)."""
        replies: list[RemoteReply] = []
        newest = since_id
        for batch in self.reply_batches(post_ids):
            for page in self.read_replies(dict.fromkeys(batch, since_id)):
                replies += page.replies
                newest = _newer(newest, page.cursor) if page.cursor else newest
        return sorted(replies, key=lambda r: int(r.platform_id)), newest

    def reply_batches(self, post_ids: Sequence[str]) -> list[list[str]]:
        """As many conversations per search query as fit in its length limit."""
        return [query.replace("conversation_id:", "").split(" OR ")
                for query in _conversation_queries(list(dict.fromkeys(post_ids)))]

    def read_replies(
        self,
        cursors: Mapping[str, str | None],
        reserve: Reserve | None = None,
        until: str | None = None,
    ) -> Iterator[ReplyPage]:
        """Tweets in the conversations of ``cursors`` (post id to watermark) in one query.

        ``since_id`` is the oldest watermark (a post's own id when it has none: every
        reply is younger than the post), so no conversation misses a reply. ``until``
        (``until_id``): only tweets older than it, the rest of a read cut short.
        """
        if not cursors:
            yield ReplyPage([], complete=True)
            return
        query = " OR ".join(f"conversation_id:{post_id}" for post_id in cursors)
        if len(query) > MAX_QUERY_LENGTH:
            raise PermanentError(f"X search query of {len(cursors)} conversations is longer "
                                 f"than {MAX_QUERY_LENGTH} characters; use reply_batches()")
        since = min((c or p for p, c in cursors.items()), key=int)
        newest = max((c for c in cursors.values() if c), key=int, default=None)
        call = partial(self._client.search_recent_tweets, query)
        yield from self._read(call, "next_token", "x_search", SEARCH_MIN_RESULTS, since, newest,
                              reserve, skip=set(cursors), until=until)

    def read_mentions(
        self, cursor: str | None, reserve: Reserve | None = None
    ) -> Iterator[ReplyPage]:
        """Tweets that mention our account (GET /2/users/:id/mentions, the last 800)."""
        call = partial(self._client.get_users_mentions, self._me())
        yield from self._read(call, "pagination_token", "x_mentions", MENTIONS_MIN_RESULTS,
                              cursor, cursor, reserve, skip=set())

    def _read(
        self, call: Callable[..., Payload], token_param: str, source: str, minimum: int,
        since_id: str | None, newest: str | None, reserve: Reserve | None, skip: set[str],
        until: str | None = None,
    ) -> Iterator[ReplyPage]:
        """Pages of a read, each within the reads ``reserve`` grants; stops when it grants
        none (the read is then incomplete and its watermark must not move). X answers
        newest first, so each page also says the oldest id covered so far."""
        params: dict[str, Any] = {"since_id": since_id, "tweet_fields": TWEET_FIELDS,
                                  "expansions": ["author_id"], "user_fields": ["username"]}
        if until is not None:
            params["until_id"] = until
        oldest: str | None = None
        me = self._me()
        while True:
            granted = reserve(PAGE_SIZE, minimum) if reserve else PAGE_SIZE
            if granted < minimum:
                return
            with self._errors(f"read replies ({source})"):
                page = call(user_auth=self._oauth1, max_results=granted, **params)
                data = page.get("data", [])
                replies, rejected = _read_tweets(data, _includes(page, "users"), source)
                meta = page.get("meta", {})
                newest = _span_end(newest, meta.get("newest_id"), replies, newest=True)
                oldest = _span_end(oldest, meta.get("oldest_id"), replies, newest=False)
                token = meta.get("next_token")
            kept = [r for r in replies if r.platform_id not in skip and r.author_id != me]
            kept.sort(key=lambda r: int(r.platform_id))
            yield ReplyPage(kept, rejected, reads=len(data), granted=granted,
                            complete=not token, cursor=None if token else newest,
                            oldest=oldest, newest=newest)
            if not token:
                return
            params[token_param] = token

    def check(self) -> str:
        """Call GET /2/users/me; return ``@username``."""
        with self._errors("verify the credentials"):
            payload = self._client.get_me(user_auth=self._oauth1, user_fields=["username"])
            user = payload["data"]
            self._user_id = str(user["id"])
            return f"@{user['username']}"

    def rate_state(self) -> RateState | None:
        """The ``x-rate-limit-*`` headers of the last response that had them."""
        return self._recorder.rate

    @property
    def _oauth1(self) -> bool:
        return self._user_token is None

    def _make_client(self) -> Any:
        if self._user_token:
            return tweepy.Client(bearer_token=self._user_token, return_type=dict)
        key, secret, token, token_secret = (self.spec.secret(k) for k in OAUTH1_KEYS)
        return tweepy.Client(consumer_key=key, consumer_secret=secret, access_token=token,
                             access_token_secret=token_secret, return_type=dict)

    def _user_id_from_token(self) -> str | None:
        # X access tokens start with the account's numeric id: "<id>-<random>".
        prefix = (self.spec.secrets.get("access_token") or "").partition("-")[0]
        return prefix if self._oauth1 and prefix.isdigit() else None

    def _me(self) -> str:
        if self._user_id is None:
            self.check()
        assert self._user_id is not None
        return self._user_id

    def _create(self, text: str, media_ids: list[str] | None, reply_to: str | None) -> str:
        action = "reply" if reply_to else "post"
        with self._errors(action):
            payload = self._client.create_tweet(
                text=text, media_ids=media_ids or None, in_reply_to_tweet_id=reply_to,
                user_auth=self._oauth1)
        return _data_id(payload, action)

    def _upload(self, path: Path) -> str:
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        fields = {"media_category": IMAGE_CATEGORIES[path.suffix.lower()],
                  "media_type": media_type}
        action = f"upload {path.name}"
        with self._errors(action), path.open("rb") as file:
            response = self._client.session.post(
                UPLOAD_URL, data=fields, files={"media": (path.name, file, media_type)},
                **self._auth())
            _raise_for_status(response)
            payload = response.json()
        return _data_id(payload, action)

    def _auth(self) -> dict[str, Any]:
        if self._user_token:
            return {"headers": {"Authorization": f"Bearer {self._user_token}"}}
        key, secret, token, token_secret = (self.spec.secret(k) for k in OAUTH1_KEYS)
        return {"auth": tweepy.OAuth1UserHandler(key, secret, token, token_secret).apply_auth()}

    def _pages(
        self, call: Callable[..., Payload], token_param: str, **params: Any
    ) -> Iterator[Payload]:
        """Every page of a paginated read (wrap the loop in ``_errors``)."""
        while True:
            page = call(user_auth=self._oauth1, **params)
            yield page
            token = page.get("meta", {}).get("next_token")
            if not token:
                return
            params[token_param] = token

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn tweepy and requests failures during ``action`` into ChannelError."""
        try:
            yield
        except tweepy.TooManyRequests as exc:
            retry_at = epoch(exc.reset_time) or datetime.now(UTC) + RATE_WINDOW
            raise RateLimited(f"X rate limit reached trying to {action}; retry at "
                              f"{retry_at:%Y-%m-%d %H:%M:%S} UTC", retry_at=retry_at,
                              status=429) from exc
        except tweepy.HTTPException as exc:
            raise self._http_error(action, exc) from exc
        except requests.RequestException as exc:
            raise transport_error("X", action, exc) from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise AmbiguousError(f"X answered {action} in an unexpected shape: {exc!r}") from exc
        except OSError as exc:
            raise PermanentError(f"cannot read the media file: {exc}") from exc

    def _http_error(self, action: str, exc: Any) -> ChannelError:
        status: int = exc.response.status_code
        detail = "; ".join(map(str, exc.api_messages)) or exc.response.reason
        if status >= 500 or status < 400:
            return AmbiguousError(f"X failed to {action}: {status} {detail}", status=status)
        text = f"X refused to {action}: {status} {detail}"
        if status == 403 and "duplicate content" in detail.lower():
            return DuplicatePost(text, status=status)
        if status == 401 or (status == 403 and _about_access(exc)):
            return CredentialsError(f"{text}; check the credentials and app permissions of "
                                    f"channel {self.spec.name!r}", status=status)
        return PermanentError(text, status=status)

    def engagement(self, remote_ids: Sequence[str]) -> list[Engagement]:
        """Public metrics of our tweets (GET /2/tweets?ids=, 100 a call; each one is a
        billed read)."""
        found: list[Engagement] = []
        ids = list(dict.fromkeys(remote_ids))
        for start in range(0, len(ids), 100):
            with self._errors("read engagement counts"):
                page = self._client.get_tweets(ids[start : start + 100], user_auth=self._oauth1,
                                               tweet_fields=["public_metrics"])
                for tweet in page.get("data") or []:
                    counts = tweet.get("public_metrics") or {}
                    found.append(Engagement(
                        str(tweet["id"]), int(counts.get("like_count", 0)),
                        int(counts.get("retweet_count", 0)) + int(counts.get("quote_count", 0)),
                        int(counts.get("reply_count", 0))))
        return found

    def check_deleted(
        self, ids: Sequence[str], reserve: Reserve | None = None
    ) -> Iterator[DeletionCheck]:
        """Replies X no longer serves (GET /2/tweets?ids=, 100 a call). X lists each
        in ``errors`` with ``resource_type`` tweet and title "Not Found Error"; other
        errors (e.g. a protected author) are not deletions. Only returned posts are
        billed, but each id is reserved before the call."""
        pending = list(dict.fromkeys(ids))
        while pending:
            granted = reserve(min(PAGE_SIZE, len(pending)), 1) if reserve else PAGE_SIZE
            batch, pending = pending[:granted], pending[granted:]
            if not batch:
                return
            with self._errors("check replies for deletions"):
                page = self._client.get_tweets(batch, user_auth=self._oauth1)
                reads = len(page.get("data") or [])
                missing = {str(e.get("resource_id") or e.get("value"))
                           for e in page.get("errors") or []
                           if e.get("resource_type") == "tweet" and e.get("title") == NOT_FOUND}
            yield DeletionCheck(tuple(batch), frozenset(missing.intersection(batch)),
                                reads=reads, granted=granted if reserve else 0)


def _about_access(exc: Any) -> bool:
    """Whether a 403 is about the account or app (not about this one post)."""
    try:
        problem = str(exc.response.json().get("type", ""))
    except (ValueError, AttributeError):
        problem = ""
    words = " ".join(map(str, exc.api_messages)).lower()
    return problem.endswith(ACCESS_PROBLEMS) or any(w in words for w in ACCESS_WORDS)


def _parts(post: OutgoingPost) -> list[str]:
    parts = list(post.thread_parts) or [post.text]
    if post.link and not any(post.link in part for part in parts):
        parts[0] = f"{parts[0]}\n{post.link}"
    return parts


def _checked_media(paths: Sequence[Path]) -> list[Path]:
    if len(paths) > MAX_MEDIA:
        raise PermanentError(f"X takes at most {MAX_MEDIA} images per post, got {len(paths)}")
    for path in paths:
        if path.suffix.lower() not in IMAGE_CATEGORIES:
            raise PermanentError(f"{path}: X simple upload takes only images "
                                 f"({', '.join(sorted(IMAGE_CATEGORIES))})")
        if not path.is_file():
            raise PermanentError(f"{path}: media file not found")
    return list(paths)


def _raise_for_status(response: requests.Response) -> None:
    """Raise the tweepy error BaseClient.request would raise for ``response``."""
    status = response.status_code
    if 200 <= status < 300:
        return
    if status == 429:
        reset = int_header(response.headers, "x-rate-limit-reset")
        raise tweepy.TooManyRequests(response, reset_time=reset)
    errors = {400: tweepy.BadRequest, 401: tweepy.Unauthorized, 403: tweepy.Forbidden,
              404: tweepy.NotFound}
    fallback = tweepy.TwitterServerError if status >= 500 else tweepy.HTTPException
    raise errors.get(status, fallback)(response)


def _data_id(payload: object, action: str) -> str:
    data = payload.get("data") if isinstance(payload, dict) else None
    remote_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(remote_id, str) or not remote_id:
        raise AmbiguousError(f"X answered {action} without data.id; it may have gone through")
    return remote_id


def _conversation_queries(post_ids: Sequence[str]) -> Iterator[str]:
    """``conversation_id:A OR conversation_id:B ...`` queries within the length limit."""
    query = ""
    for post_id in post_ids:
        term = f"conversation_id:{post_id}"
        if query and len(query) + len(" OR ") + len(term) > MAX_QUERY_LENGTH:
            yield query
            query = ""
        query = f"{query} OR {term}" if query else term
    if query:
        yield query


def _includes(page: Payload, kind: str) -> list[Payload]:
    found: list[Payload] = page.get("includes", {}).get(kind, [])
    return found


def _newer(current: str | None, candidate: str) -> str:
    return candidate if current is None or int(candidate) > int(current) else current


def _span_end(
    current: str | None, meta_id: object, replies: list[RemoteReply], newest: bool
) -> str | None:
    """The newest (or oldest) tweet id seen so far: ``current``, the page's
    ``meta.newest_id`` / ``oldest_id`` and the ids of its replies."""
    candidates = [r.platform_id for r in replies]
    if isinstance(meta_id, str) and meta_id.isdigit():
        candidates.append(meta_id)
    if current is not None:
        candidates.append(current)
    if not candidates:
        return None
    return max(candidates, key=int) if newest else min(candidates, key=int)


def _read_tweets(
    data: object, users: object, source: str
) -> tuple[list[RemoteReply], list[RejectedItem]]:
    """The readable tweets of a page, and the others kept raw with the reason."""
    if not isinstance(data, list):
        raise TypeError(f"data is {type(data).__name__}, not a list")
    handles = {u["id"]: u.get("username", "") for u in users
               if isinstance(u, dict) and isinstance(u.get("id"), str)} \
        if isinstance(users, list) else {}
    replies: list[RemoteReply] = []
    rejected: list[RejectedItem] = []
    for tweet in data:
        problem = _tweet_problem(tweet)
        if problem is None:
            replies.append(_remote_reply(tweet, handles))
        else:
            raw = json.dumps(tweet, ensure_ascii=False, default=str)
            rejected.append(RejectedItem(source, raw, problem))
    return replies, rejected


def _tweet_problem(tweet: object) -> str | None:
    """Why ``tweet`` cannot be stored as a reply, or None."""
    if not isinstance(tweet, dict):
        return f"a {type(tweet).__name__} instead of a tweet object"
    tweet_id = tweet.get("id")
    if not isinstance(tweet_id, str) or not tweet_id.isdigit():
        return f"id is missing or not a numeric string: {tweet_id!r}"
    if not isinstance(tweet.get("text"), str):
        return f"text is missing or not a string: {tweet.get('text')!r}"
    for key in ("author_id", "conversation_id", "created_at"):
        if key in tweet and not isinstance(tweet[key], str):
            return f"{key} is not a string: {tweet[key]!r}"
    if "created_at" in tweet and parse_time(tweet["created_at"]) is None:
        return f"created_at is not a time: {tweet['created_at']!r}"
    references = tweet.get("referenced_tweets", [])
    if not isinstance(references, list) or not all(isinstance(r, dict) for r in references):
        return "referenced_tweets is not a list of objects"
    history = tweet.get("edit_history_tweet_ids", [])
    if not isinstance(history, list) or not all(isinstance(i, str) for i in history):
        return "edit_history_tweet_ids is not a list of ids"
    return None


def _remote_reply(tweet: Payload, users: dict[str, str]) -> RemoteReply:
    conversation = tweet.get("conversation_id", "")
    parent = next((ref["id"] for ref in tweet.get("referenced_tweets", [])
                   if ref.get("type") == "replied_to"), conversation)
    author = tweet.get("author_id", "")
    history = tweet.get("edit_history_tweet_ids") or [tweet["id"]]
    return RemoteReply(platform_id=tweet["id"], parent_id=parent, conversation_id=conversation,
                       author_id=author, author_handle=users.get(author, ""),
                       text=tweet["text"], created_at=parse_time(tweet.get("created_at")),
                       raw=tweet, edit_of=history[0] if history[0] != tweet["id"] else None)


def _rate_state(seen: SeenResponse) -> RateState | None:
    headers = seen.headers
    limit = int_header(headers, "x-rate-limit-limit")
    if limit is None:
        return None
    return RateState(
        limit=limit,
        remaining=int_header(headers, "x-rate-limit-remaining"),
        reset_at=epoch(int_header(headers, "x-rate-limit-reset")),
        endpoint=seen.endpoint,
        day_limit=int_header(headers, "x-user-limit-24hour-limit"),
        day_remaining=int_header(headers, "x-user-limit-24hour-remaining"),
        day_reset_at=epoch(int_header(headers, "x-user-limit-24hour-reset")),
    )


CHANNEL_CLASS = XChannel
