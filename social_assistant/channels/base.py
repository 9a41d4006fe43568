"""What every channel adapter shares: its configuration, its results and its errors.

Exceptions raised by a channel (``raise ... from exc`` keeps the library's original)::

    ChannelError             anything a channel call failed with; carries the flags below
    ├── PermanentError       permanent=True: bad request, unknown object, bad media file,
    │   │                    bad configuration
    │   ├── CredentialsError credentials=True: the token is invalid, expired or lacks a
    │   │                    permission; nothing on this channel works until it is fixed
    │   └── DuplicatePost    already_posted=True: the platform says this text is already up
    ├── RateLimited          transient, retry_at set: wait until then
    └── AmbiguousError       transient, ambiguous=True: timeout, connection reset, 5xx or a
                             malformed answer; the post MAY be up, look at recent_posts()

The flags are the contract; the subclasses only make raising and catching read well.
A ``ChannelError`` raised directly is transient and unambiguous (for example a
connection that was refused before anything was sent).
"""

from __future__ import annotations

import abc
import copy
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Protocol

DEFAULT_GRAPH_VERSION = "v25.0"


class ChannelError(Exception):
    """A channel call failed; the flags tell the caller what to do next."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool = False,
        ambiguous: bool = False,
        retry_at: datetime | None = None,
        status: int | None = None,
        already_posted: bool = False,
        credentials: bool = False,
        posted_ids: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.ambiguous = ambiguous
        self.retry_at = retry_at
        self.status = status
        self.already_posted = already_posted
        self.credentials = credentials
        self.posted_ids: tuple[str, ...] = tuple(posted_ids)

    def after_partial_post(self, posted_ids: Sequence[str], part: int, total: int) -> ChannelError:
        """A copy saying that part ``part`` of ``total`` failed after ``posted_ids`` went up."""
        clone = copy.copy(self)
        clone.posted_ids = tuple(posted_ids)
        clone.message = (
            f"{self.message} (thread part {part} of {total} failed; "
            f"parts already posted: {', '.join(posted_ids) or 'none'})"
        )
        clone.args = (clone.message,)
        return clone


class PermanentError(ChannelError):
    """Retrying the same call cannot succeed; a person must change something."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message, permanent=True, status=status)


class CredentialsError(PermanentError):
    """The channel's token is rejected or lacks a permission: stop the whole channel."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message, status=status)
        self.credentials = True


class DuplicatePost(PermanentError):
    """The platform refused the post because the same text is already published."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message, status=status)
        self.already_posted = True


class RateLimited(ChannelError):
    """The platform's rate limit is reached; call again at ``retry_at``."""

    def __init__(self, message: str, *, retry_at: datetime, status: int | None = None) -> None:
        super().__init__(message, retry_at=retry_at, status=status)


class AmbiguousError(ChannelError):
    """The call may or may not have taken effect; reconcile before retrying a post."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message, ambiguous=True, status=status)


@dataclass(frozen=True, repr=False)
class ChannelSpec:
    """Everything needed to open one channel (one account or Page on one platform).

    ``base_url`` None means the real platform; otherwise every API call goes to that
    address instead (the local emulator, e.g. ``http://127.0.0.1:8765``).
    ``secrets``: for ``x`` either ``api_key, api_secret, access_token,
    access_token_secret`` (OAuth 1.0a) or ``user_token`` (OAuth 2 user token); for
    ``facebook`` ``page_token``.
    """

    name: str
    kind: str
    base_url: str | None = None
    secrets: Mapping[str, str] = field(default_factory=dict)
    page_id: str | None = None
    graph_version: str = DEFAULT_GRAPH_VERSION
    timeout: float = 10.0

    def __repr__(self) -> str:
        masked = {key: "***" for key in self.secrets}
        return (
            f"ChannelSpec(name={self.name!r}, kind={self.kind!r}, base_url={self.base_url!r}, "
            f"secrets={masked!r}, page_id={self.page_id!r}, "
            f"graph_version={self.graph_version!r}, timeout={self.timeout!r})"
        )

    def secret(self, key: str) -> str:
        """The secret ``key``, or a PermanentError naming the channel and the missing key."""
        value = self.secrets.get(key)
        if not value:
            raise PermanentError(f"channel {self.name!r} ({self.kind}): secret {key!r} is missing")
        return value


@dataclass(frozen=True)
class OutgoingPost:
    """What to publish. ``thread_parts`` (X) replaces ``text`` when it has several parts."""

    text: str
    media: Sequence[Path] = ()
    link: str | None = None
    thread_parts: Sequence[str] = ()


@dataclass(frozen=True)
class PostResult:
    """A published post: its platform id, public URL and, for a thread, every part's id."""

    remote_id: str
    url: str | None
    part_ids: tuple[str, ...]


@dataclass(frozen=True)
class RemotePost:
    """One of our own recent posts as the platform lists it (for reconciliation)."""

    remote_id: str
    text: str
    created_at: datetime | None


@dataclass(frozen=True)
class RemoteReply:
    """A citizen's reply or comment under one of our posts."""

    platform_id: str
    parent_id: str
    conversation_id: str
    author_id: str
    author_handle: str
    text: str
    created_at: datetime | None
    raw: dict[str, Any]
    # X: the first id of the tweet's edit history when this is an edited version.
    edit_of: str | None = None


@dataclass(frozen=True)
class RejectedItem:
    """A reply payload the adapter could not read, kept raw (JSON text) with the reason."""

    source: str
    raw: str
    reason: str


@dataclass(frozen=True)
class ReplyPage:
    """One platform answer while reading replies.

    ``reads``: items the platform returned (what X bills, malformed ones included);
    ``granted``: reads reserved for this page. ``complete`` is set on the last page of a
    read that went to the end; only then is ``cursor`` the new watermark to store.
    ``oldest`` and ``newest``: the ids this read has covered so far, on platforms that
    read newest first (X), so that a read cut short can go on below ``oldest`` later.
    """

    replies: list[RemoteReply]
    rejected: list[RejectedItem] = field(default_factory=list)
    reads: int = 0
    granted: int = 0
    complete: bool = False
    cursor: str | None = None
    oldest: str | None = None
    newest: str | None = None


@dataclass(frozen=True)
class DeletionCheck:
    """One lookup of replies by id: the ids ``checked``, those ``missing`` (deleted or no
    longer served), ``reads`` billed (the posts returned) and ``granted`` reserved."""

    checked: tuple[str, ...]
    missing: frozenset[str]
    reads: int = 0
    granted: int = 0


class Reserve(Protocol):
    """Reserves reads before a call: at most ``wanted``, 0 when fewer than ``minimum``."""

    def __call__(self, wanted: int, minimum: int) -> int: ...


@dataclass(frozen=True)
class RateState:
    """The rate-limit window last reported by the platform.

    For X the numbers are calls; for Facebook they are percentages of the allowance
    (``limit`` 100). ``day_*`` hold X's ``x-user-limit-24hour-*`` when sent.
    """

    limit: int | None
    remaining: int | None
    reset_at: datetime | None
    endpoint: str | None = None
    day_limit: int | None = None
    day_remaining: int | None = None
    day_reset_at: datetime | None = None


class Channel(abc.ABC):
    """One account on one platform. Every method raises only :class:`ChannelError`."""

    kind: ClassVar[str]
    # Whether the platform bills reads (then the monthly read budget applies).
    bills_reads: ClassVar[bool] = False
    # Whether the channel has a channel-wide source of replies (``read_mentions``).
    has_mentions: ClassVar[bool] = False

    def __init__(self, spec: ChannelSpec) -> None:
        self.spec = spec

    def reply_batches(self, post_ids: Sequence[str]) -> list[list[str]]:
        """How to split ``post_ids`` into reads (one read per post unless overridden)."""
        return [[post_id] for post_id in post_ids]

    def read_replies(
        self,
        cursors: Mapping[str, str | None],
        reserve: Reserve | None = None,
        until: str | None = None,
    ) -> Iterator[ReplyPage]:
        """Replies to one batch (post id to watermark) newer than the watermarks, by page.

        The last page of a complete read carries the batch's new watermark, shared by
        all its posts. ``until``: only replies older than this id (the rest of a read
        cut short; platforms that read everything in one page ignore it). The default
        reads through :meth:`fetch_replies` as one page.
        """
        shared = set(cursors.values())
        cursor = shared.pop() if len(shared) == 1 else None
        replies, new_cursor = self.fetch_replies(list(cursors), cursor)
        yield ReplyPage(replies, reads=len(replies), complete=True, cursor=new_cursor)

    def read_mentions(
        self, cursor: str | None, reserve: Reserve | None = None
    ) -> Iterator[ReplyPage]:
        """Replies that name our account anywhere (only when ``has_mentions``)."""
        raise PermanentError(f"channel {self.spec.name!r} ({self.kind}) has no mentions")

    @abc.abstractmethod
    def publish(self, post: OutgoingPost) -> PostResult:
        """Publish ``post`` (with its media and thread parts)."""

    @abc.abstractmethod
    def recent_posts(self, since: datetime) -> list[RemotePost]:
        """Our own posts created at or after ``since`` (to reconcile ambiguous failures)."""

    @abc.abstractmethod
    def fetch_replies(
        self, post_ids: Sequence[str], since_id: str | None
    ) -> tuple[list[RemoteReply], str | None]:
        """Replies to ``post_ids`` newer than the watermark ``since_id``, oldest first.

        Returns the replies and the new watermark (opaque; store it and pass it back).
        Our own account's replies are left out. Callers dedupe by ``platform_id``.
        """

    @abc.abstractmethod
    def reply(self, parent_id: str, text: str) -> PostResult:
        """Answer the reply or comment ``parent_id`` with ``text``."""

    @abc.abstractmethod
    def check(self) -> str:
        """Verify the credentials; return the account's name."""

    @abc.abstractmethod
    def rate_state(self) -> RateState | None:
        """The last rate-limit state the platform reported, if any."""

    def check_deleted(
        self, ids: Sequence[str], reserve: Reserve | None = None
    ) -> Iterator[DeletionCheck]:
        """Which of the replies ``ids`` the platform no longer serves, one lookup at a time.

        For platforms whose reply reads show no deletions (X). Each lookup asks
        ``reserve`` first and covers at most the reads it grants; when it grants none
        the check stops there. The default finds nothing (Facebook reports deletions
        through its webhook)."""
        return iter(())

    def engagement(self, remote_ids: Sequence[str]) -> list[Engagement]:
        """Public counts of our posts ``remote_ids`` (posts the platform no longer serves
        are left out). Reads may be billed (``bills_reads``): ask for few, rarely."""
        raise PermanentError(f"channel {self.spec.name!r} ({self.kind}) has no engagement counts")


@dataclass(frozen=True)
class Engagement:
    """What the public did with one of our posts: likes (Facebook: reactions), reposts
    (X: retweets and quotes; Facebook: shares) and replies or comments."""

    remote_id: str
    likes: int
    reposts: int
    comments: int
