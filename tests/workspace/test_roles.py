"""Every acting CLI command against every role: refused with one clear line, or done."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner, Result
from workspace.office import ROLES, Office, write_config

from social_assistant.cli import app
from social_assistant.db.models import Aspiration, AuditEvent
from social_assistant.permissions import Action, allowed

Command = Callable[[int], list[str]]
# (command, how to prepare the item first, the action it needs)
ASPIRATION_COMMANDS: dict[str, tuple[Command, bool]] = {
    "ack": (lambda i: ["aspirations", "ack", str(i)], False),
    "forward": (lambda i: ["aspirations", "forward", str(i), "DPUPR", "--note", "cek"], False),
    "reply": (lambda i: ["aspirations", "reply", str(i), f"Laporan #{i} kami proses."], False),
    "resolve": (lambda i: ["aspirations", "resolve", str(i)], True),
    "dismiss": (lambda i: ["aspirations", "dismiss", str(i), "--reason", "spam"], False),
    "correct": (lambda i: ["aspirations", "correct", str(i), "--kind", "request"], False),
}


def _status(office: Office, item_id: int) -> str:
    with office.database.session() as session:
        item = session.get(Aspiration, item_id)
    assert item is not None
    return item.status


@pytest.mark.parametrize("role", ROLES)
def test_acting_aspiration_commands_follow_the_role_table(office: Office, role: str) -> None:
    may = allowed(role, Action.RESPOND)
    for name, (command, acknowledged) in ASPIRATION_COMMANDS.items():
        item_id = office.flag()
        if acknowledged:
            done = office.cli("aspirations", "ack", str(item_id), as_user="responder")
            assert done.exit_code == 0, done.output
        before = _status(office, item_id)
        result = office.cli(*command(item_id), as_user=role)
        if may:
            assert result.exit_code == 0, (name, result.output)
        else:
            assert result.exit_code == 1, (name, result.output)
            assert result.stderr.strip() == (
                f"Galat: Peran `{role}` tidak boleh menindaklanjuti aspirasi."
            ), name
            assert _status(office, item_id) == before


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_view_the_inbox(office: Office, role: str) -> None:
    item_id = office.flag()
    assert office.json("aspirations", "list", as_user=role)["items"][0]["id"] == item_id
    assert office.json("aspirations", "show", str(item_id), as_user=role)["id"] == item_id


@pytest.mark.parametrize("role", ROLES)
def test_user_commands_are_for_admins_only(office: Office, role: str) -> None:
    password = office.config.parent.parent / "password.txt"
    commands = [
        ["users", "list"],
        ["users", "add", f"baru-{role}", "--role", "viewer", "--password-file", str(password)],
        ["users", "reset-password", "viewer", "--password-file", str(password)],
        ["users", "disable", "editor"],
    ]
    for command in commands:
        result = office.cli(*command, as_user=role)
        if role == "admin":
            assert result.exit_code == 0, (command, result.output)
        else:
            assert result.exit_code == 1, command
            assert f"Peran `{role}` tidak boleh mengelola pengguna" in result.stderr


def test_unknown_disabled_or_missing_users_are_refused(office: Office) -> None:
    item_id = office.flag()
    nobody = office.cli("aspirations", "ack", str(item_id), as_user="siapa")
    assert nobody.exit_code == 1 and "Pengguna `siapa` tidak ada" in nobody.stderr
    missing = office.cli("aspirations", "ack", str(item_id))
    assert missing.exit_code == 1 and "--as PENGGUNA" in missing.stderr
    assert office.cli("users", "disable", "responder", as_user="admin").exit_code == 0
    disabled = office.cli("aspirations", "ack", str(item_id), as_user="responder")
    assert disabled.exit_code == 1 and "`responder` nonaktif" in disabled.stderr
    assert _status(office, item_id) == "new"
    with office.database.session() as session:
        actions = session.exec(select(AuditEvent.action)).all()
    assert "user.disabled" in actions and "aspiration.acknowledged" not in actions


def test_the_last_admin_cannot_be_disabled_and_passwords_change(office: Office) -> None:
    last = office.cli("users", "disable", "admin", as_user="admin")
    assert last.exit_code == 1 and "admin aktif terakhir" in last.stderr
    reset = office.cli("users", "reset-password", "viewer", as_user="admin")
    assert reset.exit_code == 0 and "Kata sandi:" in reset.stdout
    listed = office.json("users", "list", as_user="admin")
    assert {u["username"]: u["role"] for u in listed} == {role: role for role in ROLES}
    bootstrap = office.cli("users", "add", "kedua", "--role", "admin")
    assert bootstrap.exit_code == 1 and "--as ADMIN" in bootstrap.stderr


def test_without_users_only_a_first_admin_can_be_added(tmp_path: Path, database_url: str) -> None:
    config = write_config(tmp_path, database_url)
    runner = CliRunner()

    def cli(*args: str) -> Result:
        return runner.invoke(app, ["--config", str(config), *args], env={"SA_USER": ""})

    assert cli("db", "upgrade").exit_code == 0
    viewer = cli("users", "add", "pertama", "--role", "viewer")
    assert viewer.exit_code == 1 and "harus berperan `admin`" in viewer.stderr
    first = cli("users", "add", "pertama", "--role", "admin")
    assert first.exit_code == 0 and "Kata sandi:" in first.stdout
    second = cli("users", "add", "kedua", "--role", "admin")
    assert second.exit_code == 1 and "Sudah ada pengguna" in second.stderr
    bad = cli("users", "add", "Bad Name", "--role", "viewer", "--as", "pertama")
    assert bad.exit_code == 1 and "Nama pengguna `Bad Name` tidak sah" in bad.stderr
