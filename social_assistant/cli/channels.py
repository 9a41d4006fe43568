"""``channels list|check|enable|disable``: the accounts and their state."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from sqlmodel import Session, col, func, select

from social_assistant.channel_state import UnknownChannel, set_enabled
from social_assistant.channels import ChannelError, open_channel
from social_assistant.cli._app import CliError, State, console, state
from social_assistant.cli.users import AsUser
from social_assistant.db.models import Channel, Publication, PublicationStatus
from social_assistant.localtime import local_text
from social_assistant.publishing.specs import SandboxUnavailable, channel_spec
from social_assistant.users import acting_user

app = typer.Typer(help="Kanal media sosial (channels).", no_args_is_help=True)


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """Daftar kanal dan keadaannya. (Channels and their state.)"""
    st = state(ctx)
    settings = st.settings
    with st.database().session() as session:
        rows = {c.name: c for c in session.exec(select(Channel)).all()}
        table = Table(title=st.say("Kanal", "Channels"))
        for column in (
            st.say("Nama", "Name"),
            st.say("Jenis", "Kind"),
            "Mode",
            "Status",
            st.say("Terjadwal", "Scheduled"),
            st.say("Gagal", "Failed"),
        ):
            table.add_column(column)
        for configured in settings.channels:
            row = rows.get(configured.name)
            table.add_row(
                configured.name,
                configured.kind,
                "sandbox" if configured.sandbox else "live",
                _state_text(st, row),
                str(_count(session, row, PublicationStatus.SCHEDULED)),
                str(_count(session, row, PublicationStatus.FAILED)),
            )
    console.print(table)


def _state_text(st: State, row: Channel | None) -> str:
    if row is None:
        return st.say("belum ada di basis data", "not in the database yet")
    if not row.enabled:
        return st.say("NONAKTIF", "DISABLED") + f": {row.disabled_reason or '-'}"
    if row.paused_until and row.paused_until > st.clock.now():
        until = local_text(row.paused_until, st.settings.zone, st.settings.language)
        return st.say(f"aktif, jeda s.d. {until}", f"enabled, paused until {until}")
    return st.say("aktif", "enabled")


def _count(session: Session, row: Channel | None, status: PublicationStatus) -> int:
    if row is None:
        return 0
    query = (
        select(func.count())
        .select_from(Publication)
        .where(Publication.channel_id == row.id)
        .where(col(Publication.status) == status)
    )
    return int(session.exec(query).one())


@app.command("check")
def check(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="One channel; default all.")] = None,
) -> None:
    """Periksa kredensial kanal ke platform. (Verify credentials with the platform.)"""
    st = state(ctx)
    settings = st.settings
    failed = 0
    from social_assistant.cli.run import emulator_for

    with emulator_for(st) as url:
        for configured in settings.channels:
            if name and configured.name != name:
                continue
            try:
                account = open_channel(channel_spec(settings, configured, url)).check()
            except (ChannelError, SandboxUnavailable) as exc:
                failed += 1
                console.print(f"  [red]✗[/] {configured.name}: {exc}", markup=True)
            else:
                console.print(f"  [green]✓[/] {configured.name}: {account}")
    if failed:
        raise typer.Exit(1)


@app.command("enable")
def enable(ctx: typer.Context, name: str, actor: AsUser = None) -> None:
    """Aktifkan kembali kanal. (Re-enable a channel after fixing what disabled it.)"""
    _set_enabled(state(ctx), name, True, actor, None)


@app.command("disable")
def disable(
    ctx: typer.Context,
    name: str,
    reason: Annotated[
        str, typer.Option(help="Why (kept in the audit log).")
    ] = "disabled by an officer",
    actor: AsUser = None,
) -> None:
    """Nonaktifkan kanal. (Stop publishing on a channel.)"""
    _set_enabled(state(ctx), name, False, actor, reason)


def _set_enabled(
    st: State, name: str, enabled: bool, actor: str | None, reason: str | None
) -> None:
    try:
        with st.database().session() as session:
            set_enabled(
                session,
                name,
                enabled,
                actor=acting_user(session, actor),
                now=st.clock.now(),
                reason=reason,
            )
    except UnknownChannel as error:
        raise CliError(error.message_id, error.message_en) from None
    word = st.say("diaktifkan", "enabled") if enabled else st.say("dinonaktifkan", "disabled")
    console.print(f"{name}: {word}")
