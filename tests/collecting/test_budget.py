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
