"""X's weighted length and thread splitting."""

from __future__ import annotations

import pytest

from social_assistant.queue import PLATFORM_LIMITS, split_thread, weighted_length

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Selamat pagi, Kaltim!", 21, id="ascii"),
        pytest.param("", 0, id="empty"),
        pytest.param("https://kaltimprov.go.id", 23, id="url"),
        pytest.param("https://www.lapor.go.id/" + "a" * 200 + "?id=1", 23, id="long-url"),
        pytest.param("http://t.co", 23, id="short-url"),
        pytest.param("lapor.go.id/pengaduan", 23, id="bare-domain-with-path"),
        pytest.param("kaltimprov.go.id", 23, id="bare-domain"),
        pytest.param("x.id", 4, id="short-cctld-domain-is-text"),
        pytest.param("Kunjungi https://www.lapor.go.id sekarang.", 9 + 23 + 10, id="url-in-text"),
        pytest.param("(lihat lapor.go.id).", 7 + 23 + 2, id="url-in-parentheses"),
        pytest.param("humas@kaltimprov.go.id", 22, id="email-is-not-url"),
        pytest.param("Pak.Ya", 6, id="not-a-tld"),
        pytest.param("你好世界", 8, id="cjk"),
        pytest.param("ありがとう", 10, id="kana"),
        pytest.param("\U0001f600", 2, id="emoji"),
        pytest.param(FAMILY, 2, id="zwj-family"),
        pytest.param("\U0001f44d\U0001f3fd", 2, id="skin-tone"),
        pytest.param("\U0001f1ee\U0001f1e9", 2, id="flag"),
        pytest.param("1\ufe0f\u20e3", 2, id="keycap"),
        pytest.param("\u2764\ufe0f", 2, id="heart-with-selector"),
        pytest.param("Terima kasih \U0001f64f\U0001f3fb", 13 + 2, id="text-and-emoji"),
        pytest.param("a\u2014b", 3, id="em-dash-weighs-one"),
        pytest.param("\u2026", 2, id="ellipsis-weighs-two"),
        pytest.param("Café", 4, id="latin-accent"),
        pytest.param("Pelayanan publik yang cepat, transparan, dan inklusif.", 54, id="indonesian"),
    ],
)
def test_weighted_length(text: str, expected: int) -> None:
    assert weighted_length(text) == expected


def test_text_is_nfc_normalised() -> None:
    assert weighted_length("Cafe\u0301") == weighted_length("Café") == 4


def test_urls_count_23_whatever_their_length() -> None:
    text = "a" * 256 + " " + "https://example.com/" + "x" * 500
    assert weighted_length(text) == 280


def test_platform_limits() -> None:
    assert PLATFORM_LIMITS == {"x": 280, "facebook": 63206}


def _strip_number(part: str) -> str:
    return part.rsplit("\n\n", 1)[0]


def test_short_text_is_one_part_without_number() -> None:
    assert split_thread("Sampaikan aspirasi Anda melalui SP4N-LAPOR!") == [
        "Sampaikan aspirasi Anda melalui SP4N-LAPOR!"
    ]


def test_exactly_280_is_one_part() -> None:
    text = "a" * 280
    assert split_thread(text) == [text]


def test_paragraphs_become_numbered_parts() -> None:
    first = "Paragraf pertama. " + "Kalimat cukup panjang di sini. " * 6
    second = "Paragraf kedua. " + "Kalimat lain yang juga panjang. " * 6
    parts = split_thread(f"{first.strip()}\n\n{second.strip()}")
    assert parts == [f"{first.strip()}\n\n1/2", f"{second.strip()}\n\n2/2"]


def test_every_part_fits_and_keeps_every_word_in_order() -> None:
    text = " ".join(f"Kalimat nomor {i} tentang pelayanan publik berbasis IT." for i in range(60))
    parts = split_thread(text)
    assert len(parts) > 9
    for number, part in enumerate(parts, start=1):
        assert weighted_length(part) <= 280
        assert part.endswith(f"\n\n{number}/{len(parts)}")
    assert " ".join(_strip_number(p) for p in parts).split() == text.split()


def test_sentences_are_not_cut_when_they_fit() -> None:
    sentence = "Ini kalimat yang utuh dan tidak boleh terpotong di tengah."
    parts = split_thread(" ".join([sentence] * 12))
    for part in parts:
        assert _strip_number(part).endswith(".")


def test_long_sentence_is_split_between_words() -> None:
    text = " ".join(["kata"] * 200)
    parts = split_thread(text, limit=100)
    assert all(weighted_length(p) <= 100 for p in parts)
    assert " ".join(_strip_number(p) for p in parts).split() == text.split()


def test_urls_count_23_when_splitting() -> None:
    text = " ".join(["https://www.lapor.go.id/" + "x" * 100] * 30)
    parts = split_thread(text)
    assert all(weighted_length(p) <= 280 for p in parts)
    assert len(parts) == 3


def test_unsplittable_word_raises() -> None:
    with pytest.raises(ValueError, match="word"):
        split_thread("awal " + "a" * 300 + " akhir")
