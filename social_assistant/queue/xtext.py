"""Text length the way X counts it, and splitting a long text into a numbered thread.

X counts with the twitter-text v3 configuration: after NFC normalisation, code points
in a few Latin/punctuation ranges weigh 1 and all others 2; every URL weighs 23 (it is
shortened to a t.co link); an emoji, including ZWJ sequences, skin tones and flags,
weighs 2. URL and emoji detection here follow twitter-text closely but not byte for
byte (no full TLD list, emoji found by code-point ranges rather than Unicode data).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

PLATFORM_LIMITS: Mapping[str, int] = {"x": 280, "facebook": 63206}

URL_WEIGHT = 23
EMOJI_WEIGHT = 2

# Country-code TLDs, plus the generic ones Indonesian announcements actually use.
# fmt: off
_CCTLDS = (
    "ac", "ad", "ae", "af", "ag", "ai", "al", "am", "ao", "aq", "ar", "as", "at", "au", "aw",
    "ax", "az", "ba", "bb", "bd", "be", "bf", "bg", "bh", "bi", "bj", "bm", "bn", "bo", "br",
    "bs", "bt", "bv", "bw", "by", "bz", "ca", "cc", "cd", "cf", "cg", "ch", "ci", "ck", "cl",
    "cm", "cn", "co", "cr", "cu", "cv", "cw", "cx", "cy", "cz", "de", "dj", "dk", "dm", "do",
    "dz", "ec", "ee", "eg", "er", "es", "et", "eu", "fi", "fj", "fk", "fm", "fo", "fr", "ga",
    "gb", "gd", "ge", "gf", "gg", "gh", "gi", "gl", "gm", "gn", "gp", "gq", "gr", "gs", "gt",
    "gu", "gw", "gy", "hk", "hm", "hn", "hr", "ht", "hu", "id", "ie", "il", "im", "in", "io",
    "iq", "ir", "is", "it", "je", "jm", "jo", "jp", "ke", "kg", "kh", "ki", "km", "kn", "kp",
    "kr", "kw", "ky", "kz", "la", "lb", "lc", "li", "lk", "lr", "ls", "lt", "lu", "lv", "ly",
    "ma", "mc", "md", "me", "mg", "mh", "mk", "ml", "mm", "mn", "mo", "mp", "mq", "mr", "ms",
    "mt", "mu", "mv", "mw", "mx", "my", "mz", "na", "nc", "ne", "nf", "ng", "ni", "nl", "no",
    "np", "nr", "nu", "nz", "om", "pa", "pe", "pf", "pg", "ph", "pk", "pl", "pm", "pn", "pr",
    "ps", "pt", "pw", "py", "qa", "re", "ro", "rs", "ru", "rw", "sa", "sb", "sc", "sd", "se",
    "sg", "sh", "si", "sj", "sk", "sl", "sm", "sn", "so", "sr", "ss", "st", "su", "sv", "sx",
    "sy", "sz", "tc", "td", "tf", "tg", "th", "tj", "tk", "tl", "tm", "tn", "to", "tr", "tt",
    "tv", "tw", "tz", "ua", "ug", "uk", "us", "uy", "uz", "va", "vc", "ve", "vg", "vi", "vn",
    "vu", "wf", "ws", "ye", "yt", "za", "zm", "zw",
)
_GTLDS = (
    "com", "net", "org", "info", "biz", "gov", "edu", "mil", "int", "name", "pro", "aero",
    "asia", "cat", "coop", "jobs", "mobi", "museum", "tel", "travel", "post", "app", "dev",
    "page", "blog", "shop", "store", "tech", "online", "site", "website", "xyz", "club", "top",
    "live", "news", "media", "digital", "cloud", "email", "link", "world", "today", "center",
    "network", "agency", "company", "group", "social", "events", "academy", "school",
    "university", "foundation", "institute",
)
# fmt: on
_TLD = "|".join(sorted(_CCTLDS + _GTLDS, key=len, reverse=True))
_CCTLD = "|".join(_CCTLDS)

_PATH = r"(?:/[\w!*';:=+,.$/%#\[\]~@|&-]*(?<=[\w+=#/-]))?"
_QUERY = r"(?:\?[\w!?*'();:&=+$/%#\[\]~|@.,-]*(?<=[\w&=#/-]))?"
_URL_RE = re.compile(
    r"(?<![\w@$#＠＃])"
    r"(?:https?://(?:[\w-]+\.)+[\w-]{2,}"
    rf"|(?<![-_./])(?P<bare>(?:[a-z0-9-]+\.)+(?:{_TLD}))(?![a-z0-9]))"
    rf"(?::\d+)?(?P<path>{_PATH}){_QUERY}",
    re.IGNORECASE,
)
# twitter-text ignores a bare "name.cc" with no path (except .co and .tv): "x.id" is text.
_SHORT_CC_DOMAIN = re.compile(rf"[a-z0-9-]+\.(?:{_CCTLD})", re.IGNORECASE)
_SPECIAL_SHORT = re.compile(r"[a-z0-9-]+\.(?:co|tv)", re.IGNORECASE)

# Code points outside twitter-text's weight-1 ranges (0-4351, 8192-8205, 8208-8223, 8242-8247).
_HEAVY = re.compile("[^\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
_PICTOGRAPH = "\U0001f000-\U0001faff\u2190-\u2bff\u3030\u303d"
_MODIFIER = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
# An emoji: a flag (two regional indicators), or a pictograph or keycap base with its
# modifiers (variation selector, skin tone, keycap, tags), joined to more by U+200D (ZWJ).
_EMOJI = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}"
    f"|(?:[{_PICTOGRAPH}]|[0-9#*\u00a9\u00ae](?=[\ufe0f\u20e3]))[{_MODIFIER}]*"
    f"(?:\u200d[{_PICTOGRAPH}][{_MODIFIER}]*)*"
)


def weighted_length(text: str) -> int:
    """Return the length X gives ``text`` (its limit is 280)."""
    text = unicodedata.normalize("NFC", text)
    total = 0
    start = 0
    for match in _URL_RE.finditer(text):
        if not _counts_as_url(match):
            continue
        total += _plain_length(text[start : match.start()]) + URL_WEIGHT
        start = match.end()
    return total + _plain_length(text[start:])


def _counts_as_url(match: re.Match[str]) -> bool:
    bare = match.group("bare")
    if bare is None or match.group("path"):
        return True
    return not _SHORT_CC_DOMAIN.fullmatch(bare) or bool(_SPECIAL_SHORT.fullmatch(bare))


def _plain_length(text: str) -> int:
    total = 0
    start = 0
    for match in _EMOJI.finditer(text):
        total += _text_length(text[start : match.start()]) + EMOJI_WEIGHT
        start = match.end()
    return total + _text_length(text[start:])


def _text_length(text: str) -> int:
    return len(text) + len(_HEAVY.findall(text))


# Each level splits a piece of text into smaller units and says how to join them again.
_LEVELS: tuple[tuple[Callable[[str], list[str]], str], ...] = (
    (lambda text: re.split(r"\n[ \t]*\n", text), "\n\n"),
    (lambda text: text.split("\n"), "\n"),
    (lambda text: re.split(r"(?<=[.!?…])\s+", text), " "),
    (str.split, " "),
)


def split_thread(text: str, limit: int = 280) -> list[str]:
    """Split ``text`` into posts of at most ``limit`` (weighted), numbered "\\n\\n1/3".

    Breaks fall between paragraphs when possible, then lines, sentences and words.
    A text that already fits comes back as one part without a number. Raises
    ValueError when a single word is longer than a post can hold.
    """
    text = text.strip()
    if weighted_length(text) <= limit:
        return [text]
    digits = 1
    while True:
        budget = limit - weighted_length(_suffix(10**digits - 1, 10**digits - 1))
        if budget <= 0:
            raise ValueError(f"limit {limit} is too small for a numbered thread")
        parts = _pack(text, 0, budget)
        if len(str(len(parts))) <= digits:
            break
        digits += 1
    if len(parts) == 1:
        return parts
    return [part + _suffix(n, len(parts)) for n, part in enumerate(parts, start=1)]


def _suffix(number: int, total: int) -> str:
    return f"\n\n{number}/{total}"


def _pack(text: str, level: int, budget: int) -> list[str]:
    """Greedily join the units of ``text`` at ``level`` into pieces that fit ``budget``."""
    if level == len(_LEVELS):
        raise ValueError(f"a word is longer than {budget} characters: {text[:40]!r}")
    split, joiner = _LEVELS[level]
    joiner_length = weighted_length(joiner)
    pieces: list[str] = []
    lengths: list[int] = []  # weighted length of each piece: joins at whitespace just add up
    for unit in (u.strip() for u in split(text)):
        if not unit:
            continue
        length = weighted_length(unit)
        smaller = [unit] if length <= budget else _pack(unit, level + 1, budget)
        for piece in smaller:
            length = weighted_length(piece) if len(smaller) > 1 else length
            if pieces and lengths[-1] + joiner_length + length <= budget:
                pieces[-1] = f"{pieces[-1]}{joiner}{piece}"
                lengths[-1] += joiner_length + length
            else:
                pieces.append(piece)
                lengths.append(length)
    return pieces
