"""Personal data in a reply (UU 27/2022): NIK, phone numbers, e-mail addresses, plates.

``detect`` names the kinds found (for the triage flag); ``find`` gives their spans and
``redact`` masks them before anything is made public or forwarded as confidential.
Detectors lean towards recall: a 16-digit card number is flagged as a NIK.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

KINDS: Final = ("nik", "phone", "email", "plate")

NIK: Final = re.compile(r"(?<![\d+])(?:\d{16}|\d{4}(?:[ .-]\d{4}){3})(?!\d)")
PHONE: Final = re.compile(r"(?<![\d\w])(?:\+62|62|0)[ .-]?8\d(?:[ .-]?\d){7,10}(?!\d)")
EMAIL: Final = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
PLATE: Final = re.compile(
    r"(?<![\w-])([a-z]{1,2})[ -]?(\d{1,4})[ -]?([a-z]{1,3})(?![\w-])", re.IGNORECASE
)

# Region codes of Indonesian vehicle plates; anything else is not a plate.
# fmt: off
PLATE_REGIONS: Final = frozenset((
    "A", "B", "D", "E", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "W", "Z",
    "AA", "AB", "AD", "AE", "AG", "BA", "BB", "BD", "BE", "BG", "BH", "BK", "BL", "BM", "BN",
    "BP", "DA", "DB", "DD", "DE", "DG", "DH", "DK", "DL", "DM", "DN", "DR", "DS", "DT", "EA",
    "EB", "ED", "KB", "KH", "KT", "KU", "PA", "PB",
))
# fmt: on


@dataclass(frozen=True, slots=True)
class PersonalDataMatch:
    """One piece of personal data: its kind and where it is in the text."""

    kind: str
    start: int
    end: int


def _is_plate(match: re.Match[str]) -> bool:
    region, digits, _suffix = match.groups()
    if region.upper() not in PLATE_REGIONS:
        return False
    # Lower-case "s1 dan" or "b 12 jam" are far more often words than plates.
    return match.group(0).isupper() or len(digits) >= 3


# Every detector needs a digit (NIK, phone, plate) or an "@" (e-mail).
_MAYBE_PERSONAL: Final = re.compile(r"[\d@]")
_TEN_DIGITS: Final = re.compile(r"(?:\D*\d){10}")  # ten digits or more, found without a list


def _may_hold(text: str) -> bool:
    """Whether ``text`` has a digit or an "@" (every detector needs one). Substring tests
    first: far faster than searching a character class, and exact for ASCII text."""
    if "@" in text:
        return True
    if text.isascii():
        return (
            "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
        )  # fmt: skip
    return _MAYBE_PERSONAL.search(text) is not None


def find(text: str) -> list[PersonalDataMatch]:
    """Every piece of personal data in ``text``, in order, without overlaps."""
    if not _may_hold(text):
        return []
    found: list[PersonalDataMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _detectors(text):
        for match in pattern.finditer(text):
            span = match.span()
            if kind == "plate" and not _is_plate(match):
                continue
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            found.append(PersonalDataMatch(kind, *span))
    return sorted(found, key=lambda m: m.start)


def _detectors(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The detectors that can match ``text``, in order of precedence: an e-mail needs an
    "@", a NIK 16 digits and a phone number at least 10 ("0" "8" and 8 more)."""
    detectors = [("email", EMAIL)] if "@" in text else []
    if _TEN_DIGITS.match(text) is not None:
        detectors += [("nik", NIK), ("phone", PHONE)]
    detectors.append(("plate", PLATE))
    return detectors


def detect(text: str) -> list[str]:
    """The kinds of personal data in ``text`` ("nik", "phone", "email", "plate")."""
    if not _may_hold(text):  # most replies: nothing to look for
        return []
    kinds = {match.kind for match in find(text)}
    return [kind for kind in KINDS if kind in kinds]


def redact(text: str, mask: str = "[{kind}]") -> str:
    """``text`` with every piece of personal data replaced by ``mask``."""
    pieces: list[str] = []
    position = 0
    for match in find(text):
        pieces.append(text[position : match.start])
        pieces.append(mask.format(kind=match.kind))
        position = match.end
    pieces.append(text[position:])
    return "".join(pieces)
