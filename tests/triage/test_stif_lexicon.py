"""The STIF-learnt lexicon: what it maps, what it must never touch, how it is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from social_assistant.triage import lexicons
from social_assistant.triage.normalise import normalise, without_learnt_slang
from social_assistant.triage.stif_lexicon import OUTPUT, learn, main, read_split


def learnt() -> dict[str, str]:
    rows = OUTPUT.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t")[:2] for line in rows if line and not line.startswith("#"))


@pytest.mark.parametrize(
    ("informal", "formal"),
    [("malem", "malam"), ("hallo", "halo"), ("maap", "maaf"), ("ujan", "hujan"), ("nmr", "nomor")],
)
def test_train_derived_words_are_normalised(informal: str, formal: str) -> None:
    assert learnt()[informal] == formal
    assert normalise(f"{informal} banget").tokens[0] == formal


def test_hand_written_lexicon_and_cue_words_win() -> None:
    cue_words = {w for phrases in lexicons.cues().values() for p in phrases for w in p.split()}
    hand = {phrase[0] for phrase in lexicons.hand_slang()}
    assert not set(learnt()) & (cue_words | hand)
    # STIF rewrites "smp" as "sampai", but for the triage it is a school.
    assert "smp" not in learnt()
    assert "smp" in normalise("atap smp bocor").tokens


def test_without_learnt_slang_is_the_hand_written_lexicon_only() -> None:
    with without_learnt_slang():
        assert normalise("malem").tokens == ("malem",)
    assert normalise("malem").tokens == ("malam",)


def test_learn_keeps_only_consistent_substitutions() -> None:
    pairs = [
        ("qw jalan rusak", "tapi jalan rusak"),
        ("qw lampu mati", "tapi lampu mati"),
        ("sama pak rt", "dengan pak rt"),
        ("sama bu lurah", "oleh bu lurah"),
        ("sama sama", "sama - sama"),
        ("sekali qx", "sekali dengar"),
        ("xxxuserxxx jln", "xxxuserxxx jalan"),
    ]
    entries = {e.informal: e for e in learn(pairs)}
    assert entries["qw"].formal == "tapi" and entries["qw"].sentences == 2
    assert entries["qw"].share == 1.0
    assert "sama" not in entries  # rewritten two ways, and kept once
    assert "qx" not in entries  # seen once only
    assert "jln" not in entries  # the hand-written lexicon has it


def test_the_test_split_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        read_split(tmp_path, "test")


def test_main_rebuilds_from_dev_and_train(tmp_path: Path) -> None:
    folder = tmp_path / "stif-normalization"
    folder.mkdir()
    (folder / "stif_dev.tsv").write_text(
        "informal\tformal\nkemaren ujan\tkemarin hujan\n", encoding="utf-8"
    )
    (tmp_path / "train.inf").write_text("ujan deres\nmasih ujan\n", encoding="utf-8")
    (tmp_path / "train.for").write_text("hujan deras\nmasih hujan\n", encoding="utf-8")
    output = tmp_path / "lexicon.tsv"
    argv = ["--data", str(tmp_path), "--output", str(output)]
    argv += ["--train-inf", str(tmp_path / "train.inf"), "--train-for", str(tmp_path / "train.for")]
    assert main(argv) == 0
    rows = [line.split("\t") for line in output.read_text(encoding="utf-8").splitlines()]
    assert ["ujan", "hujan", "3", "3", "3"] in rows
    assert "dev + train" in rows[0][0]
    # the bundled lexicon is back in use afterwards
    assert normalise("malem").tokens == ("malam",)
