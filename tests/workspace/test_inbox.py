"""The inbox service on both databases: keyset pages, filters, literal text search,
working-day clocks, triage corrections and escalation of overdue items."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import inspect
from sqlmodel import select
from workspace.office import COMPLAINT, Receiver, flag

from social_assistant.clock import FrozenClock
from social_assistant.db import Database
from social_assistant.db.models import Agency, Notification, Role, TriageCorrection, User
from social_assistant.db.reference import sync_reference_data
from social_assistant.notify.dispatcher import Dispatcher
from social_assistant.settings import Settings, load_settings
from social_assistant.users import add_user
from social_assistant.workdays import calendar_for
from social_assistant.workspace import aspirations as ws
from social_assistant.workspace import inbox
from social_assistant.workspace.deadlines import escalate_overdue

WITA = ZoneInfo("Asia/Makassar")
MONDAY = datetime(2026, 12, 7, 9, 0, tzinfo=WITA)  # a week without holidays


@dataclass
class Desk:
    database: Database
    settings: Settings
    officer: User

    def flag(self, text: str = COMPLAINT, **options: object) -> int:
        return flag(self.database, self.settings, text, **options)  # type: ignore[arg-type]

    def page(self, now: datetime = MONDAY, **filters: object) -> ws.InboxPage:
        with self.database.session() as session:
            return ws.list_items(
                session,
                ws.InboxFilter(**filters),  # type: ignore[arg-type]
                now=now,
                calendar=calendar_for(self.settings),
            )

    def ids(self, **filters: object) -> list[int]:
        return [row.id for row in self.page(**filters).rows]

    def view(self, item_id: int, now: datetime) -> ws.ItemView:
        with self.database.session() as session:
            return ws.get_item(session, item_id, calendar=calendar_for(self.settings), now=now)


@pytest.fixture
def desk(tmp_path: Path, database: Database, database_url: str, receiver: Receiver) -> Desk:
    settings = load_settings(
        None,
        home=str(tmp_path),
        database={"url": database_url},
        notify={"unit_head_webhook": receiver.url},
    )
    with database.session() as session:
        sync_reference_data(session, settings)
        dpupr = session.exec(select(Agency).where(Agency.code == "DPUPR")).one()
        dpupr.contact_webhook = receiver.url
        officer = add_user(session, "rina", Role.RESPONDER, "rahasia-sekali-123", actor="test")
    return Desk(database, settings, officer)


MARKED = {
    "percent": "diskon 100% katanya",
    "underscore": "kode a_b di papan",
    "quotes": "kata 'kutip' dan \"ganda\"",
    "sql": "'; DROP TABLE aspirations; --",
    "backslash": "jalur C:\\jalan\\rusak",
}


def test_text_search_matches_literally(desk: Desk) -> None:
    items = {key: desk.flag(f"{COMPLAINT} {marker}") for key, marker in MARKED.items()}
    plain = desk.flag(COMPLAINT + " tanpa tanda apa pun")
    assert desk.ids(search="%") == [items["percent"]]
    assert desk.ids(search="100%") == [items["percent"]]
    assert desk.ids(search="_") == [items["underscore"]]
    assert desk.ids(search="a_b") == [items["underscore"]]
    assert desk.ids(search="a%b") == []
    assert desk.ids(search="'kutip'") == [items["quotes"]]
    assert desk.ids(search='"ganda"') == [items["quotes"]]
    assert desk.ids(search=MARKED["sql"]) == [items["sql"]]
    assert desk.ids(search="' OR '1'='1") == []
    assert desk.ids(search="\\jalan\\") == [items["backslash"]]
    assert set(desk.ids(search="JALAN RUSAK")) == {*items.values(), plain}
    assert inspect(desk.database.engine).has_table("aspirations")


def test_pages_follow_the_order_urgent_first_then_newest_without_gaps(desk: Desk) -> None:
    made = [desk.flag(at=MONDAY - timedelta(hours=n % 4), handle=f"warga{n}") for n in range(7)]
    urgent = desk.flag(
        "banjir sudah masuk rumah sekarang, tolong evakuasi!", at=MONDAY - timedelta(days=3)
    )
    seen: list[int] = []
    cursor = None
    while True:
        page = desk.page(limit=3, cursor=cursor)
        seen += [row.id for row in page.rows]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen[0] == urgent and sorted(seen) == sorted([*made, urgent])
    full = desk.page(limit=50).rows
    assert [row.id for row in full] == seen
    keys = [(row.received_at, row.id) for row in full[1:]]
    assert keys == sorted(keys, reverse=True)
    with pytest.raises(ws.InvalidRequest, match="cursor"):
        desk.page(cursor="bukan-kursor")
    with pytest.raises(ws.InvalidRequest, match="1 to 200"):
        desk.page(limit=0)


def test_filters_narrow_the_inbox(desk: Desk) -> None:
    road = desk.flag(at=MONDAY - timedelta(days=2))
    question = desk.flag("syaratnya apa min untuk bikin KTP?", channel="fb-sandbox", at=MONDAY)
    with desk.database.session() as session:
        ws.acknowledge(session, road, actor=desk.officer, now=MONDAY, settings=desk.settings)
    assert desk.ids(status="acknowledged") == [road]
    assert desk.ids(status="open") == [question, road]
    assert desk.ids(status="resolved") == []
    assert desk.ids(kind="question") == [question]
    assert desk.ids(category="infrastructure") == [road]
    assert desk.ids(agency="DPUPR") == [road]
    assert desk.ids(agency="DISDUKCAPIL") == [question]
    assert desk.ids(agency="TIDAKADA") == []
    assert desk.ids(channel="fb-sandbox") == [question]
    assert desk.ids(since=date(2026, 12, 7)) == [question]
    assert desk.ids(until=date(2026, 12, 6)) == [road]
    assert desk.ids(urgent_only=True) == []
    with pytest.raises(ws.InvalidRequest, match="`status`"):
        desk.ids(status="lost")
    with pytest.raises(ws.InvalidRequest, match="`kind`"):
        desk.ids(kind="gossip")


def test_clocks_count_working_days_and_turn_overdue(desk: Desk) -> None:
    item_id = desk.flag(at=MONDAY)
    wednesday = MONDAY + timedelta(days=2, hours=1)
    (row,) = desk.page(now=wednesday).rows
    assert row.clock is not None and not row.overdue
    assert row.clock.text_id() == "tanggapan awal: 2 dari 3 hari kerja"
    assert row.clock.text_en() == "acknowledge: 2 of 3 working days"
    friday = MONDAY + timedelta(days=4)
    (late,) = desk.page(now=friday).rows
    assert late.overdue and late.clock is not None
    assert late.clock.text_id() == "tanggapan awal: 4 dari 3 hari kerja (terlambat)"
    view = desk.view(item_id, friday)
    assert [(c.step, c.allowed) for c in view.clocks] == [
        ("acknowledge", 3),
        ("follow_up", 5),
        ("close", 10),
    ]
    assert view.overdue and view.current is not None and view.current.step == "acknowledge"


def test_corrections_are_stored_as_training_feedback(desk: Desk) -> None:
    item_id = desk.flag()
    at = MONDAY + timedelta(hours=2)
    with desk.database.session() as session:
        result = ws.correct(
            session,
            item_id,
            kind="request",
            category="transport",
            urgent=True,
            actor=desk.officer,
            now=at,
            settings=desk.settings,
        )
    assert result.status == "new"
    with desk.database.session() as session:
        (row,) = session.exec(select(TriageCorrection)).all()
        with pytest.raises(ws.InvalidRequest, match="Nothing to correct"):
            ws.correct(
                session, item_id, kind="request", actor=desk.officer, now=at, settings=desk.settings
            )
    assert (row.old_kind, row.old_category, row.old_urgent) == (
        "complaint",
        "infrastructure",
        False,
    )
    assert (row.new_kind, row.new_category, row.new_urgent) == ("request", "transport", True)
    assert row.text == COMPLAINT and row.corrected_by == "rina" and row.corrected_at == at
    view = desk.view(item_id, at)
    assert view.agency is not None and view.agency.code == "DISHUB"  # re-routed
    assert view.kind == "request" and view.urgent
    assert [e.action for e in view.history][-1] == "aspiration.corrected"
    assert view.corrections[0].new["category"] == "transport"


def test_overdue_items_are_escalated_once_per_deadline(desk: Desk, receiver: Receiver) -> None:
    clock = FrozenClock(datetime(2026, 12, 21, tzinfo=UTC))
    received = datetime(2026, 12, 1, 9, 0, tzinfo=WITA)
    late = desk.flag(at=received)
    acknowledged = desk.flag(at=received)
    closed = desk.flag(at=received)
    with desk.database.session() as session:
        for item_id in (acknowledged, closed):
            ws.acknowledge(
                session, item_id, actor=desk.officer, now=received, settings=desk.settings
            )
        ws.resolve(session, closed, actor=desk.officer, now=received, settings=desk.settings)
    calendar = calendar_for(desk.settings)
    now = clock.now()
    with desk.database.session() as session:
        assert escalate_overdue(session, desk.settings, calendar, now) == 5
    with desk.database.session() as session:
        assert escalate_overdue(session, desk.settings, calendar, now) == 0
        reasons = session.exec(select(Notification.reason)).all()
    assert reasons.count("overdue") == 10  # agency and unit head, for each of 5 deadlines
    assert Dispatcher(desk.database, clock, desk.settings.notify).run_once() == 10
    steps = Counter((m["aspiration_id"], m["step"]) for m in receiver.received)
    assert steps == {
        (late, "acknowledge"): 2,
        (late, "follow_up"): 2,
        (late, "close"): 2,
        (acknowledged, "follow_up"): 2,
        (acknowledged, "close"): 2,
    }
    assert all(m["title"].startswith("TERLAMBAT") for m in receiver.received)
    escalated = [e.action for e in desk.view(late, now).history].count("aspiration.escalated")
    assert escalated == 3


def test_a_search_page_reads_a_bounded_window_and_continues_from_it(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inbox, "SEARCH_WINDOW", 3)
    old = desk.flag(f"{COMPLAINT} dekat tugu pesut", at=MONDAY - timedelta(days=9))
    for n in range(4):
        desk.flag(at=MONDAY - timedelta(days=n))
    first = desk.page(search="pesut")
    assert first.rows == [] and first.next_cursor is not None
    assert first.searched_to == MONDAY - timedelta(days=2)
    second = desk.page(search="pesut", cursor=first.next_cursor)
    assert [row.id for row in second.rows] == [old] and second.next_cursor is None
    assert second.searched_to is None


def test_a_correction_to_urgent_tells_a_human_at_once(desk: Desk, receiver: Receiver) -> None:
    from social_assistant.db.models import Notification

    settings = desk.settings.model_copy(
        update={"notify": desk.settings.notify.model_copy(update={"urgent_webhook": receiver.url})}
    )
    item_id = desk.flag()
    with desk.database.session() as session:
        result = ws.correct(
            session, item_id, urgent=True, actor=desk.officer, now=MONDAY, settings=settings
        )
    assert "urgent notification sent" in result.message_en
    with desk.database.session() as session:
        (queued,) = session.exec(select(Notification)).all()
    assert (queued.reason, queued.target, queued.subject_id) == (
        "urgent_aspiration",
        receiver.url,
        str(item_id),
    )
