"""Metrics of the hand-built December, every figure worked out by hand in the comments."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from transparency.december import NOW, SEEDS, WITA, wita

from social_assistant.db import Database
from social_assistant.metrics import Metrics, compute_metrics, parse_period
from social_assistant.metrics.period import PeriodError
from social_assistant.metrics.responsiveness import p90
from social_assistant.settings import Settings
from social_assistant.workdays import calendar_for


def _metrics(database: Database, settings: Settings, period: str = "2026-12", **kw: str) -> Metrics:
    with database.session() as session:
        return compute_metrics(
            session, settings, parse_period(period, settings.zone), now=NOW, **kw
        )


def test_the_hand_written_deadlines_are_the_calendars(settings: Settings) -> None:
    # The dataset's deadlines were counted by hand: e.g. A1 (Wed 23 Dec) skips cuti
    # bersama (24), Christmas (25), the weekend, New Year (1 Jan) and Isra Mi'raj (5 Jan).
    calendar = calendar_for(settings)
    d = settings.deadlines
    for seed in SEEDS:
        counted = tuple(
            calendar.deadline(seed.received, days)
            for days in (d.acknowledge_days, d.follow_up_days, d.close_days)
        )
        assert counted == seed.deadlines, seed.key


def test_working_hours_skip_the_holidays_the_weekend_and_the_night(settings: Settings) -> None:
    calendar = calendar_for(settings)
    # Wed 23 Dec 10:00 -> Mon 28 Dec 09:30: 6 h on Wednesday (to 16:00), nothing on
    # Thu 24 (cuti bersama), Fri 25 (Christmas), Sat, Sun, then 08:00-09:30 on Monday.
    assert calendar.working_hours_between(wita(12, 23, 10), wita(12, 28, 9, 30)) == 7.5
    # An evening item answered the next morning: 1 working hour.
    assert calendar.working_hours_between(wita(12, 14, 20), wita(12, 15, 9)) == 1.0
    assert calendar.working_hours_between(wita(12, 26, 9), wita(12, 27, 15)) == 0.0
    assert calendar.working_hours_between(wita(12, 15, 9), wita(12, 14, 20)) == 0.0


def test_publishing_counts_on_time_late_failed_and_not_sent(
    dataset: Database, settings: Settings
) -> None:
    figures = _metrics(dataset, settings).publishing
    # P1 10 min and P2 15 min (the limit) on time, P3 16 min late, P4 failed, P5 held;
    # P6 cancelled and P7 (due in November) are not counted.
    assert (figures.planned, figures.on_time, figures.late, figures.failed) == (5, 2, 1, 1)
    assert figures.not_sent == 1 and figures.announcements == 3
    assert figures.on_time_share == pytest.approx(2 / 4)
    x_only = _metrics(dataset, settings, channel="x-sandbox").publishing
    assert (x_only.planned, x_only.on_time, x_only.late, x_only.not_sent) == (3, 1, 1, 1)


def test_replies_are_counted_per_channel_in_local_time(
    dataset: Database, settings: Settings
) -> None:
    metrics = _metrics(dataset, settings)
    # x: A1, A2, A7 + chatter on 2, 3 and 31 Dec (23:59 WITA); fb: A3, A4, A5.
    # A6 (30 Nov 23:30 WITA, 15:30 UTC) is November.
    assert metrics.replies_by_channel == {"fb-sandbox": 3, "x-sandbox": 6}
    assert metrics.replies == 9
    assert _metrics(dataset, settings, "2026-11").replies == 2


def test_aspirations_by_kind_category_and_status(dataset: Database, settings: Settings) -> None:
    metrics = _metrics(dataset, settings)
    assert metrics.aspirations_by_kind == {
        "complaint": 2, "question": 1, "request": 1, "suggestion": 1
    }  # fmt: skip
    assert metrics.aspirations_by_category == {"health": 2, "infrastructure": 2, "transport": 1}
    assert metrics.aspirations_by_status == {
        "new": 2, "answered": 1, "dismissed": 1, "forwarded": 1, "resolved": 1
    }  # fmt: skip
    assert metrics.urgent == 1 and metrics.dismissed == 1


def test_the_working_day_clocks_met(dataset: Database, settings: Settings) -> None:
    r = _metrics(dataset, settings).responsiveness
    assert r.received == 5
    # Acknowledged in 3 working days: A1 (28 Dec, due 31 Dec) and A7 yes; A2 (10 Dec
    # 08:30, due 10 Dec 00:00) and A3 (nothing, due 18 Dec) no; A4 (due 7 Jan) not yet due.
    assert (r.acknowledged_on_time, r.acknowledge_measured) == (2, 4)
    assert r.acknowledged_share == pytest.approx(0.5)
    # Followed up in 5: A1 (29 Dec, due 5 Jan), A2 (11 Dec, due 12 Dec), A7 yes; A3 no.
    assert (r.followed_up_on_time, r.follow_up_measured) == (3, 4)
    # Resolved: A1 only (4 Jan, due 13 Jan); A2, A3, A7 past their close date.
    assert (r.resolved, r.resolved_on_time, r.close_measured) == (1, 1, 4)
    assert r.resolved_share == pytest.approx(1 / 5)


def test_time_to_first_response_in_calendar_and_working_hours(
    dataset: Database, settings: Settings
) -> None:
    r = _metrics(dataset, settings).responsiveness
    # A1: 23 Dec 10:00 -> 28 Dec 09:30 = 119.5 h, 7.5 working hours;
    # A2: Fri 4 Dec 15:00 -> Thu 10 Dec 08:30 = 137.5 h, 1 + 3 x 8 + 0.5 = 25.5 wh;
    # A7: Tue 1 Dec 00:30 -> 09:00 = 8.5 h, 1 wh.  A3 and A4 have no response yet.
    assert r.responded == 3
    assert (r.median_hours, r.p90_hours) == (119.5, 137.5)
    assert (r.median_working_hours, r.p90_working_hours) == (7.5, 25.5)


def test_overdue_items_at_the_time_of_the_report(dataset: Database, settings: Settings) -> None:
    o = _metrics(dataset, settings).overdue
    # A2: close (19 Dec); A3: all three; A7: close (16 Dec); A4 within time; A1 resolved.
    assert (o.acknowledge, o.follow_up, o.close, o.items) == (1, 1, 3, 3)


def test_sentiment_per_week(dataset: Database, settings: Settings) -> None:
    weeks = [(w.week, w.items, w.mean) for w in _metrics(dataset, settings).sentiment]
    assert weeks == [
        ("2026-11-30", 2, 0.05),  # A7 0.5 (Tue 1 Dec), A2 -0.4 (Fri 4 Dec)
        ("2026-12-14", 1, -0.2),
        ("2026-12-21", 1, -0.6),
        ("2026-12-28", 1, 0.1),
    ]


def test_per_agency_months_and_the_agency_filter(dataset: Database, settings: Settings) -> None:
    rows = {(m.agency, m.month): m.figures for m in _metrics(dataset, settings).agency_months}
    assert sorted(rows) == [("DINKES", "2026-12"), ("DISHUB", "2026-12"), ("DPUPR", "2026-12")]
    dpupr = rows[("DPUPR", "2026-12")]
    assert (dpupr.received, dpupr.acknowledged_on_time, dpupr.acknowledge_measured) == (2, 1, 2)
    assert (dpupr.median_hours, dpupr.median_working_hours) == (128.5, 16.5)
    assert rows[("DINKES", "2026-12")].acknowledge_measured == 1
    only = _metrics(dataset, settings, agency="DPUPR")
    assert only.responsiveness == dpupr
    assert only.aspirations_by_kind == {"complaint": 2}
    fb = _metrics(dataset, settings, channel="fb-sandbox").responsiveness
    assert (fb.received, fb.responded, fb.acknowledge_measured) == (2, 0, 1)


def test_a_year_spans_its_months(dataset: Database, settings: Settings) -> None:
    metrics = _metrics(dataset, settings, "2026")
    months = sorted({m.month for m in metrics.agency_months})
    assert months == ["2026-11", "2026-12"] and metrics.responsiveness.received == 6


def test_to_dict_spells_out_the_shares(dataset: Database, settings: Settings) -> None:
    data = _metrics(dataset, settings).to_dict()
    assert data["responsiveness"]["acknowledged_share"] == pytest.approx(0.5)
    assert data["agency_months"][0]["figures"]["acknowledged_share"] == 0.0
    assert data["period"] == "2026-12" and data["start"] == "2026-11-30T16:00:00Z"


def test_periods() -> None:
    month = parse_period("2026-02", WITA)
    assert (month.first, month.last) == (date(2026, 2, 1), date(2026, 2, 28))
    assert month.start == datetime(2026, 1, 31, 16, tzinfo=UTC)
    assert parse_period("2026-12", WITA).label == "Desember 2026"
    assert parse_period("2026-11-01..2026-12-31", WITA).months() == ["2026-11", "2026-12"]
    for bad in ("2026-13", "Nov 2026", "2026-12-31..2026-12-01"):
        with pytest.raises(PeriodError):
            parse_period(bad, WITA)


def test_p90_is_nearest_rank() -> None:
    assert p90([float(n) for n in range(1, 11)]) == 9.0
    assert p90([5.0]) == 5.0 and p90([]) is None
