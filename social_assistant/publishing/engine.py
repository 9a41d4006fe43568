"""Turn claimed outbox rows into platform posts, exactly once.

A row with ``in_reply_to`` is an officer's answer to a citizen: it is sent with
``channel.reply`` and, once published, its aspiration becomes ``answered``.

For each claim: reconcile first if the row may already be posted; hold it if it is far
overdue; record ``sending``; call the channel; record the outcome. Failures become data:
a retry time (transient), ``failed`` with a reason (permanent), a paused channel (rate
limit) or a disabled channel (credentials or permissions).
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlmodel import col, select

from social_assistant.channels import Channel, ChannelError, ChannelSpec, OutgoingPost
from social_assistant.clock import Clock
from social_assistant.db import Database
from social_assistant.db.models import Announcement, Publication
from social_assistant.db.models import Channel as ChannelRow
from social_assistant.publishing.backoff import next_attempt
from social_assistant.publishing.outbox import Claim, Outbox, Posted
from social_assistant.publishing.reconcile import find_published
from social_assistant.queue.xtext import PLATFORM_LIMITS, split_thread, weighted_length
from social_assistant.settings import Settings

log = logging.getLogger(__name__)
_URL = re.compile(r"https?://\S+")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class Job:
    """What one claimed row needs: the text, media and where to send it."""

    claim: Claim
    channel_name: str
    channel_kind: str
    text: str
    media: tuple[Path, ...]
    thread: bool
    attempts: int
    due_at_overdue: timedelta
    sent_at: datetime | None
    in_reply_to: str | None = None
    aspiration_id: int | None = None


class Publisher:
    """Publishes due outbox rows; one per daemon process, several threads inside."""

    def __init__(
        self,
        settings: Settings,
        database: Database,
        clock: Clock,
        open_channel: Callable[[str], Channel],
        *,
        worker: str | None = None,
        threads: int = 4,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.database = database
        self.worker = worker or worker_name()
        self.outbox = Outbox(
            database, self.worker, timedelta(seconds=settings.publishing.lease_seconds)
        )
        self._open_channel = open_channel
        self._local = threading.local()
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="publish")
        # Pauses this process learnt during a batch (the rows of the same batch are
        # already marked sending, so the database pause alone would come too late).
        self._paused_until: dict[int, datetime] = {}

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def run_once(self) -> int:
        """Claim one batch and publish it; returns how many rows were handled.

        The batch's state changes share transactions: one to mark every row ``sending``
        before any call, one to record the posts that went up after the calls (a crash
        in between leaves them ``sending``, and the next worker reconciles each with the
        platform before posting), so the database work per post stays small.
        """
        now = self.clock.now()
        claims = self.outbox.claim(now, self.settings.publishing.batch_size, self._budgets())
        if not claims:
            return 0
        ready = [(claim, job) for claim, job in self._jobs(claims) if self._may_send(claim, job)]
        sending = self.outbox.mark_sending_many([claim for claim, _ in ready], now)
        work = [(claim, job) for claim, job in ready if claim.publication_id in sending]
        posted = [done for done in self._pool.map(self._safely, work) if done is not None]
        self.outbox.mark_published_many(posted, self.clock.now())
        return len(claims)

    def drain(self, stop: threading.Event, max_seconds: float) -> int:
        """Keep publishing while there is due work, up to ``max_seconds``."""
        handled, started = 0, self.clock.now()
        while not stop.is_set():
            done = self.run_once()
            handled += done
            elapsed = (self.clock.now() - started).total_seconds()
            if done == 0 or elapsed >= max_seconds:
                break
        return handled

    def _budgets(self) -> dict[int, tuple[int, int]]:
        configured = {c.name: c.rate_budget for c in self.settings.channels}
        with self.database.session() as session:
            rows = session.exec(select(ChannelRow.id, ChannelRow.name)).all()
        return {
            cid: configured[name] for cid, name in rows if cid is not None and name in configured
        }

    def _safely(self, work: tuple[Claim, Job]) -> Posted | None:
        claim, job = work
        try:
            return self._send(claim, job)
        except Exception:  # a bug must not kill the daemon; the lease frees the row later
            log.exception("publication %s: unexpected error", claim.publication_id)
            return None

    def _may_send(self, claim: Claim, job: Job) -> bool:
        """False (and the row recorded) when the channel cannot be opened or the post is
        too late to go out without an officer."""
        now = self.clock.now()
        try:
            self._channel(job.channel_name)
        except ChannelError as error:  # e.g. a secret is missing: nothing can be posted
            reason = f"{job.channel_name}: {error.message}"
            self.outbox.fail(claim, now, reason)
            self.outbox.disable_channel(claim.channel_id, now, reason)
            return False
        staleness = timedelta(minutes=self.settings.publishing.staleness_minutes)
        if not claim.reconcile and job.attempts == 0 and job.due_at_overdue > staleness:
            minutes = int(job.due_at_overdue.total_seconds() // 60)
            self.outbox.hold(
                claim,
                now,
                f"held: {minutes} minutes overdue when picked up "
                f"(staleness window {staleness.total_seconds() / 60:.0f} min); "
                "an officer must reschedule or release it",
            )
            return False
        return True

    def _send(self, claim: Claim, job: Job) -> Posted | None:
        """Call the platform for a row marked ``sending``; what went up, to be recorded."""
        channel = self._channel(job.channel_name)
        if claim.reconcile and self._already_up(channel, job):
            return None
        paused = self._paused_until.get(claim.channel_id)
        now = self.clock.now()
        if paused is not None and paused > now and not claim.reconcile:
            # Another call of this batch hit the channel's limit: do not call before reset.
            self.outbox.retry(
                claim, now, paused, "channel paused by its rate limit", maybe_posted=False
            )
            return None
        try:
            if job.in_reply_to is not None:
                result = channel.reply(job.in_reply_to, job.text)
            else:
                result = channel.publish(_outgoing(job))
        except ChannelError as error:
            self._failed(claim, job, error)
            return None
        self._respect_rate_state(claim, channel)
        return Posted(
            claim,
            result.remote_id,
            result.url,
            tuple(result.part_ids),
            aspiration_id=job.aspiration_id,
        )

    def _already_up(self, channel: Channel, job: Job) -> bool:
        """Reconciliation: the previous attempt may have posted; look before posting again."""
        sent_at = job.sent_at or self.clock.now()
        if job.in_reply_to is not None and not _replies_listed(job.channel_kind):
            self.outbox.fail(
                job.claim,
                self.clock.now(),
                f"{job.channel_name}: the reply may have been posted before an ambiguous "
                "failure and the platform does not list our replies to check: look under "
                "the citizen's comment and reply again by hand only if it is not there",
            )
            return True
        try:
            found = find_published(channel, _first_part(job), sent_at)
        except ChannelError as error:
            now = self.clock.now()
            at = next_attempt(
                now,
                job.attempts + 1,
                base=self.settings.publishing.backoff_base_seconds,
                cap=self.settings.publishing.backoff_cap_seconds,
                not_before=error.retry_at,
            )
            self.outbox.retry(
                job.claim, now, at, f"reconciliation failed: {error.message}", maybe_posted=True
            )
            return True
        if found is None:
            return False
        self.outbox.mark_published(
            job.claim,
            self.clock.now(),
            remote_id=found.remote_id,
            url=None,
            note="found on the platform after an ambiguous failure (reconciled, not posted again)",
            aspiration_id=job.aspiration_id,
        )
        return True

    def _failed(self, claim: Claim, job: Job, error: ChannelError) -> None:
        now = self.clock.now()
        publishing = self.settings.publishing
        reason = f"{job.channel_name}: {error.message}"
        if error.already_posted:
            self._duplicate(claim, job, reason)
            return
        if error.posted_ids:
            self.outbox.fail(
                claim,
                now,
                f"{reason}; thread partly posted ({', '.join(error.posted_ids)}): "
                "finish it by hand",
            )
            return
        if error.permanent:
            log.warning("publication %s failed permanently: %s", claim.publication_id, reason)
            self.outbox.fail(claim, now, reason)
            if error.credentials:  # a bad token stops the channel until an officer acts
                self.outbox.disable_channel(claim.channel_id, now, reason)
            return
        if error.retry_at is not None:
            self._paused_until[claim.channel_id] = error.retry_at
            self.outbox.pause_channel(claim.channel_id, now, error.retry_at, reason)
        if job.attempts + 1 >= publishing.max_attempts and error.retry_at is None:
            self.outbox.fail(claim, now, f"gave up after {job.attempts + 1} attempts: {reason}")
            return
        at = next_attempt(
            now,
            job.attempts + 1,
            base=publishing.backoff_base_seconds,
            cap=publishing.backoff_cap_seconds,
            not_before=error.retry_at,
        )
        log.info("publication %s: retry at %s (%s)", claim.publication_id, at, reason)
        self.outbox.retry(claim, now, at, reason, maybe_posted=error.ambiguous)

    def _duplicate(self, claim: Claim, job: Job, reason: str) -> None:
        """The platform says the text is already up: find its id, never post again."""
        channel = self._channel(job.channel_name)
        now = self.clock.now()
        try:
            found = find_published(channel, _first_part(job), now - timedelta(days=1))
        except ChannelError:
            found = None
        self.outbox.mark_published(
            claim,
            now,
            remote_id=found.remote_id if found else None,
            url=None,
            note=f"already posted (duplicate refused): {reason}",
            aspiration_id=job.aspiration_id,
        )

    def _respect_rate_state(self, claim: Claim, channel: Channel) -> None:
        state = channel.rate_state()
        now = self.clock.now()
        if state and state.remaining == 0 and state.reset_at and state.reset_at > now:
            self._paused_until[claim.channel_id] = state.reset_at
            self.outbox.pause_channel(
                claim.channel_id,
                now,
                state.reset_at,
                "rate limit window used up (x-rate-limit-remaining: 0)",
            )

    def _channel(self, name: str) -> Channel:
        cache: dict[str, Channel] = self._local.__dict__.setdefault("channels", {})
        if name not in cache:
            cache[name] = self._open_channel(name)
        return cache[name]

    def _jobs(self, claims: list[Claim]) -> list[tuple[Claim, Job]]:
        """The rows still held by this worker, with what their calls need (one read)."""
        by_id = {claim.publication_id: claim for claim in claims}
        query = (
            select(Publication, Announcement, ChannelRow)
            .outerjoin(Announcement, col(Announcement.id) == col(Publication.announcement_id))
            .join(ChannelRow, col(ChannelRow.id) == col(Publication.channel_id))
            .where(col(Publication.id).in_(list(by_id)))
            .where(col(Publication.claimed_by) == self.worker)
        )
        now = self.clock.now()
        with self.database.reading() as session:
            found = {
                row.id: (row, announcement, channel)
                for row, announcement, channel in session.exec(query).all()
            }
        jobs = []
        for claim in claims:
            if claim.publication_id not in found:
                continue
            row, announcement, channel = found[claim.publication_id]
            media = announcement.media if announcement else []
            jobs.append(
                (
                    claim,
                    Job(
                        claim=claim,
                        channel_name=channel.name,
                        channel_kind=channel.kind,
                        text=row.text,
                        media=tuple(self.settings.queue_dir / m["path"] for m in media),
                        thread=announcement.thread if announcement else False,
                        attempts=row.attempts,
                        due_at_overdue=now - row.due_at,
                        sent_at=row.sent_at,
                        in_reply_to=row.in_reply_to,
                        aspiration_id=row.aspiration_id,
                    ),
                )
            )
        return jobs


def _replies_listed(channel_kind: str) -> bool:
    """Whether ``recent_posts`` lists our replies (X: yes; a Page feed lists no comments)."""
    return channel_kind == "x"


def _needs_thread(job: Job) -> bool:
    return (
        job.channel_kind == "x" and job.thread and weighted_length(job.text) > PLATFORM_LIMITS["x"]
    )


def _first_part(job: Job) -> str:
    return split_thread(job.text)[0] if _needs_thread(job) else job.text


def _outgoing(job: Job) -> OutgoingPost:
    parts = tuple(split_thread(job.text)) if _needs_thread(job) else ()
    link = None
    if job.channel_kind == "facebook" and not job.media:
        found = _URL.search(job.text)
        link = found.group(0) if found else None
    return OutgoingPost(text=job.text, media=job.media, link=link, thread_parts=parts)


def spec_opener(specs: dict[str, ChannelSpec]) -> Callable[[str], Channel]:
    from social_assistant.channels import open_channel

    return lambda name: open_channel(specs[name])
