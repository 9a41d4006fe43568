"""Responsiveness over a set of aspirations: clocks met, times to first response, overdue.

Percentiles: the median is the usual one (mean of the two middle values for an even
count); p90 is the nearest-rank value (the smallest value with at least 90 % of the
values at or below it), so every figure is a time that really happened.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time

from social_assistant.metrics.aspirations import Item
from social_assistant.metrics.figures import Overdue, Responsiveness
from social_assistant.workdays import WorkingCalendar


@dataclass(frozen=True)
class OfficeHours:
    """The calendar and office hours that "working hours" are counted in (each span is
    counted once: the period's figures and the agency months ask for the same ones)."""

    calendar: WorkingCalendar
    opens: time
    closes: time
    _counted: dict[tuple[datetime, datetime], float] = field(
        default_factory=dict, compare=False, repr=False
    )

    def hours(self, start: datetime, end: datetime) -> float:
        key = (start, end)
        if key not in self._counted:
            self._counted[key] = self.calendar.working_hours_between(
                start, end, self.opens, self.closes
            )
        return self._counted[key]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _met(done: datetime | None, due: datetime | None, now: datetime) -> tuple[bool, bool]:
    """(met, measured): was the deadline met, and can it be judged yet?"""
    if due is None:
        return False, False
    met = done is not None and done <= due
    return met, met or done is not None or due <= now


def responsiveness(items: Iterable[Item], now: datetime, office: OfficeHours) -> Responsiveness:
    """The figures for ``items`` (dismissed items are left out), judged at ``now``."""
    counts = dict.fromkeys(
        ("received", "ack", "ack_n", "fu", "fu_n", "resolved", "close", "close_n"), 0
    )
    hours: list[float] = []
    working: list[float] = []
    for item in items:
        if item.dismissed:
            continue
        counts["received"] += 1
        first = item.first_response_at
        for key, done, due in (
            ("ack", first, item.acknowledge_due_at),
            ("fu", item.followed_up_at, item.follow_up_due_at),
            ("close", item.resolved_at, item.close_due_at),
        ):
            met, measured = _met(done, due, now)
            counts[key] += met
            counts[key + "_n"] += measured
        counts["resolved"] += item.resolved_at is not None
        if first is not None:
            hours.append(max((first - item.received_at).total_seconds(), 0.0) / 3600)
            working.append(office.hours(item.received_at, first))
    return Responsiveness(
        received=counts["received"],
        acknowledged_on_time=counts["ack"],
        acknowledge_measured=counts["ack_n"],
        followed_up_on_time=counts["fu"],
        follow_up_measured=counts["fu_n"],
        resolved=counts["resolved"],
        resolved_on_time=counts["close"],
        close_measured=counts["close_n"],
        responded=len(hours),
        median_hours=median(hours),
        p90_hours=p90(hours),
        median_working_hours=median(working),
        p90_working_hours=p90(working),
    )


def overdue(items: Iterable[Item], now: datetime) -> Overdue:
    """Open items (not resolved or dismissed) past a deadline they have not met."""
    acknowledge = follow_up = close = total = 0
    for item in items:
        if item.dismissed or item.resolved_at is not None:
            continue
        late = (
            item.first_response_at is None and _passed(item.acknowledge_due_at, now),
            item.followed_up_at is None and _passed(item.follow_up_due_at, now),
            _passed(item.close_due_at, now),
        )
        acknowledge += late[0]
        follow_up += late[1]
        close += late[2]
        total += any(late)
    return Overdue(acknowledge=acknowledge, follow_up=follow_up, close=close, items=total)


def _passed(due: datetime | None, now: datetime) -> bool:
    return due is not None and due <= now
