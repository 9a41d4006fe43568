"""``engagement fetch``: likes, reposts and comments of recent posts, from the platforms."""

from __future__ import annotations

from typing import Annotated

import typer

from social_assistant.cli._app import console, state

app = typer.Typer(help="Keterlibatan publik (engagement counts).", no_args_is_help=True)


@app.command("fetch")
def fetch(
    ctx: typer.Context,
    days: Annotated[int, typer.Option(min=1, max=90, help="Posts published this recently.")] = 7,
) -> None:
    """Ambil jumlah suka, bagikan dan komentar unggahan terbaru. (Fetch engagement counts.)"""
    from social_assistant.cli.run import emulator_for
    from social_assistant.publishing.engine import spec_opener
    from social_assistant.publishing.specs import channel_specs
    from social_assistant.transparency.engagement import fetch_engagement

    st = state(ctx)
    database = st.database()
    failed = 0
    with emulator_for(st) as url:
        opener = spec_opener(channel_specs(st.settings, url))
        outcomes = fetch_engagement(database, st.settings, st.clock, opener, days=days)
    for outcome in outcomes:
        if outcome.error:
            failed += 1
            console.print(f"  [red]✗[/] {outcome.channel}: {outcome.error}")
            continue
        skipped = (
            st.say(f", {outcome.skipped} dilewati (anggaran baca X)", f", {outcome.skipped} "
                   "skipped (X read budget)") if outcome.skipped else ""
        )  # fmt: skip
        console.print(f"  [green]✓[/] {outcome.channel}: {outcome.stored}{skipped}")
    if not outcomes:
        console.print(st.say("Tidak ada unggahan terbaru.", "No recent posts."))
    if failed:
        raise typer.Exit(1)
