"""What the emulator stores: accounts, posts and comments, uploaded media."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

X = "x"
FACEBOOK = "facebook"


@dataclass(frozen=True)
class Account:
    """Our side: an X account or a Facebook Page, with the tokens that act as it."""

    platform: str
    id: str
    handle: str
    name: str
    tokens: Sequence[str] = ()


@dataclass(frozen=True)
class Citizen:
    """A simulated member of the public (fake)."""

    x_id: str
    fb_id: str
    username: str
    name: str


@dataclass
class Item:
    """A tweet, a Facebook post or a Facebook comment.

    ``conversation_id`` is the root post; ``reply_to`` the item answered (None for a
    root post). ``from_client`` is True for what came in through the API, False for
    simulated citizens.
    """

    platform: str
    id: str
    author_id: str
    author_handle: str
    author_name: str
    text: str
    created_at: datetime
    conversation_id: str
    reply_to: str | None = None
    reply_to_author: str | None = None
    media_ids: tuple[str, ...] = ()
    link: str | None = None
    from_client: bool = True
    kind: str | None = None
    category: str | None = None
    # Moderation: a deleted item is no longer served; an edited tweet is replaced by a
    # new id (X), whose ``edit_history`` lists every version's id, oldest first.
    deleted: bool = False
    replaced_by: str | None = None
    edit_history: tuple[str, ...] = ()
    # Engagement the public gave a post (set through POST /_emulator/engagement).
    likes: int = 0
    reposts: int = 0

    @property
    def visible(self) -> bool:
        """Whether the platform still serves this item."""
        return not self.deleted and self.replaced_by is None

    def summary(self) -> dict[str, Any]:
        """The inspection view (``GET /_emulator/posts``)."""
        return {
            "platform": self.platform,
            "account": self.author_id,
            "author": self.author_handle,
            "id": self.id,
            "text": self.text,
            "media_count": len(self.media_ids),
            "link": self.link,
            "reply_to": self.reply_to,
            "conversation_id": self.conversation_id,
            "created_at": self.created_at.isoformat(),
            "kind": self.kind,
            "category": self.category,
            "deleted": self.deleted,
            "replaced_by": self.replaced_by,
        }


@dataclass
class Media:
    """An uploaded file (X media upload or Facebook photo)."""

    platform: str
    id: str
    owner: str
    filename: str
    content_type: str
    size: int
    used: bool = False


@dataclass
class Store:
    """Every item and medium, in creation order, with id lookup."""

    items: list[Item] = field(default_factory=list)
    by_id: dict[tuple[str, str], Item] = field(default_factory=dict)
    media: dict[tuple[str, str], Media] = field(default_factory=dict)
    by_conversation: dict[tuple[str, str], list[Item]] = field(default_factory=dict)

    def add(self, item: Item) -> Item:
        """Store ``item`` and return it."""
        self.items.append(item)
        self.by_id[(item.platform, item.id)] = item
        self.by_conversation.setdefault((item.platform, item.conversation_id), []).append(item)
        return item

    def conversation(self, platform: str, conversation_id: str) -> list[Item]:
        """The root post and every reply in its conversation, oldest first."""
        return self.by_conversation.get((platform, conversation_id), [])

    def get(self, platform: str, item_id: str) -> Item | None:
        """The item ``item_id`` on ``platform``, or None."""
        return self.by_id.get((platform, item_id))

    def of(self, platform: str) -> list[Item]:
        """Every item on ``platform``, oldest first."""
        return [item for item in self.items if item.platform == platform]

    def replies_to(self, item: Item) -> int:
        """Visible direct replies (X ``reply_count``; Facebook top-level comments)."""
        return sum(1 for other in self.conversation(item.platform, item.conversation_id)
                   if other.reply_to == item.id and other.visible)
