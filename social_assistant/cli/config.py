"""``config show``: the settings in force, with secrets masked."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from social_assistant.cli._app import console, state
from social_assistant.settings import config_path, secret_source

# Secrets read outside the channels: web sessions, audit signing, Facebook webhooks, open data.
GLOBAL_SECRETS = (
    "SESSION_KEY",
    "AUDIT_SIGNING_KEY",
    "FB_APP_SECRET",
    "FB_WEBHOOK_VERIFY_TOKEN",
    "OPEN_DATA_KEY",
)

app = typer.Typer(help="Pengaturan (settings).", no_args_is_help=True)


@app.command("show")
def show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Tampilkan pengaturan yang berlaku; rahasia disamarkan. (Show settings, secrets masked.)"""
    st = state(ctx)
    settings = st.settings
    data = settings.model_dump(mode="json")
    data["database"]["url"] = _mask_url(settings.database_url())
    secrets = {name: secret_source(name) for name in GLOBAL_SECRETS}
    if settings.notify.smtp_username:
        secrets["SMTP_PASSWORD"] = secret_source("SMTP_PASSWORD")
    for channel in settings.channels:
        for name in channel.secret_names():
            secrets[name] = secret_source(name)
    chosen = config_path(st.config)
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "config_file": str(chosen) if chosen else None,
                    "settings": data,
                    "secrets": secrets,
                }
            )
        )
        return
    console.print(st.say("Berkas konfigurasi", "Config file") + f": {chosen or '-'}")
    table = Table("key", "value", show_header=False, box=None)
    for key, value in _flatten(data):
        table.add_row(key, value)
    console.print(table)
    console.print(
        st.say("Rahasia (nilai tidak pernah ditampilkan):", "Secrets (values are never shown):")
    )
    for name, source in secrets.items():
        console.print(f"  SA_{name}: {source}")


def _flatten(data: object, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(data, dict):
        rows: list[tuple[str, str]] = []
        for key, value in data.items():
            rows += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        return rows
    if isinstance(data, list) and data and isinstance(data[0], dict):
        rows = []
        for index, item in enumerate(data):
            rows += _flatten(item, f"{prefix}[{index}]")
        return rows
    return [(prefix, json.dumps(data, ensure_ascii=False))]


def _mask_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
