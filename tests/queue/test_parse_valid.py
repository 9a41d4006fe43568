"""Good queue files parse into the entries their authors meant."""

from __future__ import annotations

import hashlib
import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from social_assistant.queue import (
    QueueEntry,
    QueueFileError,
    ensure_future,
    parse_queue_file,
    scan_queue,
    split_thread,
    weighted_length,
)

REPO = Path(__file__).resolve().parents[2]
SHIPPED_QUEUE = REPO / "content_queue"
CHANNELS = {"x-sandbox": "x", "fb-sandbox": "facebook"}

FULL = """\
---
title: Pelatihan Pelayanan Publik Berbasis IT
channels:
  - x-sandbox
  - fb-sandbox
publish_at: 2026-12-08T09:00:00+08:00
program: Transformasi Digital ASN
tags: ["#PelayananPublik", "ASNDigital"]
media: [../media/poster.png]
variants:
  x-sandbox: "Teks pendek untuk X."
approval: none
thread: false
---

Pelatihan Pelayanan Publik Berbasis IT di BPSDM Kaltim.

Terima kasih kepada seluruh peserta.
"""


def png_bytes(shade: int = 0) -> bytes:
    """A real 2x2 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    raw = (b"\x00" + bytes([shade, 80, 160]) * 2) * 2
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def doc(*front: str, body: str = "Teks pengumuman.") -> str:
    return "---\n" + "\n".join(front) + "\n---\n" + body + "\n"


def write(queue: Path, relpath: str, content: str | bytes) -> Path:
    path = queue / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def parse(
    path: Path, queue: Path, *, now: datetime | None = None, default_approval: bool = True
) -> QueueEntry:
    return parse_queue_file(
        path, queue_dir=queue, channels=CHANNELS, now=now, default_approval=default_approval
    )


@pytest.fixture
def queue(tmp_path: Path) -> Path:
    folder = tmp_path / "content_queue"
    write(folder, "media/poster.png", png_bytes())
    return folder


def shipped_files() -> list[Path]:
    return scan_queue(SHIPPED_QUEUE)


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.name)
def test_shipped_sample_is_valid(path: Path) -> None:
    entry = parse(path, SHIPPED_QUEUE, now=datetime.now(UTC))
    assert entry.slot == "next"
    assert entry.publish_at is None
    assert set(entry.channels) <= set(CHANNELS)
    assert entry.tags
    for channel in entry.channels:
        text = entry.text_for(channel)
        if CHANNELS[channel] == "x":
            parts = split_thread(text) if entry.thread else [text]
            assert all(weighted_length(part) <= 280 for part in parts)


def test_shipped_samples_cover_the_format() -> None:
    entries = [parse(path, SHIPPED_QUEUE) for path in shipped_files()]
    assert len(entries) >= 4
    assert {e.approval_required for e in entries} == {True, False}
    assert any(e.media and "x-sandbox" in e.variants for e in entries)
    assert all(ref.path.stat().st_size < 20_000 for e in entries for ref in e.media)


def test_full_file(queue: Path) -> None:
    path = write(queue, "2026/pelatihan.md", FULL)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    entry = parse(path, queue, now=now, default_approval=True)
    assert entry.path == path
    assert entry.relpath == "2026/pelatihan.md"
    assert entry.title == "Pelatihan Pelayanan Publik Berbasis IT"
    assert entry.channels == ("x-sandbox", "fb-sandbox")
    assert entry.publish_at == datetime(2026, 12, 8, 1, 0, tzinfo=UTC)
    assert entry.publish_at.utcoffset() is not None
    assert entry.slot is None
    assert entry.program == "Transformasi Digital ASN"
    assert entry.tags == ("PelayananPublik", "ASNDigital")
    assert entry.approval_required is False
    assert entry.thread is False
    assert entry.body == (
        "Pelatihan Pelayanan Publik Berbasis IT di BPSDM Kaltim.\n\n"
        "Terima kasih kepada seluruh peserta."
    )
    assert entry.text_for("x-sandbox") == "Teks pendek untuk X."
    assert entry.text_for("fb-sandbox") == entry.body
    assert dict(entry.variants) == {"x-sandbox": "Teks pendek untuk X."}
    assert dict(entry.lines) == {
        "title": 2,
        "channels": 3,
        "publish_at": 6,
        "program": 7,
        "tags": 8,
        "media": 9,
        "variants": 10,
        "approval": 12,
        "thread": 13,
    }
    (media,) = entry.media
    assert media.relpath == "../media/poster.png"
    assert media.path == (queue / "media/poster.png").resolve()
    assert media.mime == "image/png"
    assert media.sha256 == hashlib.sha256(png_bytes()).hexdigest()
    assert len(entry.content_hash) == 64
    hash(entry)  # frozen and hashable despite its mappings


def test_quoted_zulu_time_and_single_strings(queue: Path) -> None:
    path = write(
        queue,
        "a.md",
        '---\ntitle: "Judul: dengan titik dua"\nchannels: fb-sandbox\n'
        'publish_at: "2026-12-08T01:00:00Z"\ntags: "#LAPOR #PelayananPublik, Kaltim"\n'
        "media: media/poster.png\n---\nTeks.\n",
    )
    entry = parse(path, queue)
    assert entry.title == "Judul: dengan titik dua"
    assert entry.channels == ("fb-sandbox",)
    assert entry.publish_at == datetime(2026, 12, 8, 1, 0, tzinfo=UTC)
    assert entry.tags == ("LAPOR", "PelayananPublik", "Kaltim")
    assert [m.relpath for m in entry.media] == ["media/poster.png"]


def test_windows_line_endings(queue: Path) -> None:
    unix = parse(write(queue, "sub/unix.md", FULL), queue)
    windows = parse(write(queue, "sub/windows.md", FULL.replace("\n", "\r\n")), queue)
    assert windows.body == unix.body
    assert "\r" not in windows.body
    assert windows.lines == unix.lines
    assert windows.variants == unix.variants
    assert windows.publish_at == unix.publish_at


def test_utf8_bom_is_accepted(queue: Path) -> None:
    entry = parse(write(queue, "sub/bom.md", b"\xef\xbb\xbf" + FULL.encode()), queue)
    assert entry.title == "Pelatihan Pelayanan Publik Berbasis IT"
    assert entry.lines["title"] == 2


def test_windows_style_media_path(queue: Path) -> None:
    text = doc("title: a", "channels: [fb-sandbox]", "slot: next", "media: ['media\\poster.png']")
    entry = parse(write(queue, "a.md", text), queue)
    assert entry.media[0].path == (queue / "media/poster.png").resolve()


def test_hash_changes_when_a_media_file_changes(queue: Path) -> None:
    path = write(queue, "sub/pelatihan.md", FULL)
    before = parse(path, queue).content_hash
    assert parse(path, queue).content_hash == before
    write(queue, "media/poster.png", png_bytes(shade=200))
    after = parse(path, queue)
    assert after.content_hash != before
    assert after.media[0].sha256 == hashlib.sha256(png_bytes(shade=200)).hexdigest()


def test_hash_changes_when_the_text_changes(queue: Path) -> None:
    path = write(queue, "sub/pelatihan.md", FULL)
    before = parse(path, queue).content_hash
    write(queue, "sub/pelatihan.md", FULL.replace("seluruh peserta", "para peserta"))
    assert parse(path, queue).content_hash != before


@pytest.mark.parametrize("default", [True, False])
def test_approval_defaults_to_the_setting(queue: Path, default: bool) -> None:
    path = write(queue, "a.md", "---\ntitle: a\nchannels: [x-sandbox]\nslot: next\n---\nb\n")
    assert parse(path, queue, default_approval=default).approval_required is default


def test_empty_optional_fields_are_absent(queue: Path) -> None:
    text = (
        "---\ntitle: a\nchannels: [x-sandbox]\nslot: next\nprogram:\ntags:\nmedia:\n"
        "variants:\napproval:  # default\nthread:\n---\nb\n"
    )
    entry = parse(write(queue, "a.md", text), queue, default_approval=False)
    assert (entry.program, entry.tags, entry.media, dict(entry.variants)) == (None, (), (), {})
    assert entry.approval_required is False
    assert entry.thread is False


def test_long_x_text_with_thread(queue: Path) -> None:
    body = "\n\n".join(["Kalimat pelayanan publik berbasis IT. " * 6] * 4)
    text = f"---\ntitle: a\nchannels: [x-sandbox]\nslot: next\nthread: true\n---\n{body}\n"
    entry = parse(write(queue, "a.md", text), queue)
    assert entry.thread is True
    assert len(split_thread(entry.text_for("x-sandbox"))) == 4


def test_variant_may_replace_an_empty_body(queue: Path) -> None:
    text = "---\ntitle: a\nchannels: [x-sandbox]\nslot: next\nvariants: {x-sandbox: Halo}\n---\n"
    entry = parse(write(queue, "a.md", text), queue)
    assert entry.body == ""
    assert entry.text_for("x-sandbox") == "Halo"


def test_ensure_future(queue: Path) -> None:
    entry = parse(write(queue, "sub/pelatihan.md", FULL), queue)
    ensure_future(entry, datetime(2026, 12, 8, 0, 59, tzinfo=UTC))
    with pytest.raises(QueueFileError) as caught:
        ensure_future(entry, datetime(2026, 12, 8, 1, 0, tzinfo=UTC))
    assert (caught.value.field, caught.value.line) == ("publish_at", 6)
    assert "sudah lewat" in caught.value.message_id


def test_ensure_future_ignores_slots(queue: Path) -> None:
    path = write(queue, "a.md", "---\ntitle: a\nchannels: [x-sandbox]\nslot: next\n---\nb\n")
    ensure_future(parse(path, queue), datetime(2100, 1, 1, tzinfo=UTC))


def test_scan_queue(tmp_path: Path) -> None:
    for name in [
        "b.md",
        "a/z.md",
        "a/README.md",
        "README.md",
        "_draft.md",
        ".hidden.md",
        "_arsip/old.md",
        ".git/x.md",
        "media/caption.md",
        "a/media/caption.md",
        "notes.txt",
        "a/c.md",
    ]:
        write(tmp_path, name, "x")
    found = scan_queue(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/c.md", "a/z.md", "b.md"]


def test_scan_missing_folder(tmp_path: Path) -> None:
    assert scan_queue(tmp_path / "nope") == []
