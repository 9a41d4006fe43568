"""Ingest queue files into announcements and their outbox rows, idempotently.

Each file is handled in its own transaction: a bad file is reported and leaves the
database untouched, and the good files of the same run are still ingested. A file is
identified by its path inside the queue folder; its content hash decides whether
anything changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.clock import Clock
from social_assistant.db import Database
from social_assistant.db.models import (
    PUBLIC_STATES,
    Announcement,
    AnnouncementRevision,
    AnnouncementStatus,
    Channel,
    Publication,
    PublicationStatus,
    utcnow,
)
from social_assistant.queue.entry import QueueEntry, ensure_future, parse_queue_file, scan_queue
from social_assistant.queue.errors import QueueFileError
from social_assistant.queue.slots import NoFreeSlotError, next_free_slot
from social_assistant.settings import Settings

log = logging.getLogger(__name__)
ACTOR = "queue-sync"


@dataclass
class SyncReport:
    """What one run did, file by file."""

    created: list[tuple[str, int]] = field(default_factory=list)
    updated: list[tuple[str, int]] = field(default_factory=list)
    renamed: list[tuple[str, int]] = field(default_factory=list)
    unchanged: list[tuple[str, int]] = field(default_factory=list)
    rejected: list[QueueFileError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


class QueueSync:
    """Turns the files of the queue folder into rows; ``dry_run`` validates only."""

    def __init__(self, settings: Settings, database: Database, clock: Clock) -> None:
        self.settings = settings
        self.database = database
        self.clock = clock
        self.kinds = {c.name: c.kind for c in settings.channels}
        self.actor = ACTOR

    def files(self) -> list[Path]:
        return scan_queue(self.settings.queue_dir)

    def run(
        self,
        paths: Iterable[Path] | None = None,
        *,
        dry_run: bool = False,
        actor: str = ACTOR,
    ) -> SyncReport:
        """Ingest ``paths`` (default: every queue file); never raises for a bad file.

        ``actor`` is who wrote the files (an officer composing in the web UI); it is
        recorded as the author of new announcements and in the audit events.
        """
        self.actor = actor
        report = SyncReport()
        queue_dir = self.settings.queue_dir
        for path in self.files() if paths is None else paths:
            try:
                self._one(path, report, dry_run=dry_run)
            except QueueFileError as error:
                log.warning("queue file rejected: %s", error.log_text(queue_dir.parent))
                report.rejected.append(error)
        return report

    def _one(self, path: Path, report: SyncReport, *, dry_run: bool) -> None:
        entry = parse_queue_file(
            path,
            queue_dir=self.settings.queue_dir,
            channels=self.kinds,
            default_approval=self.settings.queue.default_approval == "required",
        )
        try:
            with self.database.session() as session:
                outcome, announcement_id = self._ingest(session, entry)
                if dry_run:
                    session.rollback()
        except _EditRefused as refused:
            if not dry_run:
                self._record_refusal(refused)
            raise refused.error() from None
        getattr(report, outcome).append((entry.relpath, announcement_id))

    def _ingest(self, session: Session, entry: QueueEntry) -> tuple[str, int]:
        row = _by_path(session, entry.relpath) or self._renamed_from(session, entry)
        if row is None:
            return "created", self._create(session, entry)
        assert row.id is not None
        if row.source_path != entry.relpath:
            audit.record(
                session,
                "announcement.renamed",
                actor=self.actor,
                subject_type="announcement",
                subject_id=row.id,
                old=row.source_path,
                new=entry.relpath,
            )
            row.source_path = entry.relpath
            return "renamed", row.id
        if row.content_hash == entry.content_hash:
            return "unchanged", row.id
        self._update(session, row, entry)
        return "updated", row.id

    def _renamed_from(self, session: Session, entry: QueueEntry) -> Announcement | None:
        """An announcement with the same content whose file is gone: the file was moved."""
        candidates = session.exec(
            select(Announcement).where(Announcement.content_hash == entry.content_hash)
        ).all()
        for candidate in candidates:
            old = candidate.source_path
            if old and not (self.settings.queue_dir / old).exists():
                return candidate
        return None

    def _create(self, session: Session, entry: QueueEntry) -> int:
        now = self.clock.now()
        if entry.publish_at is not None:
            ensure_future(entry, now)
        row = Announcement(
            source_path=entry.relpath,
            content_hash=entry.content_hash,
            title=entry.title,
            body=entry.body,
            publish_at=self._due_time(session, entry, None, None),
            created_by=None if self.actor == ACTOR else self.actor,
        )
        _apply(row, entry, now, self.settings.queue_dir)
        session.add(row)
        session.flush()
        assert row.id is not None
        _revision(session, row, entry)
        self._sync_publications(session, row, entry)
        audit.record(
            session,
            "announcement.queued",
            actor=self.actor,
            subject_type="announcement",
            subject_id=row.id,
            file=entry.relpath,
            hash=entry.content_hash,
            publish_at=row.publish_at.isoformat(),
            channels=list(entry.channels),
        )
        return row.id

    def _update(self, session: Session, row: Announcement, entry: QueueEntry) -> None:
        assert row.id is not None
        public = _public_channels(session, row.id)
        if public:
            raise _EditRefused(entry, row.id, public)
        if entry.publish_at is not None:
            ensure_future(entry, self.clock.now())
        row.publish_at = self._due_time(session, entry, row.id, row.publish_at)
        _apply(row, entry, self.clock.now(), self.settings.queue_dir)
        _revision(session, row, entry)
        self._sync_publications(session, row, entry)
        audit.record(
            session,
            "announcement.updated",
            actor=self.actor,
            subject_type="announcement",
            subject_id=row.id,
            file=entry.relpath,
            hash=entry.content_hash,
            revision=row.revision,
            publish_at=row.publish_at.isoformat(),
        )

    def _record_refusal(self, refused: _EditRefused) -> None:
        """Keep the refused version in the history (once per content hash)."""
        entry, announcement_id = refused.entry, refused.announcement_id
        with self.database.session() as session:
            known = session.exec(
                select(AnnouncementRevision)
                .where(AnnouncementRevision.announcement_id == announcement_id)
                .where(AnnouncementRevision.content_hash == entry.content_hash)
            ).first()
            if known is not None:
                return
            session.add(
                AnnouncementRevision(
                    announcement_id=announcement_id,
                    revision=_latest_revision(session, announcement_id) + 1,
                    content_hash=entry.content_hash,
                    snapshot=_snapshot(entry),
                    accepted=False,
                    note=f"refused: already published on {', '.join(refused.channels)}",
                )
            )
            audit.record(
                session,
                "announcement.edit_refused",
                actor=self.actor,
                subject_type="announcement",
                subject_id=announcement_id,
                file=entry.relpath,
                hash=entry.content_hash,
                published_on=refused.channels,
            )

    def _due_time(
        self,
        session: Session,
        entry: QueueEntry,
        announcement_id: int | None,
        current: datetime | None,
    ) -> datetime:
        if entry.publish_at is not None:
            return entry.publish_at
        if current is not None and current > self.clock.now():
            return current  # an edit keeps the slot it already has
        wanted = [(name, self.settings.channel(name).slots) for name in entry.channels]
        try:
            return next_free_slot(
                session,
                wanted,
                now=self.clock.now(),
                zone=self.settings.zone,
                exclude_announcement=announcement_id,
            )
        except NoFreeSlotError:
            raise QueueFileError(
                entry.path,
                "Tidak ada slot antrean kosong dalam 120 hari ke depan di kanal ini. Tulis "
                "`publish_at` dengan waktu tertentu, atau tambah `slots` kanal di konfigurasi.",
                "No free queue slot in the next 120 days on these channels. Give an explicit "
                "`publish_at`, or add `slots` to the channel in the config.",
                line=entry.lines.get("slot"),
                field="slot",
            ) from None

    def _sync_publications(self, session: Session, row: Announcement, entry: QueueEntry) -> None:
        assert row.id is not None
        channels = {c.name: c for c in session.exec(select(Channel)).all()}
        existing = {
            p.channel_id: p
            for p in session.exec(
                select(Publication).where(Publication.announcement_id == row.id)
            ).all()
        }
        status = (
            PublicationStatus.AWAITING_APPROVAL
            if row.approval_required
            else PublicationStatus.SCHEDULED
        )
        wanted_ids = set()
        for name in entry.channels:
            channel = channels[name]
            assert channel.id is not None
            wanted_ids.add(channel.id)
            publication = existing.get(channel.id)
            if publication is None:
                publication = Publication(
                    announcement_id=row.id, channel_id=channel.id, text="", due_at=row.publish_at
                )
                session.add(publication)
            publication.text = entry.text_for(name)
            publication.due_at = row.publish_at
            publication.status = status
            publication.attempts = 0
            publication.next_attempt_at = None
            publication.last_error = None
            publication.updated_at = utcnow()
        for channel_id, publication in existing.items():
            if channel_id not in wanted_ids:
                publication.status = PublicationStatus.CANCELLED
                publication.updated_at = utcnow()
        session.flush()


class _EditRefused(Exception):
    """An edit to an announcement that is already (being) published."""

    def __init__(self, entry: QueueEntry, announcement_id: int, channels: list[str]) -> None:
        super().__init__(entry.relpath)
        self.entry = entry
        self.announcement_id = announcement_id
        self.channels = channels

    def error(self) -> QueueFileError:
        channels = ", ".join(self.channels)
        number = self.announcement_id
        return QueueFileError(
            self.entry.path,
            f"Pengumuman #{number} sudah diterbitkan di {channels}; perubahan berkas ini tidak "
            "diterapkan. Kembalikan isi berkas, atau buat berkas baru untuk pengumuman baru.",
            f"Announcement #{number} is already published on {channels}; the edit is refused. "
            "Restore the file, or create a new file for a new announcement.",
        )


def _by_path(session: Session, relpath: str) -> Announcement | None:
    return session.exec(select(Announcement).where(Announcement.source_path == relpath)).first()


def _public_channels(session: Session, announcement_id: int) -> list[str]:
    rows = session.exec(
        select(Channel.name)
        .join(Publication, col(Publication.channel_id) == col(Channel.id))
        .where(Publication.announcement_id == announcement_id)
        .where(col(Publication.status).in_(list(PUBLIC_STATES)))
    ).all()
    return sorted(rows)


def _apply(row: Announcement, entry: QueueEntry, now: datetime, queue_dir: Path) -> None:
    row.content_hash = entry.content_hash
    row.title = entry.title
    row.body = entry.body
    row.program = entry.program
    row.tags = list(entry.tags)
    # Stored relative to the queue folder (the file names them relative to itself).
    row.media = [
        {"path": m.path.relative_to(queue_dir).as_posix(), "sha256": m.sha256, "mime": m.mime}
        for m in entry.media
    ]
    row.variants = dict(entry.variants)
    row.approval_required = entry.approval_required
    row.thread = entry.thread
    row.slot = entry.slot
    row.updated_at = now
    if entry.approval_required:
        # New content needs a new approval.
        row.status = AnnouncementStatus.PENDING_APPROVAL
        row.approved_by = None
        row.approved_at = None
    else:
        row.status = AnnouncementStatus.APPROVED
        row.approved_by = "approval: none"
        row.approved_at = now


def _snapshot(entry: QueueEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "body": entry.body,
        "channels": list(entry.channels),
        "publish_at": entry.publish_at.isoformat() if entry.publish_at else None,
        "slot": entry.slot,
        "program": entry.program,
        "tags": list(entry.tags),
        "media": [m.relpath for m in entry.media],
        "variants": dict(entry.variants),
        "approval_required": entry.approval_required,
        "thread": entry.thread,
    }


def _latest_revision(session: Session, announcement_id: int) -> int:
    revisions = session.exec(
        select(AnnouncementRevision.revision).where(
            AnnouncementRevision.announcement_id == announcement_id
        )
    ).all()
    return max(revisions, default=0)


def _revision(session: Session, row: Announcement, entry: QueueEntry) -> None:
    assert row.id is not None
    # Numbered after every stored version, refused ones included.
    revision = _latest_revision(session, row.id) + 1
    row.revision = revision
    session.add(
        AnnouncementRevision(
            announcement_id=row.id,
            revision=revision,
            content_hash=entry.content_hash,
            snapshot=_snapshot(entry),
        )
    )
