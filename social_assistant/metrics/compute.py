"""All the figures of one period, for one channel and/or agency if asked."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlmodel import Session, col

from social_assistant.db.models import Channel, Reply
from social_assistant.metrics.aspirations import Item, period_items
from social_assistant.metrics.engagement import announcement_engagement
from social_assistant.metrics.figures import AgencyMonth, Metrics, SentimentWeek
from social_assistant.metrics.period import Period, iso_utc
from social_assistant.metrics.publishing import publishing_figures
from social_assistant.metrics.responsiveness import OfficeHours, overdue, responsiveness
from social_assistant.settings import Settings
from social_assistant.workdays import calendar_for


def office_hours(settings: Settings) -> OfficeHours:
    t = settings.transparency
    return OfficeHours(
        calendar_for(settings),
        time.fromisoformat(t.office_opens),
        time.fromisoformat(t.office_closes),
    )


def compute_metrics(
    session: Session,
    settings: Settings,
    period: Period,
    *,
    now: datetime,
    channel: str | None = None,
    agency: str | None = None,
) -> Metrics:
    """Measure ``period``. Publishing and reply counts are per channel only (posts and
    replies belong to no agency); aspiration figures honour both filters."""
    on_time = settings.transparency.on_time_minutes
    items = list(period_items(session, period, channel=channel, agency=agency))
    kept = [item for item in items if not item.dismissed]
    by_channel = reply_counts(session, period, channel=channel)
    office = office_hours(settings)
    return Metrics(
        period=period.key,
        period_label=period.label,
        start=iso_utc(period.start),
        end=iso_utc(period.end),
        generated_at=iso_utc(now),
        channel=channel,
        agency=agency,
        on_time_minutes=on_time,
        publishing=publishing_figures(session, period, channel=channel, on_time_minutes=on_time),
        replies=sum(by_channel.values()),
        replies_by_channel=by_channel,
        aspirations_by_kind=_count(item.kind for item in kept),
        aspirations_by_category=_count(item.category for item in kept),
        aspirations_by_status=_count(item.status for item in items),
        urgent=sum(item.urgent for item in kept),
        dismissed=len(items) - len(kept),
        responsiveness=responsiveness(kept, now, office),
        overdue=overdue(kept, now),
        sentiment=sentiment_weeks(kept, period),
        agency_months=agency_months(kept, period, now, office),
        engagement=announcement_engagement(session, period, channel=channel),
    )


def reply_counts(session: Session, period: Period, *, channel: str | None) -> dict[str, int]:
    """Replies posted in the period per channel name: one aggregate on the time index."""
    query = (
        select(col(Channel.name), func.count())
        .select_from(Reply)
        .join(Channel, col(Channel.id) == col(Reply.channel_id))
        .where(col(Reply.posted_at) >= period.start, col(Reply.posted_at) < period.end)
        .group_by(col(Channel.name))
        .order_by(col(Channel.name))
    )
    if channel is not None:
        query = query.where(col(Channel.name) == channel)
    return {name: count for name, count in session.execute(query)}


def sentiment_weeks(items: list[Item], period: Period) -> list[SentimentWeek]:
    """Mean sentiment per week (Monday to Sunday, local time), weeks in order."""
    weeks: dict[str, list[float]] = defaultdict(list)
    for item in items:
        day = item.received_at.astimezone(period.zone).date()
        weeks[(day - timedelta(days=day.weekday())).isoformat()].append(item.sentiment)
    return [
        SentimentWeek(week=week, items=len(values), mean=round(sum(values) / len(values), 4))
        for week, values in sorted(weeks.items())
    ]


def agency_months(
    items: list[Item], period: Period, now: datetime, office: OfficeHours
) -> list[AgencyMonth]:
    """Responsiveness per agency and local month, agencies by code, months in order."""
    groups: dict[tuple[str, str], list[Item]] = defaultdict(list)
    names: dict[str, str] = {}
    for item in items:
        month = item.received_at.astimezone(period.zone).strftime("%Y-%m")
        groups[(item.agency, month)].append(item)
        names[item.agency] = item.agency_name
    return [
        AgencyMonth(code, names[code], month, responsiveness(group, now, office))
        for (code, month), group in sorted(groups.items())
    ]


def _count(values: Iterable[str]) -> dict[str, int]:
    counter = Counter(values)
    return dict(sorted(counter.items(), key=lambda pair: (-pair[1], pair[0])))
