"""Formal register: a normalised reply rendered as the formal rewrite a reader expects.

``formal(tokens)`` leaves discourse particles out ("ya", "sih", "dong"), puts informal
words in their formal form ("kenapa" -> "mengapa", ``data/formal.tsv``) and applies the
spelling and punctuation rules of formal Indonesian (PUEBI):

- the clitic "-nya" is written attached ("kurir nya" -> "kurirnya");
- the passive prefix "di-" is written attached to a verb ("di cek" -> "dicek"), the
  preposition "di" stays apart ("di rumah");
- reduplication keeps its hyphen as a token of its own, like every other punctuation
  mark of the rendering ("tiba-tiba" -> "tiba - tiba");
- a comma follows an opening greeting, interjection or form of address
  ("admin , tolong ..."; "iya , besok ...");
- every sentence ends with a full stop, or a question mark when it asks with a
  question word ("bagaimana caranya ?"); stray commas before the end are dropped.

It is for reading (and for the STIF normaliser figure); the triage classifies the
tokens, not this rendering.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from social_assistant.triage import lexicons

_SENTENCE_ENDS: Final = frozenset(".?!")
_COMMA: Final = ","
# question words that make a sentence a question ("kok" is left out: as a particle it
# often only stresses, "bagus kok")
_QUESTION_WORDS: Final = frozenset(
    [
        "apakah",
        "mengapa",
        "kenapa",
        "bagaimana",
        "gimana",
        "berapa",
        "kapan",
        "siapa",
        "dimana",
        "kemana",
    ]
)
# words that open a sentence and are set off by a comma (PUEBI: interjections and
# forms of address)
_ADDRESS: Final = frozenset(
    [
        "admin",
        "min",
        "kak",
        "kakak",
        "ka",
        "mas",
        "mbak",
        "mba",
        "pak",
        "bu",
        "bang",
        "gan",
        "sis",
        "bro",
        "om",
        "dear",
    ]
)
_INTERJECTIONS: Final = frozenset(
    ["iya", "oke", "ok", "wah", "aduh", "waduh", "oh", "halo", "hai", "hi", "hello"]
)
_OPENERS: Final = _INTERJECTIONS | _ADDRESS
# verb bases that take the passive prefix "di-" (besides any base ending in "-kan")
_DI_VERBS: Final = frozenset(
    [
        "ambil",
        "antar",
        "bales",
        "balas",
        "baca",
        "bantu",
        "bayar",
        "blokir",
        "buka",
        "cek",
        "hubungi",
        "isi",
        "kirim",
        "konfirmasi",
        "pakai",
        "periksa",
        "proses",
        "respon",
        "respons",
        "tanggapi",
        "telepon",
        "telpon",
        "terima",
        "tukar",
        "tunggu",
        "transfer",
    ]
)
_CLITIC: Final = "nya"
_THANKS: Final = ["terima", "kasih"]


def formal(tokens: Sequence[str]) -> str:
    """``tokens`` (placeholders already restored) in formal register, as one string."""
    out: list[str] = []
    for sentence, end in _sentences(tokens):
        words = _tidied(_spelled(_in_register(sentence)))
        if not words:
            if "?" in end or "!" in end:
                out.append(end)
            continue
        out.extend(_opened(words))
        out.append(_ending(sentence, end))
    return " ".join(out)


def _sentences(tokens: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """Each sentence's tokens and the mark that ends it ("" when none)."""
    current: list[str] = []
    for token in tokens:
        if token and all(c in _SENTENCE_ENDS for c in token):
            yield from _thanks_apart(current, token)
            current = []
        else:
            current.append(token)
    if current:
        yield from _thanks_apart(current, "")


def _thanks_apart(sentence: list[str], end: str) -> Iterator[tuple[list[str], str]]:
    """A closing "terima kasih" after a sentence is a sentence of its own."""
    for i in range(1, len(sentence) - 1):
        if [t.casefold() for t in sentence[i : i + 2]] == _THANKS and _has_content(sentence[:i]):
            yield sentence[:i], ""
            yield sentence[i:], end
            return
    yield sentence, end


def _has_content(words: Sequence[str]) -> bool:
    """True when ``words`` say more than a greeting, a form of address or a comma."""
    return any(w != _COMMA and w.casefold() not in _OPENERS and not _is_mention(w) for w in words)


def _in_register(tokens: Sequence[str]) -> list[str]:
    """Particles left out and informal words in their formal form (``formal.tsv``)."""
    table = lexicons.formal_register()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (2, 1):
            if i + size > len(tokens):
                continue
            replacement = table.get(tuple(t.casefold() for t in tokens[i : i + size]))
            if replacement is not None:
                out.extend(replacement)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _spelled(words: Sequence[str]) -> list[str]:
    """Clitic "-nya" and prefix "di-" attached, reduplication hyphens set apart."""
    out: list[str] = []
    for word in words:
        if out and _attaches(out[-1], word):
            out[-1] += word
        else:
            out.extend(_hyphen_split(word))
    return out


def _attaches(previous: str, word: str) -> bool:
    """True when ``word`` is written onto ``previous``: "-nya" onto a word, a verb onto "di-"."""
    if word.casefold() == _CLITIC:
        return _is_plain_word(previous)
    return previous.casefold() == "di" and _takes_di(word)


def _is_plain_word(token: str) -> bool:
    """A word of letters only, not an anonymisation mask ("xxxuserxxx")."""
    folded = token.casefold()
    return folded.isalpha() and not (folded.startswith("xxx") and folded.endswith("xxx"))


def _takes_di(word: str) -> bool:
    """True for a verb base the passive prefix "di-" is written onto."""
    folded = word.casefold()
    return folded in _DI_VERBS or (folded.isalpha() and folded.endswith("kan") and len(folded) > 5)


def _hyphen_split(word: str) -> list[str]:
    """ "tiba-tiba" -> ["tiba", "-", "tiba"]; other tokens (URLs, "-") unchanged."""
    parts = word.split("-")
    if len(parts) < 2 or not all(p.isalpha() for p in parts):
        return [word]
    out = [parts[0]]
    for part in parts[1:]:
        out.extend(("-", part))
    return out


def _tidied(words: Sequence[str]) -> list[str]:
    """No comma opening or closing the sentence, none doubled."""
    out: list[str] = []
    for word in words:
        if word == _COMMA and (not out or out[-1] == _COMMA):
            continue
        out.append(word)
    while out and out[-1] == _COMMA:
        out.pop()
    return out


def _opened(words: list[str]) -> list[str]:
    """A comma after an opening interjection or form of address (with its mentions)."""
    i = 0
    while i < len(words) and words[i].casefold() in _INTERJECTIONS:
        i += 1
    if i < len(words) and words[i].casefold() in _ADDRESS:
        i += 1
    if i == 0:
        return words
    while i < len(words) and _is_mention(words[i]):
        i += 1
    if i >= len(words) or not words[i][:1].isalnum():
        return words
    return [*words[:i], _COMMA, *words[i:]]


def _is_mention(token: str) -> bool:
    """A mention, or its anonymisation mask."""
    return token.startswith("@") or token.casefold() == "xxxuserxxx"


def _ending(sentence: Sequence[str], end: str) -> str:
    """The sentence's own "?" or "!", else "?" for a question, else a full stop."""
    if "?" in end or "!" in end:
        return end
    if any(t.casefold() in _QUESTION_WORDS for t in sentence):
        return "?"
    return "."
