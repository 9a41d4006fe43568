"""The figures, as typed dataclasses (what reports, the public page and exports show)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from social_assistant.metrics.engagement import AnnouncementEngagement


@dataclass(frozen=True)
class PublishingFigures:
    """Posts (one per announcement and channel) due in the period."""

    announcements: int
    planned: int
    on_time: int
    late: int
    failed: int
    not_sent: int  # still scheduled, held, awaiting approval... at the time of the report

    @property
    def on_time_share(self) -> float | None:
        return share(self.on_time, self.on_time + self.late + self.failed)


class DeadlineShares:
    """The three SP4N-LAPOR! shares, for any figures that carry their counts."""

    received: int
    acknowledged_on_time: int
    acknowledge_measured: int
    followed_up_on_time: int
    follow_up_measured: int
    resolved: int

    @property
    def acknowledged_share(self) -> float | None:
        return share(self.acknowledged_on_time, self.acknowledge_measured)

    @property
    def followed_up_share(self) -> float | None:
        return share(self.followed_up_on_time, self.follow_up_measured)

    @property
    def resolved_share(self) -> float | None:
        return share(self.resolved, self.received)


@dataclass(frozen=True)
class Responsiveness(DeadlineShares):
    """How aspirations were handled against their SP4N-LAPOR! working-day clocks.

    A share counts the items whose deadline has passed or was met: an item still within
    its time is not counted against anyone.
    """

    received: int
    acknowledged_on_time: int
    acknowledge_measured: int
    followed_up_on_time: int
    follow_up_measured: int
    resolved: int
    resolved_on_time: int
    close_measured: int
    responded: int
    median_hours: float | None
    p90_hours: float | None
    median_working_hours: float | None
    p90_working_hours: float | None


@dataclass(frozen=True)
class Overdue:
    """Open items past a deadline they have not met, at the time of the report."""

    acknowledge: int
    follow_up: int
    close: int
    items: int


@dataclass(frozen=True)
class AgencyMonth:
    """One agency's responsiveness in one month (``YYYY-MM``, local time)."""

    agency: str
    agency_name: str
    month: str
    figures: Responsiveness


@dataclass(frozen=True)
class SentimentWeek:
    """Mean sentiment of the aspirations received in the ISO week starting ``week``."""

    week: str
    items: int
    mean: float


@dataclass(frozen=True)
class Metrics:
    """Everything measured for one period (and optional channel and agency)."""

    period: str
    period_label: str
    start: str
    end: str
    generated_at: str
    channel: str | None
    agency: str | None
    on_time_minutes: int
    publishing: PublishingFigures
    replies: int
    replies_by_channel: dict[str, int]
    aspirations_by_kind: dict[str, int]
    aspirations_by_category: dict[str, int]
    aspirations_by_status: dict[str, int]
    urgent: int
    dismissed: int
    responsiveness: Responsiveness
    overdue: Overdue
    sentiment: list[SentimentWeek] = field(default_factory=list)
    agency_months: list[AgencyMonth] = field(default_factory=list)
    engagement: list[AnnouncementEngagement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, with the shares spelled out."""
        data = asdict(self)
        data["publishing"]["on_time_share"] = self.publishing.on_time_share
        data["responsiveness"].update(_shares(self.responsiveness))
        for row, month in zip(data["agency_months"], self.agency_months, strict=True):
            row["figures"].update(_shares(month.figures))
        return data


def _shares(figures: Responsiveness) -> dict[str, float | None]:
    return {
        "acknowledged_share": figures.acknowledged_share,
        "followed_up_share": figures.followed_up_share,
        "resolved_share": figures.resolved_share,
    }


def share(part: int, whole: int) -> float | None:
    """``part / whole``, or ``None`` when there is nothing to measure."""
    return part / whole if whole else None
