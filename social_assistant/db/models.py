"""The tables. Every time is an aware UTC datetime (see :class:`UTCDateTime`).

Statuses are stored as plain strings (the enums below) so that adding a state needs no
database enum migration.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from social_assistant.db.types import UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


def _time(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _created() -> Any:
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class AnnouncementStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    RETURNED = "returned"  # sent back to the author with a comment
    CANCELLED = "cancelled"


class PublicationStatus(StrEnum):
    """The outbox states. ``claimed``: a worker holds the row, nothing sent yet;
    ``sending``: the platform call has (or may have) started, so a worker that finds it
    with an expired lease must reconcile with the platform before posting again."""

    AWAITING_APPROVAL = "awaiting_approval"
    SCHEDULED = "scheduled"
    CLAIMED = "claimed"
    SENDING = "sending"
    PUBLISHED = "published"
    FAILED = "failed"
    HELD = "held"
    CANCELLED = "cancelled"


# A publication in one of these states has (or may have) reached the platform.
PUBLIC_STATES = frozenset({PublicationStatus.SENDING, PublicationStatus.PUBLISHED})


class AspirationStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    APPROVER = "approver"
    RESPONDER = "responder"
    VIEWER = "viewer"


class Channel(SQLModel, table=True):
    """A social media account; its settings live in the config, its state here."""

    __tablename__ = "channels"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=40, unique=True)
    kind: str = Field(max_length=20)
    enabled: bool = True
    disabled_reason: str | None = Field(default=None, sa_column=Column(Text))
    disabled_at: datetime | None = _time(nullable=True)
    paused_until: datetime | None = _time(nullable=True)
    created_at: datetime = _created()


class Agency(SQLModel, table=True):
    """A government agency (OPD) that answers aspirations."""

    __tablename__ = "agencies"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=30, unique=True)
    name: str = Field(max_length=200)
    contact_email: str | None = Field(default=None, max_length=200)
    contact_webhook: str | None = Field(default=None, max_length=500)
    active: bool = True
    created_at: datetime = _created()


class Announcement(SQLModel, table=True):
    """A program announcement, from a queue file or the web UI; posted once per channel."""

    __tablename__ = "announcements"

    id: int | None = Field(default=None, primary_key=True)
    source_path: str | None = Field(default=None, max_length=500, unique=True)
    content_hash: str = Field(max_length=64)
    title: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    program: str | None = Field(default=None, max_length=200)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    media: list[dict[str, str]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    variants: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    approval_required: bool = True
    thread: bool = False
    slot: str | None = Field(default=None, max_length=20)
    publish_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    status: str = Field(default=AnnouncementStatus.PENDING_APPROVAL, max_length=30)
    revision: int = 1
    created_by: str | None = Field(default=None, max_length=80)
    approved_by: str | None = Field(default=None, max_length=80)
    approved_at: datetime | None = _time(nullable=True)
    review_note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = _created()
    updated_at: datetime = _created()


class AnnouncementRevision(SQLModel, table=True):
    """The history of an announcement: one row per version ever ingested or refused."""

    __tablename__ = "announcement_revisions"
    __table_args__ = (UniqueConstraint("announcement_id", "revision"),)

    id: int | None = Field(default=None, primary_key=True)
    announcement_id: int = Field(foreign_key="announcements.id", index=True)
    revision: int
    content_hash: str = Field(max_length=64)
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    accepted: bool = True
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = _created()


class Publication(SQLModel, table=True):
    """The outbox: one row per announcement and channel, the truth about what was posted."""

    __tablename__ = "publications"
    __table_args__ = (
        UniqueConstraint("announcement_id", "channel_id"),
        Index("ix_publications_status_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # None for a reply to a citizen (see ``in_reply_to``).
    announcement_id: int | None = Field(default=None, foreign_key="announcements.id", index=True)
    channel_id: int = Field(foreign_key="channels.id", index=True)
    status: str = Field(default=PublicationStatus.AWAITING_APPROVAL, max_length=30)
    text: str = Field(sa_column=Column(Text, nullable=False))
    due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    attempts: int = 0
    next_attempt_at: datetime | None = _time(nullable=True)
    claimed_by: str | None = Field(default=None, max_length=120)
    lease_until: datetime | None = _time(nullable=True)
    sent_at: datetime | None = _time(nullable=True, index=True)
    remote_id: str | None = Field(default=None, max_length=100)
    remote_url: str | None = Field(default=None, max_length=500)
    part_ids: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    published_at: datetime | None = _time(nullable=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    # Collecting citizens' replies: the platform's watermark and the polling schedule.
    replies_cursor: str | None = Field(default=None, max_length=200)
    # A read cut short (X read budget): go on below this id, then make the watermark
    # ``replies_pending_cursor`` (the newest id that read saw).
    replies_resume_until: str | None = Field(default=None, max_length=200)
    replies_pending_cursor: str | None = Field(default=None, max_length=200)
    replies_polled_at: datetime | None = _time(nullable=True)
    replies_next_poll_at: datetime | None = _time(nullable=True, index=True)
    # An officer's answer to a citizen: sent with ``channel.reply(in_reply_to, text)``.
    # aspiration_id has no foreign key: aspirations -> replies -> publications would loop.
    in_reply_to: str | None = Field(default=None, max_length=100)
    aspiration_id: int | None = Field(default=None, index=True)
    requested_by: str | None = Field(default=None, max_length=80)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Reply(SQLModel, table=True):
    """A citizen's reply or comment, stored once per channel and platform id."""

    __tablename__ = "replies"
    __table_args__ = (UniqueConstraint("channel_id", "platform_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int = Field(foreign_key="channels.id", index=True)
    publication_id: int | None = Field(default=None, foreign_key="publications.id", index=True)
    platform_id: str = Field(max_length=100)
    parent_platform_id: str | None = Field(default=None, max_length=100)
    conversation_id: str | None = Field(default=None, max_length=100, index=True)
    author_id: str | None = Field(default=None, max_length=100)
    author_handle: str | None = Field(default=None, max_length=200)
    text: str = Field(sa_column=Column(Text, nullable=False))
    text_history: list[dict[str, str]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    posted_at: datetime | None = _time(nullable=True, index=True)
    collected_at: datetime = _created()
    edited_at: datetime | None = _time(nullable=True)
    deleted_at: datetime | None = _time(nullable=True)
    raw: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class Aspiration(SQLModel, table=True):
    """A reply flagged as an aspiration: the inbox item with its working-day clocks."""

    __tablename__ = "aspirations"
    __table_args__ = (
        Index("ix_aspirations_status_urgent", "status", "urgent"),
        # The inbox order (urgent first, newest first) alone and under each filter.
        Index("ix_aspirations_inbox", "urgent", "received_at", "id"),
        Index("ix_aspirations_inbox_status", "status", "urgent", "received_at", "id"),
        Index("ix_aspirations_inbox_kind", "kind", "urgent", "received_at", "id"),
        Index("ix_aspirations_inbox_category", "category", "urgent", "received_at", "id"),
        Index("ix_aspirations_inbox_agency", "agency_id", "urgent", "received_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    reply_id: int = Field(foreign_key="replies.id", unique=True)
    kind: str = Field(max_length=20)
    category: str = Field(max_length=30)
    urgent: bool = False
    sentiment: float = 0.0
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    personal_data: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    agency_id: int | None = Field(default=None, foreign_key="agencies.id", index=True)
    status: str = Field(default=AspirationStatus.NEW, max_length=20)
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    acknowledge_due_at: datetime | None = _time(nullable=True)
    follow_up_due_at: datetime | None = _time(nullable=True)
    close_due_at: datetime | None = _time(nullable=True)
    acknowledged_at: datetime | None = _time(nullable=True)
    forwarded_at: datetime | None = _time(nullable=True)
    answered_at: datetime | None = _time(nullable=True)
    resolved_at: datetime | None = _time(nullable=True)
    dismissed_reason: str | None = Field(default=None, sa_column=Column(Text))
    forward_note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = _created()
    updated_at: datetime = _created()


class User(SQLModel, table=True):
    """An officer account with one role; passwords are argon2 hashes."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True)
    display_name: str = Field(max_length=200)
    role: str = Field(max_length=20)
    password_hash: str = Field(max_length=300)
    active: bool = True
    created_at: datetime = _created()
    last_login_at: datetime | None = _time(nullable=True)


class AuditEvent(SQLModel, table=True):
    """An append-only record of a state change, sealed into a hash chain.

    ``seq`` numbers the events 1, 2, 3... without gaps (``id`` may skip after a
    rollback); ``hash`` covers the event and ``prev_hash``, the hash of event ``seq - 1``.
    Written only by :func:`social_assistant.audit.record`.
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject", "subject_type", "subject_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(unique=True, index=True)
    occurred_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True)
    )
    actor: str = Field(max_length=120)
    action: str = Field(max_length=60, index=True)
    subject_type: str = Field(max_length=40)
    subject_id: str | None = Field(default=None, max_length=100)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Notification(SQLModel, table=True):
    """A message to a person (urgent aspiration, disposition): a row before it is sent."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_status_next", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    target: str = Field(max_length=500)
    reason: str = Field(max_length=60)
    subject_type: str = Field(max_length=40)
    subject_id: str | None = Field(default=None, max_length=100)
    title: str = Field(max_length=300)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=NotificationStatus.PENDING, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime | None = _time(nullable=True)
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    sent_at: datetime | None = _time(nullable=True)
    created_at: datetime = _created()


class ReplyCursor(SQLModel, table=True):
    """A channel-wide reply source's watermark (X mentions), kept across restarts."""

    __tablename__ = "reply_cursors"
    __table_args__ = (UniqueConstraint("channel_id", "source"),)

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int = Field(foreign_key="channels.id", index=True)
    source: str = Field(max_length=30)
    cursor: str | None = Field(default=None, max_length=200)
    polled_at: datetime | None = _time(nullable=True)
    next_poll_at: datetime | None = _time(nullable=True)


class ReadUsage(SQLModel, table=True):
    """Items a platform bills as read, per channel and calendar month (UTC, ``YYYY-MM``).

    Reads are reserved before a call (a conditional UPDATE that never passes the budget)
    and the unused part is given back after it, so several daemons share one budget.
    """

    __tablename__ = "read_usage"
    __table_args__ = (UniqueConstraint("channel_id", "month"),)

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int = Field(foreign_key="channels.id", index=True)
    month: str = Field(max_length=7)
    reads: int = 0
    calls: int = 0


class RejectedPayload(SQLModel, table=True):
    """A reply payload that could not be read, kept raw with the reason (never dropped)."""

    __tablename__ = "rejected_payloads"

    id: int | None = Field(default=None, primary_key=True)
    channel_id: int | None = Field(default=None, foreign_key="channels.id", index=True)
    source: str = Field(max_length=40)
    raw: str = Field(sa_column=Column(Text, nullable=False))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    received_at: datetime = _created()


class TriageCorrection(SQLModel, table=True):
    """An officer's correction of a triage result: training feedback for the classifier."""

    __tablename__ = "triage_corrections"

    id: int | None = Field(default=None, primary_key=True)
    aspiration_id: int = Field(foreign_key="aspirations.id", index=True)
    reply_id: int = Field(foreign_key="replies.id")
    text: str = Field(sa_column=Column(Text, nullable=False))
    old_kind: str = Field(max_length=20)
    old_category: str = Field(max_length=30)
    old_urgent: bool
    new_kind: str = Field(max_length=20)
    new_category: str = Field(max_length=30)
    new_urgent: bool
    corrected_by: str = Field(max_length=80)
    corrected_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class AspirationEscalation(SQLModel, table=True):
    """One overdue deadline of an item, escalated once (the unique pair guarantees it)."""

    __tablename__ = "aspiration_escalations"
    __table_args__ = (UniqueConstraint("aspiration_id", "step"),)

    id: int | None = Field(default=None, primary_key=True)
    aspiration_id: int = Field(foreign_key="aspirations.id")
    step: str = Field(max_length=20)
    due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    escalated_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    notified: int = 0


class LoginAttempt(SQLModel, table=True):
    """A web login try, kept to throttle guessing (per user name and per client)."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80)
    client: str = Field(max_length=100, index=True)
    success: bool = False
    at: datetime = _created()


class ApiToken(SQLModel, table=True):
    """A bearer token for the JSON API and scripts; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True)
    name: str = Field(max_length=100)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = _created()
    last_used_at: datetime | None = _time(nullable=True)
    revoked_at: datetime | None = _time(nullable=True)


class EngagementSnapshot(SQLModel, table=True):
    """The public counts of one published post as the platform reported them at one time."""

    __tablename__ = "engagement_snapshots"
    __table_args__ = (
        Index("ix_engagement_snapshots_publication_at", "publication_id", "fetched_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    publication_id: int = Field(foreign_key="publications.id")
    fetched_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    likes: int = 0
    reposts: int = 0
    comments: int = 0
