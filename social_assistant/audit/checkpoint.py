"""Signed checkpoints: a daily digest of the chain that makes truncation and rewriting show.

A checkpoint is a JSON object::

    {"format": "social-assistant/audit-checkpoint/v1", "created_at": "...Z",
     "seq": 1234, "hash": "<hash of event 1234>", "events": 1234,
     "period": {"start": "...Z", "end": "...Z", "events": 56, "merkle_root": "<hex>"},
     "public_key": "<base64>", "signature": "<base64>"}

``signature`` is Ed25519 over the canonical JSON (:mod:`.canonical`) of every other
field. Published or kept off the server, it lets anyone prove later that the log still
holds event ``seq`` with that exact ``hash`` and is at least that long: hashes can be
recomputed by whoever can write to the database, a signature cannot. ``period`` covers
the events that occurred in the ``period`` before ``created_at`` (:mod:`.merkle`).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from social_assistant.audit import problems
from social_assistant.audit.canonical import canonical_json, utc_text
from social_assistant.audit.errors import BrokenChainError, CheckpointFormatError
from social_assistant.audit.keys import PublicKey, SigningKey, load_public_key
from social_assistant.audit.merkle import MerkleTree
from social_assistant.audit.verify import VerifyReport, verify_chain
from social_assistant.db.engine import Database
from social_assistant.db.models import AuditEvent

FORMAT = "social-assistant/audit-checkpoint/v1"


def make_checkpoint(
    database: Database,
    signing_key: SigningKey,
    *,
    now: datetime,
    period: timedelta = timedelta(days=1),
) -> dict[str, Any]:
    """Verify the chain, then sign its head and the digest of the ``period`` before ``now``.

    Raises :class:`BrokenChainError` rather than sign a log that was tampered with.
    """
    report = verify_chain(database)
    if not report.ok:
        raise BrokenChainError(report)
    start = now - period
    with database.session() as session:
        tree = MerkleTree()
        for event_hash in _hashes_between(session, start, now, up_to_seq=report.last_seq):
            tree.add(event_hash)
    body: dict[str, Any] = {
        "format": FORMAT,
        "created_at": utc_text(now),
        "seq": report.last_seq,
        "hash": report.last_hash,
        "events": report.events,
        "period": {
            "start": utc_text(start),
            "end": utc_text(now),
            "events": tree.size,
            "merkle_root": tree.root(),
        },
        "public_key": signing_key.public_key.to_base64(),
    }
    signature = signing_key.sign(canonical_json(body))
    return {**body, "signature": base64.b64encode(signature).decode("ascii")}


def verify_checkpoint(
    database: Database | Session,
    checkpoint_json: str | bytes | Mapping[str, Any],
    public_key: PublicKey | str | bytes,
) -> VerifyReport:
    """Check the checkpoint's signature with ``public_key`` (the trusted one, not the key
    the checkpoint names), then verify the whole chain against it.

    Raises :class:`CheckpointFormatError` when ``checkpoint_json`` is not a checkpoint.
    The period's Merkle root is not re-checked: once the chain verifies up to the
    checkpoint's event, every hash it covers is the one that was signed.
    """
    checkpoint = load_checkpoint(checkpoint_json)
    key = public_key if isinstance(public_key, PublicKey) else load_public_key(public_key)
    if not key.verify(_signature(checkpoint), _signed_bytes(checkpoint)):
        return VerifyReport.failed(problems.bad_signature())
    return verify_chain(database, checkpoint=checkpoint)


def load_checkpoint(checkpoint_json: str | bytes | Mapping[str, Any]) -> dict[str, Any]:
    """A checkpoint as a dict, from its JSON text (or a dict); checks the format only."""
    if isinstance(checkpoint_json, Mapping):
        checkpoint = dict(checkpoint_json)
    else:
        try:
            checkpoint = json.loads(checkpoint_json)
        except (ValueError, UnicodeDecodeError) as exc:
            raise CheckpointFormatError(f"the checkpoint is not valid JSON: {exc}") from exc
    if not isinstance(checkpoint, dict) or checkpoint.get("format") != FORMAT:
        raise CheckpointFormatError(f"not an audit checkpoint (expected format {FORMAT!r})")
    return checkpoint


def dump_checkpoint(checkpoint: Mapping[str, Any]) -> str:
    """The checkpoint as readable JSON text for a file (the signature survives it)."""
    return json.dumps(checkpoint, indent=2, ensure_ascii=False) + "\n"


def _signed_bytes(checkpoint: Mapping[str, Any]) -> bytes:
    try:
        return canonical_json({k: v for k, v in checkpoint.items() if k != "signature"})
    except (TypeError, ValueError) as exc:
        raise CheckpointFormatError(f"the checkpoint holds a non-JSON value: {exc}") from exc


def _signature(checkpoint: Mapping[str, Any]) -> bytes:
    text = checkpoint.get("signature")
    if not isinstance(text, str):
        raise CheckpointFormatError("checkpoint field 'signature' is missing")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise CheckpointFormatError("checkpoint field 'signature' is not base64") from exc


def _hashes_between(
    session: Session, start: datetime, end: datetime, *, up_to_seq: int
) -> Iterator[str]:
    query = (
        select(AuditEvent.hash)
        .where(col(AuditEvent.occurred_at) >= start, col(AuditEvent.occurred_at) < end)
        .where(col(AuditEvent.seq) <= up_to_seq)
        .order_by(col(AuditEvent.seq))
        .execution_options(yield_per=10_000)
    )
    yield from session.exec(query)
