"""A hand-built month of data (December 2026, WITA) whose figures the tests compute by hand.

Five aspirations are received in December (one more is dismissed, one arrives in
November), around Christmas (Fri 25 Dec), cuti bersama (Thu 24 Dec, from the settings),
New Year's Day and Isra Mi'raj (Tue 5 Jan 2027). The citizens' texts carry personal
data that no public output may show (see SEEDED_SECRETS).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from social_assistant.db import Database
from social_assistant.db.models import (
    Agency,
    Announcement,
    AnnouncementStatus,
    Aspiration,
    Channel,
    Publication,
    Reply,
)
from social_assistant.db.reference import sync_reference_data
from social_assistant.settings import Settings, load_settings

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2027, 1, 5, 12, 0, tzinfo=WITA)


def wita(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WITA)


# Everything here must never appear in an export, a report or the public page.
SEEDED_SECRETS = (
    "budi_santoso88",
    "1498765432109876543",
    "siti_rahma",
    "2233445566778899001",
    "warga_samarinda",
    "998877665544",
    "6472011203900005",
    "0812-3456-7890",
    "081234567890",
    "budi.santoso@example.com",
    "KT 1234 AB",
    "joko_w_99",
    "5550001112223334445",
)


@dataclass(frozen=True)
class Seed:
    """One aspiration of the dataset: who wrote it, when, and what was done about it."""

    key: str
    channel: str
    agency: str | None
    kind: str
    category: str
    status: str
    received: datetime
    deadlines: tuple[datetime, datetime, datetime]  # acknowledge, follow up, close (hand)
    sentiment: float
    text: str
    author_id: str
    handle: str
    urgent: bool = False
    acknowledged: datetime | None = None
    forwarded: datetime | None = None
    answered: datetime | None = None
    resolved: datetime | None = None


SEEDS = (
    Seed(
        "A1", "x-sandbox", "DPUPR", "complaint", "infrastructure", "resolved",
        wita(12, 23, 10), (wita(12, 31), wita(1, 5, year=2027), wita(1, 13, year=2027)),
        -0.6, "Jalan rusak parah di depan rumah saya, NIK 6472011203900005, hubungi 0812-3456-7890",
        "1498765432109876543", "budi_santoso88",
        acknowledged=wita(12, 28, 9, 30), forwarded=wita(12, 29, 11),
        resolved=wita(1, 4, 10, year=2027),
    ),
    Seed(
        "A2", "x-sandbox", "DPUPR", "complaint", "infrastructure", "forwarded",
        wita(12, 4, 15), (wita(12, 10), wita(12, 12), wita(12, 19)),
        -0.4, "Lampu jalan mati min, cc @siti_rahma email budi.santoso@example.com",
        "2233445566778899001", "siti_rahma",
        acknowledged=wita(12, 10, 8, 30), forwarded=wita(12, 11, 10),
    ),
    Seed(
        "A3", "fb-sandbox", "DINKES", "request", "health", "new",
        wita(12, 14, 20), (wita(12, 18), wita(12, 22), wita(12, 31)),
        -0.2, "Mohon ambulans ke puskesmas, nomor saya 081234567890", "998877665544",
        "warga_samarinda", urgent=True,
    ),
    Seed(
        "A4", "fb-sandbox", "DINKES", "question", "health", "new",
        wita(12, 30, 9), (wita(1, 7, year=2027), wita(1, 9, year=2027), wita(1, 16, year=2027)),
        0.1, "Syaratnya apa min untuk vaksin? mobil saya KT 1234 AB", "998877665544",
        "warga_samarinda",
    ),
    Seed(
        "A7", "x-sandbox", "DISHUB", "suggestion", "transport", "answered",
        wita(12, 1, 0, 30), (wita(12, 5), wita(12, 9), wita(12, 16)),
        0.5, "Sebaiknya bus kota ditambah", "5550001112223334445", "joko_w_99",
        answered=wita(12, 1, 9),
    ),
    Seed(
        "A5", "fb-sandbox", "DPUPR", "complaint", "infrastructure", "dismissed",
        wita(12, 10, 10), (wita(12, 16), wita(12, 18), wita(12, 29)),
        -0.9, "slot gacor @joko_w_99", "5550001112223334445", "joko_w_99",
    ),
    Seed(
        "A6", "x-sandbox", "DPUPR", "complaint", "infrastructure", "new",
        wita(11, 30, 23, 30), (wita(12, 4), wita(12, 8), wita(12, 15)),
        -0.3, "Got mampet di jalan Juanda", "1498765432109876543", "budi_santoso88",
    ),
)  # fmt: skip


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        None,
        home=str(tmp_path),
        database={"url": database_url},
        deadlines={"extra_holidays": ["2026-12-24"]},
    )


@pytest.fixture
def dataset(database: Database, settings: Settings) -> Database:
    """The hand-built month in ``database``."""
    with database.session() as session:
        sync_reference_data(session, settings)
        channels = {c.name: c.id for c in session.exec(select(Channel)).all()}
        agencies = {a.code: a.id for a in session.exec(select(Agency)).all()}
        _publications(session, channels)
        for n, seed in enumerate(SEEDS):
            reply = _reply(seed.channel, f"r{n}", seed.received, seed.text, channels)
            reply.author_id, reply.author_handle = seed.author_id, seed.handle
            session.add(reply)
            session.flush()
            session.add(_aspiration(seed, reply.id or 0, agencies))
        chatter = [
            ("x-sandbox", wita(12, 2, 10)),
            ("x-sandbox", wita(12, 3, 11)),
            ("x-sandbox", wita(12, 31, 23, 59)),
            ("fb-sandbox", wita(11, 20, 8)),
        ]
        for n, (channel, when) in enumerate(chatter):
            session.add(_reply(channel, f"c{n}", when, "mantap pak @joko_w_99", channels))
    return database


def _reply(
    channel: str, platform_id: str, when: datetime, text: str, channels: dict[str, Any]
) -> Reply:
    return Reply(
        channel_id=channels[channel], platform_id=platform_id, text=text, posted_at=when,
        author_id="5550001112223334445", author_handle="joko_w_99",
        raw={"author": {"username": "joko_w_99"}},
    )  # fmt: skip


def _aspiration(seed: Seed, reply_id: int, agencies: dict[str, Any]) -> Aspiration:
    ack, follow_up, close = seed.deadlines
    return Aspiration(
        reply_id=reply_id, kind=seed.kind, category=seed.category, urgent=seed.urgent,
        sentiment=seed.sentiment, agency_id=agencies[seed.agency] if seed.agency else None,
        status=seed.status, received_at=seed.received, acknowledge_due_at=ack,
        follow_up_due_at=follow_up, close_due_at=close, acknowledged_at=seed.acknowledged,
        forwarded_at=seed.forwarded, answered_at=seed.answered, resolved_at=seed.resolved,
        dismissed_reason="spam" if seed.status == "dismissed" else None,
    )  # fmt: skip


def _publications(session: Any, channels: dict[str, Any]) -> None:
    """P1-P7: on time (10 min), on time (15 min exactly), late (16 min), failed, held,
    cancelled, and one due in November."""
    rows = [
        (1, "x-sandbox", wita(12, 2, 9), "published", 10),
        (1, "fb-sandbox", wita(12, 2, 9), "published", 15),
        (2, "x-sandbox", wita(12, 8, 12), "published", 16),
        (2, "fb-sandbox", wita(12, 8, 12), "failed", None),
        (3, "x-sandbox", wita(12, 31, 8), "held", None),
        (4, "x-sandbox", wita(12, 20, 8), "cancelled", None),
        (5, "x-sandbox", wita(11, 30, 23, 50), "published", 1),
    ]
    announcements: dict[int, int] = {}
    for number, channel, due, status, minutes in rows:
        if number not in announcements:
            announcement = Announcement(
                content_hash=str(number), title=f"Pengumuman {number}", body="Teks",
                publish_at=due, status=AnnouncementStatus.APPROVED,
            )  # fmt: skip
            session.add(announcement)
            session.flush()
            announcements[number] = announcement.id
        sent = due + timedelta(minutes=minutes) if minutes is not None else None
        session.add(
            Publication(
                announcement_id=announcements[number],
                channel_id=channels[channel],
                status=status,
                text="Teks",
                due_at=due,
                sent_at=sent,
                published_at=sent,
                remote_id=f"{number}-{channel}" if sent else None,
            )
        )
