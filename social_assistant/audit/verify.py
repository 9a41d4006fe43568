"""Re-compute the hash chain in ``seq`` order and report the first event tampered with.

The walk streams the log in keyset-paginated batches (constant memory). With a
:class:`~social_assistant.db.Database` each batch is read in its own short transaction,
so a long verification never holds SQLite's write lock for long; with a ``Session`` the
whole walk runs in the caller's transaction.

For every event it checks that its ``seq`` follows the previous one (a gap means deleted
events, a repeat an inserted one), that its ``prev_hash`` is the previous event's hash,
and that its stored hash matches its content (else: modified). A broken link is
diagnosed by looking up which event the ``prev_hash`` does point to: a later one
(reordered), an earlier one (inserted), or none (the predecessor was rewritten).
Verification stops at the first problem.

A chain can be rewritten from some point on with every hash recomputed, or cut short;
only a signed checkpoint (:mod:`.checkpoint`) detects that, through ``checkpoint=``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from social_assistant.audit import problems
from social_assistant.audit.chain import GENESIS
from social_assistant.audit.errors import CheckpointFormatError
from social_assistant.audit.problems import Problem
from social_assistant.audit.scan import EventScan, StoredEvent
from social_assistant.db.engine import Database

BATCH_SIZE = 10_000


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of a verification. ``events`` counts the events found sound (all of
    them when ``ok``); ``last_seq``/``last_hash`` are the last sound event's."""

    ok: bool
    events: int
    problem: str | None = None
    problem_id: str | None = None
    first_bad_seq: int | None = None
    first_bad_id: int | None = None
    kind: str | None = None
    last_seq: int = 0
    last_hash: str = GENESIS

    @classmethod
    def failed(
        cls, problem: Problem, *, events: int = 0, last_seq: int = 0, last_hash: str = GENESIS
    ) -> VerifyReport:
        return cls(
            ok=False,
            events=events,
            problem=problem.en,
            problem_id=problem.id,
            first_bad_seq=problem.seq,
            first_bad_id=problem.event_id,
            kind=problem.kind,
            last_seq=last_seq,
            last_hash=last_hash,
        )


@dataclass(frozen=True)
class Anchor:
    """What a checkpoint vouches for: at ``created_at`` the log held ``events`` events and
    event ``seq`` had ``hash``."""

    seq: int
    hash: str
    events: int
    created_at: str

    @classmethod
    def from_checkpoint(cls, checkpoint: Mapping[str, Any]) -> Anchor:
        """Read the anchor out of a checkpoint as made by ``make_checkpoint``."""
        seq, events = _count(checkpoint, "seq"), _count(checkpoint, "events")
        digest, when = checkpoint.get("hash"), checkpoint.get("created_at")
        if not isinstance(digest, str) or len(digest) != 64:
            raise CheckpointFormatError("checkpoint field 'hash' must be 64 hex characters")
        if not isinstance(when, str):
            raise CheckpointFormatError("checkpoint field 'created_at' must be a time")
        return cls(seq, digest, events, when)


def _count(checkpoint: Mapping[str, Any], field: str) -> int:
    value = checkpoint.get(field)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise CheckpointFormatError(f"checkpoint field {field!r} must be a whole number >= 0")
    return value


def verify_chain(
    source: Database | Session,
    *,
    checkpoint: Mapping[str, Any] | None = None,
    batch_size: int = BATCH_SIZE,
) -> VerifyReport:
    """Verify the whole chain and report its first problem.

    With ``checkpoint`` (a checkpoint dict; its signature is *not* checked here, see
    ``verify_checkpoint``) also check that the chain still holds the checkpoint's event
    and did not get shorter. Given a session, events it has not flushed are not seen.
    """
    anchor = None if checkpoint is None else Anchor.from_checkpoint(checkpoint)
    scan = EventScan(source)
    walk = _Walk(scan, anchor)
    for batch in scan.batches(batch_size):
        problem = walk.advance(batch)
        if problem is not None:
            return walk.report(problem)
    return walk.report(walk.finish())


class _Walk:
    """A walk along the chain: how many events were sound, and the last sound one."""

    def __init__(self, scan: EventScan, anchor: Anchor | None) -> None:
        self.scan = scan
        self.anchor = anchor
        self.events = 0
        self.last_seq, self.last_id, self.last_hash = 0, 0, GENESIS

    def advance(self, batch: Sequence[StoredEvent]) -> Problem | None:
        """Walk over ``batch``: sound events in one fast pass, any other one by :meth:`step`."""
        stop_seq = self.anchor.seq if self.anchor is not None else -1
        start = 0
        while start < len(batch):
            end = self.scan.sound_prefix(batch, start, (self.last_seq, self.last_hash), stop_seq)
            if end > start:
                self._accept(batch[end - 1], end - start)
            if end == len(batch):
                return None
            problem = self.step(batch[end])
            if problem is not None:
                return problem
            start = end + 1
        return None

    def step(self, event: StoredEvent) -> Problem | None:
        """Check one event closely and name what is wrong with it, if anything."""
        seq, event_id, _, _, _, _, _, _, prev, digest = event
        if not isinstance(seq, int):
            return problems.not_a_number(event_id, seq)
        if seq != self.last_seq + 1:
            return self._misnumbered(seq, event_id)
        sealed = self.scan.sealed(event)
        if prev != self.last_hash:
            return self._unlinked(seq, event_id, prev, sealed)
        if not sealed:
            return problems.modified(seq, event_id)
        if self.anchor is not None and seq == self.anchor.seq and digest != self.anchor.hash:
            return problems.checkpoint_mismatch(seq, event_id, self.anchor.created_at)
        self._accept(event, 1)
        return None

    def _accept(self, last: StoredEvent, count: int) -> None:
        """``count`` more events are sound, up to and including ``last``."""
        self.events += count
        self.last_seq, self.last_id, self.last_hash = last[0], last[1], last[9]

    def finish(self) -> Problem | None:
        """After the last event: is the chain at least as long as the checkpoint says?"""
        anchor = self.anchor
        if anchor is not None and (self.last_seq < anchor.seq or self.events < anchor.events):
            return problems.truncated(self.last_seq, anchor.seq, anchor.created_at)
        return None

    def report(self, problem: Problem | None) -> VerifyReport:
        events, last_seq, last_hash = self.events, self.last_seq, self.last_hash
        if problem is not None:
            return VerifyReport.failed(
                problem, events=events, last_seq=last_seq, last_hash=last_hash
            )
        return VerifyReport(ok=True, events=events, last_seq=last_seq, last_hash=last_hash)

    def _misnumbered(self, seq: int, event_id: int) -> Problem:
        if seq > self.last_seq + 1:
            return problems.deleted(self.last_seq + 1, seq)
        if self.last_seq:
            return problems.duplicate(seq, event_id, self.last_id)
        return problems.before_start(seq, event_id)

    def _unlinked(self, seq: int, event_id: int, prev: str, sealed: bool) -> Problem:
        """The event's ``prev_hash`` is not its predecessor's hash: work out why."""
        target = self.scan.event_with_hash(prev, event_id)
        if target is not None and target[0] > seq:
            return problems.reordered(seq, event_id, target[0], target[1])
        if target is not None and target[0] < seq - 1:
            if sealed:
                return problems.forged(seq, event_id, target[0])
            return problems.inserted_before(seq, event_id, target[0])
        if not sealed:
            return problems.modified(seq, event_id)
        if seq == 1:
            return problems.not_genesis(event_id)
        return problems.rewritten(self.last_seq, self.last_id, seq)
