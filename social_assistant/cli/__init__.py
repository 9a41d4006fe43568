"""The ``social-assistant`` command. Each sub-command group lives in its own module."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from social_assistant.cli import (
    aspirations,
    audit,
    bench,
    channels,
    config,
    database,
    engagement,
    init,
    opendata,
    queue,
    report,
    run,
    triage,
    users,
)
from social_assistant.cli._app import State, app

__all__ = ["app", "main"]

app.add_typer(config.app, name="config")
app.add_typer(database.app, name="db")
app.add_typer(queue.app, name="queue")
app.add_typer(channels.app, name="channels")
app.command("init")(init.init)
app.command("run")(run.run)
app.command("emulator")(run.emulator)
app.command("serve")(run.serve)
app.add_typer(triage.app, name="triage")
app.add_typer(bench.app, name="bench")
app.add_typer(audit.app, name="audit")
app.command("classify")(triage.classify)
app.add_typer(aspirations.app, name="aspirations")
app.add_typer(users.app, name="users")
app.command("report")(report.report)
app.add_typer(opendata.app, name="opendata")
app.add_typer(engagement.app, name="engagement")


@app.callback()
def root(
    ctx: typer.Context,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config", envvar="SA_CONFIG", help="Config file (TOML).", show_default=False
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log output (-v, -vv).")
    ] = 0,
) -> None:
    """Root options shared by every command."""
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.obj = State(config=config_file)


def main() -> None:
    app(prog_name="social-assistant")
