"""One public row per aspiration: pseudonymised citizen, redacted text, clocks and times.

Dismissed items (spam, misflagged chatter) are left out. Nothing that identifies a
citizen is written: no handle, platform user id or post id; NIK, phone numbers, e-mail
addresses and plates are masked by :func:`social_assistant.triage.personal_data.redact`,
and @mentions and the author's own handle are masked as ``[akun]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel import Session, col

from social_assistant.db.models import Aspiration, Channel, Reply
from social_assistant.metrics.aspirations import Item, period_items
from social_assistant.metrics.period import Period
from social_assistant.metrics.responsiveness import OfficeHours
from social_assistant.opendata.pseudonym import Pseudonymiser
from social_assistant.triage.personal_data import redact

MENTION = re.compile(r"@[A-Za-z0-9_.]+")
FIELDS = (
    "id", "citizen", "channel", "platform", "received_at", "kind", "category", "urgent",
    "agency", "status", "acknowledge_due_at", "follow_up_due_at", "close_due_at",
    "first_response_at", "followed_up_at", "resolved_at", "acknowledged_on_time",
    "followed_up_on_time", "hours_to_first_response", "working_hours_to_first_response",
    "sentiment", "text",
)  # fmt: skip


def public_text(text: str, handle: str | None) -> str:
    """``text`` with personal data, @mentions and the author's handle masked."""
    masked = MENTION.sub("[akun]", redact(text))
    if handle and len(handle) >= 3:
        masked = re.sub(re.escape(handle), "[akun]", masked, flags=re.IGNORECASE)
    return masked


def public_rows(
    session: Session,
    period: Period,
    pseudonyms: Pseudonymiser,
    office: OfficeHours,
    *,
    channel: str | None = None,
    agency: str | None = None,
) -> Iterator[dict[str, Any]]:
    """The public rows of the aspirations received in ``period``, oldest first."""
    items = [i for i in period_items(session, period, channel=channel, agency=agency)]
    authors = _authors(session, [item.reply_id for item in items if not item.dismissed])
    for item in items:
        if item.dismissed:
            continue
        text, author_id, handle, platform = authors[item.reply_id]
        yield _row(item, period.zone, office, platform, text, handle) | {
            "citizen": pseudonyms.citizen(platform, author_id or handle)
        }


def _row(
    item: Item, zone: ZoneInfo, office: OfficeHours, platform: str, text: str, handle: str | None
) -> dict[str, Any]:
    first, followed = item.first_response_at, item.followed_up_at
    return {
        "id": item.id,
        "channel": item.channel,
        "platform": platform,
        "received_at": _local(item.received_at, zone),
        "kind": item.kind,
        "category": item.category,
        "urgent": item.urgent,
        "agency": item.agency,
        "status": item.status,
        "acknowledge_due_at": _local(item.acknowledge_due_at, zone),
        "follow_up_due_at": _local(item.follow_up_due_at, zone),
        "close_due_at": _local(item.close_due_at, zone),
        "first_response_at": _local(first, zone),
        "followed_up_at": _local(followed, zone),
        "resolved_at": _local(item.resolved_at, zone),
        "acknowledged_on_time": _on_time(first, item.acknowledge_due_at),
        "followed_up_on_time": _on_time(followed, item.follow_up_due_at),
        "hours_to_first_response": _hours(item.received_at, first),
        "working_hours_to_first_response": (
            round(office.hours(item.received_at, first), 2) if first else None
        ),
        "sentiment": round(item.sentiment, 3),
        "text": public_text(text, handle),
    }


def _authors(
    session: Session, reply_ids: Iterable[int]
) -> dict[int, tuple[str, str | None, str | None, str]]:
    """reply id -> (text, author id, handle, platform kind), read in chunks."""
    ids = list(reply_ids)
    found: dict[int, tuple[str, str | None, str | None, str]] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(
                col(Reply.id),
                col(Reply.text),
                col(Reply.author_id),
                col(Reply.author_handle),
                col(Channel.kind),
            )
            .join(Channel, col(Channel.id) == col(Reply.channel_id))
            .join(Aspiration, col(Aspiration.reply_id) == col(Reply.id))
            .where(col(Reply.id).in_(ids[start : start + 500]))
        )
        for reply_id, text, author_id, handle, kind in session.execute(query):
            found[reply_id] = (text, author_id, handle, kind)
    return found


def _local(moment: datetime | None, zone: ZoneInfo) -> str | None:
    return moment.astimezone(zone).isoformat(timespec="minutes") if moment else None


def _on_time(done: datetime | None, due: datetime | None) -> bool | None:
    if done is None or due is None:
        return None
    return done <= due


def _hours(start: datetime, end: datetime | None) -> float | None:
    return round((end - start).total_seconds() / 3600, 2) if end else None
