"""Every kind of bad queue file gets one clear error: file, line, field, and what to do."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from social_assistant.queue import QueueFileError, parse_queue_file

CHANNELS = {"x-sandbox": "x", "fb-sandbox": "facebook"}
NOW = datetime(2026, 6, 1, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
# fmt: off
ID_ACTIONS = (
    "Tulis", "Tambahkan", "Hapus", "Periksa", "Persingkat", "Simpan", "Isi", "Ganti", "Salin",
    "Gunakan", "Pilih", "Pindahkan", "Beri", "Perkecil", "Pisahkan", "Perbaiki", "pakai", "tulis",
)
EN_ACTIONS = (
    "Write", "Add", "Remove", "Check", "Shorten", "Save", "Fill", "Use", "Choose", "Put",
    "Copy", "Delete", "Move", "Resize", "Break", "Give", "Correct", "use", "write",
)
ID_WORDS = (
    "tidak", "harus", "belum", "kolom", "nilai", "kanal", "ini", "bukan", "dan", "yang",
    "atau", "untuk", "dengan", "sudah", "di", "terlalu", "ada",
)
# fmt: on
EN_WORDS = ("the", "is", "not", "must", "this", "field", "value", "channel", "and")


def doc(*front: str, body: str = "Teks pengumuman untuk warga.") -> str:
    """A queue file; front-matter lines start on line 2."""
    return "---\n" + "\n".join(front) + "\n---\n" + body + "\n"


OK = ("title: Judul", "channels: [x-sandbox]", "slot: next")


@dataclass
class Case:
    content: str | bytes
    field: str | None
    line: int | None
    setup: Callable[[Path], None] | None = None
    mentions: str | None = None  # a word both messages must contain


def media_file(relpath: str, data: bytes = PNG) -> Callable[[Path], None]:
    def setup(queue: Path) -> None:
        path = queue / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return setup


def big_png(queue: Path) -> None:
    (queue / "media").mkdir()
    with (queue / "media/big.png").open("wb") as handle:
        handle.write(PNG)
        handle.truncate(5 * 1024 * 1024 + 1)


def media_dir(queue: Path) -> None:
    (queue / "media/foto.png").mkdir(parents=True)


def outside_file(queue: Path) -> None:
    (queue.parent / "rahasia.png").write_bytes(PNG)


def outside_symlink(queue: Path) -> None:
    outside_file(queue)
    (queue / "media").mkdir()
    os.symlink(queue.parent / "rahasia.png", queue / "media/tautan.png")


URLS = " ".join(["lapor.go.id/a"] * 13)

CASES = {
    # whole-file problems
    "empty-file": Case(b"", None, None, mentions="`title`"),
    "whitespace-only": Case(b"  \r\n\n", None, None),
    "binary-file": Case(b"---\ntitle: a\x00b\n---\n", None, 2, mentions="NUL"),
    "utf16-file": Case("---\ntitle: a\n---\n".encode("utf-16"), None, 1, mentions="UTF-16"),
    "non-utf8-bytes": Case(b"---\ntitle: Caf\xe9\n---\n", None, 2, mentions="14"),
    "no-front-matter": Case("title: Judul\nchannels: [x-sandbox]\n", None, 1, mentions="---"),
    "blank-line-before-front-matter": Case("\n" + doc(*OK), None, 1),
    "unterminated-front-matter": Case("---\ntitle: a\nchannels: [x-sandbox]\n", None, 1),
    "invalid-yaml-colon": Case(doc("title: Pelatihan: Angkatan I", *OK[1:]), None, 2),
    "invalid-yaml-flow": Case(doc("title: a", "channels: [x-sandbox", "slot: next"), None, 4),
    "invalid-yaml-tab": Case(doc("title: a", "channels:", "\t- x-sandbox"), None, 4),
    "invalid-yaml-crlf-lines": Case(
        doc("title: a", "slot: next", "channels: a: b").replace("\n", "\r\n"), None, 4
    ),
    "deeply-nested-yaml": Case(doc("title: " + "[" * 3000 + "]" * 3000), None, None),
    "control-character": Case(doc("title: a\x07b", *OK[1:]), None, 2, mentions="U+0007"),
    "front-matter-is-a-list": Case(doc("- title", "- channels"), None, 2),
    "front-matter-is-text": Case(doc("sekadar teks"), None, 2),
    "key-is-a-list": Case(doc(*OK, "? [a, b]", ": c"), None, 5),
    "duplicate-key": Case(doc(*OK, "title: Lagi"), "title", 5, mentions="2"),
    # unknown keys
    "unknown-key-typo": Case(
        doc("title: a", "channels: [x-sandbox]", "publsh_at: 2026-12-08T09:00:00+08:00"),
        "publsh_at",
        4,
        mentions="publish_at",
    ),
    "unknown-key": Case(doc(*OK, "penulis: Difa"), "penulis", 5, mentions="approval"),
    "numeric-key": Case(doc(*OK, "1: satu"), "1", 5),
    # title
    "missing-title": Case(doc(*OK[1:]), "title", 1),
    "empty-title": Case(doc("title:", *OK[1:]), "title", 2),
    "blank-title": Case(doc('title: "   "', *OK[1:]), "title", 2),
    "title-is-a-list": Case(doc("title: [a]", *OK[1:]), "title", 2, mentions="title:"),
    "title-is-a-number": Case(doc("title: 2026", *OK[1:]), "title", 2),
    "title-too-long": Case(doc("title: " + "a" * 201, *OK[1:]), "title", 2, mentions="200"),
    # channels
    "missing-channels": Case(doc("title: a", "slot: next"), "channels", 1),
    "channels-is-a-number": Case(doc("title: a", "channels: 5", "slot: next"), "channels", 3),
    "channels-empty-list": Case(doc("title: a", "channels: []", "slot: next"), "channels", 3),
    "channels-is-a-mapping": Case(
        doc("title: a", "channels: {x-sandbox: 1}", "slot: next"), "channels", 3
    ),
    "unknown-channel": Case(
        doc("title: a", "channels:", "  - x-sandbox", "  - twitter", "slot: next"),
        "channels[1]",
        5,
        mentions="fb-sandbox",
    ),
    "unknown-single-channel": Case(
        doc("title: a", "channels: X-Sandbox", "slot: next"), "channels", 3, mentions="x-sandbox"
    ),
    "channel-is-a-number": Case(
        doc("title: a", "channels: [x-sandbox, 3]", "slot: next"), "channels[1]", 3
    ),
    "duplicate-channel": Case(
        doc("title: a", "channels: [x-sandbox, x-sandbox]", "slot: next"), "channels[1]", 3
    ),
    # schedule
    "no-time": Case(doc("title: a", "channels: [x-sandbox]"), "publish_at", 1, mentions="slot"),
    "publish-at-and-slot": Case(
        doc(*OK, "publish_at: 2026-12-08T09:00:00+08:00"), "publish_at", 5, mentions="slot"
    ),
    "slot-and-publish-at": Case(
        doc("publish_at: 2026-12-08T09:00:00+08:00", *OK), "slot", 5, mentions="publish_at"
    ),
    "unknown-slot": Case(doc("title: a", "channels: [x-sandbox]", "slot: later"), "slot", 4),
    "publish-at-in-the-past": Case(
        doc(*OK[:2], "publish_at: 2025-07-17T09:00:00+08:00"), "publish_at", 4, mentions="2025"
    ),
    "publish-at-now": Case(doc(*OK[:2], "publish_at: 2026-06-01T00:00:00Z"), "publish_at", 4),
    "publish-at-without-zone": Case(
        doc(*OK[:2], "publish_at: 2026-12-08 09:00:00"), "publish_at", 4, mentions="+08:00"
    ),
    "publish-at-quoted-without-zone": Case(
        doc(*OK[:2], 'publish_at: "2026-12-08T09:00"'), "publish_at", 4, mentions="+08:00"
    ),
    "publish-at-date-only": Case(doc(*OK[:2], "publish_at: 2026-12-08"), "publish_at", 4),
    "publish-at-quoted-date-only": Case(doc(*OK[:2], "publish_at: '2026-12-08'"), "publish_at", 4),
    "publish-at-words": Case(doc(*OK[:2], "publish_at: besok pagi"), "publish_at", 4),
    "publish-at-number": Case(doc(*OK[:2], "publish_at: 20261208"), "publish_at", 4),
    "publish-at-empty": Case(doc(*OK[:2], "publish_at:"), "publish_at", 4),
    "publish-at-month-13": Case(
        doc(*OK[:2], "publish_at: 2026-13-08T09:00:00+08:00"), "publish_at", 4
    ),
    "publish-at-offset-25h": Case(
        doc(*OK[:2], "publish_at: 2026-12-08T09:00:00+25:00"), "publish_at", 4
    ),
    "publish-at-out-of-range": Case(
        doc(*OK[:2], "publish_at: '0001-01-01T00:00:00+08:00'"), "publish_at", 4
    ),
    # texts and limits
    "missing-text": Case(doc(*OK, body=""), None, 5, mentions="x-sandbox"),
    "missing-text-for-one-channel": Case(
        doc(
            "title: a",
            "channels: [x-sandbox, fb-sandbox]",
            "slot: next",
            "variants: {x-sandbox: Halo}",
            body="\n\n",
        ),
        None,
        6,
        mentions="fb-sandbox",
    ),
    "text-over-x-limit": Case(doc(*OK, body="\n" + "kata " * 60), None, 7, mentions="299"),
    "url-heavy-text-over-x-limit": Case(doc(*OK, body=URLS), None, 6, mentions="311"),
    "cjk-text-over-x-limit": Case(doc(*OK, body="你" * 141), None, 6, mentions="282"),
    "x-variant-over-limit": Case(
        doc(
            "title: a",
            "channels: [x-sandbox, fb-sandbox]",
            "slot: next",
            "variants:",
            "  x-sandbox: " + "b" * 281,
        ),
        "variants.x-sandbox",
        6,
        mentions="281",
    ),
    "text-over-facebook-limit": Case(
        doc("title: a", "channels: [fb-sandbox]", "slot: next", body="a" * 63207),
        None,
        6,
        mentions="63207",
    ),
    "thread-with-unsplittable-word": Case(
        doc(*OK, "thread: true", body="awal " + "a" * 300), None, 7, mentions="x-sandbox"
    ),
    # variants
    "variant-for-unlisted-channel": Case(
        doc(*OK, "variants:", "  fb-sandbox: Halo Facebook"),
        "variants.fb-sandbox",
        6,
        mentions="channels",
    ),
    "variant-for-unknown-channel": Case(
        doc(*OK, "variants: {twitter: Halo}"), "variants.twitter", 5
    ),
    "variants-is-a-list": Case(doc(*OK, "variants: [x-sandbox]"), "variants", 5),
    "empty-variant": Case(doc(*OK, "variants:", "  x-sandbox: ''"), "variants.x-sandbox", 6),
    "variant-is-a-number": Case(doc(*OK, "variants: {x-sandbox: 5}"), "variants.x-sandbox", 5),
    # media
    "missing-media-file": Case(
        doc(*OK, "media: [media/hilang.png]"), "media[0]", 5, mentions="media/hilang.png"
    ),
    "second-media-missing": Case(
        doc(*OK, "media:", "  - media/a.png", "  - media/b.png"),
        "media[1]",
        7,
        setup=media_file("media/a.png"),
    ),
    "media-escaping-queue-dir": Case(
        doc(*OK, "media: [../rahasia.png]"), "media[0]", 5, setup=outside_file
    ),
    "media-symlink-escaping-queue-dir": Case(
        doc(*OK, "media: [media/tautan.png]"), "media[0]", 5, setup=outside_symlink
    ),
    "media-absolute-path": Case(doc(*OK, "media: [/etc/passwd]"), "media[0]", 5),
    "media-bad-extension": Case(
        doc(*OK, "media: [media/poster.bmp]"),
        "media[0]",
        5,
        setup=media_file("media/poster.bmp"),
        mentions="PNG",
    ),
    "media-no-extension": Case(
        doc(*OK, "media: [media/poster]"), "media[0]", 5, setup=media_file("media/poster")
    ),
    "media-is-a-directory": Case(
        doc(*OK, "media: [media/foto.png]"), "media[0]", 5, setup=media_dir
    ),
    "media-image-too-large": Case(
        doc(*OK, "media: [media/big.png]"), "media[0]", 5, setup=big_png, mentions="5 MB"
    ),
    "media-content-not-png": Case(
        doc(*OK, "media: [media/foto.png]"),
        "media[0]",
        5,
        setup=media_file("media/foto.png", b"<html>bukan gambar</html>"),
    ),
    "media-is-a-number": Case(doc(*OK, "media: 5"), "media", 5),
    "media-item-is-a-list": Case(doc(*OK, "media: [[a.png]]"), "media[0]", 5),
    # other fields
    "approval-unknown": Case(doc(*OK, "approval: maybe"), "approval", 5, mentions="required"),
    "approval-boolean": Case(doc(*OK, "approval: yes"), "approval", 5),
    "thread-not-boolean": Case(doc(*OK, "thread: 'ya'"), "thread", 5, mentions="true"),
    "program-is-a-list": Case(doc(*OK, "program: [a, b]"), "program", 5),
    "tags-is-a-number": Case(doc(*OK, "tags: 5"), "tags", 5),
    "tag-is-a-number": Case(doc(*OK, "tags: ['#ok', 5]"), "tags[1]", 5),
    "tag-with-hyphen": Case(doc(*OK, "tags: ['#ASN-Digital']"), "tags[0]", 5),
    "tag-only-hash": Case(doc(*OK, "tags: '#'"), "tags", 5),
    "tags-swallowed-as-comment": Case(doc(*OK, "tags: #ASNDigital"), "tags", 5, mentions='"'),
    "tag-item-swallowed-as-comment": Case(
        doc(*OK, "tags:", "  - '#ok'", "  - #ASNDigital"), "tags[1]", 7
    ),
}


@pytest.fixture
def queue(tmp_path: Path) -> Path:
    folder = tmp_path / "content_queue"
    folder.mkdir()
    return folder


def assert_indonesian(text: str) -> None:
    assert any(re.search(rf"\b{word}\b", text) for word in ID_WORDS), text
    assert any(action in text for action in ID_ACTIONS), f"no action to take: {text}"
    assert not re.search(r"\b(the|must|is)\b", text), text


def assert_english(text: str) -> None:
    assert any(re.search(rf"\b{word}\b", text) for word in EN_WORDS), text
    assert any(action in text for action in EN_ACTIONS), f"no action to take: {text}"
    assert not re.search(r"\b(tidak|harus|belum|kolom|nilai)\b", text), text


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_file(queue: Path, case: Case) -> None:
    if case.setup is not None:
        case.setup(queue)
    path = queue / "pengumuman.md"
    content = case.content.encode() if isinstance(case.content, str) else case.content
    path.write_bytes(content)

    with pytest.raises(QueueFileError) as caught:
        parse_queue_file(path, queue_dir=queue, channels=CHANNELS, now=NOW)

    error = caught.value
    assert (error.field, error.line) == (case.field, case.line), error.log_text()
    assert error.path == path
    where = "content_queue/pengumuman.md" + (f":{case.line}" if case.line else "")
    officer = error.officer_text(base=queue.parent)
    assert officer.startswith(f"{where}: ")
    if case.field is not None:
        assert officer.startswith(f"{where}: kolom `{case.field}`: ")
        assert error.log_text(queue.parent).startswith(f"{where}: field `{case.field}`: ")
    assert_indonesian(error.message_id)
    assert_english(error.message_en)
    assert str(error) == error.log_text()
    assert error.log_text().startswith(path.as_posix())
    if case.mentions is not None:
        assert case.mentions in error.message_id
        assert case.mentions in error.message_en


def test_officer_text_matches_the_documented_example(tmp_path: Path) -> None:
    queue = tmp_path / "content_queue"
    queue.mkdir()
    path = queue / "pelatihan.md"
    path.write_text(doc("title: a", "channels: [x-sandbox]", "publish_at: 2026-12-08T09:00"))
    with pytest.raises(QueueFileError) as caught:
        parse_queue_file(path, queue_dir=queue, channels=CHANNELS)
    assert caught.value.officer_text(tmp_path).startswith(
        "content_queue/pelatihan.md:4: kolom `publish_at`: waktu tidak memiliki zona waktu. "
        "Tulis misalnya 2026-12-08T09:00:00+08:00"
    )
    assert caught.value.log_text(tmp_path).startswith(
        "content_queue/pelatihan.md:4: field `publish_at`: the time has no time zone."
    )


def test_past_check_is_skipped_without_now(queue: Path) -> None:
    path = queue / "a.md"
    path.write_text(doc(*OK[:2], "publish_at: 2025-07-17T09:00:00+08:00"))
    entry = parse_queue_file(path, queue_dir=queue, channels=CHANNELS)
    assert entry.publish_at == datetime(2025, 7, 17, 1, 0, tzinfo=UTC)


def test_unreadable_path(queue: Path) -> None:
    (queue / "folder.md").mkdir()
    with pytest.raises(QueueFileError) as caught:
        parse_queue_file(queue / "folder.md", queue_dir=queue, channels=CHANNELS)
    assert caught.value.field is None
    assert "tidak dapat dibaca" in caught.value.message_id


def test_file_outside_queue_dir(tmp_path: Path, queue: Path) -> None:
    path = tmp_path / "lain.md"
    path.write_text(doc(*OK))
    with pytest.raises(QueueFileError) as caught:
        parse_queue_file(path, queue_dir=queue, channels=CHANNELS)
    assert "Pindahkan" in caught.value.message_id


def test_no_channels_configured(queue: Path) -> None:
    path = queue / "a.md"
    path.write_text(doc(*OK))
    with pytest.raises(QueueFileError) as caught:
        parse_queue_file(path, queue_dir=queue, channels={})
    assert caught.value.field == "channels[0]"
    assert "konfigurasi" in caught.value.message_id


def test_huge_file(queue: Path) -> None:
    path = queue / "a.md"
    path.write_text(doc(*OK, body="a" * 2_000_000))
    with pytest.raises(QueueFileError) as caught:
        parse_queue_file(path, queue_dir=queue, channels=CHANNELS)
    assert "terlalu besar" in caught.value.message_id
