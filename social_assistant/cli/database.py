"""``db upgrade`` / ``db current``: the schema migrations."""

from __future__ import annotations

import typer

from social_assistant.cli._app import console, state
from social_assistant.db.migrate import current_revision, head_revision, upgrade
from social_assistant.db.reference import sync_reference_data

app = typer.Typer(help="Basis data (database).", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(ctx: typer.Context) -> None:
    """Terapkan migrasi skema. (Apply schema migrations.)"""
    st = state(ctx)
    database = st.database(migrated=False)
    before, after = upgrade(database)
    with database.session() as session:
        sync_reference_data(session, st.settings)
    if before == after:
        console.print(
            st.say(
                f"Basis data sudah versi terbaru ({after}).",
                f"Database already at the latest revision ({after}).",
            )
        )
    else:
        console.print(
            st.say(
                f"Basis data dimigrasikan: {before or 'kosong'} -> {after}.",
                f"Database migrated: {before or 'empty'} -> {after}.",
            )
        )


@app.command("current")
def current(ctx: typer.Context) -> None:
    """Versi skema sekarang dan terbaru. (Current and latest schema revision.)"""
    st = state(ctx)
    database = st.database(migrated=False)
    console.print(
        f"current={current_revision(database)} head={head_revision()} backend={database.backend}"
    )
