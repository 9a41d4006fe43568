"""Informal Indonesian to a normal form the rest of the triage can count on.

``normalise(text)`` folds case and Unicode look-alikes, splits the text into tokens,
and repairs what replies usually contain: repeated letters ("parahhh"), numbers glued
to words ("2hari", "jam8"), reduplication with 2 ("jalan2"), slang and abbreviations
("gak", "yg", "jln", Banjar "kada", Javanese "ora"; ``data/slang.tsv``). URLs,
e-mail addresses, phone numbers, mentions and hashtags become placeholders
(``__url__`` ...) and are remembered; emoji stay tokens with a sentiment hint.
It never raises on any string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Final

from social_assistant.triage import lexicons, register
from social_assistant.triage.memo import remember
from social_assistant.triage.personal_data import EMAIL, PHONE

MAX_CHARS: Final = 20_000
PLACEHOLDER_KINDS: Final = ("url", "email", "phone", "mention", "hashtag")

_INVISIBLE: Final = re.compile("[\u200b-\u200f\u2060\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")
_URL: Final = (
    r"(?:https?://|www\.)\S+"
    r"|\b[\w-]+\.(?:com|id|net|org|ly|co|xyz|io|site|online|link|me|vip|top|club|shop|store)"
    r"\b(?:/\S*)?"
)
_TOKEN: Final = re.compile(
    rf"(?P<url>{_URL})"
    rf"|(?P<email>{EMAIL.pattern})"
    rf"|(?P<phone>{PHONE.pattern})"
    r"|(?P<money>rp\.?(?=\s?\d))"
    r"|(?P<number>\d+(?:[.,]\d+)+)"
    r"|(?P<mention>@\w+)"
    r"|(?P<hashtag>#\w+)"
    r"|(?P<word>[^\W_]+(?:['’-][^\W_]+)*)"
    r"|(?P<flag>[\U0001F1E6-\U0001F1FF]{2})"
    r"|(?P<symbol>(?P<sym>[^\w\s])(?P=sym)*)",
    re.IGNORECASE,
)
# Without a digit, "@", "#", "." or ":" none of the branches before "word" can match, so
# such text is tokenised by this shorter pattern (same tokens, several times faster).
_PLAIN_TOKEN: Final = re.compile(
    r"(?P<word>[^\W_]+(?:['’-][^\W_]+)*)"
    r"|(?P<flag>[\U0001F1E6-\U0001F1FF]{2})"
    r"|(?P<symbol>(?P<sym>[^\w\s])(?P=sym)*)",
    re.IGNORECASE,
)
_NEEDS_FULL_TOKENS: Final = re.compile(r"[\d@#.:]")
# What a token can span whitespace with: a phone number's digits ("0812 3456 7890") and
# the digits after "Rp" (an amount: "Rp 5.000").
_SPANNING: Final = re.compile(r"\d \d|rp\.?\s\d", re.IGNORECASE)
_LETTERS: Final = r"[^\W\d_]"
_REDUPLICATED: Final = re.compile(rf"({_LETTERS}{{2,}})2")
_LETTERS_DIGITS: Final = re.compile(rf"({_LETTERS}+)(\d+)")
_DIGITS_LETTERS: Final = re.compile(rf"(\d+)({_LETTERS}+)")
_LONG_RUN: Final = re.compile(r"([^\W\d_])\1{2,}")
_DIGIT: Final = re.compile(r"\d")
_MASK: Final = re.compile(r"x{3,}[a-z]+x{3,}")
# fmt: off
# Words after which a glued number is a number ("jam2" is two o'clock, not "jam-jam").
_NUMBERED: Final = frozenset((
    "jam", "pukul", "rt", "rw", "no", "nomor", "km", "kg", "lt", "lantai", "kelas", "gg",
    "gang", "blok", "tahap", "covid", "sesi", "ke", "se", "tgl", "tanggal", "hari", "x", "rp",
    "th", "thn", "ruang", "loket", "unit", "jalur",
))
# Units that look like slang ("km" is also "kamu") but follow a number.
_UNITS: Final = frozenset(("km", "kg", "m", "cm", "mm", "ml", "gr", "ha", "l", "kwh"))
# Negations people glue to the next word ("gaenak", "gakbisa").
_NEGATION_PREFIXES: Final = ("nggak", "gak", "ngga", "tdk", "ga", "gk", "kagak", "ndak")
# Loanwords that legitimately end in a double letter.
_FINAL_DOUBLES: Final = frozenset((
    "mall", "staff", "full", "off", "call", "all", "will", "cross", "class", "pass", "miss",
    "boss", "bill", "skill", "well", "still", "small", "fill", "kiss", "jazz", "buff", "sell",
    "cell", "grass",
))
# fmt: on


@dataclass(slots=True, init=False)
class Replacement:
    """One repair: which rule changed ``original`` into ``normalised``."""

    rule: str
    original: str
    normalised: str

    # Written out: compiled by mypyc it runs natively (a generated one runs as Python).
    def __init__(self, rule: str, original: str, normalised: str) -> None:
        self.rule = rule
        self.original = original
        self.normalised = normalised


@dataclass(slots=True, init=False)
class Normalised:
    """A normalised reply: tokens, the repairs made, and what placeholders stand for."""

    original: str
    tokens: tuple[str, ...]
    replacements: tuple[Replacement, ...]
    placeholders: tuple[tuple[str, str], ...]
    emoji: tuple[tuple[str, str], ...]
    truncated: bool = False

    # Written out: compiled by mypyc it runs natively (a generated one runs as Python).
    def __init__(
        self,
        original: str,
        tokens: tuple[str, ...],
        replacements: tuple[Replacement, ...],
        placeholders: tuple[tuple[str, str], ...],
        emoji: tuple[tuple[str, str], ...],
        truncated: bool = False,
    ) -> None:
        self.original = original
        self.tokens = tokens
        self.replacements = replacements
        self.placeholders = placeholders
        self.emoji = emoji
        self.truncated = truncated

    @property
    def words(self) -> tuple[str, ...]:
        """Tokens that are words or numbers (no punctuation, emoji or placeholders)."""
        return tuple(t for t in self.tokens if is_word(t))

    @property
    def text(self) -> str:
        """The tokens joined by spaces."""
        return " ".join(self.tokens)

    def restored_tokens(self) -> tuple[str, ...]:
        """The tokens with each placeholder put back to what it replaced."""
        originals = iter(original for _, original in self.placeholders)
        return tuple(next(originals, t) if is_placeholder(t) else t for t in self.tokens)

    def restored(self) -> str:
        """The normalised text with each placeholder put back to what it replaced."""
        return " ".join(self.restored_tokens())

    def formal(self) -> str:
        """``restored()`` in formal register: discourse particles ("ya", "sih") left
        out, informal words in their formal form ("kenapa" -> "mengapa", ``data/formal.tsv``)
        and a full stop ending the text. For reading and for the normaliser figure;
        the triage classifies the tokens."""
        return register.formal(self.restored_tokens())


def placeholder(kind: str) -> str:
    """The token that stands for a URL, e-mail, phone number, mention or hashtag."""
    return f"__{kind}__"


def is_placeholder(token: str) -> bool:
    """True for ``__url__`` and its siblings."""
    return token.startswith("__") and token.endswith("__") and len(token) > 4


def is_word(token: str) -> bool:
    """True for a word or number token."""
    if token[:1].isalnum():
        return True
    return not is_placeholder(token) and has_alnum(token)


def has_alnum(token: str) -> bool:
    """True when some character of ``token`` is a letter or digit."""
    return any(char.isalnum() for char in token)  # compiled to a loop; any(map(...)) is not


def _clean(text: str) -> tuple[str, bool]:
    truncated = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    if text.isascii():  # NFKC leaves ASCII as it is, and nothing invisible is ASCII
        return text, truncated
    text = unicodedata.normalize("NFKC", text)
    return _INVISIBLE.sub("", text), truncated


def _repeat_fixed(word: str) -> str:
    """Collapse letters repeated for emphasis, keeping words the lexicons know."""
    known = lexicons.known_words()
    if word in known:
        return word
    single = _LONG_RUN.sub(r"\1", word)
    if single != word and single not in known:
        double = _LONG_RUN.sub(r"\1\1", word)
        if double in known:
            return double
    ends_doubled = len(single) >= 4 and single[-1] == single[-2]
    if ends_doubled and single not in _FINAL_DOUBLES and single not in known:
        single = single[:-1]
    return single


def _split_glued(word: str, previous: str) -> list[str]:
    """Split "2hari" and "jam8"; expand "jalan2" to "jalan-jalan"."""
    if word in _UNITS and previous.isdigit():
        return [word]
    redup = _REDUPLICATED.fullmatch(word)
    if redup and redup.group(1) not in _NUMBERED:
        base = _formal_single(_repeat_fixed(redup.group(1)))
        return [f"{base}-{base}"]
    for pattern in (_LETTERS_DIGITS, _DIGITS_LETTERS):
        glued = pattern.fullmatch(word)
        if glued:
            return [glued.group(1), glued.group(2)]
    return [word]


def _split_negation(word: str) -> list[str]:
    """Split a negation glued to a known word: "gaenak" -> "tidak enak"."""
    known = lexicons.known_words()
    if word in known:
        return [word]
    for prefix in _NEGATION_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 3 and rest in known:
            return ["tidak", rest]
    return [word]


def _suffix_in(word: str) -> str | None:
    """Colloquial "-in" for "-kan" on a known base: "masukin" -> "masukkan",
    "dibatalin" -> "dibatalkan", "kirimin" -> "kirimkan" (the base may itself be slang)."""
    if len(word) < 6 or not word.endswith("in") or word in lexicons.known_words():
        return None
    stem = word[:-2]
    prefix = "di" if stem.startswith("di") and len(stem) > 4 else ""
    base = _formal_single(stem[len(prefix) :])
    if base in lexicons.known_words() and len(base) >= 3:
        return f"{prefix}{base}kan"
    return None


def _formal_single(word: str) -> str:
    formal = lexicons.slang().get((word,))
    return formal[0] if formal and len(formal) == 1 else word


# Word as written -> its repaired tokens, the repairs made, and whether it is a unit
# (whose repair depends on the token before it). Everyday words repeat a lot; words
# with digits ("rt05", "0812...") are an endless tail and are not kept. Bounded
# (``memo``), so memory stays flat over millions of replies.
_FIXED: Final[dict[str, tuple[list[str], list[Replacement], bool]]] = {}
_FIXED_MAX: Final = 20_000


def _fixed_word(raw: str, previous: str, log: list[Replacement]) -> list[str]:
    """``_fix_word`` of the case-folded word, remembered per word as written."""
    cached = _FIXED.get(raw)
    if cached is None:
        if raw.isdigit() and raw.isascii():  # a number: nothing to repair
            return [raw]
        word = raw.casefold()
        if _DIGIT.search(raw):
            return _fix_word(word, previous, log)
        repairs: list[Replacement] = []
        cached = remember(
            _FIXED, raw, (_fix_word(word, "", repairs), repairs, word in _UNITS), _FIXED_MAX
        )
    if cached[2]:
        return _fix_word(raw.casefold(), previous, log)
    if cached[1]:
        log.extend(cached[1])
    return cached[0]


def _fix_word(word: str, previous: str, log: list[Replacement]) -> list[str]:
    if _MASK.fullmatch(word):  # "xxxuserxxx": an anonymised export's mask, not emphasis
        return [word]
    parts = _split_glued(word, previous)
    if parts != [word]:
        rule = "reduplication" if "-" in parts[0] and "-" not in word else "number"
        log.append(Replacement(rule, word, " ".join(parts)))
    fixed: list[str] = []
    for part in parts:
        repaired = part if part.isdigit() or "-" in part else _repeat_fixed(part)
        if repaired != part:
            log.append(Replacement("repeat", part, repaired))
        suffixed = _suffix_in(repaired)
        if suffixed is not None:
            log.append(Replacement("suffix", repaired, suffixed))
            repaired = suffixed
        split = _split_negation(repaired)
        if len(split) > 1:
            log.append(Replacement("negation", repaired, " ".join(split)))
        fixed.extend(split)
    return fixed


def _raw_tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each token: "word", "url", "symbol" ... (a symbol run as its first
    character).

    The same tokens as matching ``_TOKEN`` over the whole text, found faster: only a
    phone number ("0812 3456") or an amount ("Rp 5.000") can span whitespace, so when
    the text has neither, each whitespace chunk is tokenised on its own
    (``_chunk_tokens``).
    """
    chunks = text.split()
    if _may_span(chunks) and _SPANNING.search(text):
        return _matched(_TOKEN, text)
    found: list[tuple[str, str]] = []
    for chunk in chunks:
        found += _chunk_tokens(chunk)
    return found


def _chunk_tokens(chunk: str) -> list[tuple[str, str]]:
    """``_raw_tokens`` of one whitespace chunk. A chunk of letters is one word as it
    stands; letters with one trailing mark ("min,", "pak?") and a run of one symbol
    ("🙏🙏") need no pattern either, and a chunk without a digit, "@", "#", "." or ":"
    needs only the short pattern."""
    if chunk.isalpha():
        return [("word", chunk)]
    last = chunk[-1]
    if _is_symbol(last):
        head = chunk[:-1]
        if head.isalpha():
            return [("word", head), ("symbol", last)]
        if chunk.count(last) == len(chunk):
            return [("symbol", last)]
    return _matched(_TOKEN if _NEEDS_FULL_TOKENS.search(chunk) else _PLAIN_TOKEN, chunk)


def _may_span(chunks: list[str]) -> bool:
    """Whether ``_SPANNING`` can match: a chunk starting with a digit after one ending
    with a digit or with "rp" / "rp." (a cheap test that spares most texts the pattern)."""
    for i in range(1, len(chunks)):
        if chunks[i][0].isdigit():
            before = chunks[i - 1]
            if before[-1].isdigit() or before[-2:].casefold() == "rp":
                return True
            if before[-3:].casefold() == "rp.":
                return True
    return False


def _is_symbol(char: str) -> bool:
    """True for a character the pattern takes as a symbol (not a word or flag part)."""
    return not char.isalnum() and char != "_" and not "\U0001f1e6" <= char <= "\U0001f1ff"


def _matched(pattern: re.Pattern[str], text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for match in pattern.finditer(text):
        kind = match.lastgroup or "symbol"
        raw = match.group()
        found.append((kind, raw[0] if kind == "symbol" else raw))
    return found


@cache
def _slang_index() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """One-word slang (word -> formal tokens) and the first words of slang phrases."""
    table = lexicons.slang()
    single = {phrase[0]: formal for phrase, formal in table.items() if len(phrase) == 1}
    heads = frozenset(phrase[0] for phrase in table if len(phrase) > 1)
    return single, heads


class _Tables:
    """The lexicon tables every reply reads, loaded once (``reset_caches`` drops them).
    Compiled, reading one is a pointer read, where calling a ``functools.cache``
    function is a Python call."""

    def __init__(self) -> None:
        self.slang = lexicons.slang()
        self.single, heads = _slang_index()
        # Tokens that start a slang phrase or are slang alone: one lookup tells both
        # that most tokens are neither.
        self.slang_words = heads.union(self.single)
        self.phrase_heads = heads
        self.emoji = lexicons.emoji_hints()


_TABLES: Final[list[_Tables]] = []  # holds the one ``_Tables`` once loaded


def _tables() -> _Tables:
    if not _TABLES:
        _TABLES.append(_Tables())
    return _TABLES[0]


def _apply_slang(tokens: list[str], log: list[Replacement]) -> list[str]:
    """Replace informal words and phrases (up to three tokens) by their formal form.

    At each position the longest phrase wins (three tokens, then two, then one).
    """
    tables = _tables()
    table, single, heads = tables.slang, tables.single, tables.phrase_heads
    slang_words = tables.slang_words
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if token not in slang_words:
            out.append(_hyphen_slang(token, log) if "-" in token else token)
            i += 1
            continue
        size = _phrase_slang(tokens, i, table, out, log) if token in heads else 0
        if size:
            i += size
            continue
        formal = single.get(token)
        if formal is not None and not (token in _UNITS and out and out[-1].isdigit()):
            log.append(Replacement("slang", token, " ".join(formal)))
            out.extend(formal)
        else:
            out.append(_hyphen_slang(token, log) if "-" in token else token)
        i += 1
    return out


def _phrase_slang(
    tokens: list[str],
    i: int,
    table: dict[tuple[str, ...], tuple[str, ...]],
    out: list[str],
    log: list[Replacement],
) -> int:
    """Replace a two- or three-token slang phrase starting at ``i``; its size, or 0."""
    for size in (3, 2):
        if i + size > len(tokens):
            continue
        phrase = tuple(tokens[i : i + size])
        formal = table.get(phrase)
        if formal is not None:
            log.append(Replacement("slang", " ".join(phrase), " ".join(formal)))
            out.extend(formal)
            return size
    return 0


def _hyphen_slang(token: str, log: list[Replacement]) -> str:
    if "-" not in token:
        return token
    parts = [_formal_single(p) for p in token.split("-")]
    formal = "-".join(parts)
    if formal != token:
        log.append(Replacement("slang", token, formal))
    return formal


def reset_caches() -> None:
    """Forget the loaded lexicons and remembered words (after a lexicon file changed)."""
    for loader in (
        lexicons.hand_slang,
        lexicons.slang,
        lexicons.known_words,
        lexicons.formal_register,
        _slang_index,
    ):
        loader.cache_clear()
    _TABLES.clear()
    _FIXED.clear()
    _CHUNKS.clear()


@contextmanager
def without_learnt_slang() -> Iterator[None]:
    """Normalise with the hand-written lexicon only (``slang.tsv``), as
    ``stif_lexicon`` needs while it learns; everything is reloaded afterwards."""
    lexicons.learnt_slang_enabled = False
    reset_caches()
    try:
        yield
    finally:
        lexicons.learnt_slang_enabled = True
        reset_caches()


def surface_tokens(text: str) -> list[str]:
    """The tokens as written (case-folded words, URLs and mentions kept), no repairs."""
    cleaned, _ = _clean(text)
    return [
        raw if kind in PLACEHOLDER_KINDS else raw.casefold() for kind, raw in _raw_tokens(cleaned)
    ]


class _Piece:
    """What normalising a run of raw tokens gives: tokens, repairs, placeholders, emoji."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.log: list[Replacement] = []
        self.placeholders: list[tuple[str, str]] = []
        self.emoji: list[tuple[str, str]] = []

    def add(self, raw_tokens: list[tuple[str, str]]) -> None:
        """Normalise ``raw_tokens`` (``_raw_tokens``) onto the end (word repairs need the
        token before: a unit after a number stays a unit)."""
        tokens, log = self.tokens, self.log
        fixed = _FIXED
        for kind, raw in raw_tokens:
            if kind == "word":
                cached = fixed.get(raw)
                if cached is None or cached[2]:
                    tokens += _fixed_word(raw, tokens[-1] if tokens else "", log)
                else:
                    tokens += cached[0]
                    if cached[1]:
                        log += cached[1]
            elif kind in PLACEHOLDER_KINDS:
                tokens.append(placeholder(kind))
                self.placeholders.append((placeholder(kind), raw))
                log.append(Replacement(kind, raw, placeholder(kind)))
            elif kind == "money" or kind == "number":
                tokens.append("rp" if kind == "money" else raw)
            else:
                _note_emoji(raw, kind, self.emoji)
                tokens.append(raw)

    def extend(self, piece: _Piece) -> None:
        """Append another piece."""
        self.tokens += piece.tokens
        if piece.log:
            self.log += piece.log
        if piece.placeholders:
            self.placeholders += piece.placeholders
        if piece.emoji:
            self.emoji += piece.emoji


# Chunk of text as written (between whitespace) -> its normalised piece, before slang.
# Replies repeat their words and punctuation ("min,", "rusak!!"); a chunk is normalised
# the same wherever it stands, unless it has a digit (a phone number or amount may span
# chunks; numbers are an endless tail, not kept) or starts with a unit ("km" after a
# number). Bounded (``memo``), so memory stays flat over millions of replies.
_CHUNKS: Final[dict[str, _Piece]] = {}


def _chunk_piece(chunk: str) -> _Piece | None:
    """The normalised piece of a chunk that does not depend on what stands before it,
    remembered; None for one that may (see ``_CHUNKS``)."""
    piece = _CHUNKS.get(chunk)
    if piece is not None:
        return piece
    if _DIGIT.search(chunk):
        return None
    raw_tokens = _chunk_tokens(chunk)  # none at all for "_" and the like
    if raw_tokens and raw_tokens[0][0] == "word" and raw_tokens[0][1].casefold() in _UNITS:
        return None
    piece = _Piece()
    piece.add(raw_tokens)
    return remember(_CHUNKS, chunk, piece)


def normalise(text: str) -> Normalised:
    """Normalise one reply; see the module docstring for what is repaired."""
    cleaned, truncated = _clean(text)
    chunks = cleaned.split()
    done = _Piece()
    if _may_span(chunks) and _SPANNING.search(cleaned):
        done.add(_matched(_TOKEN, cleaned))
    else:
        for chunk in chunks:
            piece = _chunk_piece(chunk)
            if piece is None:
                done.add(_chunk_tokens(chunk))
            else:
                done.extend(piece)
    tokens = _apply_slang(done.tokens, done.log)
    return Normalised(
        text,
        tuple(tokens),
        tuple(done.log),
        tuple(done.placeholders),
        tuple(done.emoji),
        truncated,
    )


def _note_emoji(raw: str, kind: str | None, emoji: list[tuple[str, str]]) -> None:
    hint = _tables().emoji.get(raw)
    if hint is not None or kind == "flag" or unicodedata.category(raw[0]) == "So":
        emoji.append((raw, hint.hint if hint else "neutral"))
