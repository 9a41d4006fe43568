"""Canned replies: a wrong placeholder in the settings is one sentence naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from social_assistant.settings import SettingsError, load_settings


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config" / "social_assistant.toml"
    path.parent.mkdir()
    path.write_text(f'[[canned_replies]]\nname = "salah"\ntext = "{text}"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Halo {warga}, terima kasih.", "unknown placeholder {warga}"),
        ("Halo {nama, terima kasih.", "broken placeholder"),
    ],
)
def test_a_wrong_placeholder_names_the_setting(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_config(tmp_path, text))
    assert caught.value.key == "canned_replies[0].text"
    assert "canned_replies[0].text" in caught.value.message_id
    assert reason in caught.value.message_en


def test_the_defaults_use_only_known_placeholders(tmp_path: Path) -> None:
    settings = load_settings(_config(tmp_path, "Terima kasih {nama}, aspirasi #{nomor}."))
    assert [c.name for c in settings.canned_replies] == ["salah"]
    assert len(load_settings(None).canned_replies) == 3
