"""The contract every channel kind keeps, run against each kind ``channel_kinds()`` finds.

A new module in ``social_assistant/channels`` is tested here without being listed.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from social_assistant.channels import (
    AmbiguousError,
    Channel,
    ChannelError,
    CredentialsError,
    DuplicatePost,
    OutgoingPost,
    PermanentError,
    RateLimited,
    channel_kinds,
)
from social_assistant.emulator import SANDBOX_SECRETS, EmulatorClient, ManualClock

ChannelFactory = Callable[..., Channel]
ANNOUNCEMENT = "Pelayanan perekaman KTP-el keliling hadir di Kecamatan Palaran, Sabtu 08.00 WITA."


@pytest.fixture(params=sorted(channel_kinds()))
def kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def channel(kind: str, make_channel: ChannelFactory) -> Channel:
    return make_channel(kind)


def _published(control: EmulatorClient, kind: str, remote_id: str) -> dict[str, object]:
    return next(p for p in control.posts(kind) if p["id"] == remote_id)


def test_the_bundled_kinds_are_found() -> None:
    assert {"x", "facebook"} <= set(channel_kinds())


def test_check_names_the_account(channel: Channel) -> None:
    assert channel.check() in ("@diskominfo_sbx", "Diskominfo Sandbox")


def test_publish_text(channel: Channel, control: EmulatorClient, kind: str) -> None:
    result = channel.publish(OutgoingPost(ANNOUNCEMENT))

    assert result.part_ids == (result.remote_id,)
    assert result.url and result.remote_id in result.url
    assert [p["text"] for p in control.posts(kind)] == [ANNOUNCEMENT]


def test_publish_with_media(
    channel: Channel, control: EmulatorClient, kind: str, image: Path
) -> None:
    result = channel.publish(OutgoingPost("Dokumentasi kegiatan gotong royong", media=[image]))

    assert _published(control, kind, result.remote_id)["media_count"] == 1


def test_recent_posts_lists_what_was_published(channel: Channel, clock: ManualClock) -> None:
    since = clock()
    result = channel.publish(OutgoingPost(ANNOUNCEMENT))

    assert result.remote_id in [post.remote_id for post in channel.recent_posts(since)]


def test_fetch_replies_after_citizens_had_time(
    channel: Channel, control: EmulatorClient, settle: Callable[[], None], kind: str
) -> None:
    post = channel.publish(OutgoingPost(ANNOUNCEMENT))
    assert channel.fetch_replies([post.remote_id], None)[0] == []

    settle()
    replies, watermark = channel.fetch_replies([post.remote_id], None)

    expected = [r for r in control.replies(kind) if r["conversation_id"] == post.remote_id]
    assert len(replies) >= 3
    assert [r.platform_id for r in replies] == [r["id"] for r in expected]
    assert [r.text for r in replies] == [r["text"] for r in expected]
    assert all(r.conversation_id == post.remote_id and r.author_id and r.author_handle
               and r.created_at for r in replies)
    assert channel.fetch_replies([post.remote_id], watermark) == ([], watermark)


def test_reply_answers_a_citizen_and_is_not_fetched_back(
    channel: Channel, control: EmulatorClient, settle: Callable[[], None], kind: str
) -> None:
    post = channel.publish(OutgoingPost(ANNOUNCEMENT))
    settle()
    replies, watermark = channel.fetch_replies([post.remote_id], None)

    answer = channel.reply(replies[0].platform_id, "Terima kasih, sudah kami teruskan ke OPD.")

    assert _published(control, kind, answer.remote_id)["reply_to"] == replies[0].platform_id
    assert channel.fetch_replies([post.remote_id], watermark)[0] == []


def test_rate_state_is_known_after_a_call(channel: Channel) -> None:
    assert channel.rate_state() is None
    channel.check()

    state = channel.rate_state()
    assert state is not None and state.limit and state.remaining is not None


def test_the_same_text_twice_is_already_posted(channel: Channel) -> None:
    channel.publish(OutgoingPost(ANNOUNCEMENT))

    with pytest.raises(DuplicatePost) as caught:
        channel.publish(OutgoingPost(ANNOUNCEMENT))
    assert caught.value.already_posted and caught.value.permanent


def test_server_error_is_ambiguous(channel: Channel, control: EmulatorClient) -> None:
    control.set_faults({"type": "error", "status": 503})

    with pytest.raises(AmbiguousError) as caught:
        channel.publish(OutgoingPost(ANNOUNCEMENT))
    assert caught.value.ambiguous and not caught.value.permanent
    assert caught.value.status == 503


def test_connection_reset_after_posting_is_ambiguous_and_reconcilable(
    channel: Channel, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_faults({"type": "reset", "commit": True})

    with pytest.raises(AmbiguousError):
        channel.publish(OutgoingPost(ANNOUNCEMENT))
    assert [p.text for p in channel.recent_posts(clock())] == [ANNOUNCEMENT]


def test_slow_answer_times_out_as_ambiguous(
    kind: str, make_channel: ChannelFactory, control: EmulatorClient
) -> None:
    channel = make_channel(kind, timeout=0.5)
    control.set_faults({"type": "slow", "seconds": 1.0})

    started = time.monotonic()
    with pytest.raises(AmbiguousError):
        channel.publish(OutgoingPost(ANNOUNCEMENT))
    assert time.monotonic() - started < 0.95


def test_rejected_token_is_permanent(
    kind: str, make_channel: ChannelFactory, control: EmulatorClient
) -> None:
    control.set_faults(strict_tokens=True)
    channel = make_channel(kind, secrets={key: "wrong" for key in SANDBOX_SECRETS[kind]})

    with pytest.raises(CredentialsError) as caught:
        channel.check()
    assert caught.value.permanent and caught.value.credentials
    assert f"{kind}-test" in caught.value.message  # names the channel


def test_rate_limit_sets_retry_at(
    channel: Channel, control: EmulatorClient, clock: ManualClock
) -> None:
    control.set_faults({"type": "rate_limit", "reset_seconds": 600})

    with pytest.raises(RateLimited) as caught:
        channel.publish(OutgoingPost(ANNOUNCEMENT))
    assert caught.value.retry_at is not None and not caught.value.permanent
    assert 540 <= (caught.value.retry_at - clock()).total_seconds() <= 660


def test_refused_connection_is_transient_but_not_ambiguous(
    kind: str, make_channel: ChannelFactory
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    channel = make_channel(kind, base_url=f"http://127.0.0.1:{closed_port}")

    with pytest.raises(ChannelError) as caught:
        channel.publish(OutgoingPost(ANNOUNCEMENT))
    assert not caught.value.ambiguous and not caught.value.permanent


def test_missing_media_file_is_permanent_and_nothing_is_sent(
    channel: Channel, control: EmulatorClient, tmp_path: Path
) -> None:
    with pytest.raises(PermanentError, match="not found"):
        channel.publish(OutgoingPost(ANNOUNCEMENT, media=[tmp_path / "hilang.png"]))
    assert control.posts() == []
