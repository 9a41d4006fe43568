"""Formal register rendering: each spelling and punctuation rule of ``register.formal``."""

from __future__ import annotations

import pytest

from social_assistant.triage.register import formal


def render(text: str) -> str:
    """``formal`` of ``text`` split on spaces (the tokens a normalised reply gives)."""
    return formal(text.split())


def test_clitic_nya_is_attached_to_the_word() -> None:
    assert render("belum diantar kurir nya") == "belum diantar kurirnya ."
    # never onto an anonymisation mask or a number
    assert render("keuntungan xxxnumberxxx nya") == "keuntungan xxxnumberxxx nya ."
    assert render("nya") == "nya ."


def test_prefix_di_is_attached_to_a_verb_not_to_a_place() -> None:
    assert render("tolong di cek dm saya") == "tolong dicek dm saya ."
    assert render("pulsa di kembalikan") == "pulsa dikembalikan ."
    assert render("saya tinggal di rumah") == "saya tinggal di rumah ."
    assert render("tunggu di") == "tunggu di ."


def test_reduplication_hyphen_is_a_token_of_its_own() -> None:
    assert render("pesanan tiba-tiba selesai") == "pesanan tiba - tiba selesai ."
    # URLs and other tokens with hyphens are left alone
    assert render("buka https://a-b.example/x-1") == "buka https://a-b.example/x-1 ."
    assert render("a - b") == "a - b ."


def test_opening_address_or_interjection_takes_a_comma() -> None:
    assert render("admin tolong cek dm") == "admin , tolong cek dm ."
    assert render("halo admin xxxuserxxx tolong cek dm") == (
        "halo admin xxxuserxxx , tolong cek dm ."
    )
    assert render("iya besok saya ke bank") == "iya , besok saya ke bank ."
    # a comma already there, or nothing after, adds none
    assert render("admin , tolong") == "admin , tolong ."
    assert render("terima kasih admin") == "terima kasih admin ."


def test_question_word_ends_the_sentence_with_a_question_mark() -> None:
    assert render("bagaimana caranya . saya sudah coba") == (
        "bagaimana caranya ? saya sudah coba ."
    )
    assert render("kenapa belum masuk") == "mengapa belum masuk ?"
    # "kok" alone only stresses: no question mark
    assert render("kok gitu") == "mengapa begitu ."
    assert render("mantap !") == "mantap !"


def test_closing_thanks_is_a_sentence_of_its_own() -> None:
    assert render("tolong cek dm saya , terima kasih") == "tolong cek dm saya . terima kasih ."
    assert render("sudah dikirim terima kasih") == "sudah dikirim . terima kasih ."
    # after a greeting or form of address only, it stays in its sentence
    assert render("iya kak terima kasih") == "iya kak , terima kasih ."


def test_stray_commas_and_particles_are_dropped() -> None:
    assert render("saya sudah balas via dm ya ,") == "saya sudah balas via dm ."
    assert render(", , oke") == "oke ."
    assert render("ya .") == ""
    assert render("ya ?") == "?"


@pytest.mark.parametrize(
    "tokens",
    [[], [""], ["🤗"], ["-"], ["di"], ["nya", "nya"], [",", "."], ["?!"], ["xxxuserxxx", ","]],
)
def test_never_raises(tokens: list[str]) -> None:
    assert isinstance(formal(tokens), str)


def test_standard_words_the_rewrite_keeps_are_left() -> None:
    assert render("tapi kalau cek dulu") == "tapi kalau cek dulu ."
