"""Personal-data detectors: NIK, Indonesian phone numbers, e-mail addresses, plates."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from social_assistant.triage import personal_data
from social_assistant.triage.personal_data import detect, find, redact


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("NIK saya 6472011203900001 belum terdaftar", ["nik"]),
        ("nik: 6472 0112 0390 0001", ["nik"]),
        ("hubungi 081234567890", ["phone"]),
        ("wa 0812-3456-7890 ya", ["phone"]),
        ("telp 0812 3456 789", ["phone"]),
        ("+62 812 3456 7890", ["phone"]),
        ("nomor 6281234567890", ["phone"]),
        ("+6285712345678", ["phone"]),
        ("kirim ke budi.santoso@gmail.com", ["email"]),
        ("email: warga_samarinda+lapor@mail.co.id", ["email"]),
        ("motor KT 1234 AB hilang", ["plate"]),
        ("mobil B 1234 XYZ parkir liar", ["plate"]),
        ("plat kt 4567 ab nabrak lari", ["plate"]),
        ("DA1234BC", ["plate"]),
        (
            "NIK 6472011203900001, hp 08123456789, a@b.id, KT 1 A",
            ["nik", "phone", "email", "plate"],
        ),
    ],
)
def test_detects(text: str, kinds: list[str]) -> None:
    assert detect(text) == kinds


@pytest.mark.parametrize(
    "text",
    [
        "jalan rusak di RT 05 RW 03",  # RT is not a plate region
        "jam 8 pagi antre",
        "lulusan S1 dan S2",
        "km 12 arah bontang",
        "tahun 2024 anggaran 1234567890",  # ten digits, not a phone or a NIK
        "nomor 64720112039000011",  # seventeen digits
        "harga Rp10.000.000",
        "0541 123456",  # a landline, not a mobile number
        "email saya di kolom bio",
        "@budi_hartono liat nih",
        "",
    ],
)
def test_does_not_detect(text: str) -> None:
    assert detect(text) == []


def test_spans_and_redaction() -> None:
    text = "sy 6472011203900001 wa 0812-3456-7890"
    assert [m.kind for m in find(text)] == ["nik", "phone"]
    assert redact(text) == "sy [nik] wa [phone]"
    assert redact("tidak ada data pribadi") == "tidak ada data pribadi"


@given(st.text(max_size=60) | st.sampled_from(["nik ٣١٧١٠١٠١٠١٠١٠٠٠١", "a@b", "jalan", "rt 5"]))
def test_the_quick_precheck_agrees_with_the_pattern(text: str) -> None:
    # Substring tests stand in for the character class on ASCII text; they must never
    # skip a text the detectors could match (non-ASCII digits go to the pattern).
    assert personal_data._may_hold(text) == bool(personal_data._MAYBE_PERSONAL.search(text))


def test_non_ascii_digits_still_reach_the_detectors() -> None:
    assert personal_data.detect("nik saya ٣١٧١٠١٠١٠١٠١٠٠٠١") == ["nik"]


@given(st.text(alphabet=st.sampled_from("0123456789٣a -\n@"), max_size=40))
def test_ten_digit_check_counts_digits(text: str) -> None:
    # The detectors for NIK and phone numbers run only on text with ten digits or more.
    has_ten = personal_data._TEN_DIGITS.match(text) is not None
    assert has_ten == (len(re.findall(r"\d", text)) >= 10)
