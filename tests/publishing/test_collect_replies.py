"""Collecting citizens' replies from the emulator, storing them once, flagging aspirations."""

from __future__ import annotations

from datetime import timedelta

from publishing_rig import DUE, Rig
from sqlmodel import select

from social_assistant.collecting.collector import Collector
from social_assistant.collecting.schedule import next_poll
from social_assistant.db.models import Agency, Aspiration, Publication, Reply
from social_assistant.publishing.engine import spec_opener
from social_assistant.publishing.specs import channel_specs
from social_assistant.settings import CollectingSettings
from social_assistant.taxonomy import ASPIRATION_KINDS, Category


def _collector(rig: Rig, url: str) -> Collector:
    specs = channel_specs(rig.settings, url)
    return Collector(rig.settings, rig.database, rig.clock, spec_opener(specs))


def test_replies_are_stored_once_triaged_and_flagged_with_deadlines(
    rig: Rig, emulator_url: str
) -> None:
    rig.queue("lapor", "Sampaikan aspirasi Anda tentang layanan publik di sini.")
    rig.clock.set(DUE)
    assert rig.publisher.run_once() == 2
    collector = _collector(rig, emulator_url)
    rig.clock.advance(timedelta(minutes=80))  # first reply after 60 min, rest within 15
    citizens = rig.control.replies()
    assert citizens, "the emulator produced no replies"
    stored = collector.run_once()
    assert stored == len(citizens)
    rig.clock.advance(timedelta(minutes=30))
    assert collector.run_once() == 0  # nothing new: each reply is stored once
    with rig.database.session() as session:
        replies = session.exec(select(Reply)).all()
        items = session.exec(select(Aspiration)).all()
        agencies = {a.id: a.code for a in session.exec(select(Agency)).all()}
        polled = session.exec(select(Publication.replies_next_poll_at)).all()
    assert {r.text for r in replies} == {c["text"] for c in citizens}
    assert len(items) >= 1
    for item in items:
        assert item.kind in ASPIRATION_KINDS and item.reasons
        assert (
            item.category != Category.NONE
            and agencies[item.agency_id] == rig.settings.routing[Category(item.category)]
        )
        assert item.received_at < item.acknowledge_due_at <= item.follow_up_due_at
        assert item.follow_up_due_at <= item.close_due_at
    assert all(when is not None and when > rig.clock.now() for when in polled)


def test_polling_decays_with_age_and_stops_after_the_window() -> None:
    settings = CollectingSettings()
    published = DUE
    assert next_poll(published, DUE + timedelta(minutes=1), settings) == DUE + timedelta(minutes=3)
    assert next_poll(published, DUE + timedelta(hours=10), settings) == DUE + timedelta(hours=11)
    assert next_poll(published, DUE + timedelta(days=3), settings) == DUE + timedelta(
        days=3, hours=6
    )
    assert next_poll(published, DUE + timedelta(days=8), settings) is None
