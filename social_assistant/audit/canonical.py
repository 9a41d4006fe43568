"""Canonical JSON: the one byte encoding that audit hashes and checkpoint signatures cover.

The rules are a public contract (anyone may re-implement the verifier): JSON objects with
keys sorted by Unicode code point, no whitespace, UTF-8 without ``\\u`` escapes for
non-ASCII text (control characters, ``"`` and ``\\`` escaped as Python's ``json`` does),
numbers as Python's ``json`` writes them (shortest round-trip form), no NaN or infinity,
and datetimes written as UTC with microseconds (``2026-12-08T01:00:00.000000Z``).

:func:`jsonable` turns the values callers hand to ``record(**data)`` into plain JSON values
*before* they are stored, so that what is hashed is exactly what the database gives back.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import PurePath
from typing import Any
from uuid import UUID

_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def canonical_json(value: Any) -> bytes:
    """The canonical UTF-8 bytes of a JSON value (dicts, lists, str, int, float, bool, None)."""
    return canonical_text(value).encode("utf-8")


encode_string: Callable[[str], str] = json.encoder.encode_basestring
"""A ``str`` as canonical JSON text (what the encoder itself uses for every string)."""


def _text_encoder() -> Callable[[Any], str]:
    """The C encoder built once (``json`` builds one per call, half the cost of small
    values); the pure Python encoder where there is no C one."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return _ENCODER.encode
    chunks = make(None, _ENCODER.default, encode_string, None, ":", ",", True, False, False)
    return lambda value: "".join(chunks(value, 0))


canonical_text: Callable[[Any], str] = _text_encoder()
""":func:`canonical_json` before UTF-8 encoding."""


def utc_text(moment: datetime) -> str:
    """``2026-12-08T01:00:00.000000Z``: an aware datetime in UTC with microseconds."""
    if moment.tzinfo is not UTC:
        if moment.tzinfo is None:
            raise ValueError(f"naive datetime {moment!r} given to the audit log")
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="microseconds")[:-6] + "Z"  # "+00:00" -> "Z"


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON values: datetimes as :func:`utc_text`, tuples and sets as
    lists, enums by value, UUIDs and paths as text; anything else unknown is refused."""
    if isinstance(value, Enum):
        return jsonable(value.value)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} cannot be stored in the audit log (not JSON)")
        return value
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, UUID | PurePath):
        return str(value)
    if isinstance(value, Mapping):
        return _object(value)
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((jsonable(item) for item in value), key=canonical_json)
    raise TypeError(f"{type(value).__name__} value {value!r} cannot be stored in the audit log")


def _object(mapping: Mapping[Any, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, item in mapping.items():
        if isinstance(key, int) and not isinstance(key, bool):
            key = str(key)  # JSON turns it into text anyway; hash what comes back
        if not isinstance(key, str):
            raise TypeError(f"audit data key {key!r} is not text")
        key = _text(key)
        if key in result:
            raise ValueError(f"audit data key {key!r} appears twice")
        result[key] = jsonable(item)
    return result


def _text(text: str) -> str:
    """Replace lone surrogates (broken emoji from a platform) so the text is valid UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)
    return text
