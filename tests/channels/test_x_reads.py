"""X reads within reserved budgets, mentions, and unreadable tweets (real tweepy, HTTP)."""

from __future__ import annotations

from collections.abc import Callable

from social_assistant.channels import Channel, OutgoingPost
from social_assistant.emulator import EmulatorClient

ChannelFactory = Callable[..., Channel]


def test_a_read_stops_when_no_reads_are_granted_and_keeps_its_watermark(
    make_channel: ChannelFactory, control: EmulatorClient
) -> None:
    x = make_channel("x")
    post = x.publish(OutgoingPost("Pengumuman dengan banyak balasan"))
    control.seed("x", post.remote_id, 40)
    grants = iter([15, 0])
    asked: list[tuple[int, int]] = []

    def reserve(wanted: int, minimum: int) -> int:
        asked.append((wanted, minimum))
        return next(grants)

    pages = list(x.read_replies({post.remote_id: None}, reserve))

    assert asked == [(100, 10), (100, 10)]
    assert [(p.reads, p.granted, p.complete, p.cursor) for p in pages] == [(15, 15, False, None)]
    assert control.health()["reads"]["x"] == 15  # max_results held the page to the grant


def test_a_complete_read_carries_the_newest_id_as_watermark(
    make_channel: ChannelFactory, control: EmulatorClient
) -> None:
    x = make_channel("x")
    post = x.publish(OutgoingPost("Pengumuman kedua"))
    control.seed("x", post.remote_id, 120)
    newest = control.replies("x")[-1]["id"]

    pages = list(x.read_replies({post.remote_id: None}))

    assert [p.reads for p in pages] == [100, 20] and pages[-1].complete
    assert pages[-1].cursor == newest
    assert sum(len(p.replies) for p in pages) == 120


def test_mentions_and_an_unreadable_tweet(
    make_channel: ChannelFactory, control: EmulatorClient
) -> None:
    x = make_channel("x")
    mention = control.add_reply("x", "@diskominfo_sbx banjir di Jl. Pramuka, mohon bantuan")
    control.set_faults({"type": "malformed", "path": "/2/users/", "item": {"id": "12", "text": 7}})

    (page,) = list(x.read_mentions(None))

    assert [r.platform_id for r in page.replies] == [mention["id"]]
    assert page.replies[0].conversation_id == mention["id"] and page.cursor == mention["id"]
    assert [(r.source, r.reason) for r in page.rejected] == [
        ("x_mentions", "text is missing or not a string: 7")
    ]
