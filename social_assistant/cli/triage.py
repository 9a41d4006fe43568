"""``classify`` (stdin to JSON lines) and ``triage train|evaluate``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from social_assistant.cli._app import CliError, State, console, state

if TYPE_CHECKING:
    from social_assistant.triage.classify import Triager

app = typer.Typer(help="Pemilahan balasan warga (triage).", no_args_is_help=True)


def classify(
    input_file: Annotated[
        Path | None, typer.Option("--input", help="Read lines from this file, not stdin.")
    ] = None,
    model: Annotated[Path | None, typer.Option(help="Model file (default: bundled).")] = None,
) -> None:
    """Pilah satu teks per baris; keluaran JSON per baris. (One text per line -> JSON lines.)

    Streams: each line is read, triaged and written before the next is read, so memory
    stays flat however long the input is. Reading stdin, every line is flushed at once
    (a program feeding lines one by one gets each answer before sending the next).
    """

    triager = _triager(model)
    try:
        source = input_file.open(encoding="utf-8", errors="replace") if input_file else sys.stdin
    except OSError as exc:
        raise CliError(
            f"Berkas {input_file} tidak dapat dibaca: {exc.strerror}.",
            f"Cannot read {input_file}: {exc.strerror}.",
        ) from None
    if input_file is None and isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")
    write, flush = sys.stdout.write, sys.stdout.flush if input_file is None else None
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with source:
        for result in triager.classify_stream(source):
            write(dumps(result) + "\n")
            if flush is not None:
                flush()


def _triager(model: Path | None) -> Triager:
    from social_assistant.triage.classify import Triager
    from social_assistant.triage.model import ModelError

    try:
        return Triager.from_file(model) if model else Triager()
    except ModelError as exc:
        raise CliError(
            f"Model pemilahan tidak dapat dipakai: {exc}.", f"Unusable triage model: {exc}."
        ) from None


@app.command("train")
def train(
    ctx: typer.Context,
    corpus: Annotated[
        list[Path] | None, typer.Option(help="Labelled TSV (text, kind, category, urgent).")
    ] = None,
    corrections: Annotated[
        Path | None, typer.Option(help="Officers' corrections (same TSV columns).")
    ] = None,
    from_database: Annotated[
        bool,
        typer.Option(
            "--from-database", help="Also use the corrections officers made in the inbox."
        ),
    ] = False,
    output: Annotated[
        Path | None, typer.Option(help="Where to write the model (default var/triage_model.json).")
    ] = None,
) -> None:
    """Latih ulang model dari berkas dan koreksi petugas. (Retrain from files + corrections.)"""
    from social_assistant.triage.corpus import CorpusError, read_corpus
    from social_assistant.triage.train import corrections_from_rows, train_model

    st = state(ctx)
    target = output or st.settings.path(Path("var") / "triage_model.json")
    try:
        fixed = read_corpus(corrections) if corrections else []
        if from_database:
            fixed += corrections_from_rows(_stored_corrections(st))
        target.parent.mkdir(parents=True, exist_ok=True)
        written = train_model(corpus or None, fixed, target)
    except CorpusError as exc:
        raise CliError(
            f"Data latih tidak valid: {exc}.", f"Invalid training data: {exc}."
        ) from None
    except OSError as exc:
        raise CliError(
            f"Berkas {exc.filename} tidak dapat dibaca atau ditulis: {exc.strerror}.",
            f"Cannot read or write {exc.filename}: {exc.strerror}.",
        ) from None
    console.print(
        st.say(
            f"Model ditulis: {written} ({len(fixed)} koreksi; pakai dengan `classify --model`).",
            f"Model written: {written} ({len(fixed)} corrections; use with `classify --model`).",
        )
    )


def _stored_corrections(st: State) -> list[tuple[str, str | None, str | None, bool | None]]:
    """The officers' corrections kept in ``triage_corrections``, oldest first."""
    from sqlmodel import col, select

    from social_assistant.db.models import TriageCorrection

    with st.database().session() as session:
        rows = session.exec(select(TriageCorrection).order_by(col(TriageCorrection.id))).all()
        return [(r.text, r.new_kind, r.new_category, r.new_urgent) for r in rows]


@app.command("evaluate")
def evaluate(
    data: Annotated[
        Path | None, typer.Option(help="Shared data folder (NusaX, SmSA, STIF).")
    ] = None,
    model: Annotated[Path | None, typer.Option(help="Model file (default: bundled).")] = None,
) -> None:
    """Ukur mutu pemilahan; cetak JSON. (Measure the triage; print JSON.)"""
    from social_assistant.triage.evaluate import main as evaluate_main

    argv = [*(["--data", str(data)] if data else []), *(["--model", str(model)] if model else [])]
    raise typer.Exit(evaluate_main(argv))
