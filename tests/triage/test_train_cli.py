"""``triage train --from-database``: officers' corrections made in the inbox retrain the model."""

from __future__ import annotations

from pathlib import Path

from workspace.conftest import live_emulator, office, receiver
from workspace.office import Office

from social_assistant.triage import TriageModel

__all__ = ["live_emulator", "office", "receiver"]  # fixtures of the workspace tests


def test_train_uses_the_corrections_kept_in_the_database(office: Office, tmp_path: Path) -> None:
    item = office.flag("jalan depan pasar becek parah, truk lewat terus")
    corrected = office.cli(
        "aspirations", "correct", str(item), "--category", "administration", as_user="responder"
    )
    assert corrected.exit_code == 0, corrected.output
    model = tmp_path / "model.json"
    trained = office.cli("triage", "train", "--from-database", "--output", str(model))
    assert trained.exit_code == 0, trained.output
    assert "(1 koreksi;" in " ".join(trained.output.split())
    assert TriageModel.load(model).meta["corrections"] == 1


def test_unreadable_corrections_file_is_named(office: Office, tmp_path: Path) -> None:
    missing = tmp_path / "koreksi.tsv"
    done = office.cli("triage", "train", "--corrections", str(missing))
    assert done.exit_code == 1
    assert "koreksi.tsv" in done.output
