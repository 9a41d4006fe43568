"""Citizens' replies changed on demand: written, edited, deleted, or seeded in bulk.

Used by the control endpoints (``/_emulator/replies/*``, ``/_emulator/seed``) and by
benchmarks in-process. Call with the emulator's lock held.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from social_assistant.emulator.records import FACEBOOK, Citizen, Item, X

if TYPE_CHECKING:
    from social_assistant.emulator.state import Emulator


def _item(emulator: Emulator, platform: str, item_id: str) -> Item:
    item = emulator.store.get(platform, item_id)
    if item is None:
        raise ValueError(f"no {platform} item {item_id}")
    return item


def _author(emulator: Emulator, number: int) -> Citizen:
    citizens = emulator.corpus.citizens
    return citizens[number % len(citizens)]


def write_reply(
    emulator: Emulator, platform: str, text: str, reply_to: str | None, author: int = 0,
) -> Item:
    """A citizen's reply to ``reply_to`` (or, on X, a new tweet: ``None``)."""
    citizen = _author(emulator, author)
    parent = _item(emulator, platform, reply_to) if reply_to else None
    if platform == X:
        tweet_id = str(emulator.next_id("tweet"))
        if parent is not None:
            text = f"@{parent.author_handle} {text}"
        item = Item(X, tweet_id, citizen.x_id, citizen.username, citizen.name, text,
                    emulator.now(), conversation_id=parent.conversation_id if parent else tweet_id,
                    reply_to=parent.id if parent else None,
                    reply_to_author=parent.author_id if parent else None, from_client=False)
    elif parent is None:
        raise ValueError("a Facebook comment needs reply_to (a post or comment id)")
    else:
        number = emulator.next_id("fb_comment")
        item = Item(FACEBOOK, f"{parent.conversation_id.rpartition('_')[2]}_{number}",
                    citizen.fb_id, citizen.name, citizen.name, text, emulator.now(),
                    conversation_id=parent.conversation_id, reply_to=parent.id,
                    reply_to_author=parent.author_id, from_client=False)
    emulator.store.add(item)
    emulator.notify(item, "add")
    return item


def edit_reply(emulator: Emulator, platform: str, item_id: str, text: str) -> Item:
    """Edit a reply: in place on Facebook; on X a new version with a new id."""
    item = _item(emulator, platform, item_id)
    if platform == FACEBOOK:
        item.text = text
        emulator.notify(item, "edited")
        return item
    new_id = str(emulator.next_id("tweet"))
    version = replace(item, id=new_id, text=text, created_at=emulator.now(),
                      edit_history=(*(item.edit_history or (item.id,)), new_id))
    item.replaced_by = new_id
    return emulator.store.add(version)


def delete_reply(emulator: Emulator, platform: str, item_id: str) -> Item:
    """Delete a reply: the platform stops serving it (Facebook also sends ``remove``).

    On X every version of an edited tweet goes with it."""
    item = _item(emulator, platform, item_id)
    item.deleted = True
    for version_id in item.edit_history if platform != FACEBOOK else ():
        version = emulator.store.get(platform, version_id)
        if version is not None:
            version.deleted = True
    emulator.notify(item, "remove")
    return item


def seed_replies(
    emulator: Emulator, platform: str, post_id: str, count: int, spacing_seconds: float = 1.0,
) -> int:
    """``count`` corpus replies under ``post_id``, the last one now, ``spacing`` apart."""
    root = _item(emulator, platform, post_id)
    rng = random.Random(f"{emulator.seed}:seed:{platform}:{post_id}")
    now = emulator.now()
    for number in range(count):
        entry, citizen = emulator.corpus.pick(rng)  # the usual mix of kinds
        when = now - timedelta(seconds=spacing_seconds * (count - 1 - number))
        text = entry.text
        if platform == X:
            item = Item(X, str(emulator.next_id("tweet")), citizen.x_id, citizen.username,
                        citizen.name, f"@{root.author_handle} {text}", when,
                        conversation_id=root.id, reply_to=root.id,
                        reply_to_author=root.author_id, from_client=False)
        else:
            comment_id = f"{post_id.rpartition('_')[2]}_{emulator.next_id('fb_comment')}"
            item = Item(FACEBOOK, comment_id, citizen.fb_id, citizen.name, citizen.name, text,
                        when, conversation_id=root.id, reply_to=root.id,
                        reply_to_author=root.author_id, from_client=False)
        emulator.store.add(item)
    return count


def summary(item: Item) -> dict[str, Any]:
    """What the control endpoints answer about an item."""
    return item.summary()
