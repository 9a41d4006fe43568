"""The outbox on every backend: claims are exclusive, leases expire, budgets hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from social_assistant.db import Database
from social_assistant.db.models import Announcement, Channel, Publication, PublicationStatus
from social_assistant.publishing.outbox import Outbox

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
S = PublicationStatus


def _seed(database: Database, posts: int, channels: int = 1) -> list[int]:
    with database.session() as session:
        rows = [Channel(name=f"x-{i}", kind="x") for i in range(channels)]
        session.add_all(rows)
        session.flush()
        for n in range(posts):
            announcement = Announcement(
                title=f"a{n}", body="b", content_hash=str(n), publish_at=NOW
            )
            session.add(announcement)
            session.flush()
            assert announcement.id is not None
            channel = rows[n % channels]
            assert channel.id is not None
            session.add(
                Publication(
                    announcement_id=announcement.id,
                    channel_id=channel.id,
                    text=f"post {n}",
                    status=S.SCHEDULED,
                    due_at=NOW - timedelta(seconds=n),
                )
            )
        return [c.id for c in rows if c.id is not None]


def _outbox(database: Database, worker: str, lease: int = 60) -> Outbox:
    return Outbox(database, worker, timedelta(seconds=lease))


def _statuses(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(p.status for p in session.exec(select(Publication)).all())


def test_two_workers_never_claim_the_same_row(database: Database) -> None:
    (channel,) = _seed(database, 10)
    budgets = {channel: (100, 900)}
    first = _outbox(database, "w1").claim(NOW, 6, budgets)
    second = _outbox(database, "w2").claim(NOW, 6, budgets)
    ids = [c.publication_id for c in first + second]
    assert len(first) == 6 and len(second) == 4 and len(set(ids)) == 10


def test_not_due_and_not_yet_retryable_rows_wait(database: Database) -> None:
    (channel,) = _seed(database, 2)
    with database.session() as session:
        rows = session.exec(select(Publication)).all()
        rows[0].due_at = NOW + timedelta(minutes=5)
        rows[1].next_attempt_at = NOW + timedelta(minutes=1)
    outbox = _outbox(database, "w1")
    assert outbox.claim(NOW, 10, {channel: (100, 900)}) == []
    assert len(outbox.claim(NOW + timedelta(minutes=6), 10, {channel: (100, 900)})) == 2


def test_an_expired_lease_is_taken_over_and_sending_rows_are_reconciled(
    database: Database,
) -> None:
    (channel,) = _seed(database, 2)
    budgets = {channel: (100, 900)}
    dead = _outbox(database, "dead", lease=30)
    one, two = dead.claim(NOW, 2, budgets)
    assert dead.mark_sending(one, NOW)
    heir = _outbox(database, "heir")
    assert heir.claim(NOW + timedelta(seconds=10), 10, budgets) == []
    taken = heir.claim(NOW + timedelta(seconds=31), 10, budgets)
    assert {(c.publication_id, c.reconcile) for c in taken} == {
        (one.publication_id, True),
        (two.publication_id, False),
    }
    # The dead worker's late writes change nothing.
    assert not dead.mark_published(one, NOW, remote_id="1", url=None)
    assert not dead.mark_sending(two, NOW)


def test_budget_counts_recent_sends_per_channel(database: Database) -> None:
    (channel,) = _seed(database, 8)
    outbox = _outbox(database, "w1")
    claims = outbox.claim(NOW, 10, {channel: (3, 900)})
    assert len(claims) == 3
    for claim in claims:
        assert outbox.mark_sending(claim, NOW)
        assert outbox.mark_published(claim, NOW, remote_id=str(claim.publication_id), url=None)
    assert outbox.claim(NOW + timedelta(seconds=899), 10, {channel: (3, 900)}) == []
    assert len(outbox.claim(NOW + timedelta(seconds=902), 10, {channel: (3, 900)})) == 3


def test_paused_and_disabled_channels_are_skipped(database: Database) -> None:
    first, second = _seed(database, 4, channels=2)
    outbox = _outbox(database, "w1")
    outbox.pause_channel(first, NOW, NOW + timedelta(minutes=15), "429")
    outbox.disable_channel(second, NOW, "401 bad token")
    budgets = {first: (100, 900), second: (100, 900)}
    assert outbox.claim(NOW, 10, budgets) == []
    claims = outbox.claim(NOW + timedelta(minutes=16), 10, budgets)
    assert {c.channel_id for c in claims} == {first}


@pytest.mark.parametrize("maybe_posted", [False, True])
def test_retry_returns_the_row_for_later(database: Database, maybe_posted: bool) -> None:
    (channel,) = _seed(database, 1)
    outbox = _outbox(database, "w1")
    (claim,) = outbox.claim(NOW, 1, {channel: (100, 900)})
    outbox.mark_sending(claim, NOW)
    outbox.retry(claim, NOW, NOW + timedelta(minutes=2), "503", maybe_posted=maybe_posted)
    assert _statuses(database) == [S.SENDING if maybe_posted else S.SCHEDULED]
    assert outbox.claim(NOW + timedelta(minutes=1), 1, {channel: (100, 900)}) == []
    (again,) = outbox.claim(NOW + timedelta(minutes=3), 1, {channel: (100, 900)})
    assert again.reconcile is maybe_posted
