"""X (API v2) through tweepy. The only module that imports tweepy.

Media go up through the v2 simple upload (``POST /2/media/upload``) on tweepy's own
session, so the emulator redirect, the timeout and the header capture apply to it too.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterator, Sequence
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
    DuplicatePost,
    OutgoingPost,
    PermanentError,
    PostResult,
    RateLimited,
    RateState,
    RemotePost,
    RemoteReply,
)

KIND = "x"
API_HOSTS = ("https://api.twitter.com", "https://api.x.com", "https://upload.twitter.com")
UPLOAD_URL = "https://api.x.com/2/media/upload"
STATUS_URL = "https://x.com/i/web/status/{}"
OAUTH1_KEYS = ("api_key", "api_secret", "access_token", "access_token_secret")
TWEET_FIELDS = ["author_id", "created_at", "conversation_id", "in_reply_to_user_id",
                "referenced_tweets"]
MAX_QUERY_LENGTH = 512
MAX_MEDIA = 4
IMAGE_CATEGORIES = {".gif": "tweet_gif", ".jpg": "tweet_image", ".jpeg": "tweet_image",
                    ".png": "tweet_image", ".webp": "tweet_image"}
RATE_WINDOW = timedelta(minutes=15)
# 403s that stop the whole account (X problem types and wording), not just one post.
ACCESS_PROBLEMS = ("oauth1-permissions", "client-forbidden", "unsupported-authentication")
ACCESS_WORDS = ("not permitted", "permission", "suspended", "enrolled", "locked")
Payload = dict[str, Any]


class XChannel(Channel):
    """An X account: OAuth 1.0a user context, or an OAuth 2 user token."""

    kind = KIND

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
        if not post_ids:
            return [], since_id
        skip, me, newest = set(post_ids), self._me(), since_id
        replies: list[RemoteReply] = []
        with self._errors("fetch replies"):
            for reply in self._conversations(post_ids, since_id):
                newest = _newer(newest, reply.platform_id)
                if reply.platform_id not in skip and reply.author_id != me:
                    replies.append(reply)
        return sorted(replies, key=lambda r: int(r.platform_id)), newest

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

    def _conversations(self, post_ids: Sequence[str], since_id: str | None
                       ) -> Iterator[RemoteReply]:
        """Every tweet in the conversations of ``post_ids`` after ``since_id``."""
        for query in _conversation_queries(post_ids):
            call = partial(self._client.search_recent_tweets, query)
            for page in self._pages(call, "next_token", since_id=since_id, max_results=100,
                                    tweet_fields=TWEET_FIELDS, expansions=["author_id"],
                                    user_fields=["username"]):
                users = {u["id"]: u.get("username", "") for u in _includes(page, "users")}
                yield from (_remote_reply(tweet, users) for tweet in page.get("data", []))

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


def _remote_reply(tweet: Payload, users: dict[str, str]) -> RemoteReply:
    conversation = tweet.get("conversation_id", "")
    parent = next((ref["id"] for ref in tweet.get("referenced_tweets", [])
                   if ref.get("type") == "replied_to"), conversation)
    author = tweet.get("author_id", "")
    return RemoteReply(platform_id=tweet["id"], parent_id=parent, conversation_id=conversation,
                       author_id=author, author_handle=users.get(author, ""),
                       text=tweet.get("text", ""), created_at=parse_time(tweet.get("created_at")),
                       raw=tweet)


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
