"""Signed checkpoints catch what the chain alone cannot: truncation and wholesale rewriting."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from social_assistant import audit
from social_assistant.audit.canonical import canonical_json
from social_assistant.audit.chain import GENESIS, event_hash
from social_assistant.audit.checkpoint import (
    dump_checkpoint,
    load_checkpoint,
    make_checkpoint,
    verify_checkpoint,
)
from social_assistant.audit.errors import BrokenChainError, CheckpointFormatError
from social_assistant.audit.keys import SigningKey, generate_signing_key
from social_assistant.audit.merkle import merkle_root
from social_assistant.db import Database
from social_assistant.db.models import AuditEvent

Fill = Callable[..., None]  # the fixtures of conftest.py
Sql = Callable[..., list[Any]]


@pytest.fixture
def now(t0: datetime) -> datetime:
    """Half a day after the first event of ``fill``."""
    return t0 + timedelta(hours=12)


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return generate_signing_key()


def _hashes(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.exec(select(AuditEvent.hash).order_by(col(AuditEvent.seq))).all())


def test_a_checkpoint_signs_the_head_and_the_period(
    database: Database, fill: Fill, key: SigningKey, now: datetime
) -> None:
    fill(10)
    fill(2, first=24 * 60)  # a day later: outside the period before now
    checkpoint = make_checkpoint(database, key, now=now)
    hashes = _hashes(database)
    assert checkpoint["format"] == "social-assistant/audit-checkpoint/v1"
    assert (checkpoint["seq"], checkpoint["hash"], checkpoint["events"]) == (12, hashes[-1], 12)
    assert checkpoint["created_at"] == "2026-12-07T13:00:00.000000Z"
    assert checkpoint["period"] == {
        "start": "2026-12-06T13:00:00.000000Z",
        "end": "2026-12-07T13:00:00.000000Z",
        "events": 10,
        "merkle_root": merkle_root(hashes[:10]),
    }
    assert checkpoint["public_key"] == key.public_key.to_base64()
    report = verify_checkpoint(database, dump_checkpoint(checkpoint), key.public_key)
    assert (report.ok, report.events, report.last_seq) == (True, 12, 12)


def test_a_checkpoint_still_verifies_after_more_events(
    database: Database, fill: Fill, key: SigningKey, now: datetime
) -> None:
    fill(5)
    text = dump_checkpoint(make_checkpoint(database, key, now=now))
    fill(5, first=5)
    report = verify_checkpoint(database, text, key.public_key.to_base64())
    assert (report.ok, report.events) == (True, 10)


def test_a_truncated_tail_is_found_only_with_the_checkpoint(
    database: Database, fill: Fill, sql: Sql, key: SigningKey, now: datetime
) -> None:
    fill(10)
    checkpoint = make_checkpoint(database, key, now=now)
    sql("DELETE FROM audit_events WHERE seq > 8")
    assert audit.verify_chain(database).ok  # what is left is a consistent chain
    report = verify_checkpoint(database, checkpoint, key.public_key)
    assert (report.ok, report.kind, report.first_bad_seq, report.events) == (
        False,
        "truncated",
        9,
        8,
    )
    assert report.problem == (
        "The log ends at seq 8 but the checkpoint of 2026-12-07T13:00:00.000000Z recorded "
        "events up to seq 10: the events after seq 8 were removed (truncated)."
    )
    assert report.problem_id and "log dipotong" in report.problem_id


def test_a_consistently_rewritten_chain_is_found_only_with_the_checkpoint(
    database: Database, fill: Fill, key: SigningKey, now: datetime
) -> None:
    fill(10)
    checkpoint = make_checkpoint(database, key, now=now)
    _rewrite_from(database, seq=3, actor="orang lain")
    assert audit.verify_chain(database).ok  # every hash was recomputed
    report = verify_checkpoint(database, checkpoint, key.public_key)
    assert (report.ok, report.kind, report.first_bad_seq, report.events) == (
        False,
        "rewritten",
        10,
        9,
    )
    assert "the log was rewritten at or before seq 10" in (report.problem or "")


def _rewrite_from(database: Database, *, seq: int, actor: str) -> None:
    with database.session() as session:
        events = session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))).all()
        prev = GENESIS
        for event in events:
            if event.seq == seq:
                event.actor = actor
            if event.seq >= seq:
                event.prev_hash = prev
                event.hash = event_hash(
                    seq=event.seq,
                    occurred_at=event.occurred_at,
                    actor=event.actor,
                    action=event.action,
                    subject_type=event.subject_type,
                    subject_id=event.subject_id,
                    data=event.data,
                    prev_hash=prev,
                )
            prev = event.hash


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda c, _: {**c, "seq": c["seq"] - 2}, id="edited-field"),
        pytest.param(lambda c, other: _signed_by(other, c), id="other-key"),
    ],
)
def test_a_forged_checkpoint_signature_fails(
    database: Database, fill: Fill, key: SigningKey, forge: Any, now: datetime
) -> None:
    fill(4)
    forged = forge(make_checkpoint(database, key, now=now), generate_signing_key())
    report = verify_checkpoint(database, json.dumps(forged), key.public_key)
    assert (report.ok, report.kind) == (False, "bad_signature")
    assert report.problem and report.problem.startswith("The checkpoint's signature is not valid")
    assert report.problem_id and report.problem_id.startswith("Tanda tangan checkpoint tidak sah")


def _signed_by(other: SigningKey, checkpoint: dict[str, Any]) -> dict[str, Any]:
    """The same claims, signed by someone else's key (who also names it as the signer)."""
    body = {k: v for k, v in checkpoint.items() if k != "signature"}
    body["public_key"] = other.public_key.to_base64()
    signature = base64.b64encode(other.sign(canonical_json(body))).decode()
    return {**body, "signature": signature}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"seq": 1}', "not an audit checkpoint"),
        ('{"format": "social-assistant/audit-checkpoint/v1"}', "'signature' is missing"),
    ],
)
def test_a_file_that_is_not_a_checkpoint_is_an_error(
    database: Database, key: SigningKey, text: str, message: str
) -> None:
    with pytest.raises(CheckpointFormatError, match=message):
        verify_checkpoint(database, text, key.public_key)


def test_a_broken_chain_is_not_signed(
    database: Database, fill: Fill, sql: Sql, key: SigningKey, now: datetime
) -> None:
    fill(5)
    sql("UPDATE audit_events SET actor = 'x' WHERE seq = 2")
    with pytest.raises(BrokenChainError, match="seq 2") as caught:
        make_checkpoint(database, key, now=now)
    assert caught.value.report.kind == "modified"


def test_an_empty_log_can_be_checkpointed(
    database: Database, key: SigningKey, now: datetime
) -> None:
    checkpoint = load_checkpoint(dump_checkpoint(make_checkpoint(database, key, now=now)))
    assert (checkpoint["seq"], checkpoint["hash"], checkpoint["events"]) == (0, GENESIS, 0)
    assert verify_checkpoint(database, checkpoint, key.public_key).ok
