"""Deleted X replies through the real tweepy and the emulator over HTTP: X search shows
no deletions, so stored replies are looked up by id (GET /2/tweets?ids=) every
``deletion_check_minutes`` within the monthly read budget."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from publishing_rig import DUE, Rig
from sqlmodel import col, select

from social_assistant.collecting.budget import ReadBudget, month_of
from social_assistant.collecting.collector import Collector
from social_assistant.db.models import AuditEvent, ReadUsage, Reply, ReplyCursor
from social_assistant.db.models import Channel as ChannelRow

LOOKUP = "GET /2/tweets"
AFTER_CITIZENS = timedelta(minutes=80)
CHECK_EVERY = timedelta(minutes=360)
PLENTY = 10**6
CollectorFactory = Callable[..., Collector]


def collected(rig: Rig, make_collector: CollectorFactory, posts: int = 2) -> list[Reply]:
    """Publish ``posts`` X posts and collect their citizens' replies."""
    for number in range(posts):
        rig.queue(f"x{number}", f"Pengumuman layanan publik nomor {number}.", "[x-sandbox]")
    rig.clock.set(DUE)
    assert rig.publisher.run_once() == posts
    rig.clock.advance(AFTER_CITIZENS)
    assert make_collector(x_monthly_read_budget=PLENTY).run_once() > 2
    return replies(rig)


def replies(rig: Rig) -> list[Reply]:
    with rig.database.session() as session:
        return list(session.exec(select(Reply).order_by(col(Reply.id))).all())


def x_channel(rig: Rig) -> tuple[int, str]:
    with rig.database.session() as session:
        row = session.exec(select(ChannelRow).where(ChannelRow.name == "x-sandbox")).one()
    assert row.id is not None
    return row.id, row.name


def lookups(rig: Rig) -> int:
    return int(rig.control.health()["endpoints"].get(LOOKUP, 0))


def reads_counted(rig: Rig) -> int:
    with rig.database.session() as session:
        return sum(session.exec(select(ReadUsage.reads)).all())


def deletion_events(rig: Rig) -> list[AuditEvent]:
    with rig.database.session() as session:
        return list(
            session.exec(select(AuditEvent).where(AuditEvent.action == "reply.deleted")).all()
        )


def test_a_deleted_reply_is_marked_and_audited_the_rest_untouched(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    before = collected(rig, make_collector)
    gone = before[1]
    rig.control.delete_reply("x", gone.platform_id)
    rig.clock.advance(CHECK_EVERY)
    channel_id, name = x_channel(rig)
    counted, served = reads_counted(rig), rig.control.health()["reads"]["x"]

    deleted = make_collector(x_monthly_read_budget=PLENTY).check_deletions(channel_id, name)

    assert deleted == 1
    assert lookups(rig) == 1  # all replies in one call (at most 100 ids)
    rows = {r.id: r for r in replies(rig)}
    assert rows[gone.id].deleted_at == rig.clock.now()
    assert rows[gone.id].text == gone.text  # the row stays
    assert all(r.deleted_at is None for rid, r in rows.items() if rid != gone.id)
    (event,) = deletion_events(rig)
    assert event.subject_type == "reply" and event.subject_id == str(gone.id)
    assert event.data["platform_id"] == gone.platform_id and event.data["source"] == "x_lookup"
    # X bills the tweets it returned: every reply but the deleted one, counted in the budget
    assert rig.control.health()["reads"]["x"] - served == len(before) - 1
    assert reads_counted(rig) - counted == len(before) - 1


def test_the_check_runs_from_run_once_at_most_every_interval(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    before = collected(rig, make_collector)
    collector = make_collector(x_monthly_read_budget=PLENTY)
    rig.control.delete_reply("x", before[0].platform_id)

    collector.run_once()  # replies younger than the interval are not checked yet
    assert lookups(rig) == 0
    rig.clock.advance(CHECK_EVERY)
    collector.run_once()
    assert lookups(rig) == 1 and replies(rig)[0].deleted_at is not None
    rig.clock.advance(timedelta(minutes=30))
    collector.run_once()
    assert lookups(rig) == 1  # not due again before the interval
    with rig.database.session() as session:
        state = session.exec(select(ReplyCursor).where(ReplyCursor.source == "x_deletions")).one()
    assert state.cursor is None  # the pass went to the newest reply: start over next time
    rig.clock.advance(CHECK_EVERY)
    collector.run_once()
    assert lookups(rig) == 2 and len(deletion_events(rig)) == 1  # marked once


def test_an_edited_reply_is_not_taken_for_deleted_until_it_is(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    first = collected(rig, make_collector)[0]
    collector = make_collector(x_monthly_read_budget=PLENTY)
    edited = rig.control.edit_reply("x", first.platform_id, "@diskominfo_sbx ralat: RT 05")
    rig.clock.advance(CHECK_EVERY)
    channel_id, name = x_channel(rig)

    assert collector.check_deletions(channel_id, name) == 0
    rig.control.delete_reply("x", edited["id"])  # deleting the last version deletes all
    rig.clock.advance(CHECK_EVERY)
    assert collector.check_deletions(channel_id, name) == 1
    assert replies(rig)[0].deleted_at is not None


def test_no_lookup_without_budget_or_when_disabled(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    before = collected(rig, make_collector)
    rig.control.delete_reply("x", before[0].platform_id)
    rig.clock.advance(CHECK_EVERY)
    channel_id, name = x_channel(rig)
    counted = reads_counted(rig)

    assert make_collector(x_monthly_read_budget=0).check_deletions(channel_id, name) == 0
    assert make_collector(deletion_check_minutes=0).check_deletions(channel_id, name) == 0

    assert lookups(rig) == 0
    assert reads_counted(rig) == counted
    assert all(r.deleted_at is None for r in replies(rig))


def test_a_small_budget_checks_the_oldest_first_and_goes_on_later(
    rig: Rig, make_collector: CollectorFactory
) -> None:
    before = collected(rig, make_collector)
    rig.control.delete_reply("x", before[-1].platform_id)  # the newest
    rig.clock.advance(CHECK_EVERY)
    channel_id, name = x_channel(rig)
    cap = ReadBudget(rig.database, rig.clock, channel_id, PLENTY).cap(rig.clock.now())
    with rig.database.session() as session:  # room for two reads today
        usage = session.exec(
            select(ReadUsage).where(ReadUsage.month == month_of(rig.clock.now()))
        ).one()
        usage.reads = cap - 2

    assert make_collector(x_monthly_read_budget=PLENTY).check_deletions(channel_id, name) == 0
    assert reads_counted(rig) == cap
    with rig.database.session() as session:
        state = session.exec(select(ReplyCursor).where(ReplyCursor.source == "x_deletions")).one()
    assert state.cursor == str(before[1].id)  # the two oldest were checked

    rig.clock.advance(CHECK_EVERY)
    with rig.database.session() as session:
        session.exec(select(ReadUsage)).one().reads = 0
    assert make_collector(x_monthly_read_budget=PLENTY).check_deletions(channel_id, name) == 1
    assert lookups(rig) == 2  # two ids, then the rest from the cursor on
    assert replies(rig)[-1].deleted_at is not None
