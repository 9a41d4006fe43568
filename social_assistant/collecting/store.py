"""Store replies once per channel and platform id; edits keep their history; deletions
are marked (never removed); unreadable payloads are kept raw with the reason."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.channels.base import RejectedItem, RemoteReply
from social_assistant.db.models import RejectedPayload, Reply

log = logging.getLogger(__name__)


def store_replies(
    session: Session,
    channel_id: int,
    replies: Sequence[RemoteReply],
    publications: Mapping[str, int],
    now: datetime,
) -> list[Reply]:
    """Insert new replies, update edited ones; returns the new rows.

    ``publications`` maps a conversation (our post's id) to its publication; a reply in
    any other conversation (an X mention elsewhere) is stored without one. An X edit
    (a new id whose history starts with a known id) updates the first version's row.
    """
    keys = {_key(r) for r in replies}
    known = {
        row.platform_id: row
        for row in session.exec(
            select(Reply)
            .where(Reply.channel_id == channel_id)
            .where(col(Reply.platform_id).in_(keys))
        ).all()
    }
    new: list[Reply] = []
    for remote in replies:
        publication_id = publications.get(remote.conversation_id)
        row = known.get(_key(remote))
        if row is None:
            row = _new_row(channel_id, publication_id, remote, now)
            known[row.platform_id] = row
            new.append(row)
            continue
        if row.publication_id is None and publication_id is not None:
            row.publication_id = publication_id
        if row.text != remote.text and row.deleted_at is None:
            _edit(session, row, remote, now)
    session.add_all(new)
    session.flush()  # one batched INSERT for the page's new replies
    audit.record_many(
        session,
        [
            audit.Event(
                "reply.collected",
                actor="collector",
                subject_type="reply",
                subject_id=row.id,
                at=now,
                data={"channel_id": channel_id, "platform_id": row.platform_id},
            )
            for row in new
        ],
    )
    session.flush()
    return new


def mark_deleted(
    session: Session, channel_id: int, platform_id: str, now: datetime, source: str
) -> Reply | None:
    """Record that the platform says ``platform_id`` was deleted (the row stays)."""
    row = session.exec(
        select(Reply).where(Reply.channel_id == channel_id, Reply.platform_id == platform_id)
    ).first()
    if row is None:
        log.info("deletion of unknown reply %s on channel %s (%s)", platform_id, channel_id, source)
        return None
    if row.deleted_at is None:
        row.deleted_at = now
        audit.record(
            session,
            "reply.deleted",
            actor="collector",
            subject_type="reply",
            subject_id=row.id,
            at=now,
            source=source,
            platform_id=platform_id,
        )
    return row


def store_rejected(
    session: Session, channel_id: int | None, rejected: Sequence[RejectedItem], now: datetime
) -> int:
    """Keep each unreadable payload once (per channel, source and raw text); log why."""
    stored = 0
    for item in rejected:
        seen = session.exec(
            select(RejectedPayload.id).where(
                RejectedPayload.channel_id == channel_id,
                RejectedPayload.source == item.source,
                RejectedPayload.raw == item.raw,
            )
        ).first()
        if seen is not None:
            continue
        log.warning(
            "skipped an unreadable reply payload from %s (channel %s): %s; raw: %.200s",
            item.source,
            channel_id,
            item.reason,
            item.raw,
        )
        row = RejectedPayload(
            channel_id=channel_id,
            source=item.source,
            raw=item.raw,
            reason=item.reason,
            received_at=now,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            "reply.rejected",
            actor="collector",
            subject_type="rejected_payload",
            subject_id=row.id,
            at=now,
            channel_id=channel_id,
            source=item.source,
            reason=item.reason,
        )
        stored += 1
    return stored


def _key(remote: RemoteReply) -> str:
    return remote.edit_of or remote.platform_id


def _new_row(
    channel_id: int, publication_id: int | None, remote: RemoteReply, now: datetime
) -> Reply:
    return Reply(
        channel_id=channel_id,
        publication_id=publication_id,
        platform_id=_key(remote),
        parent_platform_id=remote.parent_id or None,
        conversation_id=remote.conversation_id or None,
        author_id=remote.author_id or None,
        author_handle=remote.author_handle or None,
        text=remote.text,
        posted_at=remote.created_at,
        collected_at=now,
        raw=remote.raw,
    )


def _edit(session: Session, row: Reply, remote: RemoteReply, now: datetime) -> None:
    row.text_history = [*row.text_history, {"text": row.text, "until": now.isoformat()}]
    row.text = remote.text
    row.edited_at = now
    row.raw = remote.raw
    audit.record(
        session,
        "reply.edited",
        actor="collector",
        subject_type="reply",
        subject_id=row.id,
        at=now,
        platform_id=remote.platform_id,
    )
