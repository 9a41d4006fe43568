"""The two-person rule: an approver who is not the author approves or sends back.

Approving moves the announcement's outbox rows from ``awaiting_approval`` to
``scheduled``; sending back keeps them waiting and tells the author why; cancelling
stops every row that has not reached the platform. Each decision is audited.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.db.models import (
    PUBLIC_STATES,
    Announcement,
    AnnouncementStatus,
    Publication,
    PublicationStatus,
    User,
)
from social_assistant.permissions import Action, require


class ApprovalError(Exception):
    """A decision that cannot be taken on this announcement now."""

    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


def approve(session: Session, announcement_id: int, *, actor: User, now: datetime) -> Announcement:
    require(actor, Action.APPROVE)
    row = _pending(session, announcement_id, "menyetujui", "approved")
    _not_author(row, actor)
    row.status = AnnouncementStatus.APPROVED
    row.approved_by = actor.username
    row.approved_at = now
    row.review_note = None
    row.updated_at = now
    for publication in _publications(session, announcement_id):
        if publication.status == PublicationStatus.AWAITING_APPROVAL:
            publication.status = PublicationStatus.SCHEDULED
            publication.updated_at = now
    audit.record(
        session,
        "announcement.approved",
        actor=actor.username,
        subject_type="announcement",
        subject_id=announcement_id,
        at=now,
        revision=row.revision,
        hash=row.content_hash,
    )
    return row


def send_back(
    session: Session, announcement_id: int, comment: str, *, actor: User, now: datetime
) -> Announcement:
    require(actor, Action.APPROVE)
    comment = comment.strip()
    if not comment:
        raise ApprovalError(
            "Tulis alasan pengembalian agar penulis tahu apa yang harus diubah.",
            "Write why the announcement is sent back, so the author knows what to change.",
        )
    row = _pending(session, announcement_id, "mengembalikan", "sent back")
    _not_author(row, actor)
    row.status = AnnouncementStatus.RETURNED
    row.review_note = comment
    row.updated_at = now
    audit.record(
        session,
        "announcement.returned",
        actor=actor.username,
        subject_type="announcement",
        subject_id=announcement_id,
        at=now,
        revision=row.revision,
        comment=comment,
    )
    return row


def cancel(session: Session, announcement_id: int, *, actor: User, now: datetime) -> Announcement:
    require(actor, Action.COMPOSE)
    row = _get(session, announcement_id)
    if row.status == AnnouncementStatus.CANCELLED:
        return row
    publications = _publications(session, announcement_id)
    public = [p for p in publications if p.status in PUBLIC_STATES]
    if public:
        raise ApprovalError(
            f"Pengumuman #{announcement_id} sudah (sedang) terbit di {len(public)} kanal dan "
            "tidak dapat dibatalkan di sini; hapus unggahannya di platform bila perlu.",
            f"Announcement #{announcement_id} is (being) published on {len(public)} channel(s) "
            "and cannot be cancelled here; delete the post on the platform if needed.",
        )
    row.status = AnnouncementStatus.CANCELLED
    row.updated_at = now
    for publication in publications:
        publication.status = PublicationStatus.CANCELLED
        publication.updated_at = now
    audit.record(
        session,
        "announcement.cancelled",
        actor=actor.username,
        subject_type="announcement",
        subject_id=announcement_id,
        at=now,
    )
    return row


def _get(session: Session, announcement_id: int) -> Announcement:
    row = session.get(Announcement, announcement_id)
    if row is None:
        raise ApprovalError(
            f"Pengumuman #{announcement_id} tidak ada.",
            f"Announcement #{announcement_id} does not exist.",
        )
    return row


def _pending(session: Session, announcement_id: int, verb_id: str, verb_en: str) -> Announcement:
    row = _get(session, announcement_id)
    if row.status != AnnouncementStatus.PENDING_APPROVAL:
        raise ApprovalError(
            f"Pengumuman #{announcement_id} berstatus `{row.status}`; hanya yang menunggu "
            f"persetujuan yang dapat Anda {verb_id}.",
            f"Announcement #{announcement_id} is `{row.status}`; only one awaiting approval "
            f"can be {verb_en}.",
        )
    return row


def _not_author(row: Announcement, actor: User) -> None:
    if row.created_by is not None and row.created_by == actor.username:
        raise ApprovalError(
            f"Anda menulis pengumuman #{row.id}; persetujuan harus dari orang lain "
            "(aturan dua orang).",
            f"You wrote announcement #{row.id}; another person must approve it (two-person rule).",
        )


def _publications(session: Session, announcement_id: int) -> list[Publication]:
    return list(
        session.exec(
            select(Publication)
            .where(Publication.announcement_id == announcement_id)
            .order_by(col(Publication.id))
        ).all()
    )
