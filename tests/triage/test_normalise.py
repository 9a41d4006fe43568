"""The normaliser repairs informal Indonesian and never fails on any string."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from social_assistant.triage import lexicons
from social_assistant.triage import normalise as normalise_module
from social_assistant.triage.normalise import MAX_CHARS, Replacement, normalise


def tokens(text: str) -> list[str]:
    return list(normalise(text).tokens)


@pytest.mark.parametrize(
    ("informal", "formal"),
    [
        ("gak bisa", ["tidak", "bisa"]),
        ("ga ada", ["tidak", "ada"]),
        ("nggak jelas", ["tidak", "jelas"]),
        ("enggak", ["tidak"]),
        ("yg rusak", ["yang", "rusak"]),
        ("tdk ada", ["tidak", "ada"]),
        ("jln rusak", ["jalan", "rusak"]),
        ("parah bgt", ["parah", "banget"]),
        ("udah lama", ["sudah", "lama"]),
        ("udh", ["sudah"]),
        ("sdh", ["sudah"]),
        ("blm", ["belum"]),
        ("min", ["admin"]),
        ("dgn", ["dengan"]),
        ("krn", ["karena"]),
        ("sy", ["saya"]),
        ("gmn", ["bagaimana"]),
        ("knp", ["kenapa"]),
        ("tlg", ["tolong"]),
        ("kalo", ["kalau"]),
        ("aja", ["saja"]),
        ("dr", ["dari"]),
        ("utk", ["untuk"]),
        ("tp", ["tapi"]),
        ("gpp", ["tidak", "apa-apa"]),
        ("makasih", ["terima", "kasih"]),
    ],
)
def test_slang_and_abbreviations(informal: str, formal: list[str]) -> None:
    assert tokens(informal) == formal


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("parahhh", "parah"),
        ("bangettt", "banget"),
        ("PARAHHHHH", "parah"),
        ("tolooong", "tolong"),
        ("maaaaf", "maaf"),
        ("tungguuu", "tunggu"),
        ("mantappp", "mantap"),
        ("minnn", "admin"),
    ],
)
def test_repeated_letters(written: str, expected: str) -> None:
    assert tokens(written) == [expected]


def test_loanwords_keep_their_double_letter() -> None:
    assert tokens("mall staff") == ["mall", "staff"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2hari", ["2", "hari"]),
        ("jam8", ["jam", "8"]),
        ("jam2", ["jam", "2"]),
        ("rt05", ["rt", "05"]),
        ("10rb", ["10", "ribu"]),
        ("3 km", ["3", "km"]),
        ("Rp10.000", ["rp", "10.000"]),
    ],
)
def test_numbers_glued_to_words(written: str, expected: list[str]) -> None:
    assert tokens(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("jalan2", "jalan-jalan"),
        ("jln2", "jalan-jalan"),
        ("hati2", "hati-hati"),
        ("anak2", "anak-anak"),
    ],
)
def test_reduplication_with_2(written: str, expected: str) -> None:
    assert tokens(written) == [expected]


def test_glued_negation_is_split() -> None:
    assert tokens("makanannya gaenak") == ["makanannya", "tidak", "enak"]
    assert tokens("gaya hidup") == ["gaya", "hidup"]


@pytest.mark.parametrize(
    ("banjar", "expected"),
    [
        ("ulun kada kawa", ["saya", "tidak", "bisa"]),
        ("kaya apa syaratnya", ["bagaimana", "syaratnya"]),
        ("pian handak ke mana", ["anda", "mau", "ke", "mana"]),
        ("banar haja", ["benar", "saja"]),
        ("kadada banyu", ["tidak", "ada", "air"]),
    ],
)
def test_banjar(banjar: str, expected: list[str]) -> None:
    assert tokens(banjar) == expected


def test_code_mixing_with_english_does_not_break() -> None:
    result = normalise("the road is so broken, pls fix asap min")
    assert "rusak" in result.tokens and "admin" in result.tokens
    assert "segera" in result.tokens


def test_emoji_are_tokens_with_a_hint() -> None:
    result = normalise("jalan rusak 😡😡 tolong 🙏🏽 mantap 👍️")
    assert "😡" in result.tokens and "🙏" in result.tokens and "👍" in result.tokens
    hints = dict(result.emoji)
    assert hints["😡"] == "negative"
    assert hints["🙏"] == "polite"
    assert hints["👍"] == "positive"


def test_urls_mentions_hashtags_become_remembered_placeholders() -> None:
    text = "cek https://bit.ly/xyz @budi_99 #BanjirSamarinda wa 0812-3456-7890 a@b.id"
    result = normalise(text)
    assert result.tokens == (
        "cek", "__url__", "__mention__", "__hashtag__", "wa", "__phone__", "__email__",
    )  # fmt: skip
    assert dict(result.placeholders) == {
        "__url__": "https://bit.ly/xyz",
        "__mention__": "@budi_99",
        "__hashtag__": "#BanjirSamarinda",
        "__phone__": "0812-3456-7890",
        "__email__": "a@b.id",
    }
    assert (
        result.restored()
        == "cek https://bit.ly/xyz @budi_99 #BanjirSamarinda wa 0812-3456-7890 a@b.id"
    )


def test_replacements_say_what_changed() -> None:
    result = normalise("jln2 udah rusak parahhh 2hari")
    rules = {(r.rule, r.original, r.normalised) for r in result.replacements}
    assert ("reduplication", "jln2", "jalan-jalan") in rules
    assert ("slang", "udah", "sudah") in rules
    assert ("repeat", "parahhh", "parah") in rules
    assert ("number", "2hari", "2 hari") in rules


def test_fancy_unicode_letters_are_folded() -> None:
    assert tokens("𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑") == ["slot", "gacor"]


def test_empty_and_blank() -> None:
    for text in ("", "   ", "\n\t"):
        result = normalise(text)
        assert result.tokens == () and result.words == () and result.restored() == ""


def test_very_long_input_is_truncated_quickly() -> None:
    text = "jalan rusak parahhh min 😡 " * 40_000
    start = time.perf_counter()
    result = normalise(text)
    assert time.perf_counter() - start < 2.0
    assert result.truncated
    assert len(result.tokens) <= MAX_CHARS


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_normalises(text: str) -> None:
    result = normalise(text)
    assert all(isinstance(t, str) and t for t in result.tokens)
    assert isinstance(result.restored(), str)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_utf8_text_normalises(text: str) -> None:
    assert isinstance(normalise(text).words, tuple)


def test_slang_lexicon_is_large_and_unambiguous() -> None:
    rows = [
        line.split("\t")[0]
        for line in lexicons.read_data_text("slang.tsv").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(rows) >= 300
    assert len(rows) == len(set(rows)), "an informal form is listed twice"


def test_formal_rendering_drops_particles_and_ends_the_sentence() -> None:
    assert normalise("kok gitu sih min, udah 2 hari gak bisa").formal() == (
        "mengapa begitu admin , sudah 2 hari tidak bisa ."
    )
    assert normalise("kenapa jalannya rusak banget ya?").formal() == (
        "mengapa jalannya rusak sekali ?"
    )
    assert normalise("").formal() == ""
    # the triage still sees the informal words
    assert "ya" in normalise("jalan rusak ya").tokens


def test_anonymisation_masks_are_kept() -> None:
    assert normalise("halo xxxuserxxx, nomor xxxnumberxxx").tokens == (
        "halo", "xxxuserxxx", ",", "nomor", "xxxnumberxxx",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("written", "expected"),
    [("masukin", "masukkan"), ("dibatalin", "dibatalkan"), ("kirimin", "kirimkan")],
)
def test_colloquial_suffix_in_becomes_kan(written: str, expected: str) -> None:
    assert normalise(written).tokens == (expected,)


@pytest.mark.parametrize("word", ["ingin", "dingin", "mungkin", "kemarin", "yakin", "mesin"])
def test_words_ending_in_in_are_left_alone(word: str) -> None:
    assert normalise(word).tokens == (word,)


# Pieces that exercise every branch of the token pattern and the places where a token can
# span whitespace (phone numbers, "Rp" amounts), glued together at random.
_PIECES = st.sampled_from(
    [
        "jalan",
        "Rusak",
        "rp",
        "Rp.",
        "RP",
        "0812",
        "3456",
        "+62",
        "62",
        "8",
        "5.000",
        "1,5",
        "a@b.co",
        "@admin",
        "#banjir",
        "www.",
        "x.com",
        "bit.ly/a",
        "http://x",
        ":",
        ".",
        ",",
        "!",
        "?",
        "-",
        "'",
        "_",
        "__",
        "😡",
        "🙏",
        "🇮🇩",
        "🇮",
        "Ⓐ",
        "é",
        "x̂",
        "ulun",
        "2hari",
        "harga:rp",
        "x.RP.",
        "²",
        "٣",
        "9",
    ]
)
_GAPS = st.sampled_from(["", " ", "  ", "\t", "\n", "\u3000", "\x1c"])


@settings(max_examples=1000)
@given(st.lists(st.tuples(_PIECES, _GAPS), max_size=12))
def test_chunked_tokens_equal_the_whole_text_pattern(parts: list[tuple[str, str]]) -> None:
    # ``_raw_tokens`` tokenises whitespace chunks on their own where it is safe; it must
    # give exactly what the full pattern gives over the whole text.
    text = "".join(piece + gap for piece, gap in parts)
    assert normalise_module._raw_tokens(text) == normalise_module._matched(
        normalise_module._TOKEN, text
    )


@given(st.text(max_size=80))
def test_chunked_tokens_equal_the_pattern_on_any_text(text: str) -> None:
    assert normalise_module._raw_tokens(text) == normalise_module._matched(
        normalise_module._TOKEN, text
    )


_WORDS = st.sampled_from(
    ["jalan2", "km", "KM", "5", "kg", "rusakkk", "gak", "gaenak", "yg", "min,", "pak?",
     "😡😡", "🙏", "@admin", "#banjir", "x.com", "_", "ulun", "masukin", "kapan??", "rp",
     "2km", "jam8", "Jln.", "sdh", "tdk", "kada", "btw", "slot", "-", "'", "bgt!!!"]
)  # fmt: skip


Rows = tuple[
    tuple[str, ...],
    tuple[tuple[str, str, str], ...],
    tuple[tuple[str, str], ...],
    tuple[tuple[str, str], ...],
]


def _as_rows(
    tokens: Sequence[str],
    log: Sequence[Replacement],
    placeholders: Sequence[tuple[str, str]],
    emoji: Sequence[tuple[str, str]],
) -> Rows:
    repairs = tuple((r.rule, r.original, r.normalised) for r in log)
    return (tuple(tokens), repairs, tuple(placeholders), tuple(emoji))


def _reference(text: str) -> Rows:
    """Normalisation token by token over the whole text, each word repaired with the token
    before it in view: what ``normalise`` did before it remembered chunks."""
    cleaned, _ = normalise_module._clean(text)
    piece = normalise_module._Piece()
    piece.add(normalise_module._raw_tokens(cleaned))
    tokens = normalise_module._apply_slang(piece.tokens, piece.log)
    return _as_rows(tokens, piece.log, piece.placeholders, piece.emoji)


@settings(max_examples=500)
@given(st.lists(_WORDS, max_size=10), st.lists(_WORDS, max_size=10))
def test_remembered_chunks_normalise_as_the_whole_text(before: list[str], words: list[str]) -> None:
    # A chunk remembered from one reply is reused in another: the result must be what
    # normalising the whole text token by token gives (units after numbers, glued
    # numbers, repairs, placeholders, emoji), whatever was normalised before.
    text = " ".join(words)
    normalise(" ".join(before))
    normalise(" ".join(reversed(words)))
    result = normalise(text)
    expected = _reference(text)
    assert (
        _as_rows(result.tokens, result.replacements, result.placeholders, result.emoji) == expected
    )
