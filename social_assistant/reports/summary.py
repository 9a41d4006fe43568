"""Per-agency totals over a period, summed from the agency months (for tables and charts)."""

from __future__ import annotations

from dataclasses import dataclass

from social_assistant.metrics import Metrics
from social_assistant.metrics.figures import DeadlineShares

KIND_ID = {
    "complaint": "Keluhan",
    "request": "Permintaan",
    "suggestion": "Saran",
    "question": "Pertanyaan",
}


@dataclass(frozen=True)
class AgencyTotal(DeadlineShares):
    """One agency over the whole period."""

    code: str
    name: str
    received: int
    acknowledged_on_time: int
    acknowledge_measured: int
    followed_up_on_time: int
    follow_up_measured: int
    resolved: int


def agency_totals(metrics: Metrics) -> list[AgencyTotal]:
    """The agencies of ``metrics.agency_months``, summed over months, by code."""
    sums: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for month in metrics.agency_months:
        f = month.figures
        row = sums.setdefault(month.agency, [0] * 6)
        names[month.agency] = month.agency_name
        for index, value in enumerate(
            (
                f.received,
                f.acknowledged_on_time,
                f.acknowledge_measured,
                f.followed_up_on_time,
                f.follow_up_measured,
                f.resolved,
            )
        ):
            row[index] += value
    return [AgencyTotal(code, names[code], *values) for code, values in sorted(sums.items())]


def percent(value: float | None) -> str:
    """``0.5`` -> ``50,0 %`` (Indonesian decimal comma); ``-`` when not measurable."""
    return "-" if value is None else f"{value * 100:.1f} %".replace(".", ",")


def hours(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} jam".replace(".", ",")
