"""Store replies once per channel and platform id; edits keep their history."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from social_assistant import audit
from social_assistant.channels import RemoteReply
from social_assistant.db.models import Reply

log = logging.getLogger(__name__)


def store_replies(
    session: Session,
    channel_id: int,
    publication_id: int,
    replies: Sequence[RemoteReply],
    now: datetime,
) -> list[Reply]:
    """Insert new replies, update edited ones; returns the new rows."""
    ids = [r.platform_id for r in replies]
    known = {
        row.platform_id: row
        for row in session.exec(
            select(Reply)
            .where(Reply.channel_id == channel_id)
            .where(col(Reply.platform_id).in_(ids))
        ).all()
    }
    new: list[Reply] = []
    for remote in replies:
        row = known.get(remote.platform_id)
        if row is None:
            row = _insert(session, channel_id, publication_id, remote, now)
            known[remote.platform_id] = row
            new.append(row)
        elif row.text != remote.text:
            _edit(session, row, remote, now)
    session.flush()
    return new


def _insert(
    session: Session, channel_id: int, publication_id: int, remote: RemoteReply, now: datetime
) -> Reply:
    row = Reply(
        channel_id=channel_id,
        publication_id=publication_id,
        platform_id=remote.platform_id,
        parent_platform_id=remote.parent_id or None,
        conversation_id=remote.conversation_id or None,
        author_id=remote.author_id or None,
        author_handle=remote.author_handle or None,
        text=remote.text,
        posted_at=remote.created_at,
        collected_at=now,
        raw=remote.raw,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        "reply.collected",
        actor="collector",
        subject_type="reply",
        subject_id=row.id,
        at=now,
        channel_id=channel_id,
        platform_id=remote.platform_id,
    )
    return row


def _edit(session: Session, row: Reply, remote: RemoteReply, now: datetime) -> None:
    row.text_history = [*row.text_history, {"text": row.text, "until": now.isoformat()}]
    row.text = remote.text
    row.edited_at = now
    row.raw = remote.raw
    audit.record(
        session, "reply.edited", actor="collector", subject_type="reply", subject_id=row.id, at=now
    )
