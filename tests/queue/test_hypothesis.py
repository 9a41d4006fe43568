"""Whatever is in a queue file, the parser returns a sound entry or a QueueFileError."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from social_assistant.queue import (
    QueueEntry,
    QueueFileError,
    parse_queue_file,
    split_thread,
    weighted_length,
)

CHANNELS = {"x-sandbox": "x", "fb-sandbox": "facebook"}
NOW = datetime(2026, 6, 1, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]
SAMPLE_PNG = REPO / "content_queue/media/adgla-kepemimpinan-digital.png"
FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

weird_text = st.text(st.characters(codec="utf-8"), max_size=60) | st.sampled_from(
    ["", " ", "#ASNDigital", "a: b", "---", "\t", "\ufeff", "🇮🇩👨‍👩‍👧", "你好"]
)
AWARE: list[tzinfo] = [UTC, timezone(timedelta(hours=8)), timezone(-timedelta(hours=5))]
aware = st.sampled_from(AWARE)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    weird_text,
    st.datetimes(),
    st.datetimes(timezones=aware),
    st.dates(),
)
garbage = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(weird_text, inner, max_size=3),
    max_leaves=8,
)
channel_names = st.sampled_from([*CHANNELS, "twitter", "X-Sandbox"])
long_body = st.builds(
    lambda word, n: " ".join([word] * n),
    st.sampled_from(["kata", "https://www.lapor.go.id/aduan", "😀", "你好", "a" * 90]),
    st.integers(0, 120),
)
START, END = datetime(2027, 1, 1), datetime(2100, 1, 1)
future = st.datetimes(START, END) | st.datetimes(START, END, timezones=aware)
# Files that are nearly right: every required key, sensible optional values.
schedule = st.just({"slot": "next"}) | st.builds(lambda when: {"publish_at": when}, future)
plausible_front = st.builds(
    lambda front, when: {**front, **when},
    st.fixed_dictionaries(
        {
            "title": st.text(min_size=1, max_size=80),
            "channels": st.lists(
                st.sampled_from(list(CHANNELS)), min_size=1, max_size=2, unique=True
            ),
        },
        optional={
            "program": st.text(max_size=30),
            "tags": st.lists(st.from_regex(r"#?[A-Za-z][A-Za-z0-9_]{0,15}", fullmatch=True)),
            "media": st.lists(st.just("media/a.png"), max_size=1),
            "variants": st.dictionaries(st.sampled_from(list(CHANNELS)), long_body, max_size=2),
            "approval": st.sampled_from(["required", "none"]),
            "thread": st.booleans(),
        },
    ),
    schedule,
)
# Anything at all under the known keys, and a misspelt one.
garbage_front = st.fixed_dictionaries(
    {},
    optional={
        "title": st.text(max_size=220) | garbage,
        "channels": st.lists(channel_names, max_size=3) | channel_names | garbage,
        "publish_at": future
        | st.dates()
        | st.sampled_from(["2030-01-01T00:00:00+07:00", "2020-01-01T00:00:00Z", "besok"])
        | garbage,
        "slot": st.sampled_from(["next", "later"]) | garbage,
        "program": garbage,
        "tags": st.lists(weird_text, max_size=3) | garbage,
        "media": st.lists(st.sampled_from(["media/none.png", "../x.png", "/etc/passwd"])) | garbage,
        "variants": st.dictionaries(channel_names, weird_text | long_body, max_size=2) | garbage,
        "approval": st.sampled_from(["required", "none", "maybe"]) | garbage,
        "thread": garbage,
        "publsh_at": garbage,
    },
)
# A nearly right file with one key spoilt.
spoilt_front = st.builds(
    lambda front, key, value: {**front, key: value},
    plausible_front,
    st.sampled_from(["title", "channels", "slot", "publish_at", "tags", "media", "variants"]),
    garbage,
)
front_matter = plausible_front | spoilt_front | garbage_front
bodies = st.text(min_size=1) | weird_text | long_body


@pytest.fixture(scope="module")
def queue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("hypothesis") / "content_queue"
    (folder / "media").mkdir(parents=True)
    shutil.copy(SAMPLE_PNG, folder / "media/a.png")
    yield folder


def check(path: Path, queue: Path, content: bytes) -> None:
    """Parse ``content``: only QueueFileError may escape, and entries must be sound."""
    path.write_bytes(content)
    try:
        entry = parse_queue_file(path, queue_dir=queue, channels=CHANNELS, now=NOW)
    except QueueFileError as error:
        assert error.path == path
        assert error.message_id and error.message_en
        assert error.officer_text(queue.parent).startswith("content_queue/")
        event(f"rejected: {error.field}")
        return
    event("accepted")
    assert_sound(entry)


def assert_sound(entry: QueueEntry) -> None:
    assert entry.title.strip() == entry.title and 0 < len(entry.title) <= 200
    assert entry.channels and set(entry.channels) <= set(CHANNELS)
    assert len(set(entry.channels)) == len(entry.channels)
    if entry.publish_at is None:
        assert entry.slot == "next"
    else:
        assert entry.slot is None
        assert entry.publish_at.utcoffset() == timedelta(0)
        assert entry.publish_at > NOW
    assert set(entry.variants) <= set(entry.channels)
    for channel in entry.channels:
        text = entry.text_for(channel)
        assert text
        if CHANNELS[channel] == "x":
            parts = split_thread(text) if entry.thread else [text]
            assert all(weighted_length(part) <= 280 for part in parts)
        else:
            assert len(text) <= 63206
    assert all(tag and not tag.startswith("#") for tag in entry.tags)
    assert all(ref.path.is_file() for ref in entry.media)


def dump(front: dict[str, object], body: str) -> bytes:
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False) if front else ""
    return f"---\n{text}---\n{body}\n".encode()


@FAST
@given(front=front_matter, body=bodies)
def test_generated_front_matter(queue: Path, front: dict[str, object], body: str) -> None:
    check(queue / "generated.md", queue, dump(front, body))


@FAST
@given(front=front_matter, body=bodies)
def test_generated_front_matter_with_windows_line_endings(
    queue: Path, front: dict[str, object], body: str
) -> None:
    content = dump(front, body).replace(b"\n", b"\r\n")
    check(queue / "generated.md", queue, b"\xef\xbb\xbf" + content)


@FAST
@given(data=st.binary(max_size=400))
def test_random_bytes(queue: Path, data: bytes) -> None:
    check(queue / "bytes.md", queue, data)


@FAST
@given(front=st.binary(max_size=300), body=st.binary(max_size=300))
def test_random_bytes_inside_front_matter(queue: Path, front: bytes, body: bytes) -> None:
    check(queue / "bytes.md", queue, b"---\n" + front + b"\n---\n" + body)


@FAST
@given(front=st.text(max_size=300))
def test_random_text_inside_front_matter(queue: Path, front: str) -> None:
    check(queue / "text.md", queue, f"---\n{front}\n---\nTeks.\n".encode())


@FAST
@given(
    words=st.lists(
        st.text(st.characters(exclude_categories=("Cs", "Zs", "Cc", "Zl", "Zp")), min_size=1)
        | st.sampled_from(["https://www.lapor.go.id/aduan", "😀", "\n\n", "Kaltim."]),
        max_size=300,
    ),
    limit=st.integers(min_value=20, max_value=280),
)
def test_split_thread_parts_fit(words: list[str], limit: int) -> None:
    text = " ".join(words)
    try:
        parts = split_thread(text, limit)
    except ValueError:
        assert any(weighted_length(word) > limit - 9 for word in text.split())
        return
    assert all(weighted_length(part) <= limit for part in parts)
    assert len(parts) == 1 or all(part.endswith(f"/{len(parts)}") for part in parts)
