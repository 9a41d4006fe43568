"""The outbox: claim due publications and record every state change, with its audit row.

A claim is one transaction. On SQLite it runs under ``BEGIN IMMEDIATE`` (see
``db/engine.py``), so claims are serialised; on PostgreSQL each channel row is locked
with ``FOR UPDATE SKIP LOCKED``, so several daemons claim different channels at once and
the per-channel posting budget is counted by one of them at a time. Every later change
is a conditional UPDATE on ``claimed_by``: a worker that lost its lease changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, update
from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.db import Database
from social_assistant.db.models import Channel, Publication, PublicationStatus
from social_assistant.workspace.answered import record_answer

S = PublicationStatus
PUBLICATIONS = Publication.__table__  # type: ignore[attr-defined]
# The platform starts its window when a call arrives, a moment after we record sent_at:
# count a little more than the window so we never get ahead of its count.
BUDGET_MARGIN_SECONDS = 1.0


@dataclass(frozen=True)
class Claim:
    """A publication this worker now holds; ``reconcile`` when it may already be posted."""

    publication_id: int
    channel_id: int
    reconcile: bool


@dataclass(frozen=True)
class Posted:
    """A call that succeeded, to be recorded (see :meth:`Outbox.mark_published_many`)."""

    claim: Claim
    remote_id: str | None
    url: str | None
    part_ids: tuple[str, ...] = ()
    note: str | None = None
    aspiration_id: int | None = None


class Outbox:
    """Claims and state changes for one worker."""

    def __init__(self, database: Database, worker: str, lease: timedelta) -> None:
        self.database = database
        self.worker = worker
        self.lease = lease
        self._locking = database.backend == "postgresql"

    def claim(
        self, now: datetime, limit: int, budgets: Mapping[int, tuple[int, int]]
    ) -> list[Claim]:
        """Claim up to ``limit`` due publications, keeping each channel within its budget.

        ``budgets`` maps channel id to (posts, window seconds).
        """
        claims: list[Claim] = []
        with self.database.session() as session:
            for channel_id in self._open_channels(session, now):
                if len(claims) >= limit:
                    break
                posts, window = budgets.get(channel_id, (limit, 1))
                since = now - timedelta(seconds=window + BUDGET_MARGIN_SECONDS)
                room = posts - self._used(session, channel_id, since)
                wanted = min(limit - len(claims), room)
                if wanted > 0:
                    claims += self._claim_channel(session, channel_id, now, wanted)
        return claims

    def _open_channels(self, session: Session, now: datetime) -> list[int]:
        query = (
            select(Channel.id)
            .where(col(Channel.enabled))
            .where(or_(col(Channel.paused_until).is_(None), col(Channel.paused_until) <= now))
            .order_by(col(Channel.id))
        )
        if self._locking:
            query = query.with_for_update(skip_locked=True)
        return [cid for cid in session.exec(query).all() if cid is not None]

    def _used(self, session: Session, channel_id: int, since: datetime) -> int:
        in_window = or_(col(Publication.sent_at) >= since, col(Publication.status) == S.CLAIMED)
        query = (
            select(func.count())
            .select_from(Publication)
            .where(Publication.channel_id == channel_id)
            .where(in_window)
        )
        return int(session.exec(query).one())

    def _claim_channel(
        self, session: Session, channel_id: int, now: datetime, wanted: int
    ) -> list[Claim]:
        query = (
            select(Publication.id, Publication.status)
            .where(Publication.channel_id == channel_id)
            .where(_claimable(now))
            .order_by(col(Publication.due_at), col(Publication.id))
            .limit(wanted)
        )
        if self._locking:
            query = query.with_for_update(skip_locked=True)
        rows = session.exec(query).all()
        fresh = [pid for pid, status in rows if status != S.SENDING and pid is not None]
        stale = [pid for pid, status in rows if status == S.SENDING and pid is not None]
        lease_until = now + self.lease
        for ids, status in ((fresh, S.CLAIMED), (stale, S.SENDING)):
            if ids:
                session.execute(
                    update(Publication)
                    .where(col(Publication.id).in_(ids))
                    .where(_claimable(now))
                    .values(status=status, claimed_by=self.worker, lease_until=lease_until)
                )
        return [Claim(pid, channel_id, False) for pid in fresh] + [
            Claim(pid, channel_id, True) for pid in stale
        ]

    def mark_sending(self, claim: Claim, now: datetime) -> bool:
        """Record the intent to call the platform (``sending``, one more attempt).

        False when the claim was lost, or when the channel was paused or disabled since
        the claim: the row then waits (a possibly-posted row stays ``sending``, to be
        reconciled later)."""
        return claim.publication_id in self.mark_sending_many([claim], now)

    def mark_sending_many(self, claims: Sequence[Claim], now: datetime) -> set[int]:
        """:meth:`mark_sending` for a batch in one transaction; the ids now ``sending``."""
        marked: set[int] = set()
        if not claims:
            return marked
        events: list[audit.Event] = []
        with self.database.session() as session:
            channels = {  # locked in id order, so daemons never deadlock on them
                cid: self._channel(session, cid, exclusive=False)
                for cid in sorted({claim.channel_id for claim in claims})
            }
            open_claims = []
            for claim in claims:
                channel = channels[claim.channel_id]
                if channel is None or not channel.enabled or _paused(channel, now):
                    expected = S.SENDING if claim.reconcile else S.CLAIMED
                    self._defer(session, claim, expected, channel.paused_until if channel else None)
                else:
                    open_claims.append(claim)
            for claim in self._owned(session, open_claims):
                marked.add(claim.publication_id)
                events.append(
                    self._event(claim, "publication.sending", now, reconcile=claim.reconcile)
                )
            if marked:
                session.connection().execute(
                    update(PUBLICATIONS)
                    .where(PUBLICATIONS.c.id.in_(sorted(marked)))
                    .values(
                        status=S.SENDING,
                        sent_at=now,
                        lease_until=now + self.lease,
                        attempts=PUBLICATIONS.c.attempts + 1,
                        updated_at=now,
                    )
                )
            audit.record_many(session, events)
        return marked

    def _defer(self, session: Session, claim: Claim, expected: S, until: datetime | None) -> None:
        if claim.reconcile:  # keep it marked as possibly posted
            self._change(session, claim, expected, claimed_by=None, lease_until=until)
        else:
            self._change(
                session,
                claim,
                expected,
                status=S.SCHEDULED,
                claimed_by=None,
                lease_until=None,
                next_attempt_at=until,
            )

    def mark_published(
        self,
        claim: Claim,
        now: datetime,
        *,
        remote_id: str | None,
        url: str | None,
        part_ids: tuple[str, ...] = (),
        note: str | None = None,
        aspiration_id: int | None = None,
    ) -> bool:
        """Record the post as up; a reply to a citizen also answers its aspiration."""
        posted = Posted(claim, remote_id, url, part_ids, note, aspiration_id)
        return claim.publication_id in self.mark_published_many([posted], now)

    def mark_published_many(self, batch: Sequence[Posted], now: datetime) -> set[int]:
        """:meth:`mark_published` for a batch in one transaction; the ids recorded."""
        marked: set[int] = set()
        if not batch:
            return marked
        events: list[audit.Event] = []
        answered: list[Posted] = []
        with self.database.session() as session:
            owned = {
                c.publication_id for c in self._owned(session, [p.claim for p in batch], S.SENDING)
            }
            rows = []
            for posted in batch:
                claim = posted.claim
                if claim.publication_id not in owned:
                    continue
                marked.add(claim.publication_id)
                rows.append(
                    {
                        "pid": claim.publication_id,
                        "remote_id": posted.remote_id,
                        "remote_url": posted.url,
                        "part_ids": list(posted.part_ids),
                        "last_error": posted.note,
                    }
                )
                events.append(
                    self._event(
                        claim,
                        "publication.published",
                        now,
                        remote_id=posted.remote_id,
                        url=posted.url,
                        note=posted.note,
                    )
                )
                if posted.aspiration_id is not None:
                    answered.append(posted)
            if rows:  # one executemany (plain Core: this is the hot path)
                session.connection().execute(
                    update(PUBLICATIONS)
                    .where(PUBLICATIONS.c.id == bindparam("pid"))
                    .values(
                        status=S.PUBLISHED,
                        remote_id=bindparam("remote_id"),
                        remote_url=bindparam("remote_url"),
                        part_ids=bindparam("part_ids"),
                        last_error=bindparam("last_error"),
                        published_at=now,
                        claimed_by=None,
                        lease_until=None,
                        updated_at=now,
                    ),
                    rows,
                )
            audit.record_many(session, events)
            for posted in answered:
                assert posted.aspiration_id is not None
                record_answer(
                    session,
                    posted.aspiration_id,
                    posted.claim.publication_id,
                    now=now,
                    worker=self.worker,
                )
        return marked

    def retry(
        self, claim: Claim, now: datetime, at: datetime, error: str, *, maybe_posted: bool
    ) -> None:
        """Try again at ``at``. A post that may be up stays ``sending`` and is reconciled."""
        values: dict[str, Any] = {"last_error": error, "claimed_by": None, "updated_at": now}
        if maybe_posted:
            values |= {"status": S.SENDING, "lease_until": at}
        else:
            values |= {"status": S.SCHEDULED, "next_attempt_at": at, "lease_until": None}
        with self.database.session() as session:
            if self._change(session, claim, None, **values):
                self._audit(
                    session,
                    claim,
                    "publication.retry",
                    now,
                    retry_at=at.isoformat(),
                    error=error,
                    maybe_posted=maybe_posted,
                )

    def fail(self, claim: Claim, now: datetime, reason: str) -> None:
        with self.database.session() as session:
            if self._change(
                session,
                claim,
                None,
                status=S.FAILED,
                last_error=reason,
                claimed_by=None,
                lease_until=None,
                updated_at=now,
            ):
                self._audit(session, claim, "publication.failed", now, reason=reason)

    def hold(self, claim: Claim, now: datetime, reason: str) -> None:
        with self.database.session() as session:
            if self._change(
                session,
                claim,
                S.CLAIMED,
                status=S.HELD,
                last_error=reason,
                claimed_by=None,
                lease_until=None,
                updated_at=now,
            ):
                self._audit(session, claim, "publication.held", now, reason=reason)

    def pause_channel(self, channel_id: int, now: datetime, until: datetime, reason: str) -> None:
        with self.database.session() as session:
            channel = self._channel(session, channel_id, exclusive=True)
            if channel and (channel.paused_until is None or channel.paused_until < until):
                channel.paused_until = until
                audit.record(
                    session,
                    "channel.paused",
                    actor=self.worker,
                    subject_type="channel",
                    subject_id=channel_id,
                    at=now,
                    until=until.isoformat(),
                    reason=reason,
                )

    def disable_channel(self, channel_id: int, now: datetime, reason: str) -> None:
        with self.database.session() as session:
            channel = self._channel(session, channel_id, exclusive=True)
            if channel and channel.enabled:
                channel.enabled = False
                channel.disabled_reason = reason
                channel.disabled_at = now
                audit.record(
                    session,
                    "channel.disabled",
                    actor=self.worker,
                    subject_type="channel",
                    subject_id=channel_id,
                    reason=reason,
                )

    def _owned(
        self, session: Session, claims: Sequence[Claim], state: str | None = None
    ) -> list[Claim]:
        """The claims this worker still holds in ``state`` (default: the state each claim
        is in before its call: ``sending`` to reconcile, else ``claimed``), locked for this
        transaction on PostgreSQL (SQLite's BEGIN IMMEDIATE already holds the database)."""
        if not claims:
            return []
        query = (
            select(Publication.id, Publication.status)
            .where(col(Publication.id).in_([c.publication_id for c in claims]))
            .where(col(Publication.claimed_by) == self.worker)
        )
        if self._locking:
            query = query.with_for_update()
        status = dict(session.exec(query).all())
        return [
            claim
            for claim in claims
            if status.get(claim.publication_id) == (state or _expected(claim))
        ]

    def _channel(self, session: Session, channel_id: int, *, exclusive: bool) -> Channel | None:
        """The channel row, locked on PostgreSQL (shared to read, exclusive to change) so a
        pause and a send on the same channel are ordered; SQLite's BEGIN IMMEDIATE does it."""
        query = select(Channel).where(Channel.id == channel_id)
        if self._locking:
            query = query.with_for_update(read=not exclusive)
        return session.exec(query).first()

    def _change(self, session: Session, claim: Claim, expected: S | None, **values: Any) -> bool:
        statement = (
            update(Publication)
            .where(col(Publication.id) == claim.publication_id)
            .where(col(Publication.claimed_by) == self.worker)
        )
        if expected is not None:
            statement = statement.where(col(Publication.status) == expected)
        # Plain SQL UPDATE: no ORM session synchronisation (this is the hot path).
        statement = statement.values(**values).execution_options(synchronize_session=False)
        return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]

    def _audit(
        self, session: Session, claim: Claim, action: str, now: datetime, **data: Any
    ) -> None:
        audit.record_many(session, [self._event(claim, action, now, **data)])

    def _event(self, claim: Claim, action: str, now: datetime, **data: Any) -> audit.Event:
        return audit.Event(
            action,
            self.worker,
            "publication",
            claim.publication_id,
            now,
            {"channel_id": claim.channel_id, **data},
        )


def _expected(claim: Claim) -> str:
    return S.SENDING if claim.reconcile else S.CLAIMED


def _paused(channel: Channel, now: datetime) -> bool:
    return channel.paused_until is not None and channel.paused_until > now


def _claimable(now: datetime) -> Any:
    due = and_(
        col(Publication.status) == S.SCHEDULED,
        col(Publication.due_at) <= now,
        or_(col(Publication.next_attempt_at).is_(None), col(Publication.next_attempt_at) <= now),
    )
    expired = and_(
        col(Publication.status).in_([S.CLAIMED, S.SENDING]), col(Publication.lease_until) < now
    )
    return or_(due, expired)
