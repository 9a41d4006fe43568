"""A draft announcement and its queue file: the web UI and ``content_queue/`` are one queue.

An announcement composed in the browser is written as a queue file (``content_queue/web/``)
and ingested by the same parser as hand-written files, so both obey one format, one set
of checks and one set of error messages, and any announcement can be exported as a file.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from social_assistant.db.models import Announcement

WEB_FOLDER = "web"


@dataclass
class Draft:
    """What an officer typed; ``publish_at`` is None for the next free queue slot."""

    title: str = ""
    body: str = ""
    channels: list[str] = field(default_factory=list)
    publish_at: datetime | None = None
    program: str = ""
    tags: list[str] = field(default_factory=list)
    variants: dict[str, str] = field(default_factory=dict)
    media: list[str] = field(default_factory=list)  # paths relative to the queue folder
    approval_required: bool = True
    thread: bool = False

    def queue_file(self, zone: ZoneInfo, folder: str = WEB_FOLDER) -> str:
        """The Markdown queue file for this draft, to live in ``<queue>/<folder>/``."""
        depth = "../" * len(Path(folder).parts)
        front: dict[str, object] = {"title": self.title.strip(), "channels": self.channels}
        if self.publish_at is None:
            front["slot"] = "next"
        else:
            front["publish_at"] = self.publish_at.astimezone(zone).isoformat()
        if self.program.strip():
            front["program"] = self.program.strip()
        if self.tags:
            front["tags"] = [tag if tag.startswith("#") else f"#{tag}" for tag in self.tags]
        if self.media:
            front["media"] = [depth + path for path in self.media]
        variants = {k: v.strip() for k, v in self.variants.items() if v.strip()}
        if variants:
            front["variants"] = variants
        front["approval"] = "required" if self.approval_required else "none"
        if self.thread:
            front["thread"] = True
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{header}---\n{self.body.strip()}\n"


def draft_of(row: Announcement, channels: list[str]) -> Draft:
    """The draft that reproduces an announcement (for the edit form and the export)."""
    media = [item["path"] for item in row.media]
    return Draft(
        title=row.title,
        body=row.body,
        channels=channels,
        publish_at=None if row.slot else row.publish_at,
        program=row.program or "",
        tags=list(row.tags),
        variants=dict(row.variants),
        media=media,
        approval_required=row.approval_required,
        thread=row.thread,
    )


def new_file_name(title: str, now: datetime) -> str:
    """``web/2026-11-30-judul-pengumuman-1a2b.md``: dated, readable, never colliding."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:50].strip("-") or "pengumuman"
    return f"{WEB_FOLDER}/{now:%Y-%m-%d}-{slug}-{secrets.token_hex(2)}.md"


def split_tags(text: str) -> list[str]:
    """Tags typed as "#a #b, c" -> ["a", "b", "c"]."""
    return [word.lstrip("#") for word in re.split(r"[\s,]+", text) if word.strip("#")]
