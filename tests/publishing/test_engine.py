"""The publisher against the emulator over real HTTP, through the real tweepy/facebook-sdk.

Engine and emulator share one manual clock, so retries and rate-limit resets are reached
by moving time, not by sleeping.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from publishing_rig import DUE, Rig
from sqlmodel import col, select

from social_assistant.bench.seed import seed_due_posts
from social_assistant.db import Database
from social_assistant.db.models import AuditEvent, Channel, PublicationStatus

S = PublicationStatus


def run_until_settled(rig: Rig, steps: int = 12) -> None:
    """Run ticks, moving time a minute each, until nothing is left to do."""
    for _ in range(steps):
        rig.publisher.run_once()
        rig.clock.advance(timedelta(minutes=1))


def test_due_posts_go_out_exactly_once(rig: Rig) -> None:
    rig.queue("pelatihan", "Pelatihan Pelayanan Publik Berbasis IT #1")
    rig.queue("lapor", "Sampaikan aspirasi lewat SP4N-LAPOR!")
    assert rig.publisher.run_once() == 0  # not due yet
    rig.clock.set(DUE)
    assert rig.publisher.run_once() == 4
    assert rig.publisher.run_once() == 0
    published = rig.rows()
    assert {p.status for p in published} == {S.PUBLISHED}
    assert all(p.remote_id and p.published_at == DUE for p in published)
    posts = rig.control.posts()
    assert len(posts) == 4
    assert sorted(p["id"] for p in posts) == sorted(str(p.remote_id) for p in published)


def test_a_5xx_after_the_post_went_up_is_reconciled_not_reposted(rig: Rig) -> None:
    rig.queue(
        "banjir",
        "Posko siaga banjir dibuka 24 jam.",
        channels="[x-sandbox]",
    )
    rig.control.set_faults(
        {"type": "error", "status": 503, "commit": True, "path": "/2/tweets", "next": 1}
    )
    rig.clock.set(DUE)
    rig.publisher.run_once()
    (row,) = rig.rows()
    assert row.status == S.SENDING and "503" in (row.last_error or "")
    run_until_settled(rig)
    (row,) = rig.rows()
    assert row.status == S.PUBLISHED and "reconciled" in (row.last_error or "")
    assert rig.texts() == ["Posko siaga banjir dibuka 24 jam."]


def test_a_5xx_that_did_not_post_is_retried(rig: Rig) -> None:
    rig.queue(
        "vaksin",
        "Jadwal vaksinasi keliling pekan ini.",
        channels="[fb-sandbox]",
    )
    rig.control.set_faults(
        {"type": "error", "status": 500, "method": "POST", "path": "/v25.0/", "next": 2}
    )
    rig.clock.set(DUE)
    run_until_settled(rig)
    (row,) = rig.rows()
    assert row.status == S.PUBLISHED and row.attempts == 3
    assert rig.texts() == ["Jadwal vaksinasi keliling pekan ini."]


def test_a_timeout_is_ambiguous_and_reconciled(rig: Rig) -> None:
    rig.queue(
        "lambat",
        "Layanan KTP elektronik buka Sabtu.",
        channels="[x-sandbox]",
    )
    rig.control.set_faults({"type": "slow", "seconds": 1.6, "path": "/2/tweets", "next": 1})
    rig.clock.set(DUE)
    run_until_settled(rig)
    (row,) = rig.rows()
    assert row.status == S.PUBLISHED
    assert rig.texts() == ["Layanan KTP elektronik buka Sabtu."]


def test_429_pauses_the_channel_until_the_reset(rig: Rig) -> None:
    rig.queue("a", "Pengumuman A", channels="[x-sandbox]")
    rig.queue("b", "Pengumuman B", channels="[x-sandbox]")
    rig.control.set_faults(
        {"type": "rate_limit", "reset_seconds": 600, "path": "/2/tweets", "next": 1}
    )
    rig.clock.set(DUE)
    rig.publisher.run_once()
    with rig.database.session() as session:
        channel = session.exec(select(Channel).where(Channel.name == "x-sandbox")).one()
    assert channel.paused_until == DUE + timedelta(seconds=600)
    calls_before = rig.control.health()["calls"]["x"]
    for _ in range(9):  # nine minutes: still before the reset
        rig.clock.advance(timedelta(minutes=1))
        assert rig.publisher.run_once() == 0
    assert rig.control.health()["calls"]["x"] == calls_before
    rig.clock.advance(timedelta(minutes=2))
    run_until_settled(rig, steps=3)
    assert sorted(rig.texts()) == ["Pengumuman A", "Pengumuman B"]


def test_a_bad_token_fails_the_post_and_disables_the_channel(rig: Rig) -> None:
    rig.queue("token", "Uji token", channels="[fb-sandbox]")
    rig.control.set_faults({"type": "unauthorized", "platform": "facebook", "next": 5})
    rig.clock.set(DUE)
    rig.publisher.run_once()
    (row,) = rig.rows()
    assert row.status == S.FAILED and "fb-sandbox" in (row.last_error or "")
    with rig.database.session() as session:
        channel = session.exec(select(Channel).where(Channel.name == "fb-sandbox")).one()
    assert not channel.enabled and channel.disabled_reason
    assert rig.texts() == []


def test_duplicate_content_counts_as_published(rig: Rig) -> None:
    rig.queue("dup", "Teks yang sama", channels="[x-sandbox]")
    rig.control.set_faults({"type": "duplicate", "path": "/2/tweets", "next": 1})
    rig.clock.set(DUE)
    rig.publisher.run_once()
    (row,) = rig.rows()
    assert row.status == S.PUBLISHED and "duplicate" in (row.last_error or "")


def test_posts_far_overdue_are_held_for_an_officer(rig: Rig) -> None:
    rig.queue("basi", "Acara kemarin", channels="[x-sandbox]")
    rig.clock.set(DUE + timedelta(hours=5))  # the daemon was down
    rig.publisher.run_once()
    (row,) = rig.rows()
    assert row.status == S.HELD and "overdue" in (row.last_error or "")
    assert rig.texts() == []


def test_long_x_text_becomes_a_numbered_thread(rig: Rig) -> None:
    paragraph = "Pelatihan Pelayanan Publik Berbasis IT digelar BPSDM Kaltim bagi ASN. " * 3
    rig.queue(
        "utas",
        f"{paragraph}\n\n{paragraph}\n\n{paragraph}",
        channels="[x-sandbox]",
        extra="thread: true\n",
    )
    rig.clock.set(DUE)
    rig.publisher.run_once()
    (row,) = rig.rows()
    posts: list[dict[str, Any]] = rig.control.posts("x")
    assert row.status == S.PUBLISHED and len(posts) == len(row.part_ids) >= 2
    assert posts[0]["text"].endswith(f"1/{len(posts)}")
    assert all(p.get("reply_to") for p in posts[1:])


def test_under_random_faults_every_post_lands_once_and_resets_are_respected(rig: Rig) -> None:
    """20% 5xx (some after the post went up), 429 bursts and timeouts, all at once."""
    seed_due_posts(rig.database, ["x-sandbox", "fb-sandbox"], 60, DUE)
    rig.control.set_faults(
        {"type": "error", "status": 503, "probability": 0.12, "method": "POST"},
        {"type": "error", "status": 500, "probability": 0.08, "method": "POST", "commit": True},
        {"type": "rate_limit", "reset_seconds": 120, "path": "/2/tweets", "after": 8, "next": 1},
        {"type": "rate_limit", "reset_seconds": 300, "path": "/2/tweets", "after": 20, "next": 1},
        {"type": "slow", "seconds": 1.3, "method": "POST", "after": 15, "next": 2},
    )
    rig.clock.set(DUE)
    for _ in range(120):
        rig.publisher.run_once()
        if all(r.status in (S.PUBLISHED, S.FAILED) for r in rig.rows()):
            break
        rig.clock.advance(timedelta(seconds=30))
    states = {r.status for r in rig.rows()}
    assert states == {S.PUBLISHED}, [(r.status, r.last_error) for r in rig.rows()]
    posted = rig.texts()
    assert len(posted) == 60 and len(set(posted)) == 60
    assert rig.control.health()["throttled"]["x"] >= 2
    _assert_no_send_while_paused(rig.database)


def _assert_no_send_while_paused(database: Database) -> None:
    with database.session() as session:
        events = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))).all()
    # The audit chain's seq gives the order of events even when the frozen clock gives
    # them one time.
    pauses = [
        (e.subject_id, e.seq, datetime.fromisoformat(e.data["until"]))
        for e in events
        if e.action == "channel.paused"
    ]
    assert pauses, "no pause happened: the test proves nothing"
    sends = [
        (str(e.data["channel_id"]), e.seq, e.occurred_at)
        for e in events
        if e.action == "publication.sending"
    ]
    for channel_id, paused_id, until in pauses:
        early = [
            at for cid, sid, at in sends if cid == channel_id and sid > paused_id and at < until
        ]
        assert early == [], f"channel {channel_id} called before its reset {until}: {early[:3]}"
