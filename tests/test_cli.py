"""The CLI end to end: init, config show, db, queue, and one-line errors with exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from social_assistant.cli import app
from social_assistant.queue import scan_queue

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Path:
    for name in list(os.environ):
        if name.startswith("SA_") and name != "SA_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    shutil.copytree(REPO / "content_queue", tmp_path / "content_queue")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SA_DATABASE__URL", database_url)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_init_sync_list_on_the_shipped_samples(home: Path) -> None:
    code, out = run("init")
    assert code == 0, out
    assert (home / "config" / "social_assistant.toml").is_file()
    assert "admin" in out and "kata sandi" in out
    code, out = run("init")
    assert code == 0 and "tidak dibuat ulang" in out
    code, out = run("queue", "sync")
    assert code == 0, out
    assert out.count("(baru)") == len(scan_queue(home / "content_queue")) >= 3
    code, out = run("queue", "sync")
    assert code == 0 and "(baru)" not in out and "tidak berubah" in out
    code, out = run("queue", "list")
    assert code == 0 and "WITA" in out and "x-sandbox" in out
    code, out = run("queue", "show", "1")
    assert code == 0 and "/280" in out and "Riwayat" in out


def test_queue_sync_exits_1_and_names_the_bad_file(home: Path) -> None:
    assert run("init")[0] == 0
    (home / "content_queue" / "rusak.md").write_bytes(b"---\ntitle: [\n---\nisi\n")
    code, out = run("queue", "sync")
    assert code == 1
    assert "rusak.md:2" in out
    code, out = run("queue", "list")
    assert "rusak" not in out


def test_queue_check_writes_nothing(home: Path) -> None:
    assert run("init")[0] == 0
    code, out = run("queue", "check")
    assert code == 0 and "0 ditolak" in out
    code, out = run("queue", "list")
    assert code == 0 and "x-sandbox" not in out


def test_commands_need_an_initialised_database(home: Path) -> None:
    code, out = run("queue", "list")
    assert code == 3 and "db upgrade" in out
    code, out = run("db", "upgrade")
    assert code == 0 and "dimigrasikan" in out
    code, out = run("db", "upgrade")
    assert code == 0 and "sudah versi terbaru" in out


def test_a_wrong_setting_is_one_line_and_exit_2(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SA_TIMEZONE", "Mars/Olympus")
    code, out = run("config", "show")
    assert code == 2
    assert "`timezone`" in out and "SA_TIMEZONE" in out and "Traceback" not in out


def test_config_show_masks_secrets(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = home / "live.toml"
    config.write_text('[[channels]]\nname = "x-kaltim"\nkind = "x"\ncredentials = "KALTIM"\n')
    monkeypatch.setenv("SA_CRED_KALTIM_ACCESS_TOKEN", "super-secret-token")
    monkeypatch.setenv("SA_SESSION_KEY", "another-secret")
    code, out = run("--config", str(config), "config", "show")
    assert code == 0, out
    assert "super-secret-token" not in out and "another-secret" not in out
    assert "SA_CRED_KALTIM_ACCESS_TOKEN: set" in out
    assert "SA_CRED_KALTIM_API_KEY: not set" in out


def test_english_messages_when_configured(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SA_LANGUAGE", "en")
    code, out = run("queue", "list")
    assert code == 3 and "not initialised" in out


def test_installed_console_script_runs_the_quick_start(home: Path) -> None:
    """The real entry point in a subprocess, as an officer would run it."""
    exe = Path(sys.executable).with_name("social-assistant")
    if not exe.exists():
        pytest.skip("console script not installed (pip install -e .)")
    env = {k: v for k, v in os.environ.items()}
    for args in (["init"], ["queue", "sync"], ["queue", "list"]):
        done = subprocess.run(
            [str(exe), *args], cwd=home, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert "WITA" in done.stdout


def test_classify_reads_lines_and_writes_json_lines(tmp_path: Path) -> None:
    import json

    source = tmp_path / "replies.txt"
    source.write_text("jalan rusak parah min\nmantap pak, semoga amanah\n\n", encoding="utf-8")
    code, out = run("classify", "--input", str(source))
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3
    assert rows[0]["kind"] == "complaint" and rows[0]["is_aspiration"] is True
    assert rows[1]["is_aspiration"] is False
    for row in rows:
        assert {"kind", "is_aspiration", "category", "urgent", "sentiment", "reasons"} <= set(row)


def test_audit_verify_checkpoint_and_tamper_detection(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import text

    from social_assistant.db import open_database

    assert run("init")[0] == 0 and run("queue", "sync")[0] == 0
    assert run("audit", "keygen", "--out", str(home / "audit.pem"))[0] == 0
    monkeypatch.setenv("SA_AUDIT_SIGNING_KEY_FILE", str(home / "audit.pem"))
    code, out = run("audit", "verify")
    assert code == 0 and "utuh" in out
    assert run("audit", "checkpoint", "--out", str(home / "cp.json"))[0] == 0
    assert run("audit", "verify", "--checkpoint", str(home / "cp.json"))[0] == 0
    database = open_database(os.environ["SA_DATABASE__URL"])
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2"))
    database.dispose()
    code, out = run("audit", "verify")
    assert code == 1 and "2" in out
