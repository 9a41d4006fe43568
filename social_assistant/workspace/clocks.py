"""The working-day clocks of an inbox item: "2 dari 3 hari kerja".

Each item has three deadlines, stored when it was flagged (SP4N-LAPOR!):

- ``acknowledge``: an officer acknowledges (or forwards, answers, closes) the item;
- ``follow_up``: the citizen gets an answer (or the item is closed);
- ``close``: the item is resolved or dismissed.

A clock counts working days from the day the item arrived, until the step was met or
until now. A dismissed or resolved item's unmet clocks are stopped, never overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from social_assistant.db.models import AspirationStatus
from social_assistant.workdays import WorkingCalendar

STEPS = ("acknowledge", "follow_up", "close")
FINAL = frozenset({AspirationStatus.RESOLVED, AspirationStatus.DISMISSED})
STEP_LABELS_ID = {
    "acknowledge": "tanggapan awal",
    "follow_up": "tindak lanjut",
    "close": "penyelesaian",
}
STEP_LABELS_EN = {"acknowledge": "acknowledge", "follow_up": "follow-up", "close": "close"}
_JUST_BEFORE = timedelta(microseconds=1)


class HasDeadlines(Protocol):
    """The fields a clock reads (an Aspiration row or a row of the inbox query)."""

    @property
    def status(self) -> str: ...

    @property
    def received_at(self) -> datetime: ...

    @property
    def acknowledge_due_at(self) -> datetime | None: ...

    @property
    def follow_up_due_at(self) -> datetime | None: ...

    @property
    def close_due_at(self) -> datetime | None: ...

    @property
    def acknowledged_at(self) -> datetime | None: ...

    @property
    def forwarded_at(self) -> datetime | None: ...

    @property
    def answered_at(self) -> datetime | None: ...

    @property
    def resolved_at(self) -> datetime | None: ...


@dataclass(frozen=True)
class Clock:
    """One deadline: ``elapsed`` of ``allowed`` working days; ``met_at`` when it was met."""

    step: str
    elapsed: int
    allowed: int
    overdue: bool
    due_at: datetime
    met_at: datetime | None = None
    stopped: bool = False

    @property
    def running(self) -> bool:
        return self.met_at is None and not self.stopped

    def text_id(self) -> str:
        """``"2 dari 3 hari kerja"`` (plus the step and "terlambat" when overdue)."""
        text = f"{STEP_LABELS_ID[self.step]}: {self.elapsed} dari {self.allowed} hari kerja"
        if self.met_at is not None:
            return text + (" (selesai, terlambat)" if self.overdue else " (selesai)")
        return text + (" (terlambat)" if self.overdue else "")

    def text_en(self) -> str:
        """``"2 of 3 working days"`` (plus the step and "overdue" when overdue)."""
        text = f"{STEP_LABELS_EN[self.step]}: {self.elapsed} of {self.allowed} working days"
        if self.met_at is not None:
            return text + (" (met, late)" if self.overdue else " (met)")
        return text + (" (overdue)" if self.overdue else "")

    def text(self, language: str) -> str:
        return self.text_id() if language == "id" else self.text_en()


def met_at(item: HasDeadlines, step: str) -> datetime | None:
    """When ``step`` was met: the first of the times that satisfy it, or None."""
    later = {
        "acknowledge": (item.acknowledged_at, item.forwarded_at, item.answered_at),
        "follow_up": (item.answered_at,),
        "close": (),
    }[step]
    found = [moment for moment in (*later, item.resolved_at) if moment is not None]
    return min(found) if found else None


def due_at(item: HasDeadlines, step: str) -> datetime | None:
    due: datetime | None = getattr(item, f"{step}_due_at")
    return due


def clock(item: HasDeadlines, step: str, calendar: WorkingCalendar, now: datetime) -> Clock | None:
    """The clock of ``step`` (None when the item has no such deadline)."""
    due = due_at(item, step)
    if due is None:
        return None
    met = met_at(item, step)
    stopped = met is None and item.status in FINAL
    until = met or now
    return Clock(
        step=step,
        elapsed=calendar.elapsed(item.received_at, until),
        allowed=calendar.elapsed(item.received_at, due - _JUST_BEFORE),
        overdue=not stopped and until >= due,
        due_at=due,
        met_at=met,
        stopped=stopped,
    )


def clocks(item: HasDeadlines, calendar: WorkingCalendar, now: datetime) -> list[Clock]:
    """Every clock of the item, in step order."""
    found = (clock(item, step, calendar, now) for step in STEPS)
    return [c for c in found if c is not None]


def current_clock(item: HasDeadlines, calendar: WorkingCalendar, now: datetime) -> Clock | None:
    """The first clock still running (what the inbox shows), or None when all are done."""
    if item.status in FINAL:
        return None
    for step in STEPS:
        if due_at(item, step) is not None and met_at(item, step) is None:
            return clock(item, step, calendar, now)
    return None


def overdue_steps(item: HasDeadlines, now: datetime) -> list[str]:
    """Steps whose deadline passed while unmet (cheap: no calendar)."""
    if item.status in FINAL:
        return []
    return [
        step
        for step in STEPS
        if (due := due_at(item, step)) is not None and met_at(item, step) is None and now >= due
    ]
