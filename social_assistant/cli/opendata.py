"""``opendata export``: aspirations and figures for anyone, citizens pseudonymised."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from social_assistant.cli._app import CliError, state
from social_assistant.cli.report import check_filters, checked_period, write_output

app = typer.Typer(help="Data terbuka (open data).", no_args_is_help=True)


@app.command("export")
def export(
    ctx: typer.Context,
    period: Annotated[str, typer.Option(help="YYYY-MM (or YYYY, or FROM..TO dates).")],
    format: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
    output: Annotated[Path | None, typer.Option(help="Write here (default: stdout).")] = None,
    agency: Annotated[str | None, typer.Option(help="Only this agency (OPD) code.")] = None,
    channel: Annotated[str | None, typer.Option(help="Only this channel name.")] = None,
) -> None:
    """Ekspor data terbuka: warga disamarkan, data pribadi disensor. (Open-data export.)"""
    from social_assistant.opendata import export_csv, export_json

    st = state(ctx)
    if format not in ("csv", "json"):
        raise CliError(
            f"Format `--format {format}` tidak dikenal: pilih csv atau json.",
            f"Unknown `--format {format}`: choose csv or json.",
            2,
        )
    chosen = checked_period(st, period)
    check_filters(st, agency, channel)
    with st.database().session() as session:
        if format == "csv":
            text = export_csv(session, st.settings, chosen, agency=agency, channel=channel)
        else:
            now = st.clock.now()
            text = export_json(
                session, st.settings, chosen, now=now, agency=agency, channel=channel
            )
    write_output(st, text.encode("utf-8"), output)
