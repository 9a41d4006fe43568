"""``report``: the monthly report for leadership (HTML, PDF, CSV or JSON)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from social_assistant.cli._app import CliError, State, console, err_console, state
from social_assistant.metrics import Period, PeriodError, parse_period

FORMATS = ("html", "pdf", "csv", "json")


def report(
    ctx: typer.Context,
    period: Annotated[str, typer.Option(help="YYYY-MM (or YYYY, or FROM..TO dates).")],
    agency: Annotated[str | None, typer.Option(help="Only this agency (OPD) code.")] = None,
    channel: Annotated[str | None, typer.Option(help="Only this channel name.")] = None,
    format: Annotated[str, typer.Option("--format", help="html, pdf, csv or json.")] = "html",
    output: Annotated[Path | None, typer.Option(help="Write here (default: stdout).")] = None,
) -> None:
    """Laporan kinerja untuk pimpinan. (Report for leadership: metrics and charts.)"""
    from social_assistant.reports import RENDERERS, build_report
    from social_assistant.reports.build import STEPS

    st = state(ctx)
    if format not in FORMATS:
        raise CliError(
            f"Format `--format {format}` tidak dikenal: pilih html, pdf, csv atau json.",
            f"Unknown `--format {format}`: choose html, pdf, csv or json.",
            2,
        )
    chosen = checked_period(st, period)
    check_filters(st, agency, channel)
    database = st.database()
    with _progress() as progress, database.session() as session:
        task = progress.add_task("laporan", total=STEPS + 1)

        def step(name: str) -> None:
            progress.update(task, advance=1, description=name)

        built = build_report(
            session,
            st.settings,
            chosen,
            now=st.clock.now(),
            channel=channel,
            agency=agency,
            charts=format in ("html", "pdf"),
            progress=step,
        )
        step(f"menulis {format}")
        data = RENDERERS[format](built)
    write_output(st, data, output)


def checked_period(st: State, text: str) -> Period:
    try:
        return parse_period(text, st.settings.zone)
    except PeriodError as exc:
        raise CliError(
            f"Periode `--period {text}` tidak valid: gunakan YYYY-MM (mis. 2026-11), YYYY, "
            "atau TANGGAL..TANGGAL (YYYY-MM-DD).",
            f"Invalid `--period`: {exc}.",
            2,
        ) from None


def check_filters(st: State, agency: str | None, channel: str | None) -> None:
    codes = [a.code for a in st.settings.agencies]
    if agency is not None and agency not in codes:
        raise CliError(
            f"OPD `--agency {agency}` tidak ada di [[agencies]]; pilih salah satu: "
            f"{', '.join(codes)}.",
            f"Agency `--agency {agency}` is not in [[agencies]] (known: {', '.join(codes)}).",
            2,
        )
    names = [c.name for c in st.settings.channels]
    if channel is not None and channel not in names:
        raise CliError(
            f"Kanal `--channel {channel}` tidak ada di [[channels]]; pilih salah satu: "
            f"{', '.join(names)}.",
            f"Channel `--channel {channel}` is not in [[channels]] (known: {', '.join(names)}).",
            2,
        )


def write_output(st: State, data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        temporary = output.with_name(output.name + ".part")
        temporary.write_bytes(data)
        temporary.replace(output)
    except OSError as exc:
        raise CliError(
            f"Berkas `--output {output}` tidak dapat ditulis: {exc.strerror}.",
            f"Cannot write `--output {output}`: {exc.strerror}.",
        ) from None
    console.print(st.say(f"Ditulis: {output}", f"Written: {output}"))


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
