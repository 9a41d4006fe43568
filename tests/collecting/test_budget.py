"""The monthly X read budget, checked against what the emulator actually served."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import timedelta

from publishing_rig import DUE, Rig
from sqlmodel import select

from social_assistant.collecting.collector import Collector
from social_assistant.db.models import Channel, Publication, ReadUsage, Reply, ReplyCursor

CollectorFactory = Callable[..., Collector]
DAYS_IN_DECEMBER = 31


def publish_x(rig: Rig, count: int) -> list[Publication]:
    for number in range(count):
        rig.queue(f"b{number}", f"Info anggaran nomor {number}.", "[x-sandbox]")
    rig.clock.set(DUE)
    assert rig.publisher.run_once() == count
    return rig.rows()


def served(rig: Rig) -> int:
    return int(rig.control.health()["reads"].get("x", 0))


def x_channel_id(rig: Rig) -> int:
    with rig.database.session() as session:
        found = session.exec(select(Channel.id).where(Channel.name == "x-sandbox")).one()
    assert found is not None
    return found


def test_the_monthly_read_budget_is_never_exceeded(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    budget = 620  # 20 reads a day in December
    posts = publish_x(rig, 3)
    for post in posts:
        assert post.remote_id
        rig.control.seed("x", post.remote_id, 150)
    collector = make_collector(x_monthly_read_budget=budget, min_poll_minutes=10)
    for _hour in range(3 * 24):
        collector.run_once()
        now = rig.clock.now()
        allowed = math.ceil(budget * now.day / DAYS_IN_DECEMBER)
        with rig.database.session() as session:
            usage = session.exec(select(ReadUsage)).one()
        assert served(rig) == usage.reads <= allowed  # counted exactly, never past the pace
        rig.clock.advance(timedelta(hours=1))

    assert served(rig) <= budget
    assert served(rig) >= 2 * 20  # and the budget is actually spent
    with rig.database.session() as session:
        assert len(session.exec(select(Reply)).all()) >= 2 * 20 - 10


def test_nothing_is_read_when_the_budget_is_zero(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    publish_x(rig, 2)
    rig.clock.advance(timedelta(minutes=80))

    assert make_collector(x_monthly_read_budget=0).run_once() == 0
    assert served(rig) == 0
    assert rig.control.health()["endpoints"].get("GET /2/tweets/search/recent", 0) == 0


def test_a_low_budget_goes_to_fresh_posts_and_old_quiet_ones_wait(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    old, fresh = publish_x(rig, 2)
    assert old.remote_id and fresh.remote_id
    channel_id = x_channel_id(rig)
    with rig.database.session() as session:
        row = session.get(Publication, old.id)
        assert row is not None
        row.published_at = DUE - timedelta(days=3)  # an old post with no recent replies
        # 300 reads left today out of a 1,000-a-day pace: the budget is low.
        session.add(ReadUsage(channel_id=channel_id, month="2026-12", reads=700))
        session.add(
            ReplyCursor(
                channel_id=channel_id, source="x_mentions", next_poll_at=DUE + timedelta(days=1)
            )
        )
    rig.control.seed("x", old.remote_id, 50)
    rig.control.seed("x", fresh.remote_id, 50)

    stored = make_collector(x_monthly_read_budget=31_000).run_once()

    with rig.database.session() as session:
        owners = {r.publication_id for r in session.exec(select(Reply)).all()}
        waiting = session.get(Publication, old.id)
    assert stored == 50 and owners == {fresh.id}
    assert served(rig) == 50
    assert waiting is not None and waiting.replies_cursor is None
    assert waiting.replies_next_poll_at is not None
    assert waiting.replies_next_poll_at > rig.clock.now()


def test_a_read_cut_short_by_the_budget_goes_on_below_where_it_stopped(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    # 40 reads a day for a post with 150 replies: each day's read is cut short. X answers
    # newest first, so starting over would read the same newest replies every day and
    # never reach the older ones; the next read goes on below where the last one stopped.
    (post,) = publish_x(rig, 1)
    assert post.remote_id
    with rig.database.session() as session:  # only the post's replies spend the budget
        session.add(
            ReplyCursor(
                channel_id=x_channel_id(rig),
                source="x_mentions",
                next_poll_at=DUE + timedelta(days=30),
            )
        )
    assert rig.control.seed("x", post.remote_id, 150) == 150
    collector = make_collector(
        x_monthly_read_budget=40 * DAYS_IN_DECEMBER, min_poll_minutes=10, deletion_check_minutes=0
    )
    stored_by_day = []
    for _day in range(5):
        for _hour in range(24):
            collector.run_once()
            rig.clock.advance(timedelta(hours=1))
        with rig.database.session() as session:
            replies = session.exec(select(Reply)).all()
        stored_by_day.append(len(replies))
        assert served(rig) == len(replies)  # no reply was read twice

    assert stored_by_day[:4] == [40, 80, 120, 150]  # the seeded 150, 40 a day
    with rig.database.session() as session:
        row = session.get(Publication, post.id)
        newest = max(int(r.platform_id) for r in session.exec(select(Reply)).all())
    assert row is not None
    assert row.replies_resume_until is None and row.replies_pending_cursor is None
    assert row.replies_cursor == str(newest)  # caught up: the watermark is the newest reply

    # Replies written after the catch-up are read from the watermark, once each.
    before = served(rig)
    rig.control.seed("x", post.remote_id, 5)
    rig.clock.advance(timedelta(days=1))
    assert collector.run_once() >= 5
    with rig.database.session() as session:
        assert served(rig) == len(session.exec(select(Reply)).all()) >= before + 5
