"""The open-data export names no citizen: every seeded personal value is grepped for."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from transparency.december import NOW, SEEDED_SECRETS

from social_assistant.db import Database
from social_assistant.metrics import parse_period
from social_assistant.opendata import export_csv, export_json
from social_assistant.opendata.pseudonym import KEY_FILE
from social_assistant.opendata.rows import public_text
from social_assistant.settings import Settings


@pytest.fixture(autouse=True)
def _no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SA_OPEN_DATA_KEY", raising=False)
    monkeypatch.delenv("SA_OPEN_DATA_KEY_FILE", raising=False)


def _exports(database: Database, settings: Settings, period: str = "2026-12") -> tuple[str, str]:
    chosen = parse_period(period, settings.zone)
    with database.session() as session:
        return (
            export_csv(session, settings, chosen),
            export_json(session, settings, chosen, now=NOW),
        )


def assert_no_personal_data(text: str) -> None:
    lowered = text.lower()
    digits = "".join(ch for ch in text if ch.isdigit())
    for secret in SEEDED_SECRETS:
        assert secret.lower() not in lowered, f"{secret!r} leaked"
        only_digits = "".join(ch for ch in secret if ch.isdigit())
        if len(only_digits) >= 10:  # a phone or id written with other separators
            assert only_digits not in digits, f"{secret!r} leaked"


def test_no_handle_id_nik_phone_email_or_plate_in_any_export(
    dataset: Database, settings: Settings
) -> None:
    for period in ("2026-12", "2026-11", "2026"):
        for text in _exports(dataset, settings, period):
            assert_no_personal_data(text)


def test_the_rows_keep_what_the_public_may_know(dataset: Database, settings: Settings) -> None:
    csv_text, json_text = _exports(dataset, settings)
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == 5  # the dismissed spam item is not published
    a1 = next(row for row in rows if row["text"].startswith("Jalan rusak"))
    assert a1["text"] == "Jalan rusak parah di depan rumah saya, NIK [nik], hubungi [phone]"
    assert (a1["agency"], a1["kind"], a1["status"]) == ("DPUPR", "complaint", "resolved")
    assert a1["received_at"] == "2026-12-23T10:00+08:00"
    assert a1["acknowledged_on_time"] == "True" and a1["working_hours_to_first_response"] == "7.5"
    texts = {row["text"] for row in rows}
    assert "Lampu jalan mati min, cc [akun] email [email]" in texts
    assert "Syaratnya apa min untuk vaksin? mobil saya [plate]" in texts
    document = json.loads(json_text)
    assert document["figures"]["responsiveness"]["received"] == 5
    assert len(document["aspirations"]) == 5 and document["fields"][0] == "id"


def test_citizens_are_keyed_pseudonyms(
    dataset: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = json.loads(_exports(dataset, settings, "2026")[1])["aspirations"]
    by_text = {row["text"][:12]: row["citizen"] for row in rows}
    # A3 and A4 come from one Facebook account, A1 (Dec) and A6 (Nov) from one X account.
    assert by_text["Mohon ambula"] == by_text["Syaratnya ap"]
    assert by_text["Jalan rusak "] == by_text["Got mampet d"]
    assert by_text["Jalan rusak "] != by_text["Lampu jalan "]
    assert all(p.startswith("w-") and len(p) == 22 for p in by_text.values())
    key_file = settings.path(KEY_FILE)
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    again = json.loads(_exports(dataset, settings, "2026")[1])["aspirations"]
    assert [row["citizen"] for row in again] == [row["citizen"] for row in rows]
    monkeypatch.setenv("SA_OPEN_DATA_KEY", "a-different-office-key")
    other = json.loads(_exports(dataset, settings, "2026")[1])["aspirations"]
    assert {row["citizen"] for row in other}.isdisjoint(by_text.values())


def test_public_text_masks_mentions_and_the_authors_own_handle() -> None:
    assert public_text("saya Budi_Santoso88 di sini @lain.akun", "budi_santoso88") == (
        "saya [akun] di sini [akun]"
    )


def test_cli_export_writes_both_formats(
    dataset: Database, settings: Settings, tmp_path: Path
) -> None:
    from transparency.cli_helpers import run_cli

    for form in ("csv", "json"):
        out = tmp_path / f"open.{form}"
        code, output = run_cli(
            settings, "opendata", "export", "--period", "2026-12", "--format", form,
            "--output", str(out),
        )  # fmt: skip
        assert code == 0, output
        assert_no_personal_data(out.read_text(encoding="utf-8"))
    assert len(json.loads((tmp_path / "open.json").read_text())["aspirations"]) == 5
    code, output = run_cli(settings, "opendata", "export", "--period", "Desember")
    assert code == 2 and "--period Desember" in output
