"""Facebook comments through the real facebook-sdk and the emulator over HTTP: paging by
``after`` cursors, replies to comments, malformed comments, deletions only when known."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from publishing_rig import DUE, Rig
from sqlmodel import col, select

from social_assistant.collecting.collector import Collector
from social_assistant.db.models import Publication, RejectedPayload, Reply

CollectorFactory = Callable[..., Collector]


def publish_fb(rig: Rig) -> Publication:
    rig.queue("fb", "Jadwal vaksinasi gratis di puskesmas minggu ini.", "[fb-sandbox]")
    rig.clock.set(DUE)
    assert rig.publisher.run_once() == 1
    (post,) = rig.rows()
    assert post.remote_id
    return post


def stored(rig: Rig) -> list[Reply]:
    with rig.database.session() as session:
        return list(session.exec(select(Reply).order_by(col(Reply.id))).all())


def test_comments_are_paged_to_the_end(rig: Rig, make_collector: CollectorFactory) -> None:
    post = publish_fb(rig)
    assert post.remote_id
    rig.control.seed("facebook", post.remote_id, 230)

    assert make_collector().run_once() == 230
    assert len({r.platform_id for r in stored(rig)}) == 230
    assert rig.control.health()["reads"]["facebook"] == 230  # three pages


def test_replies_to_comments_keep_their_parent(rig: Rig, make_collector: CollectorFactory) -> None:
    post = publish_fb(rig)
    assert post.remote_id
    top = rig.control.add_reply("facebook", "Syaratnya apa saja min?", post.remote_id)
    nested = rig.control.add_reply("facebook", "Bawa KTP saja kak", top["id"], author=1)

    assert make_collector().run_once() == 2
    rows = {r.platform_id: r for r in stored(rig)}
    assert rows[top["id"]].parent_platform_id == post.remote_id
    assert rows[nested["id"]].parent_platform_id == top["id"]
    assert {r.publication_id for r in rows.values()} == {post.id}


def test_a_malformed_comment_is_kept_raw_once_and_the_rest_collected(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    post = publish_fb(rig)
    rig.clock.advance(timedelta(minutes=80))
    citizens = rig.control.replies("facebook")
    rig.control.set_faults(
        {
            "type": "malformed",
            "platform": "facebook",
            "method": "GET",
            "path": f"/v25.0/{post.remote_id}/comments",
            "next": 2,
        }
    )
    collector = make_collector()

    assert collector.run_once() == len(citizens)
    rig.clock.advance(timedelta(minutes=30))
    collector.run_once()  # served again: still kept once

    with rig.database.session() as session:
        rejected = session.exec(select(RejectedPayload)).all()
    assert len(rejected) == 1 and rejected[0].source == "facebook_comments"
    assert "id is missing" in rejected[0].reason
    assert len(stored(rig)) == len(citizens)


def test_a_comment_missing_from_a_later_read_is_not_taken_for_deleted(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    post = publish_fb(rig)
    assert post.remote_id
    comment = rig.control.add_reply("facebook", "Lokasinya di mana?", post.remote_id)
    collector = make_collector()
    collector.run_once()
    rig.control.delete_reply("facebook", comment["id"])
    rig.clock.advance(timedelta(minutes=30))

    collector.run_once()

    (row,) = stored(rig)
    assert row.deleted_at is None  # absence is no evidence; the webhook's remove is
