"""The X adapter through the real tweepy, over HTTP to the emulator."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from social_assistant.channels import (
    AmbiguousError,
    Channel,
    CredentialsError,
    DuplicatePost,
    OutgoingPost,
    PermanentError,
    RateLimited,
)
from social_assistant.emulator import SANDBOX_X_USER_TOKEN, EmulatorClient, ManualClock

ChannelFactory = Callable[..., Channel]
PARTS = ["1/3 Jadwal vaksinasi HPV untuk siswi SD kelas 5 dan 6 dimulai Senin.",
         "2/3 Lokasi: seluruh puskesmas di Kota Samarinda, pukul 08.00-12.00 WITA.",
         "3/3 Bawa kartu pelajar dan buku KIA. Info: 112."]


@pytest.fixture
def x(make_channel: ChannelFactory) -> Channel:
    return make_channel("x")


def test_thread_parts_reply_to_each_other_in_order(x: Channel, control: EmulatorClient) -> None:
    result = x.publish(OutgoingPost("", thread_parts=PARTS))

    posts = control.posts("x")
    assert [p["text"] for p in posts] == PARTS
    assert result.part_ids == tuple(p["id"] for p in posts)
    assert result.remote_id == result.part_ids[0]
    assert [p["reply_to"] for p in posts] == [None, *result.part_ids[:2]]
    assert {p["conversation_id"] for p in posts} == {result.remote_id}


def test_a_failed_thread_part_names_the_parts_already_posted(
    x: Channel, control: EmulatorClient
) -> None:
    control.set_faults({"type": "error", "status": 503, "method": "POST", "path": "/2/tweets",
                        "after": 1})

    with pytest.raises(AmbiguousError) as caught:
        x.publish(OutgoingPost("", thread_parts=PARTS))

    head = control.posts("x")[0]["id"]
    assert caught.value.posted_ids == (head,)
    assert "part 2 of 3" in caught.value.message and head in caught.value.message


def test_duplicate_content_is_already_posted(x: Channel, control: EmulatorClient) -> None:
    control.set_faults({"type": "duplicate"})

    with pytest.raises(DuplicatePost) as caught:
        x.publish(OutgoingPost("Pengumuman yang sama"))
    assert caught.value.already_posted and caught.value.status == 403
    assert "duplicate content" in caught.value.message


def test_429_retry_at_is_the_reset_header(
    x: Channel, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_faults({"type": "rate_limit", "reset_seconds": 300})

    with pytest.raises(RateLimited) as caught:
        x.publish(OutgoingPost("Info banjir"))

    reset = math.ceil(clock().timestamp()) + 300
    assert caught.value.retry_at == datetime.fromtimestamp(reset, UTC)
    assert caught.value.status == 429


def test_enforced_post_limit_reports_the_window_reset(
    x: Channel, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_faults(limits={"x_post_limit": 2, "window_seconds": 900})
    window_start = clock()
    x.publish(OutgoingPost("pertama"))
    clock.advance(60)
    x.publish(OutgoingPost("kedua"))
    state = x.rate_state()
    assert state is not None and (state.limit, state.remaining) == (2, 0)
    assert state.day_limit is not None and state.day_remaining is not None

    with pytest.raises(RateLimited) as caught:
        x.publish(OutgoingPost("ketiga"))
    assert caught.value.retry_at == datetime.fromtimestamp(window_start.timestamp() + 900, UTC)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient_and_ambiguous(
    x: Channel, control: EmulatorClient, status: int
) -> None:
    control.set_faults({"type": "error", "status": status})

    with pytest.raises(AmbiguousError) as caught:
        x.publish(OutgoingPost("Info pemadaman listrik"))
    assert caught.value.status == status and not caught.value.permanent


def test_timeout_is_ambiguous_and_the_post_can_be_found(
    make_channel: ChannelFactory, control: EmulatorClient, clock: ManualClock
) -> None:
    x = make_channel("x", timeout=0.5)
    control.set_faults({"type": "slow", "seconds": 1.0, "path": "/2/tweets"})

    started = time.monotonic()
    with pytest.raises(AmbiguousError, match="timeout"):
        x.publish(OutgoingPost("Info jalan ditutup"))
    assert time.monotonic() - started < 0.95
    assert [p.text for p in x.recent_posts(clock())] == ["Info jalan ditutup"]


def test_connection_reset_is_ambiguous(x: Channel, control: EmulatorClient) -> None:
    control.set_faults({"type": "reset"})

    with pytest.raises(AmbiguousError, match="connection"):
        x.publish(OutgoingPost("Info pasar murah"))
    assert control.posts() == []


def test_401_is_a_permanent_credentials_error(
    make_channel: ChannelFactory, control: EmulatorClient
) -> None:
    control.set_faults(strict_tokens=True)
    x = make_channel("x", secrets={"api_key": "k", "api_secret": "s",
                                   "access_token": "1-stolen", "access_token_secret": "t"})

    with pytest.raises(CredentialsError) as caught:
        x.publish(OutgoingPost("Info"))
    assert caught.value.status == 401 and caught.value.permanent
    assert "credentials" in caught.value.message


def test_a_403_about_one_post_does_not_blame_the_credentials(x: Channel) -> None:
    with pytest.raises(PermanentError, match="too long") as caught:
        x.publish(OutgoingPost("panjang " * 40))
    assert caught.value.status == 403 and not caught.value.credentials


def test_media_go_through_the_v2_upload(
    x: Channel, control: EmulatorClient, image: Path, tmp_path: Path
) -> None:
    second = tmp_path / "poster.jpg"
    second.write_bytes(image.read_bytes())

    result = x.publish(OutgoingPost("Dokumentasi", media=[image, second]))

    assert control.posts("x")[0]["media_count"] == 2
    state = x.rate_state()
    assert state is not None and state.endpoint == "POST /2/tweets"
    assert result.url == f"https://x.com/i/web/status/{result.remote_id}"


def test_more_than_four_images_are_refused_before_any_call(
    x: Channel, control: EmulatorClient, image: Path
) -> None:
    with pytest.raises(PermanentError, match="at most 4"):
        x.publish(OutgoingPost("Galeri", media=[image] * 5))
    assert control.posts() == [] and x.rate_state() is None


def test_link_is_added_once(x: Channel, control: EmulatorClient) -> None:
    link = "https://samarindakota.go.id/layanan"
    x.publish(OutgoingPost("Cek layanan", link=link))
    x.publish(OutgoingPost(f"Cek layanan di {link} ya", link=link))

    assert [p["text"] for p in control.posts("x")] == [f"Cek layanan\n{link}",
                                                       f"Cek layanan di {link} ya"]


def test_oauth2_user_token(
    make_channel: ChannelFactory, control: EmulatorClient, settle: Callable[[], None]
) -> None:
    control.set_faults(strict_tokens=True)
    x = make_channel("x", secrets={"user_token": SANDBOX_X_USER_TOKEN})

    assert x.check() == "@diskominfo_sbx"
    post = x.publish(OutgoingPost("Pakai token OAuth 2"))
    settle()
    replies, _ = x.fetch_replies([post.remote_id], None)
    assert replies and all(r.parent_id and r.author_handle for r in replies)


def test_an_account_id_read_from_the_token_finds_its_own_posts(
    make_channel: ChannelFactory, clock: ManualClock, settle: Callable[[], None]
) -> None:
    x = make_channel("x", secrets={"api_key": "k", "api_secret": "s", "access_token_secret": "t",
                                   "access_token": "1000000000000000001-sandbox"})
    since = clock()
    thread = x.publish(OutgoingPost("", thread_parts=PARTS))
    settle()

    assert {p.remote_id for p in x.recent_posts(since)} == set(thread.part_ids)
    replies, _ = x.fetch_replies([thread.remote_id], None)
    assert replies and not {r.platform_id for r in replies} & set(thread.part_ids)


def test_replies_of_many_conversations_are_all_fetched(
    x: Channel, control: EmulatorClient, settle: Callable[[], None]
) -> None:
    # 30 ids need more than one 512-character query; ~160 replies need several pages.
    ids = [x.publish(OutgoingPost(f"Pengumuman nomor {n}")).remote_id for n in range(30)]
    settle()

    replies, watermark = x.fetch_replies(ids, None)

    expected = [r["id"] for r in control.replies("x")]
    assert len(expected) > 100
    assert [r.platform_id for r in replies] == expected
    assert watermark == expected[-1]
