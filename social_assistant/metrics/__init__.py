"""Trust and transparency figures, computed from the database alone (no web imports).

:func:`compute_metrics` measures one :class:`Period` (``parse_period("2026-11", zone)``)
for all channels and agencies or for one of each: publishing punctuality, replies,
aspirations by kind and category, SP4N-LAPOR! clocks met, times to first response in
calendar and working hours, overdue items, the sentiment trend and per-agency months.
Counts over the large tables are SQL aggregates; percentiles are computed in Python over
the (much smaller) set of aspirations.
"""

from __future__ import annotations

from social_assistant.metrics.compute import compute_metrics, office_hours
from social_assistant.metrics.figures import Metrics
from social_assistant.metrics.period import Period, PeriodError, parse_period

__all__ = ["Metrics", "Period", "PeriodError", "compute_metrics", "office_hours", "parse_period"]
