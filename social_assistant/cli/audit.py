"""``audit verify|checkpoint|keygen``: the tamper-evident log from the outside."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from social_assistant.audit import verify_chain
from social_assistant.audit.keys import SigningKey
from social_assistant.audit.publish import KEY_SECRET
from social_assistant.cli._app import CliError, console, state
from social_assistant.settings import read_secret

app = typer.Typer(help="Log audit (tamper-evident audit log).", no_args_is_help=True)


@app.command("verify")
def verify(
    ctx: typer.Context,
    checkpoint: Annotated[
        Path | None, typer.Option(help="A published checkpoint file to check against.")
    ] = None,
    public_key: Annotated[
        str | None, typer.Option(help="Base64 public key (default: from the signing key).")
    ] = None,
) -> None:
    """Hitung ulang rantai hash; keluar 1 bila ada perubahan. (Verify; exit 1 on tampering.)"""
    from social_assistant.audit.checkpoint import verify_checkpoint

    st = state(ctx)
    database = st.database()
    if checkpoint is None:
        report = verify_chain(database)
    else:
        key = public_key or _signing_key().public_key.to_base64()
        report = verify_checkpoint(database, checkpoint.read_text(encoding="utf-8"), key)
    if report.ok:
        console.print(
            st.say(
                f"Log audit utuh: {report.events} peristiwa.",
                f"Audit log intact: {report.events} events.",
            )
        )
        return
    console.print(f"[bold red]✗[/] {st.say(report.problem_id or '', report.problem or '')}")
    raise typer.Exit(1)


@app.command("checkpoint")
def checkpoint(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option(help="Write the signed digest here.")] = None,
) -> None:
    """Buat ringkasan harian bertanda tangan. (Signed daily digest to publish.)"""
    from social_assistant.audit.checkpoint import dump_checkpoint, make_checkpoint

    st = state(ctx)
    text = dump_checkpoint(make_checkpoint(st.database(), _signing_key(), now=st.clock.now()))
    if out:
        out.write_text(text, encoding="utf-8")
        console.print(st.say(f"Checkpoint ditulis: {out}", f"Checkpoint written: {out}"))
    else:
        console.print(text, markup=False)


@app.command("keygen")
def keygen(
    out: Annotated[Path, typer.Option(help="Where to write the private key (PEM, mode 600).")],
) -> None:
    """Buat kunci tanda tangan Ed25519. (Create an Ed25519 signing key.)"""
    from social_assistant.audit.keys import generate_signing_key

    if out.exists():
        raise CliError(f"{out} sudah ada; tidak ditimpa.", f"{out} exists; not overwritten.")
    key = generate_signing_key()
    out.write_bytes(key.to_pem())
    os.chmod(out, 0o600)
    console.print(f"SA_{KEY_SECRET}_FILE={out}")
    console.print(f"public key: {key.public_key.to_base64()}")


def _signing_key() -> SigningKey:
    from social_assistant.audit.keys import load_signing_key

    secret = read_secret(KEY_SECRET)
    if secret is None:
        raise CliError(
            f"Kunci tanda tangan belum diatur: isi SA_{KEY_SECRET} atau SA_{KEY_SECRET}_FILE "
            "(buat dengan `social-assistant audit keygen --out FILE`).",
            f"No signing key: set SA_{KEY_SECRET} or SA_{KEY_SECRET}_FILE "
            "(create one with `social-assistant audit keygen --out FILE`).",
            2,
        )
    return load_signing_key(secret.get_secret_value())
