"""``users add|list|disable|reset-password``: officer accounts (admins only, via ``--as``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from social_assistant.cli._app import CliError, State, console, state
from social_assistant.db.models import User
from social_assistant.users import (
    acting_user,
    create_user,
    disable_user,
    generate_password,
    list_users,
    parse_role,
    reset_password,
)

app = typer.Typer(help="Akun petugas (officer accounts).", no_args_is_help=True)

AsUser = Annotated[
    str | None,
    typer.Option(
        "--as", envvar="SA_USER", help="Who acts (an active user; env SA_USER).", show_default=False
    ),
]
Json = Annotated[bool, typer.Option("--json", help="JSON output (stable keys).")]
PasswordFile = Annotated[
    Path | None,
    typer.Option(help="Read the password from this file instead of generating one."),
]


@app.command("add")
def add(
    ctx: typer.Context,
    username: str,
    role: Annotated[str, typer.Option(help="admin, editor, approver, responder or viewer.")],
    display_name: Annotated[str, typer.Option(help="Full name shown in the UI.")] = "",
    password_file: PasswordFile = None,
    actor: AsUser = None,
) -> None:
    """Tambah pengguna; tanpa `--as` hanya admin pertama. (Add a user.)"""
    st = state(ctx)
    password = _password(password_file)
    with st.database().session() as session:
        # Without --as only the first admin (create_user refuses otherwise).
        acting = acting_user(session, actor) if actor else None
        user = create_user(
            session,
            username,
            parse_role(role),
            password,
            actor=acting,
            display_name=display_name,
        )
    console.print(
        st.say(
            f"Pengguna {user.username} ({user.role}) dibuat.",
            f"User {user.username} ({user.role}) added.",
        ),
        markup=False,
    )
    _show_password(st, password, password_file)


@app.command("list")
def list_(ctx: typer.Context, actor: AsUser = None, as_json: Json = False) -> None:
    """Daftar pengguna. (List users.)"""
    st = state(ctx)
    with st.database().session() as session:
        users = list_users(session, actor=acting_user(session, actor))
    if as_json:
        typer.echo(json.dumps([_user_json(u) for u in users], ensure_ascii=False))
        return
    table = Table(title=st.say("Pengguna", "Users"))
    for column in (
        st.say("Nama pengguna", "Username"),
        st.say("Nama", "Name"),
        st.say("Peran", "Role"),
        "Status",
    ):
        table.add_column(column)
    for user in users:
        table.add_row(
            user.username,
            user.display_name,
            user.role,
            st.say("aktif", "active") if user.active else st.say("nonaktif", "disabled"),
        )
    console.print(table, markup=False)


@app.command("disable")
def disable(ctx: typer.Context, username: str, actor: AsUser = None) -> None:
    """Nonaktifkan pengguna. (Disable a user.)"""
    st = state(ctx)
    with st.database().session() as session:
        disable_user(session, username, actor=acting_user(session, actor))
    console.print(st.say(f"{username} dinonaktifkan.", f"{username} disabled."), markup=False)


@app.command("reset-password")
def reset(
    ctx: typer.Context, username: str, password_file: PasswordFile = None, actor: AsUser = None
) -> None:
    """Atur ulang kata sandi. (Reset a password.)"""
    st = state(ctx)
    password = _password(password_file)
    with st.database().session() as session:
        reset_password(session, username, password, actor=acting_user(session, actor))
    console.print(
        st.say(f"Kata sandi {username} diganti.", f"Password of {username} reset."), markup=False
    )
    _show_password(st, password, password_file)


def _password(path: Path | None) -> str:
    if path is None:
        return generate_password()
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(
            f"Berkas kata sandi {path} tidak dapat dibaca ({exc}).",
            f"Cannot read password file {path} ({exc}).",
        ) from None


def _show_password(st: State, password: str, path: Path | None) -> None:
    if path is not None:
        return
    console.print(
        st.say(
            f"Kata sandi: {password}  (simpan sekarang; tidak ditampilkan lagi)",
            f"Password: {password}  (save it now; it is not shown again)",
        ),
        markup=False,
    )


def _user_json(user: User) -> dict[str, object]:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "active": user.active,
        "created_at": user.created_at.isoformat(),
        "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
    }
