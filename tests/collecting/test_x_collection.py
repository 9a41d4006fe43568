"""X replies through the real tweepy and the emulator over HTTP: many conversations per
search query, paging, since_id across a restart, mentions, edits, malformed tweets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from publishing_rig import DUE, Rig
from sqlmodel import col, select

from social_assistant.collecting.collector import Collector
from social_assistant.db.models import Publication, ReadUsage, RejectedPayload, Reply, ReplyCursor

SEARCH = "GET /2/tweets/search/recent"
MENTIONS = "GET /2/users/:id/mentions"
AFTER_CITIZENS = timedelta(minutes=80)  # first reply after 60 min, the rest within 15
PLENTY = 10**6
CollectorFactory = Callable[..., Collector]


def publish_x(rig: Rig, count: int) -> list[Publication]:
    for number in range(count):
        rig.queue(f"x{number}", f"Pengumuman layanan publik nomor {number}.", "[x-sandbox]")
    rig.clock.set(DUE)
    assert rig.publisher.run_once() == count
    return rig.rows()


def calls(rig: Rig, endpoint: str) -> int:
    return int(rig.control.health()["endpoints"].get(endpoint, 0))


def replies(rig: Rig) -> list[Reply]:
    with rig.database.session() as session:
        return list(session.exec(select(Reply).order_by(col(Reply.id))).all())


def test_many_posts_are_read_with_one_search_query(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    posts = publish_x(rig, 8)
    rig.clock.advance(AFTER_CITIZENS)
    citizens = rig.control.replies("x")
    assert len(citizens) > 8

    stored = make_collector(x_monthly_read_budget=PLENTY).run_once()

    assert calls(rig, SEARCH) == 1  # eight conversations, one query
    assert stored == len(citizens)
    by_post = {p.remote_id: p.id for p in posts}
    for row, citizen in zip(replies(rig), citizens, strict=True):
        assert row.platform_id == citizen["id"]
        assert row.publication_id == by_post[citizen["conversation_id"]]
        assert row.author_handle and row.posted_at and row.raw["conversation_id"]


def test_posts_beyond_one_query_length_take_more_queries(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    publish_x(rig, 20)  # 20 x 38 characters do not fit in 512
    rig.clock.advance(AFTER_CITIZENS)

    stored = make_collector(x_monthly_read_budget=PLENTY, batch_size=50).run_once()

    assert calls(rig, SEARCH) == 2
    assert stored == len(rig.control.replies("x"))


def test_pages_are_followed_to_the_end(rig: Rig, make_collector: CollectorFactory) -> None:
    (post,) = publish_x(rig, 1)
    assert post.remote_id
    rig.control.seed("x", post.remote_id, 250)

    stored = make_collector(x_monthly_read_budget=PLENTY).run_once()

    assert stored == 250
    assert calls(rig, SEARCH) == 3  # 100 + 100 + 50
    assert len({r.platform_id for r in replies(rig)}) == 250


def test_since_id_continues_after_a_restart(rig: Rig, make_collector: CollectorFactory) -> None:
    (post,) = publish_x(rig, 1)
    assert post.remote_id
    rig.clock.advance(AFTER_CITIZENS)
    first = make_collector(x_monthly_read_budget=PLENTY)
    assert first.run_once() == len(rig.control.replies("x"))
    with rig.database.session() as session:
        cursor = session.get(Publication, post.id).replies_cursor  # type: ignore[union-attr]
    assert cursor == rig.control.replies("x")[-1]["id"]

    later = [
        rig.control.add_reply("x", f"Kapan mulai pendaftarannya min? ({n})", post.remote_id)
        for n in range(3)
    ]
    rig.clock.advance(timedelta(minutes=15))  # the post is due again; mentions are not
    reads_before = rig.control.health()["reads"]["x"]
    restarted = make_collector(x_monthly_read_budget=PLENTY)  # a new daemon, same database

    assert restarted.run_once() == 3
    assert rig.control.health()["reads"]["x"] - reads_before == 3  # only the new ones read
    assert [r.platform_id for r in replies(rig)][-3:] == [item["id"] for item in later]
    assert len(replies(rig)) == len({r.platform_id for r in replies(rig)})


def test_mentions_are_linked_to_our_conversations_or_stored_alone(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    (post,) = publish_x(rig, 1)
    rig.clock.advance(AFTER_CITIZENS)
    with rig.database.session() as session:  # keep search away: mentions only
        row = session.get(Publication, post.id)
        assert row is not None
        row.replies_next_poll_at = rig.clock.now() + timedelta(days=30)
    alone = rig.control.add_reply("x", "@diskominfo_sbx lampu jalan di Jl. Juanda mati total")

    stored = make_collector(x_monthly_read_budget=PLENTY).run_once()

    assert calls(rig, SEARCH) == 0 and calls(rig, MENTIONS) >= 1
    assert stored == len(rig.control.replies("x"))
    rows = {r.platform_id: r for r in replies(rig)}
    assert rows[alone["id"]].publication_id is None
    linked = [r for pid, r in rows.items() if pid != alone["id"]]
    assert linked and all(r.publication_id == post.id for r in linked)
    with rig.database.session() as session:
        state = session.exec(select(ReplyCursor)).one()
    assert state.source == "x_mentions" and state.cursor == alone["id"]


def test_an_edited_tweet_updates_the_reply_with_its_history(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    publish_x(rig, 1)
    rig.clock.advance(AFTER_CITIZENS)
    collector = make_collector(x_monthly_read_budget=PLENTY)
    collector.run_once()
    first = replies(rig)[0]
    edited = rig.control.edit_reply(
        "x", first.platform_id, "@diskominfo_sbx ralat: jalannya di RT 05"
    )
    rig.clock.advance(timedelta(minutes=15))

    assert collector.run_once() == 0

    with rig.database.session() as session:
        row = session.get(Reply, first.id)
        count = len(session.exec(select(Reply)).all())
    assert row is not None and row.text == edited["text"] and row.edited_at is not None
    assert row.text_history[0]["text"] == first.text
    assert row.raw["id"] == edited["id"] and row.platform_id == first.platform_id
    assert count == len(replies(rig))


def test_a_malformed_tweet_is_kept_raw_and_the_rest_collected(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    publish_x(rig, 2)
    rig.clock.advance(AFTER_CITIZENS)
    rig.control.set_faults({"type": "malformed", "path": "/2/tweets/search/recent"})

    stored = make_collector(x_monthly_read_budget=PLENTY).run_once()

    assert stored == len(rig.control.replies("x"))
    with rig.database.session() as session:
        rejected = session.exec(select(RejectedPayload)).all()
    assert [r.source for r in rejected] == ["x_search"]
    assert "id is missing" in rejected[0].reason and '"text": 404' in rejected[0].raw


def test_reads_are_counted_per_channel_and_month(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    publish_x(rig, 3)
    rig.clock.advance(AFTER_CITIZENS)
    make_collector(x_monthly_read_budget=PLENTY).run_once()

    with rig.database.session() as session:
        usage = session.exec(select(ReadUsage)).one()
    assert usage.month == "2026-12"
    assert usage.reads == rig.control.health()["reads"]["x"]  # what the platform served
    assert usage.calls == calls(rig, SEARCH) + calls(rig, MENTIONS)
