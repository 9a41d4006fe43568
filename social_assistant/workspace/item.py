"""One inbox item in full: the citizen's reply, the post it answered, the conversation,
the agency, the triage result, our replies, the clocks and the item's audit history.

Citizen text is returned as stored (untrusted): whoever renders it must escape it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from social_assistant.db.models import (
    Agency,
    Announcement,
    Aspiration,
    AuditEvent,
    Channel,
    Publication,
    Reply,
    TriageCorrection,
)
from social_assistant.workdays import WorkingCalendar
from social_assistant.workspace.clocks import Clock, clocks, current_clock
from social_assistant.workspace.errors import ItemNotFound
from social_assistant.workspace.inbox import clock_json

CONVERSATION_LIMIT = 100
HISTORY_LIMIT = 500


@dataclass(frozen=True)
class ReplyView:
    """The citizen's reply: current text, earlier versions, whether it was deleted."""

    id: int
    platform_id: str
    text: str
    author_handle: str | None
    posted_at: datetime | None
    edit_history: list[dict[str, str]]
    deleted: bool


@dataclass(frozen=True)
class PostView:
    """Our post the citizen answered."""

    publication_id: int
    announcement_id: int | None
    title: str | None
    text: str
    remote_id: str | None
    remote_url: str | None
    published_at: datetime | None


@dataclass(frozen=True)
class ConversationEntry:
    """Another citizen's reply in the same conversation (``this`` marks the item's own)."""

    reply_id: int
    author_handle: str | None
    text: str
    posted_at: datetime | None
    this: bool
    deleted: bool


@dataclass(frozen=True)
class AgencyView:
    code: str
    name: str
    contact_email: str | None
    contact_webhook: str | None


@dataclass(frozen=True)
class OurReply:
    """An officer's reply to the citizen, as the outbox knows it."""

    publication_id: int
    text: str
    status: str
    requested_by: str | None
    created_at: datetime
    published_at: datetime | None
    remote_id: str | None
    remote_url: str | None
    last_error: str | None


@dataclass(frozen=True)
class HistoryEntry:
    """One audit event about the item (or its replies): who did what, when."""

    seq: int
    at: datetime
    actor: str
    action: str
    data: dict[str, Any]


@dataclass(frozen=True)
class CorrectionView:
    corrected_by: str
    corrected_at: datetime
    old: dict[str, Any]
    new: dict[str, Any]


@dataclass(frozen=True)
class ItemView:
    """Everything the item page shows; :meth:`as_json` gives stable keys."""

    id: int
    kind: str
    category: str
    urgent: bool
    sentiment: float
    status: str
    reasons: list[str]
    personal_data: list[str]
    received_at: datetime
    forward_note: str | None
    dismissed_reason: str | None
    channel: str
    channel_kind: str
    reply: ReplyView
    post: PostView | None
    agency: AgencyView | None
    clocks: list[Clock]
    current: Clock | None
    conversation: list[ConversationEntry] = field(default_factory=list)
    our_replies: list[OurReply] = field(default_factory=list)
    corrections: list[CorrectionView] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return self.current is not None and self.current.overdue

    def as_json(self, language: str = "id") -> dict[str, Any]:
        data = {
            key: value
            for key, value in asdict(self).items()
            if key not in ("clocks", "current", "history")
        }
        data["overdue"] = self.overdue
        data["clocks"] = [clock_json(c, language) for c in self.clocks]
        data["current_clock"] = clock_json(self.current, language)
        data["history"] = [asdict(entry) for entry in self.history]
        result: dict[str, Any] = _jsonable(data)
        return result


def get_item(
    session: Session, aspiration_id: int, *, calendar: WorkingCalendar, now: datetime
) -> ItemView:
    """The item ``aspiration_id``; :class:`ItemNotFound` when there is none.

    Permissions are the caller's: viewing needs ``Action.VIEW``.
    """
    item = session.get(Aspiration, aspiration_id)
    if item is None or item.id is None:
        raise ItemNotFound(aspiration_id)
    reply = session.get(Reply, item.reply_id)
    assert reply is not None and reply.id is not None
    channel = session.get(Channel, reply.channel_id)
    assert channel is not None
    ours = _our_replies(session, item.id)
    return ItemView(
        id=item.id,
        kind=item.kind,
        category=item.category,
        urgent=item.urgent,
        sentiment=item.sentiment,
        status=item.status,
        reasons=list(item.reasons),
        personal_data=list(item.personal_data),
        received_at=item.received_at,
        forward_note=item.forward_note,
        dismissed_reason=item.dismissed_reason,
        channel=channel.name,
        channel_kind=channel.kind,
        reply=_reply_view(reply),
        post=_post(session, reply.publication_id),
        agency=_agency(session, item.agency_id),
        clocks=clocks(item, calendar, now),
        current=current_clock(item, calendar, now),
        conversation=_conversation(session, reply),
        our_replies=ours,
        corrections=_corrections(session, item.id),
        history=_history(session, item.id, [r.publication_id for r in ours]),
    )


def _reply_view(reply: Reply) -> ReplyView:
    assert reply.id is not None
    return ReplyView(
        id=reply.id,
        platform_id=reply.platform_id,
        text=reply.text,
        author_handle=reply.author_handle,
        posted_at=reply.posted_at,
        edit_history=list(reply.text_history),
        deleted=reply.deleted_at is not None,
    )


def _post(session: Session, publication_id: int | None) -> PostView | None:
    if publication_id is None:
        return None
    publication = session.get(Publication, publication_id)
    if publication is None or publication.id is None:
        return None
    announcement = (
        session.get(Announcement, publication.announcement_id)
        if publication.announcement_id
        else None
    )
    return PostView(
        publication_id=publication.id,
        announcement_id=publication.announcement_id,
        title=announcement.title if announcement else None,
        text=publication.text,
        remote_id=publication.remote_id,
        remote_url=publication.remote_url,
        published_at=publication.published_at,
    )


def _agency(session: Session, agency_id: int | None) -> AgencyView | None:
    agency = session.get(Agency, agency_id) if agency_id else None
    if agency is None:
        return None
    return AgencyView(agency.code, agency.name, agency.contact_email, agency.contact_webhook)


def _conversation(session: Session, reply: Reply) -> list[ConversationEntry]:
    if reply.conversation_id is None:
        return []
    query = (
        select(Reply)
        .where(col(Reply.channel_id) == reply.channel_id)
        .where(col(Reply.conversation_id) == reply.conversation_id)
        .order_by(col(Reply.posted_at), col(Reply.id))
        .limit(CONVERSATION_LIMIT)
    )
    return [
        ConversationEntry(
            reply_id=other.id or 0,
            author_handle=other.author_handle,
            text=other.text,
            posted_at=other.posted_at,
            this=other.id == reply.id,
            deleted=other.deleted_at is not None,
        )
        for other in session.exec(query).all()
    ]


def _our_replies(session: Session, aspiration_id: int) -> list[OurReply]:
    query = (
        select(Publication)
        .where(col(Publication.aspiration_id) == aspiration_id)
        .order_by(col(Publication.id))
    )
    return [
        OurReply(
            publication_id=row.id or 0,
            text=row.text,
            status=row.status,
            requested_by=row.requested_by,
            created_at=row.created_at,
            published_at=row.published_at,
            remote_id=row.remote_id,
            remote_url=row.remote_url,
            last_error=row.last_error,
        )
        for row in session.exec(query).all()
    ]


def _corrections(session: Session, aspiration_id: int) -> list[CorrectionView]:
    query = (
        select(TriageCorrection)
        .where(col(TriageCorrection.aspiration_id) == aspiration_id)
        .order_by(col(TriageCorrection.id))
    )
    return [
        CorrectionView(
            corrected_by=row.corrected_by,
            corrected_at=row.corrected_at,
            old={"kind": row.old_kind, "category": row.old_category, "urgent": row.old_urgent},
            new={"kind": row.new_kind, "category": row.new_category, "urgent": row.new_urgent},
        )
        for row in session.exec(query).all()
    ]


def _history(
    session: Session, aspiration_id: int, publication_ids: list[int]
) -> list[HistoryEntry]:
    about = and_(
        col(AuditEvent.subject_type) == "aspiration",
        col(AuditEvent.subject_id) == str(aspiration_id),
    )
    if publication_ids:
        replies = and_(
            col(AuditEvent.subject_type) == "publication",
            col(AuditEvent.subject_id).in_([str(pid) for pid in publication_ids]),
        )
        about = or_(about, replies)
    query = select(AuditEvent).where(about).order_by(col(AuditEvent.seq)).limit(HISTORY_LIMIT)
    return [
        HistoryEntry(event.seq, event.occurred_at, event.actor, event.action, dict(event.data))
        for event in session.exec(query).all()
    ]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
