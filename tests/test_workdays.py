"""Working-day clocks across weekends, national holidays and cuti bersama."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from social_assistant.workdays import WorkingCalendar

WITA = ZoneInfo("Asia/Makassar")
calendar = WorkingCalendar(WITA)


def test_christmas_and_the_weekend_do_not_count() -> None:
    # Thu 24 Dec 2026; Fri 25 Dec is Christmas, then the weekend.
    received = datetime(2026, 12, 24, 10, 0, tzinfo=WITA)
    assert not calendar.is_working_day(date(2026, 12, 25))
    assert calendar.holiday_name(date(2026, 12, 25)) is not None
    assert calendar.deadline(received, 3) == datetime(2026, 12, 31, 0, 0, tzinfo=WITA)
    assert calendar.deadline(received, 5) == datetime(2027, 1, 5, 0, 0, tzinfo=WITA)  # 1 Jan


def test_cuti_bersama_from_the_settings_is_a_day_off() -> None:
    with_leave = WorkingCalendar(WITA, [date(2026, 12, 28)])
    received = datetime(2026, 12, 24, 10, 0, tzinfo=WITA)
    assert with_leave.deadline(received, 3) == datetime(2027, 1, 1, 0, 0, tzinfo=WITA)
    assert with_leave.holiday_name(date(2026, 12, 28)) == "cuti bersama"


def test_days_are_counted_in_the_office_zone() -> None:
    # 23:30 UTC on Monday is already Tuesday 07:30 in WITA.
    received = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
    assert calendar.deadline(received, 1) == datetime(2026, 12, 3, 0, 0, tzinfo=WITA)


def test_elapsed_shows_the_working_day_clock() -> None:
    received = datetime(2026, 12, 24, 10, 0, tzinfo=WITA)
    assert calendar.elapsed(received, received) == 0
    assert calendar.elapsed(received, datetime(2026, 12, 27, 12, tzinfo=WITA)) == 0
    assert calendar.elapsed(received, datetime(2026, 12, 29, 12, tzinfo=WITA)) == 2


@given(
    st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
    ),
    st.integers(min_value=1, max_value=20),
)
def test_a_deadline_spans_exactly_that_many_working_days(received: datetime, days: int) -> None:
    deadline = calendar.deadline(received, days)
    assert calendar.is_working_day((deadline - timedelta(days=1)).date())
    assert calendar.elapsed(received, deadline - timedelta(seconds=1)) == days
