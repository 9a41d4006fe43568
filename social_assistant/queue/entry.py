"""Parse one queue file into a validated QueueEntry, or say exactly what is wrong with it."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from social_assistant.queue import fields
from social_assistant.queue.errors import QueueFileError
from social_assistant.queue.frontmatter import FrontMatter, read_front_matter
from social_assistant.queue.media import MediaRef, read_media
from social_assistant.queue.scan import scan_queue
from social_assistant.queue.schedule import aware, past_error, read_schedule
from social_assistant.queue.xtext import PLATFORM_LIMITS, split_thread, weighted_length

__all__ = ["QueueEntry", "ensure_future", "parse_queue_file", "scan_queue"]

MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class QueueEntry:
    """One announcement as written in ``content_queue/``, checked and ready to sync."""

    path: Path  # absolute path of the file
    relpath: str  # posix path relative to the queue dir: the file's identity
    content_hash: str  # sha256 over the file's bytes and every media file's bytes
    title: str
    body: str  # the Markdown body, stripped: the default text for every channel
    channels: tuple[str, ...]
    publish_at: datetime | None  # aware, in UTC; None when a slot is used
    slot: str | None  # "next" for `slot: next`
    program: str | None
    tags: tuple[str, ...]  # without the leading '#'
    media: tuple[MediaRef, ...]
    variants: Mapping[str, str] = field(hash=False)  # channel -> override text
    approval_required: bool
    thread: bool  # a long X text may become a numbered thread
    lines: Mapping[str, int] = field(hash=False)  # top-level key -> line, for later errors

    def text_for(self, channel: str) -> str:
        """The text to post on ``channel``: its variant, else the body."""
        return self.variants.get(channel, self.body)


def parse_queue_file(
    path: Path,
    *,
    queue_dir: Path,
    channels: Mapping[str, str],
    now: datetime | None = None,
    default_approval: bool = True,
) -> QueueEntry:
    """Read and validate one queue file.

    ``channels`` maps each configured channel name to its kind ("x" or "facebook").
    With ``now``, a fixed ``publish_at`` must be later than it. Raises QueueFileError,
    and nothing else, for any content of the file.
    """
    relpath = _relpath(path, queue_dir)
    data = _read_bytes(path)
    fm = read_front_matter(data, path)
    fields.check_keys(fm)
    title = fields.read_title(fm)
    chosen = fields.read_channels(fm, channels)
    publish_at, slot = read_schedule(fm)
    if now is not None and publish_at is not None and publish_at <= aware(now):
        raise past_error(path, fm.line_of("publish_at"), publish_at, now)
    program, tags = fields.read_program(fm), fields.read_tags(fm)
    approval_required = fields.read_approval(fm, default_approval)
    variants = fields.read_variants(fm, chosen)
    thread = fields.read_thread(fm)
    body = fm.body.strip()
    for name in chosen:
        _check_text(fm, name, channels[name], variants.get(name, body), thread)
    media = read_media(fm, queue_dir)
    return QueueEntry(
        path=Path(os.path.abspath(path)),
        relpath=relpath,
        content_hash=_content_hash(data, media),
        title=title,
        body=body,
        channels=chosen,
        publish_at=publish_at,
        slot=slot,
        program=program,
        tags=tags,
        media=media,
        variants=MappingProxyType(variants),
        approval_required=approval_required,
        thread=thread,
        lines=MappingProxyType({key: fm.lines[key] for key in fm.data}),
    )


def ensure_future(entry: QueueEntry, now: datetime) -> None:
    """Raise QueueFileError when the entry's fixed ``publish_at`` is not later than ``now``."""
    if entry.publish_at is not None and entry.publish_at <= aware(now):
        raise past_error(entry.path, entry.lines.get("publish_at"), entry.publish_at, now)


def _relpath(path: Path, queue_dir: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(queue_dir)).as_posix()
    except ValueError:
        raise QueueFileError(
            path,
            f"file ini tidak berada di dalam folder antrean konten ({queue_dir}). Pindahkan ke "
            "folder itu.",
            f"this file is not inside the content queue folder ({queue_dir}). Move it there.",
        ) from None


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise QueueFileError(
            path,
            f"file tidak dapat dibaca ({reason}). Periksa bahwa file ada dan izin aksesnya benar.",
            f"the file cannot be read ({reason}). Check that it exists and its permissions.",
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise QueueFileError(
            path,
            f"file lebih besar dari {MAX_FILE_BYTES // 1024} KB, terlalu besar untuk sebuah "
            "pengumuman. Persingkat teksnya; gambar dan video dilampirkan lewat `media`.",
            f"the file is larger than {MAX_FILE_BYTES // 1024} KB, too big for an announcement. "
            "Shorten the text; images and videos are attached through `media`.",
        )
    return data


def _check_text(fm: FrontMatter, name: str, kind: str, text: str, thread: bool) -> None:
    """The text for channel ``name`` must exist and fit the platform's limit."""
    where = f"variants.{name}" if f"variants.{name}" in fm.lines else None
    line = None if where else _body_line(fm)
    if not text:
        raise fm.error(
            where,
            f"belum ada teks untuk kanal `{name}`. Tulis teks pengumuman di bawah baris `---` "
            f"penutup, atau isi `variants` untuk `{name}`.",
            f"there is no text for channel `{name}`. Write the announcement below the closing "
            f"`---` line, or give `{name}` a `variants` entry.",
            line=line,
        )
    limit = PLATFORM_LIMITS.get(kind)
    if limit is None:
        return
    if kind == "x":
        _check_x_text(fm, name, text, thread, where, line)
    elif len(text) > limit:
        raise _too_long(fm, name, kind, len(text), limit, where, line)


def _check_x_text(
    fm: FrontMatter, name: str, text: str, thread: bool, where: str | None, line: int | None
) -> None:
    limit = PLATFORM_LIMITS["x"]
    length = weighted_length(text)
    if length <= limit:
        return
    if not thread:
        raise _too_long(fm, name, "x", length, limit, where, line)
    try:
        split_thread(text, limit)
    except ValueError:
        raise fm.error(
            where,
            f"teks untuk kanal `{name}` tidak dapat dipecah menjadi utas karena ada satu kata "
            f"yang lebih panjang dari satu kiriman X ({limit}). Pisahkan atau persingkat kata itu.",
            f"the text for channel `{name}` cannot be split into a thread because one word is "
            f"longer than a whole X post ({limit}). Break up or shorten that word.",
            line=line,
        ) from None


def _too_long(
    fm: FrontMatter,
    name: str,
    kind: str,
    length: int,
    limit: int,
    where: str | None,
    line: int | None,
) -> QueueFileError:
    if kind == "x":
        counted_id = " (dihitung cara X: tautan 23, emoji 2)"
        counted_en = " (counted the X way: a link is 23, an emoji 2)"
        thread_id = ", atau pasang `thread: true` agar dipecah menjadi utas bernomor"
        thread_en = ", or set `thread: true` to split it into a numbered thread"
    else:
        counted_id = counted_en = thread_id = thread_en = ""
    return fm.error(
        where,
        f"teks untuk kanal `{name}` sepanjang {length} karakter{counted_id}, melebihi batas "
        f"{limit}. Persingkat teks, isi `variants` untuk `{name}` dengan teks yang lebih "
        f"pendek{thread_id}.",
        f"the text for channel `{name}` is {length} characters long{counted_en}, over the "
        f"limit of {limit}. Shorten it, give `{name}` a shorter `variants` entry{thread_en}.",
        line=line,
    )


def _body_line(fm: FrontMatter) -> int:
    """The line where the body's text starts (or the closing `---` when there is none)."""
    lead = len(fm.body) - len(fm.body.lstrip())
    if lead == len(fm.body):
        return fm.end_line
    return fm.end_line + 1 + fm.body.count("\n", 0, lead)


def _content_hash(data: bytes, media: tuple[MediaRef, ...]) -> str:
    digest = hashlib.sha256(data)
    for ref in media:
        digest.update(b"\0" + ref.relpath.encode() + b"\0" + bytes.fromhex(ref.sha256))
    return digest.hexdigest()
