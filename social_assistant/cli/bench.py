"""``bench ...``: measured figures as JSON (speed is measured here, never in tests)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from social_assistant.cli._app import console

DatabaseUrl = Annotated[
    str | None, typer.Option(help="PostgreSQL URL (a scratch schema is used); default SQLite.")
]

app = typer.Typer(help="Tolok ukur (benchmarks); hasil JSON.", no_args_is_help=True)


@app.command("publish")
def publish(
    scenario: Annotated[str, typer.Option(help="burst, steady or limited.")] = "burst",
    posts: Annotated[int, typer.Option(min=1, help="Posts (burst, steady).")] = 10_000,
    channels: Annotated[int, typer.Option(min=1, help="Emulator channels.")] = 20,
    daemons: Annotated[int, typer.Option(min=1, help="Daemon processes.")] = 1,
    threads: Annotated[int, typer.Option(min=1, help="Threads per daemon.")] = 4,
    database_url: DatabaseUrl = None,
    window: Annotated[int, typer.Option(help="limited: seconds standing for X's 15 min.")] = 30,
    windows: Annotated[int, typer.Option(help="limited: windows to run.")] = 4,
    rate: Annotated[float, typer.Option(help="steady: posts due per second.")] = 100.0,
) -> None:
    """Ukur mesin penerbitan. (Measure the publishing engine; prints JSON.)"""
    from social_assistant.bench.publish import Run, run_bench

    if scenario not in ("burst", "steady", "limited"):
        raise typer.BadParameter("choose burst, steady or limited", param_hint="--scenario")
    result = run_bench(
        Run(scenario, posts, channels, daemons, threads, database_url, window, windows, rate)
    )
    console.print_json(json.dumps(result))


@app.command("triage")
def triage(
    texts: Annotated[int, typer.Option(min=1, help="Texts to triage (corpus repeated).")] = 100_000,
) -> None:
    """Ukur kecepatan pemilahan vs TextBlob. (Triage texts/s on one core; prints JSON.)"""
    from social_assistant.bench.triage import run_bench as run_triage_bench

    console.print_json(json.dumps(run_triage_bench(texts)))


@app.command("transparency")
def transparency(
    events: Annotated[int, typer.Option(min=1, help="Audit events in the chain.")] = 1_000_000,
    replies: Annotated[
        int, typer.Option(min=1, help="Citizens' replies (1 in 5 aspirations).")
    ] = 1_000_000,
    months: Annotated[int, typer.Option(min=1, help="Months the replies span.")] = 12,
    database_url: DatabaseUrl = None,
) -> None:
    """Ukur audit verify dan laporan bulanan. (Time audit verify and a monthly report; JSON.)"""
    from social_assistant.bench.transparency import Shape
    from social_assistant.bench.transparency import run_bench as run_transparency

    shape = Shape(events=events, replies=replies, months=months, database_url=database_url)
    console.print_json(json.dumps(run_transparency(shape)))


@app.command("collect")
def collect(
    replies: Annotated[int, typer.Option(min=1, help="Replies served by the emulator.")] = 100_000,
    posts: Annotated[int, typer.Option(min=2, help="Posts (half X, half Facebook).")] = 100,
    database_url: DatabaseUrl = None,
) -> None:
    """Ukur pengumpulan balasan. (Replies collected, triaged and stored per second; JSON.)"""
    from social_assistant.bench.collect import Shape
    from social_assistant.bench.collect import run_bench as run_collect

    shape = Shape(replies=replies, posts=posts, database_url=database_url)
    console.print_json(json.dumps(run_collect(shape)))


@app.command("inbox")
def inbox(
    replies: Annotated[int, typer.Option(min=1, help="Citizens' replies to seed.")] = 1_000_000,
    aspirations: Annotated[
        int, typer.Option(min=0, help="Of which aspirations (inbox items).")
    ] = 200_000,
    requests: Annotated[int, typer.Option(min=1, help="Timed requests per scenario.")] = 50,
    database_url: DatabaseUrl = None,
) -> None:
    """Ukur kotak masuk aspirasi. (Inbox page and filters: server p95 and memory; JSON.)"""
    from social_assistant.bench.inbox import Shape
    from social_assistant.bench.inbox import run_bench as run_inbox

    if aspirations > replies:
        raise typer.BadParameter("at most --replies", param_hint="--aspirations")
    shape = Shape(
        replies=replies, aspirations=aspirations, requests=requests, database_url=database_url
    )
    console.print_json(json.dumps(run_inbox(shape)))
