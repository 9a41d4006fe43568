"""Settings: defaults match the committed file, env overrides, secrets, clear errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from social_assistant.settings import (
    Settings,
    SettingsError,
    load_settings,
    read_secret,
    secret_source,
)
from social_assistant.taxonomy import ROUTABLE_CATEGORIES

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "config" / "social_assistant.toml"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("SA_") and name != "SA_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config" / "social_assistant.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_committed_config_equals_the_built_in_defaults() -> None:
    from_file = load_settings(CONFIG).model_dump(exclude={"home"})
    assert from_file == Settings().model_dump(exclude={"home"})


def test_packaged_template_is_the_committed_config() -> None:
    template = REPO / "social_assistant" / "config_template.toml"
    assert template.read_bytes() == CONFIG.read_bytes()


def test_every_setting_is_documented_in_the_config_file() -> None:
    text = CONFIG.read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert name in text, f"setting {name} missing from {CONFIG}"
        annotation = field.annotation
        sub = getattr(annotation, "model_fields", {})
        for key in sub:
            assert key in text, f"setting {name}.{key} missing from {CONFIG}"


def test_defaults_are_wita_sqlite_and_sandbox_channels() -> None:
    settings = Settings()
    assert settings.timezone == "Asia/Makassar"
    assert settings.database.url.startswith("sqlite:///var/")
    assert [c.kind for c in settings.channels] == ["x", "facebook"]
    assert all(c.sandbox for c in settings.channels)
    assert set(settings.routing) == set(ROUTABLE_CATEGORIES)
    assert (
        settings.deadlines.acknowledge_days,
        settings.deadlines.follow_up_days,
        settings.deadlines.close_days,
    ) == (3, 5, 10)


def test_home_is_the_folder_above_config(tmp_path: Path) -> None:
    path = _write(tmp_path, 'timezone = "Asia/Jakarta"\n')
    settings = load_settings(path)
    assert settings.home == tmp_path.resolve()
    assert settings.database_url() == f"sqlite:///{tmp_path.resolve()}/var/social_assistant.db"
    assert settings.queue_dir == tmp_path.resolve() / "content_queue"


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, 'timezone = "Asia/Jakarta"\n[web]\nport = 9000\n')
    monkeypatch.setenv("SA_TIMEZONE", "Asia/Jayapura")
    monkeypatch.setenv("SA_DATABASE__URL", "postgresql+psycopg://u@h:5432/d")
    settings = load_settings(path)
    assert settings.timezone == "Asia/Jayapura"
    assert settings.web.port == 9000
    assert settings.database_url() == "postgresql+psycopg://u@h:5432/d"


def test_sa_config_variable_chooses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, 'language = "en"\n')
    monkeypatch.setenv("SA_CONFIG", str(path))
    assert load_settings().language == "en"


@pytest.mark.parametrize(
    ("toml", "key", "hint"),
    [
        ('timezone = "Asia/Makasar"\n', "timezone", "Asia/Makassar"),
        ('language = "jv"\n', "language", "'id' or 'en'"),
        (
            '[[channels]]\nname = "x-a"\nkind = "twitter"\nsandbox = true\n',
            "channels[0].kind",
            "'x' or 'facebook'",
        ),
        ('[[channels]]\nname = "x-a"\nkind = "x"\n', "channels[0]", "credentials"),
        (
            '[[channels]]\nname = "x-a"\nkind = "x"\nsandbox = true\nslots = ["8:00"]\n',
            "channels[0].slots",
            "HH:MM",
        ),
        ("[web]\nport = 70000\n", "web.port", "65535"),
        ("[deadlines]\nacknowledge_days = 7\n", "deadlines", "acknowledge_days <= follow_up"),
        ('[database]\nurl = "mysql://x"\n', "database.url", "postgresql+psycopg"),
        ('timezon = "Asia/Makassar"\n', "timezon", "unknown setting"),
        ('[routing]\nhealth = "DINKESS"\n', "routing.health", "DINKESS"),
    ],
)
def test_a_wrong_setting_is_one_sentence_naming_key_and_allowed_values(
    tmp_path: Path, toml: str, key: str, hint: str
) -> None:
    path = _write(tmp_path, toml)
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    error = caught.value
    assert error.key == key
    assert hint in error.message_en and hint in error.message_id
    assert f"`{key}`" in error.message_en and "\n" not in error.message_en
    assert str(path) in error.message_en
    assert "tidak valid" in error.message_id


def test_a_wrong_environment_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SA_WEB__PORT", "lapan")
    with pytest.raises(SettingsError) as caught:
        load_settings(None, home=".")
    assert "SA_WEB__PORT" in caught.value.message_en


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "timezone = \n")
    with pytest.raises(SettingsError, match="not valid TOML") as caught:
        load_settings(path)
    assert str(path) in caught.value.message_id


def test_secrets_in_the_config_file_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[channels]]\nname = "x-a"\nkind = "x"\naccess_token = "abc"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert caught.value.key == "channels[0].access_token"
    assert "abc" not in caught.value.message_en


def test_secrets_come_from_env_or_file(tmp_path: Path) -> None:
    secret_file = tmp_path / "token"
    secret_file.write_text("s3cr3t-from-file\n")
    env = {"SA_CRED_KALTIM_X_ACCESS_TOKEN": "direct", "SA_SESSION_KEY_FILE": str(secret_file)}
    token = read_secret("CRED_KALTIM_X_ACCESS_TOKEN", env)
    assert token is not None and token.get_secret_value() == "direct"
    key = read_secret("SESSION_KEY", env)
    assert key is not None and key.get_secret_value() == "s3cr3t-from-file"
    assert "s3cr3t" not in repr(key) and "s3cr3t" not in secret_source("SESSION_KEY", env)
    assert read_secret("CRED_OTHER_PAGE_TOKEN", env) is None
    with pytest.raises(SettingsError, match="SA_X_FILE"):
        read_secret("X", {"SA_X_FILE": str(tmp_path / "missing")})


def test_live_channel_lists_the_secrets_it_needs() -> None:
    settings = Settings(
        channels=[
            {"name": "x-kaltim", "kind": "x", "credentials": "kaltim_x"},
            {"name": "fb-kaltim", "kind": "facebook", "credentials": "KALTIM_FB", "page_id": "1"},
        ]
    )
    x, fb = settings.channels
    assert x.secret_names()[0] == "CRED_KALTIM_X_API_KEY" and len(x.secret_names()) == 4
    assert fb.secret_names() == ("CRED_KALTIM_FB_PAGE_TOKEN",)


def test_committed_file_parses_as_toml() -> None:
    assert tomllib.loads(CONFIG.read_text(encoding="utf-8"))["timezone"] == "Asia/Makassar"


def test_a_routing_table_changes_only_the_categories_it_names(tmp_path: Path) -> None:
    path = _write(tmp_path, '[routing]\nhealth = "DINSOS"\n')
    routing = load_settings(path).routing
    assert routing["health"] == "DINSOS" and routing["transport"] == "DISHUB"
