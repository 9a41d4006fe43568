"""The audit log: one append-only, hash-chained row per state change.

Every state change calls :func:`record` inside its own transaction, so the event is
committed (or rolled back) with the change it describes. The events form a hash chain
(:mod:`.chain`) that :func:`verify_chain` re-computes to find any event modified,
deleted, inserted or reordered since it was written; signed checkpoints
(:mod:`.checkpoint`, which needs the ``cryptography`` package) also catch a truncated or
wholly rewritten log.

Modules: :mod:`.canonical` (the byte encoding that is hashed and signed), :mod:`.chain`
(the hash, the chain head and the writers' lock), :mod:`.append` (:func:`record`),
:mod:`.scan` (reading stored events fast), :mod:`.verify`, :mod:`.problems` (the
sentences a failed verification reports), :mod:`.merkle`, :mod:`.keys` (Ed25519),
:mod:`.checkpoint` and :mod:`.errors`.
"""

from __future__ import annotations

from social_assistant.audit.append import Event, record, record_many
from social_assistant.audit.verify import VerifyReport, verify_chain

__all__ = ["Event", "VerifyReport", "record", "record_many", "verify_chain"]
