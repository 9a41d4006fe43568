"""The canonical encoding is a public contract: stable bytes for the same content."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta, timezone
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from social_assistant.audit.canonical import canonical_json, jsonable, utc_text
from social_assistant.audit.chain import GENESIS, event_content, event_hash

WITA = timezone(timedelta(hours=8))


class Kind(StrEnum):
    COMPLAINT = "complaint"


def test_canonical_json_sorts_keys_drops_whitespace_and_keeps_unicode() -> None:
    value = {"b": [1, 2.5, None], "a": {"z": True, "é": "jalan rusak 🙏"}}
    assert canonical_json(value) == (
        '{"a":{"z":true,"é":"jalan rusak 🙏"},"b":[1,2.5,null]}'.encode()
    )


def test_utc_text_has_microseconds_and_z_whatever_the_zone() -> None:
    assert utc_text(datetime(2026, 12, 8, 9, 0, tzinfo=WITA)) == "2026-12-08T01:00:00.000000Z"
    assert utc_text(datetime(2026, 12, 8, 1, 0, 0, 7, tzinfo=UTC)) == "2026-12-08T01:00:00.000007Z"
    with pytest.raises(ValueError, match="naive"):
        utc_text(datetime(2026, 12, 8))


def test_jsonable_turns_python_values_into_what_the_database_gives_back() -> None:
    value = {
        "at": datetime(2026, 12, 8, 9, tzinfo=WITA),
        "day": date(2026, 12, 8),
        "kind": Kind.COMPLAINT,
        "ids": (1, 2),
        "tags": {"b", "a"},
        "path": PurePosixPath("konten/a.md"),
        "uuid": UUID(int=1),
        7: "angka",
        "broken": "emoji \ud83d",
    }
    assert jsonable(value) == {
        "at": "2026-12-08T01:00:00.000000Z",
        "day": "2026-12-08",
        "kind": "complaint",
        "ids": [1, 2],
        "tags": ["a", "b"],
        "path": "konten/a.md",
        "uuid": "00000000-0000-0000-0000-000000000001",
        "7": "angka",
        "broken": "emoji \ufffd",
    }


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), object(), {("a",): 1}])
def test_jsonable_refuses_what_json_cannot_hold(bad: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        jsonable({"x": bad})


def _fields(**changes: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "seq": 1,
        "occurred_at": datetime(2026, 12, 8, 1, 0, tzinfo=UTC),
        "actor": "petugas",
        "action": "aspiration.forwarded",
        "subject_type": "aspiration",
        "subject_id": "17",
        "data": {"agency": "DPUPR", "note": "jalan rusak 🙏", "nested": {"b": [1, {"a": None}]}},
        "prev_hash": GENESIS,
    }
    return {**fields, **changes}


def test_event_hash_is_pinned() -> None:
    """These values must never change: verifiers elsewhere depend on the encoding."""
    assert (
        canonical_json(event_content(**_fields()))
        == (
            '{"action":"aspiration.forwarded","actor":"petugas","data":{"agency":"DPUPR",'
            '"nested":{"b":[1,{"a":null}]},"note":"jalan rusak 🙏"},'
            '"occurred_at":"2026-12-08T01:00:00.000000Z","prev_hash":"' + GENESIS + '",'
            '"seq":1,"subject_id":"17","subject_type":"aspiration"}'
        ).encode()
    )
    assert event_hash(**_fields()) == (
        "76f93110b6510ed6d123932fbac7e4ebde06bc1ff400ed9dcdb2877c23340e1c"
    )


def test_event_hash_ignores_key_order_and_time_zone_but_not_content() -> None:
    base = event_hash(**_fields())
    reordered = dict(reversed(list(_fields()["data"].items())))
    assert event_hash(**_fields(data=reordered)) == base
    assert event_hash(**_fields(occurred_at=datetime(2026, 12, 8, 9, tzinfo=WITA))) == base
    assert event_hash(**_fields(actor="petugas2")) != base
    assert event_hash(**_fields(occurred_at=datetime(2026, 12, 8, 1, 0, 0, 1, tzinfo=UTC))) != base
    assert event_hash(**_fields(subject_id=None)) != base


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(
    seq=st.integers(min_value=1, max_value=2**62),
    actor=st.text(),
    subject_id=st.none() | st.text(),
    data=st.dictionaries(st.text(), _json, max_size=5),
    moment=st.datetimes(timezones=st.just(UTC)),
)
def test_the_fast_encoding_equals_the_canonical_definition(
    seq: int, actor: str, subject_id: str | None, data: dict[str, Any], moment: datetime
) -> None:
    fields = _fields(
        seq=seq, actor=actor, subject_id=subject_id, data=jsonable(data), occurred_at=moment
    )
    fields["actor"] = jsonable(actor)
    fields["subject_id"] = jsonable(subject_id)
    expected = hashlib.sha256(canonical_json(event_content(**fields))).hexdigest()
    assert event_hash(**fields) == expected
