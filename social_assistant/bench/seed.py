"""Put many due posts straight into the outbox (bulk insert, no queue files)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlmodel import col, select

from social_assistant.db import Database
from social_assistant.db.models import (
    Announcement,
    AnnouncementStatus,
    Channel,
    Publication,
    PublicationStatus,
)

BATCH = 2000


def seed_due_posts(
    database: Database,
    channel_names: list[str],
    count: int,
    due_at: datetime,
    *,
    spread_seconds: float = 0.0,
    tag: str = "bench",
) -> None:
    """``count`` approved announcements, one publication each, round-robin over channels.

    Every text is unique (so duplicates can be counted on the platform side); with
    ``spread_seconds`` the due times are spread evenly over that span.
    """
    with database.session() as session:
        ids = dict(
            session.exec(
                select(Channel.name, Channel.id).where(col(Channel.name).in_(channel_names))
            ).all()
        )
    for start in range(0, count, BATCH):
        numbers = range(start, min(start + BATCH, count))
        _insert_batch(
            database,
            [ids[channel_names[n % len(channel_names)]] for n in numbers],
            list(numbers),
            count,
            due_at,
            spread_seconds,
            tag,
        )


def _insert_batch(
    database: Database,
    channel_ids: list[int | None],
    numbers: list[int],
    count: int,
    due_at: datetime,
    spread: float,
    tag: str,
) -> None:
    now = datetime.now(due_at.tzinfo)
    with database.session() as session:
        rows = []
        for n in numbers:
            due = due_at + timedelta(seconds=spread * n / max(count, 1))
            rows.append(
                {
                    "title": f"{tag} {n}",
                    "body": f"{tag} post {n}",
                    "content_hash": str(n),
                    "tags": [],
                    "media": [],
                    "variants": {},
                    "approval_required": False,
                    "thread": False,
                    "publish_at": due,
                    "revision": 1,
                    "status": AnnouncementStatus.APPROVED,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        returning = insert(Announcement).returning(col(Announcement.id))
        result = session.execute(returning, rows)
        announcement_ids = [row[0] for row in result]
        session.execute(
            insert(Publication),
            [
                {
                    "announcement_id": aid,
                    "channel_id": cid,
                    "status": PublicationStatus.SCHEDULED,
                    "text": f"{tag} post {n} — Pelatihan Pelayanan Publik Berbasis IT",
                    "due_at": row["publish_at"],
                    "attempts": 0,
                    "part_ids": [],
                    "created_at": now,
                    "updated_at": now,
                }
                for aid, cid, n, row in zip(
                    announcement_ids, channel_ids, numbers, rows, strict=True
                )
            ],
        )
