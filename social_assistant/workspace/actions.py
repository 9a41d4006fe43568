"""What a responder does to an inbox item; every action checks the role and is audited.

Lifecycle: ``new → acknowledged → forwarded → answered → resolved``, or ``dismissed``
(not an aspiration). Shortcuts a real office takes are allowed: forwarding or
answering a new item, answering without forwarding, forwarding again to another
agency. An item that is resolved or dismissed is closed. A refused transition raises
:class:`WorkflowError` naming the item and its status; nothing is changed.

Each action runs in the caller's session (one transaction: the change, its audit
event and any notification or outbox row commit together) and takes ``now`` from the
caller, so tests and the daemon share one clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.collecting.inbox import notify_urgent
from social_assistant.db.models import (
    Agency,
    Aspiration,
    AspirationStatus,
    Channel,
    Publication,
    PublicationStatus,
    Reply,
    TriageCorrection,
    User,
)
from social_assistant.notify.outbox import enqueue_each
from social_assistant.permissions import Action, require
from social_assistant.queue.xtext import weighted_length
from social_assistant.settings import Settings
from social_assistant.taxonomy import Category, Kind
from social_assistant.triage.personal_data import detect, redact
from social_assistant.workspace.errors import InvalidRequest, ItemNotFound, WorkflowError

S = AspirationStatus
STATUS_ID = {
    S.NEW: "baru",
    S.ACKNOWLEDGED: "diterima",
    S.FORWARDED: "diteruskan",
    S.ANSWERED: "dijawab",
    S.RESOLVED: "selesai",
    S.DISMISSED: "bukan aspirasi",
}
ACKNOWLEDGE_FROM = (S.NEW,)
FORWARD_FROM = (S.NEW, S.ACKNOWLEDGED, S.FORWARDED)
REPLY_FROM = (S.NEW, S.ACKNOWLEDGED, S.FORWARDED, S.ANSWERED)
RESOLVE_FROM = (S.ACKNOWLEDGED, S.FORWARDED, S.ANSWERED)
DISMISS_FROM = (S.NEW, S.ACKNOWLEDGED, S.FORWARDED)
# A reply longer than this cannot be posted (X counts weighted characters).
REPLY_LIMITS = {"x": 280, "facebook": 8000}
PENDING_REPLY = (
    PublicationStatus.SCHEDULED,
    PublicationStatus.CLAIMED,
    PublicationStatus.SENDING,
)
PERSONAL_DATA_ID = {"nik": "NIK", "phone": "nomor telepon", "email": "e-mail", "plate": "pelat"}
REPEAT_WINDOW = timedelta(days=1)
# Reply rows are never polled for citizens' replies (see reply()).
NEVER = datetime.fromisoformat("9999-12-31T00:00:00+00:00")


@dataclass(frozen=True)
class ActionResult:
    """What an action did, with a sentence for the officer (Indonesian and English)."""

    aspiration_id: int
    action: str
    status: str
    message_id: str
    message_en: str
    notified: tuple[str, ...] = ()
    publication_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.aspiration_id,
            "action": self.action,
            "status": self.status,
            "message": self.message_id,
            "message_en": self.message_en,
            "notified": list(self.notified),
            "publication_id": self.publication_id,
        }


@dataclass(frozen=True)
class BulkResult:
    """``dismiss_many``: the items dismissed and, for the rest, why not."""

    done: list[int] = field(default_factory=list)
    refused: list[tuple[int, str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "dismissed": self.done,
            "refused": [
                {"id": item, "message": message_id, "message_en": message_en}
                for item, message_id, message_en in self.refused
            ],
        }


def acknowledge(
    session: Session, aspiration_id: int, *, actor: User, now: datetime, settings: Settings
) -> ActionResult:
    """Confirm the item is an aspiration being handled (``new → acknowledged``)."""
    require(actor, Action.RESPOND)
    item = _load(session, aspiration_id)
    _allowed(item, ACKNOWLEDGE_FROM, "menerima", "acknowledge")
    _move(session, item, S.ACKNOWLEDGED, "aspiration.acknowledged", actor, now)
    item.acknowledged_at = now
    return _result(item, "acknowledge", "diterima", "acknowledged")


def forward(
    session: Session,
    aspiration_id: int,
    agency_code: str,
    note: str = "",
    *,
    actor: User,
    now: datetime,
    settings: Settings,
) -> ActionResult:
    """Disposition: hand the item to ``agency_code`` and notify its contact.

    The agency's contact e-mail and webhook each get a notification (sent later by the
    dispatcher) with the citizen's personal data masked.
    """
    require(actor, Action.RESPOND)
    item = _load(session, aspiration_id)
    _allowed(item, FORWARD_FROM, "meneruskan", "forward")
    agency = _agency(session, agency_code)
    item.agency_id = agency.id
    item.forward_note = note.strip() or None
    item.acknowledged_at = item.acknowledged_at or now
    item.forwarded_at = now
    notified = _notify_agency(session, item, agency, settings)
    _move(
        session,
        item,
        S.FORWARDED,
        "aspiration.forwarded",
        actor,
        now,
        agency=agency.code,
        note=item.forward_note,
        notified=list(notified),
    )
    done_id, done_en = f"diteruskan ke {agency.code}", f"forwarded to {agency.code}"
    if not notified:
        done_id += (
            f"; {agency.code} belum punya kontak (contact_email/contact_webhook di "
            "[[agencies]]): kabari mereka dengan cara lain"
        )
        done_en += (
            f"; {agency.code} has no contact configured (contact_email/contact_webhook in "
            "[[agencies]]): tell them another way"
        )
    return _result(item, "forward", done_id, done_en, notified=notified)


def reply(
    session: Session,
    aspiration_id: int,
    text: str,
    *,
    actor: User,
    now: datetime,
    settings: Settings,
) -> ActionResult:
    """Queue ``text`` as an answer to the citizen on the platform.

    The answer is an outbox row the publishing engine sends exactly once with
    ``channel.reply``; the item becomes ``answered`` when it is published. Refused when
    the text holds personal data, is too long for the platform, or another answer to
    this item is still on its way.
    """
    require(actor, Action.RESPOND)
    item = _load(session, aspiration_id)
    _allowed(item, REPLY_FROM, "membalas", "reply to")
    citizen = session.get(Reply, item.reply_id)
    assert citizen is not None
    channel = session.get(Channel, citizen.channel_id)
    assert channel is not None
    text = _reply_text(text, channel.kind)
    if citizen.deleted_at is not None:
        raise WorkflowError(
            f"Balasan warga untuk aspirasi #{item.id} sudah dihapus di platform: "
            "tidak dapat dibalas di sana.",
            f"The citizen's reply of aspiration #{item.id} was deleted on the platform; "
            "it cannot be answered there.",
        )
    _no_pending_reply(session, item)
    _not_repeated(session, item, citizen.channel_id, text, now)
    row = Publication(
        announcement_id=None,
        channel_id=citizen.channel_id,
        status=PublicationStatus.SCHEDULED,
        text=text,
        due_at=now,
        in_reply_to=citizen.platform_id,
        aspiration_id=item.id,
        requested_by=actor.username,
        replies_next_poll_at=NEVER,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "aspiration.reply_queued",
        actor=actor.username,
        subject_type="aspiration",
        subject_id=item.id,
        at=now,
        publication_id=row.id,
        channel=channel.name,
        in_reply_to=citizen.platform_id,
        text=text,
    )
    return _result(
        item,
        "reply",
        f": balasan dijadwalkan (publikasi #{row.id}), dikirim oleh daemon",
        f": reply queued (publication #{row.id}); the daemon sends it",
        publication_id=row.id,
    )


def resolve(
    session: Session,
    aspiration_id: int,
    note: str = "",
    *,
    actor: User,
    now: datetime,
    settings: Settings,
) -> ActionResult:
    """Close the item as handled (``→ resolved``)."""
    require(actor, Action.RESPOND)
    item = _load(session, aspiration_id)
    _allowed(item, RESOLVE_FROM, "menyelesaikan", "resolve")
    item.resolved_at = now
    _move(session, item, S.RESOLVED, "aspiration.resolved", actor, now, note=note.strip() or None)
    return _result(item, "resolve", "selesai", "resolved")


def dismiss(
    session: Session,
    aspiration_id: int,
    reason: str,
    *,
    actor: User,
    now: datetime,
    settings: Settings,
) -> ActionResult:
    """Close the item as not an aspiration (spam, chatter...), with a reason."""
    require(actor, Action.RESPOND)
    reason = _reason(reason)
    item = _load(session, aspiration_id)
    _allowed(item, DISMISS_FROM, "menolak", "dismiss")
    item.dismissed_reason = reason
    _move(session, item, S.DISMISSED, "aspiration.dismissed", actor, now, reason=reason)
    return _result(item, "dismiss", "ditandai bukan aspirasi", "dismissed")


def dismiss_many(
    session: Session,
    aspiration_ids: Iterable[int],
    reason: str,
    *,
    actor: User,
    now: datetime,
    settings: Settings,
) -> BulkResult:
    """Dismiss several items (spam waves); items that cannot be dismissed are listed."""
    require(actor, Action.RESPOND)
    reason = _reason(reason)
    result = BulkResult()
    for aspiration_id in dict.fromkeys(aspiration_ids):
        try:
            dismiss(session, aspiration_id, reason, actor=actor, now=now, settings=settings)
        except (ItemNotFound, WorkflowError) as refusal:
            result.refused.append((aspiration_id, refusal.message_id, refusal.message_en))
        else:
            result.done.append(aspiration_id)
    return result


def correct(
    session: Session,
    aspiration_id: int,
    *,
    kind: str | None = None,
    category: str | None = None,
    urgent: bool | None = None,
    actor: User,
    now: datetime,
    settings: Settings,
) -> ActionResult:
    """Fix the triage result; the correction is kept as training feedback.

    A new category re-routes an item that has not been forwarded yet.
    """
    require(actor, Action.RESPOND)
    item = _load(session, aspiration_id)
    old = (item.kind, item.category, item.urgent)
    new = (
        _choice(Kind, kind, "kind") if kind else item.kind,
        _choice(Category, category, "category") if category else item.category,
        item.urgent if urgent is None else urgent,
    )
    if new == old:
        raise InvalidRequest(
            f"Tidak ada yang diubah pada triase aspirasi #{item.id}.",
            f"Nothing to correct on aspiration #{item.id}: the labels are the same.",
        )
    citizen = session.get(Reply, item.reply_id)
    assert citizen is not None and citizen.id is not None and item.id is not None
    session.add(
        TriageCorrection(
            aspiration_id=item.id,
            reply_id=citizen.id,
            text=citizen.text,
            old_kind=old[0],
            old_category=old[1],
            old_urgent=old[2],
            new_kind=new[0],
            new_category=new[1],
            new_urgent=new[2],
            corrected_by=actor.username,
            corrected_at=now,
        )
    )
    item.kind, item.category, item.urgent = new
    if new[1] != old[1] and item.status in (S.NEW, S.ACKNOWLEDGED):
        item.agency_id = _routed_agency(session, settings, new[1])
    item.updated_at = now
    audit.record(
        session,
        "aspiration.corrected",
        actor=actor.username,
        subject_type="aspiration",
        subject_id=item.id,
        at=now,
        old={"kind": old[0], "category": old[1], "urgent": old[2]},
        new={"kind": new[0], "category": new[1], "urgent": new[2]},
    )
    done_id, done_en = "triasenya dikoreksi", "triage corrected"
    if new[2] and not old[2] and item.status not in (S.RESOLVED, S.DISMISSED):
        notify_urgent(session, item, citizen, settings)  # urgent now: tell a human at once
        done_id += "; pemberitahuan mendesak dikirim"
        done_en += "; urgent notification sent"
    if not Kind(new[0]).is_aspiration:
        done_id += f"; `{new[0]}` bukan aspirasi: tolak (dismiss) item ini bila perlu"
        done_en += f"; `{new[0]}` is not an aspiration: dismiss the item if so"
    return _result(item, "correct", done_id, done_en)


def _load(session: Session, aspiration_id: int) -> Aspiration:
    """The item, locked for this transaction on PostgreSQL (SQLite: BEGIN IMMEDIATE)."""
    query = select(Aspiration).where(col(Aspiration.id) == aspiration_id).with_for_update()
    item = session.exec(query).first()
    if item is None:
        raise ItemNotFound(aspiration_id)
    return item


def _allowed(item: Aspiration, allowed: Sequence[S], verb_id: str, verb_en: str) -> None:
    if item.status in allowed:
        return
    status = S(item.status)
    raise WorkflowError(
        f"Aspirasi #{item.id} berstatus `{status}` ({STATUS_ID[status]}): tidak dapat "
        f"{verb_id} (hanya dari {', '.join(f'`{s}`' for s in allowed)}).",
        f"Cannot {verb_en} aspiration #{item.id}: its status is `{status}` "
        f"(allowed from {', '.join(f'`{s}`' for s in allowed)}).",
    )


def _move(
    session: Session,
    item: Aspiration,
    status: S,
    action: str,
    actor: User,
    now: datetime,
    **data: Any,
) -> None:
    before = item.status
    item.status = status
    item.updated_at = now
    audit.record(
        session,
        action,
        actor=actor.username,
        subject_type="aspiration",
        subject_id=item.id,
        at=now,
        **{"from": before, "to": str(status)},
        **data,
    )


def _result(
    item: Aspiration, action: str, done_id: str, done_en: str, **extra: Any
) -> ActionResult:
    assert item.id is not None
    space_id = "" if done_id.startswith(":") else " "
    space_en = "" if done_en.startswith(":") else " "
    return ActionResult(
        aspiration_id=item.id,
        action=action,
        status=item.status,
        message_id=f"Aspirasi #{item.id}{space_id}{done_id}.",
        message_en=f"Aspiration #{item.id}{space_en}{done_en}.",
        **extra,
    )


def _agency(session: Session, code: str) -> Agency:
    agency = session.exec(select(Agency).where(col(Agency.code) == code)).first()
    if agency is None or not agency.active:
        known = session.exec(
            select(Agency.code).where(col(Agency.active)).order_by(col(Agency.code))
        ).all()
        raise InvalidRequest(
            f"Instansi `{code}` tidak dikenal. Pilihan: {', '.join(known)} "
            "(lihat [[agencies]] di konfigurasi).",
            f"Unknown agency `{code}`; known: {', '.join(known)} ([[agencies]] in the config).",
        )
    return agency


def _routed_agency(session: Session, settings: Settings, category: str) -> int | None:
    code = settings.routing.get(Category(category))
    if code is None:
        return None
    return session.exec(select(Agency.id).where(col(Agency.code) == code)).first()


def _notify_agency(
    session: Session, item: Aspiration, agency: Agency, settings: Settings
) -> tuple[str, ...]:
    citizen = session.get(Reply, item.reply_id)
    assert citizen is not None
    payload = {
        "aspiration_id": item.id,
        "kind": item.kind,
        "category": item.category,
        "urgent": item.urgent,
        "agency": agency.code,
        "agency_name": agency.name,
        "text": redact(citizen.text),
        "note": redact(item.forward_note) if item.forward_note else None,
        "received_at": item.received_at.isoformat(),
        "follow_up_due_at": item.follow_up_due_at.isoformat() if item.follow_up_due_at else None,
        "close_due_at": item.close_due_at.isoformat() if item.close_due_at else None,
    }
    targets = [("email", agency.contact_email), ("webhook", agency.contact_webhook)]
    return tuple(
        enqueue_each(
            session,
            targets,
            reason="disposition",
            subject_type="aspiration",
            subject_id=item.id,
            title=f"Disposisi aspirasi #{item.id} ({item.category}) untuk {agency.code}",
            payload=payload,
        )
    )


def _reply_text(text: str, channel_kind: str) -> str:
    text = text.strip()
    if not text:
        raise InvalidRequest("Teks balasan kosong.", "The reply text is empty.")
    found = detect(text)
    if found:
        names_id = ", ".join(PERSONAL_DATA_ID.get(kind, kind) for kind in found)
        raise InvalidRequest(
            f"Teks balasan memuat data pribadi ({names_id}); balasan tampil untuk umum "
            "(UU 27/2022). Hapus data itu lalu kirim lagi.",
            f"The reply contains personal data ({', '.join(found)}) and would be public "
            "(UU 27/2022); remove it and send again.",
        )
    limit = REPLY_LIMITS.get(channel_kind, REPLY_LIMITS["x"])
    length = weighted_length(text) if channel_kind == "x" else len(text)
    if length > limit:
        raise InvalidRequest(
            f"Teks balasan terlalu panjang untuk {channel_kind}: {length} dari {limit} karakter.",
            f"The reply is too long for {channel_kind}: {length} of {limit} characters.",
        )
    return text


def _no_pending_reply(session: Session, item: Aspiration) -> None:
    pending = session.exec(
        select(Publication.id)
        .where(col(Publication.aspiration_id) == item.id)
        .where(col(Publication.status).in_([str(s) for s in PENDING_REPLY]))
    ).first()
    if pending is not None:
        raise WorkflowError(
            f"Balasan untuk aspirasi #{item.id} masih dalam antrean (publikasi #{pending}); "
            "tunggu sampai terkirim.",
            f"A reply to aspiration #{item.id} is still queued (publication #{pending}); "
            "wait until it is sent.",
        )


def _not_repeated(
    session: Session, item: Aspiration, channel_id: int, text: str, now: datetime
) -> None:
    """Platforms refuse (X) or hide identical replies, and reconciliation matches replies
    by text: the same words for two citizens on one channel within a day are refused."""
    same = session.exec(
        select(Publication.aspiration_id)
        .where(col(Publication.channel_id) == channel_id)
        .where(col(Publication.aspiration_id).is_not(None))
        .where(col(Publication.created_at) >= now - REPEAT_WINDOW)
        .where(col(Publication.text) == text)
        .where(col(Publication.status) != PublicationStatus.FAILED)
    ).first()
    if same is not None:
        raise InvalidRequest(
            f"Teks yang sama sudah dikirim ke aspirasi #{same} dalam 24 jam terakhir di kanal "
            "ini; platform menolak teks kembar. Ubah sedikit, mis. sebut nomor aspirasi.",
            f"The same text was sent to aspiration #{same} on this channel in the last 24 "
            "hours; platforms refuse identical posts. Vary it, e.g. name the item number.",
        )


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise InvalidRequest(
            "Alasan wajib diisi (mis. `spam judi online`).",
            "A reason is required (e.g. `online gambling spam`).",
        )
    return reason


def _choice(enum: Any, value: str, name: str) -> str:
    allowed = [str(member) for member in enum]
    if value not in allowed:
        raise InvalidRequest(
            f"Nilai `{name}` tidak dikenal: {value!r}. Pilihan: {', '.join(allowed)}.",
            f"Unknown `{name}` {value!r}; allowed: {', '.join(allowed)}.",
        )
    return value
