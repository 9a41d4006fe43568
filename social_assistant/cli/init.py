"""``init``: config file, database and the first admin; safe to run again."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from social_assistant.cli._app import console, state
from social_assistant.db.migrate import upgrade
from social_assistant.db.models import Role
from social_assistant.db.reference import sync_reference_data
from social_assistant.settings import DEFAULT_CONFIG
from social_assistant.users import add_user, generate_password, user_count


def init(
    ctx: typer.Context,
    admin: Annotated[str, typer.Option(help="Username of the first admin.")] = "admin",
    password_file: Annotated[
        Path | None,
        typer.Option(help="Read the admin password from this file instead of generating one."),
    ] = None,
) -> None:
    """Siapkan konfigurasi, basis data, dan admin pertama. (Create config, database, admin.)"""
    st = state(ctx)
    target = st.config or Path(os.environ.get("SA_HOME", ".")) / DEFAULT_CONFIG
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        template = resources.files("social_assistant").joinpath("config_template.toml")
        target.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
        console.print(st.say(f"Konfigurasi dibuat: {target}", f"Config written: {target}"))
        st.config = target
    else:
        console.print(st.say(f"Konfigurasi sudah ada: {target}", f"Config exists: {target}"))
    settings = st.settings
    settings.queue_dir.mkdir(parents=True, exist_ok=True)
    database = st.database(migrated=False)
    upgrade(database)
    with database.session() as session:
        sync_reference_data(session, settings)
        if user_count(session) > 0:
            console.print(
                st.say(
                    "Pengguna sudah ada; admin tidak dibuat ulang.",
                    "Users exist; no admin created.",
                )
            )
            return
        password = (
            password_file.read_text(encoding="utf-8").strip()
            if password_file
            else generate_password()
        )
        add_user(session, admin, Role.ADMIN, password, actor="init", display_name="Administrator")
    url = f"http://{settings.web.host}:{settings.web.port}/"
    console.print(
        st.say(
            f"Basis data siap di {database.engine.url.render_as_string(hide_password=True)}.",
            f"Database ready at {database.engine.url.render_as_string(hide_password=True)}.",
        )
    )
    shown = "(dari berkas)" if password_file else password
    shown_en = "(from file)" if password_file else password
    console.print(
        st.say(
            f"Admin pertama: pengguna [bold]{admin}[/], kata sandi [bold]{shown}[/]. "
            "Simpan sekarang; kata sandi ini tidak ditampilkan lagi. "
            f"Masuk di {url} atau pakai `--as {admin}`.",
            f"First admin: user [bold]{admin}[/], password [bold]{shown_en}[/]. Save it now; it is "
            f"not shown again. Log in at {url} or use `--as {admin}`.",
        )
    )
