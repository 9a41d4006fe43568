"""Retraining: a small corpus round-trips through a model file; the shipped model is current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import social_assistant.triage.train as training
from social_assistant.taxonomy import Category, Kind
from social_assistant.triage import ModelError, TriageModel, Triager, train_model
from social_assistant.triage.corpus import CorpusError, LabelledReply, read_corpus, write_corpus
from social_assistant.triage.model import MODEL_FILE

SMALL = [
    ("jalan rusak parah", "complaint", "infrastructure", 0),
    ("jembatan retak dan miring", "complaint", "infrastructure", 0),
    ("lubang di jalan besar sekali", "complaint", "infrastructure", 0),
    ("air pdam mati tiga hari", "complaint", "utilities", 0),
    ("listrik padam terus tiap malam", "complaint", "utilities", 0),
    ("banjir sekarang, warga terjebak", "complaint", "security", 1),
    ("kebakaran di gang kami, api besar", "complaint", "security", 1),
    ("mohon jalan diperbaiki", "request", "infrastructure", 0),
    ("tolong pasang lampu jalan", "request", "utilities", 0),
    ("sebaiknya ada bank sampah", "suggestion", "environment", 0),
    ("saran, tambah tong sampah", "suggestion", "environment", 0),
    ("kapan jalan diperbaiki?", "question", "infrastructure", 0),
    ("syarat bikin ktp apa?", "question", "administration", 0),
    ("mantap pak", "appreciation", "none", 0),
    ("terima kasih, semoga amanah", "appreciation", "none", 0),
    ("@budi lihat ini", "chatter", "none", 0),
    ("nyimak", "chatter", "none", 0),
    ("slot gacor maxwin cek bio", "spam", "none", 0),
    ("pinjol cair cepat wa 081234567890", "spam", "none", 0),
    ("pejabat goblok", "abuse", "none", 0),
    ("admin tolol", "abuse", "none", 0),
]


def small_corpus(path: Path) -> Path:
    rows = [LabelledReply(t, Kind(k), Category(c), bool(u)) for t, k, c, u in SMALL]
    write_corpus(path, rows)
    return path


def test_round_trip_on_a_small_corpus(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "small.tsv")
    model_path = train_model([corpus], output=tmp_path / "model.json")
    model = TriageModel.load(model_path)
    assert model.meta["replies"] == len(SMALL)
    low, high = training.THRESHOLD_RANGE
    assert low <= model.thresholds["aspiration"] <= high
    triager = Triager.from_file(model_path)
    assert triager.classify("jalan rusak parah sekali").kind is Kind.COMPLAINT
    assert triager.classify("slot gacor maxwin").kind is Kind.SPAM
    assert triager.classify("banjir sekarang tolong").urgent


def test_corrections_count_and_change_the_model(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "small.tsv")
    fixes = tmp_path / "fixes.tsv"
    write_corpus(fixes, [LabelledReply("hadir pak", Kind.CHATTER, Category.NONE)] * 3)
    model = training.train([corpus], fixes)
    assert model.meta["corrections"] == 3
    assert Triager(model).classify("hadir pak").kind is Kind.CHATTER


def test_bad_corpus_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "text\tkind\tcategory\turgent\nok\tcomplaint\tinfrastructure\t0\nx\tpraise\tnone\t0\n"
    )
    with pytest.raises(CorpusError, match=r"bad.tsv:3"):
        read_corpus(bad)
    bad.write_text("text\tkind\tcategory\turgent\nmantap\tappreciation\thealth\t0\n")
    with pytest.raises(CorpusError, match="exactly for non-aspirations"):
        read_corpus(bad)


def test_bad_model_file(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ModelError, match="not a triage model"):
        TriageModel.load(path)
    with pytest.raises(ModelError, match="cannot read"):
        TriageModel.load(tmp_path / "missing.json")


def test_shipped_model_is_small_and_reproducible() -> None:
    """Retraining on the bundled training split gives exactly the shipped model."""
    shipped = Path(training.__file__).parent / "data" / MODEL_FILE
    assert shipped.stat().st_size < 2_000_000
    retrained = training.train().to_json()
    assert retrained == json.loads(shipped.read_text(encoding="utf-8"))


def test_corrections_from_rows_follow_the_stored_table() -> None:
    """Rows as kept in ``triage_corrections`` (text, new_kind, new_category, new_urgent)."""
    rows = [
        ("lampu jalan mati", "complaint", "infrastructure", False),
        ("lampu jalan mati", "complaint", "utilities", False),  # corrected again: latest wins
        ("hadir pak", "chatter", "health", None),  # a stale category on a non-aspiration
        ("banjir sekarang", "complaint", "security", True),
        ("", "complaint", "security", False),  # no text
        ("mohon dicek", "request", None, False),  # an aspiration needs a category
        ("apa ini", "praise", "none", False),  # unknown kind
    ]
    fixed = training.corrections_from_rows(rows)
    assert fixed == [
        LabelledReply("lampu jalan mati", Kind.COMPLAINT, Category.UTILITIES, False),
        LabelledReply("hadir pak", Kind.CHATTER, Category.NONE, False),
        LabelledReply("banjir sekarang", Kind.COMPLAINT, Category.SECURITY, True),
    ]


def test_corrections_from_rows_retrain_the_model(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "small.tsv")
    before = Triager(training.train([corpus]))
    assert before.classify("harga cabai naik terus").category is Category.INFRASTRUCTURE
    rows = [("harga cabai naik terus", "complaint", "economy", False)]
    after = Triager(training.train([corpus], training.corrections_from_rows(rows)))
    assert after.classify("harga cabai naik terus").category is Category.ECONOMY
