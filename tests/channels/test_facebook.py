"""The Facebook adapter through the real facebook-sdk, over HTTP to the emulator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from social_assistant.channels import (
    AmbiguousError,
    Channel,
    ChannelSpec,
    CredentialsError,
    OutgoingPost,
    PermanentError,
    RateLimited,
    open_channel,
)
from social_assistant.emulator import SANDBOX_SECRETS, EmulatorClient, ManualClock

ChannelFactory = Callable[..., Channel]
LINK = "https://kaltimprov.go.id/berita/gratispol"


@pytest.fixture
def fb(make_channel: ChannelFactory) -> Channel:
    return make_channel("facebook")


def test_feed_post_with_link(fb: Channel, control: EmulatorClient) -> None:
    result = fb.publish(OutgoingPost("Program Gratispol: kuliah gratis", link=LINK))

    [post] = control.posts("facebook")
    assert (post["id"], post["text"], post["link"]) == (result.remote_id, post["text"], LINK)
    assert result.url == f"https://www.facebook.com/{result.remote_id}"
    state = fb.rate_state()
    assert state is not None and (state.endpoint or "").startswith("POST /v25.0/")


def test_photo_post_returns_the_post_id(
    fb: Channel, control: EmulatorClient, clock: ManualClock, image: Path
) -> None:
    result = fb.publish(OutgoingPost("Dokumentasi rapat koordinasi", media=[image], link=LINK))

    [post] = control.posts("facebook")
    assert post["id"] == result.remote_id and post["media_count"] == 1
    assert post["text"] == f"Dokumentasi rapat koordinasi\n{LINK}"
    assert [p.remote_id for p in fb.recent_posts(clock())] == [result.remote_id]


def test_several_photos_make_one_post(
    fb: Channel, control: EmulatorClient, image: Path, tmp_path: Path
) -> None:
    second = tmp_path / "dua.png"
    second.write_bytes(image.read_bytes())

    fb.publish(OutgoingPost("Galeri kegiatan", media=[image, second]))

    [post] = control.posts("facebook")
    assert post["media_count"] == 2


def test_comment_paging_with_stream_includes_replies_to_comments(
    fb: Channel, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_citizens(min_replies=150, max_replies=150, nested_share=0.4)
    post = fb.publish(OutgoingPost("Musrenbang kelurahan: sampaikan usulan Anda"))
    clock.advance(1000)

    replies, watermark = fb.fetch_replies([post.remote_id], None)

    assert [r.platform_id for r in replies] == [r["id"] for r in control.replies("facebook")]
    assert len(replies) == 150  # more than one page of 100
    nested = [r for r in replies if r.parent_id != post.remote_id]
    assert nested and all(r.raw["parent"]["id"] == r.parent_id for r in nested)
    assert fb.fetch_replies([post.remote_id], watermark) == ([], watermark)


def test_watermark_keeps_new_comments_of_the_same_second(
    fb: Channel, control: EmulatorClient
) -> None:
    control.set_citizens(min_replies=2, max_replies=2, first_after_seconds=0, window_seconds=0)
    first = fb.publish(OutgoingPost("Info posyandu"))
    seen, watermark = fb.fetch_replies([first.remote_id], None)
    second = fb.publish(OutgoingPost("Info posyandu lansia"))

    later, _ = fb.fetch_replies([first.remote_id, second.remote_id], watermark)

    assert len(seen) == len(later) == 2
    assert {r.created_at for r in seen} == {r.created_at for r in later}
    assert {r.conversation_id for r in later} == {second.remote_id}


@pytest.mark.parametrize("code", [4, 32])
def test_rate_limit_code_uses_the_usage_header(
    fb: Channel, control: EmulatorClient, clock: ManualClock, code: int
) -> None:
    control.set_faults({"type": "rate_limit", "code": code, "reset_seconds": 600})

    with pytest.raises(RateLimited) as caught:
        fb.publish(OutgoingPost("Info"))
    assert caught.value.retry_at == clock() + timedelta(minutes=10)
    assert f"code {code}" in caught.value.message


def test_retry_after_header_wins(
    fb: Channel, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_faults({"type": "rate_limit", "code": 80001, "retry_after": 45})

    with pytest.raises(RateLimited) as caught:
        fb.publish(OutgoingPost("Info"))
    assert caught.value.retry_at == clock() + timedelta(seconds=45)


def test_enforced_call_limit_is_code_32(
    fb: Channel, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_faults(limits={"fb_call_limit": 1, "window_seconds": 900})
    fb.publish(OutgoingPost("satu"))

    with pytest.raises(RateLimited) as caught:
        fb.publish(OutgoingPost("dua"))
    assert caught.value.retry_at == clock() + timedelta(minutes=15)
    state = fb.rate_state()
    assert state is not None and state.remaining == 0


def test_expired_token_190_is_a_permanent_credentials_error(
    fb: Channel, control: EmulatorClient
) -> None:
    control.set_faults({"type": "unauthorized"})

    with pytest.raises(CredentialsError, match="page token") as caught:
        fb.publish(OutgoingPost("Info"))
    assert "code 190" in caught.value.message and caught.value.permanent


def test_html_502_is_ambiguous(fb: Channel, control: EmulatorClient) -> None:
    control.set_faults({"type": "error", "status": 502, "html": True})

    with pytest.raises(AmbiguousError) as caught:
        fb.publish(OutgoingPost("Info"))
    assert caught.value.status == 502


def test_json_500_is_ambiguous(fb: Channel, control: EmulatorClient) -> None:
    control.set_faults({"type": "error", "status": 500, "commit": True})

    with pytest.raises(AmbiguousError):
        fb.publish(OutgoingPost("Info"))
    assert len(control.posts("facebook")) == 1  # it did go out: reconcile before retrying


def test_check_refuses_a_token_of_another_page(make_channel: ChannelFactory) -> None:
    fb = make_channel("facebook", page_id="200000000000002")

    with pytest.raises(CredentialsError, match="belongs to"):
        fb.check()


def test_a_facebook_spec_needs_a_page_id() -> None:
    spec = ChannelSpec("fb", "facebook", secrets=SANDBOX_SECRETS["facebook"])

    with pytest.raises(PermanentError, match="page_id"):
        open_channel(spec)


def test_graph_version_is_a_setting(make_channel: ChannelFactory) -> None:
    fb = make_channel("facebook", graph_version="v24.0")
    fb.check()

    state = fb.rate_state()
    assert state is not None and state.endpoint == "GET /v24.0/me"
