"""``queue sync|check|list|show``: the content queue from the officer's side."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import track
from rich.table import Table
from sqlalchemy import and_, or_
from sqlmodel import Session, col, func, select

from social_assistant.cli._app import EXIT_REJECTED, CliError, State, console, err_console, state
from social_assistant.db.models import (
    Announcement,
    AnnouncementRevision,
    Channel,
    Publication,
)
from social_assistant.db.models import PublicationStatus as S
from social_assistant.db.reference import sync_reference_data
from social_assistant.localtime import local_text
from social_assistant.queue.sync import QueueSync, SyncReport
from social_assistant.queue.xtext import PLATFORM_LIMITS, weighted_length

app = typer.Typer(help="Antrean pengumuman (content queue).", no_args_is_help=True)


@app.command("sync")
def sync(ctx: typer.Context) -> None:
    """Masukkan berkas antrean ke basis data. (Ingest queue files; exit 1 if any rejected.)"""
    st = state(ctx)
    report = _run(st, dry_run=False)
    _print_report(st, report)
    if not report.ok:
        raise typer.Exit(EXIT_REJECTED)


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Periksa berkas antrean tanpa menyimpan. (Validate only; for officers' CI.)"""
    st = state(ctx)
    report = _run(st, dry_run=True)
    _print_report(st, report)
    total = len(report.created) + len(report.updated) + len(report.unchanged) + len(report.renamed)
    console.print(
        st.say(
            f"{total} berkas sah, {len(report.rejected)} ditolak.",
            f"{total} files valid, {len(report.rejected)} rejected.",
        )
    )
    if not report.ok:
        raise typer.Exit(EXIT_REJECTED)


def _run(st: State, *, dry_run: bool) -> SyncReport:
    database = st.database()
    with database.session() as session:
        sync_reference_data(session, st.settings)
    syncer = QueueSync(st.settings, database, st.clock)
    files = syncer.files()
    report = SyncReport()
    label = (
        st.say("Memeriksa antrean", "Checking queue")
        if dry_run
        else st.say("Menyinkronkan antrean", "Syncing queue")
    )
    for path in track(
        files, description=label, console=err_console, transient=True, disable=len(files) < 20
    ):
        one = syncer.run([path], dry_run=dry_run)
        for name in ("created", "updated", "renamed", "unchanged", "rejected"):
            getattr(report, name).extend(getattr(one, name))
    return report


def _print_report(st: State, report: SyncReport) -> None:
    labels = {
        "created": st.say("baru", "new"),
        "updated": st.say("diperbarui", "updated"),
        "renamed": st.say("berpindah nama", "renamed"),
        "unchanged": st.say("tidak berubah", "unchanged"),
    }
    for name, label in labels.items():
        for relpath, announcement_id in getattr(report, name):
            console.print(f"  [green]✓[/] {relpath} → #{announcement_id} ({label})")
    base = st.settings.queue_dir.parent
    for error in report.rejected:
        text = error.officer_text(base) if st.language == "id" else error.log_text(base)
        err_console.print(f"  [red]✗[/] {text}", soft_wrap=True)


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Only this announcement status.")] = None,
) -> None:
    """Daftar pengumuman dan jadwalnya. (List announcements with their local times.)"""
    st = state(ctx)
    settings = st.settings
    with st.database().session() as session:
        query = select(Announcement).order_by(col(Announcement.publish_at))
        if status:
            query = query.where(Announcement.status == status)
        announcements = session.exec(query).all()
        table = Table(title=st.say("Antrean pengumuman", "Announcement queue"))
        for column in (
            "#",
            st.say("Judul", "Title"),
            st.say("Jadwal", "Scheduled"),
            st.say("Kanal", "Channels"),
            "Status",
        ):
            table.add_column(column)
        for row in announcements:
            table.add_row(
                str(row.id),
                row.title,
                local_text(row.publish_at, settings.zone, settings.language),
                _channel_states(session, row),
                row.status,
            )
    console.print(table)


def _channel_states(session: Session, row: Announcement) -> str:
    pairs = session.exec(
        select(Channel.name, Publication.status)
        .join(Publication, col(Publication.channel_id) == col(Channel.id))
        .where(Publication.announcement_id == row.id)
        .order_by(col(Channel.name))
    ).all()
    return ", ".join(f"{name}: {status}" for name, status in pairs)


@app.command("show")
def show(ctx: typer.Context, announcement_id: int) -> None:
    """Rincian satu pengumuman. (One announcement: texts, channels, history.)"""
    st = state(ctx)
    settings = st.settings
    with st.database().session() as session:
        row = session.get(Announcement, announcement_id)
        if row is None:
            raise CliError(
                f"Pengumuman #{announcement_id} tidak ditemukan.",
                f"Announcement #{announcement_id} not found.",
            )
        zone, lang = settings.zone, settings.language
        console.print(f"[bold]#{row.id} {row.title}[/]")
        console.print(f"  {st.say('Berkas', 'File')}: {row.source_path or '-'}")
        console.print(
            f"  {st.say('Jadwal', 'Scheduled')}: {local_text(row.publish_at, zone, lang)}"
            + (" (slot: next)" if row.slot else "")
        )
        console.print(f"  Status: {row.status}  revisi/revision: {row.revision}")
        console.print(
            f"  {st.say('Program', 'Program')}: {row.program or '-'}   "
            f"tags: {' '.join('#' + t for t in row.tags) or '-'}"
        )
        for media in row.media:
            console.print(f"  media: {media['path']} ({media['mime']})")
        publications = session.exec(
            select(Publication, Channel)
            .join(Channel, col(Channel.id) == col(Publication.channel_id))
            .where(Publication.announcement_id == row.id)
        ).all()
        for publication, channel in publications:
            count = (
                weighted_length(publication.text) if channel.kind == "x" else len(publication.text)
            )
            limit = PLATFORM_LIMITS[channel.kind]
            console.print(
                f"\n  [bold]{channel.name}[/] ({channel.kind}) {publication.status} "
                f"— {count}/{limit} " + st.say("karakter", "characters")
            )
            if publication.remote_id:
                console.print(f"    id: {publication.remote_id} {publication.remote_url or ''}")
            if publication.last_error:
                console.print(f"    [red]{publication.last_error}[/]")
            console.print(_indent(publication.text), markup=False)
        revisions = session.exec(
            select(AnnouncementRevision)
            .where(AnnouncementRevision.announcement_id == row.id)
            .order_by(col(AnnouncementRevision.revision))
        ).all()
        console.print("\n  " + st.say("Riwayat", "History") + ":")
        for revision in revisions:
            mark = "✓" if revision.accepted else "✗"
            console.print(
                f"    {mark} r{revision.revision} "
                f"{local_text(revision.created_at, zone, lang)} "
                f"{revision.content_hash[:12]} {revision.note or ''}",
                markup=False,
            )


def _indent(text: str) -> str:
    return "\n".join("    │ " + line for line in text.splitlines())


@app.command("status")
def status(ctx: typer.Context) -> None:
    """Apa yang jatuh tempo, sedang dikirim, gagal, dan alasannya. (Outbox state.)"""
    st = state(ctx)
    settings = st.settings
    zone, lang = settings.zone, settings.language
    now = st.clock.now()
    with st.database().session() as session:
        counts = session.exec(
            select(Publication.status, func.count()).group_by(col(Publication.status))
        ).all()
        console.print("  ".join(f"{name}: {count}" for name, count in sorted(counts)) or "-")
        attention = [S.CLAIMED, S.SENDING, S.FAILED, S.HELD]
        rows = session.exec(
            select(Publication, Channel, Announcement)
            .join(Channel, col(Channel.id) == col(Publication.channel_id))
            .join(Announcement, col(Announcement.id) == col(Publication.announcement_id))
            .where(
                or_(
                    col(Publication.status).in_(attention),
                    and_(col(Publication.status) == S.SCHEDULED, col(Publication.due_at) <= now),
                )
            )
            .order_by(col(Publication.due_at))
        ).all()
    table = Table(title=st.say("Perlu perhatian / jatuh tempo", "Needs attention / due"))
    for column in (
        "#",
        st.say("Kanal", "Channel"),
        "Status",
        st.say("Jadwal", "Due"),
        st.say("Coba lagi", "Retry at"),
        st.say("Percobaan", "Attempts"),
        st.say("Alasan", "Reason"),
    ):
        table.add_column(column)
    for publication, channel, announcement in rows:
        table.add_row(
            f"{announcement.id}",
            channel.name,
            publication.status,
            local_text(publication.due_at, zone, lang),
            local_text(publication.next_attempt_at, zone, lang),
            str(publication.attempts),
            publication.last_error or "",
        )
    console.print(table)
