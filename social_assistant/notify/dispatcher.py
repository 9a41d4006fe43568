"""Send pending notifications: claim with a conditional UPDATE, send, record the outcome."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import or_, update
from sqlmodel import col, select

from social_assistant import audit
from social_assistant.clock import Clock
from social_assistant.db import Database
from social_assistant.db.models import Notification, NotificationStatus
from social_assistant.notify.email import send_email
from social_assistant.notify.errors import DeliveryError
from social_assistant.notify.webhook import send_webhook
from social_assistant.publishing.backoff import next_attempt
from social_assistant.settings import NotifySettings

log = logging.getLogger(__name__)
N = NotificationStatus
LEASE = timedelta(minutes=2)


class Dispatcher:
    """Delivers the notification outbox; safe to run in several daemons at once."""

    def __init__(self, database: Database, clock: Clock, settings: NotifySettings) -> None:
        self.database = database
        self.clock = clock
        self.settings = settings

    def run_once(self, limit: int = 50) -> int:
        """Try every due notification once; returns how many were sent."""
        sent = 0
        for notification_id in self._due(limit):
            if self._claim(notification_id):
                sent += self._deliver(notification_id)
        return sent

    def _due(self, limit: int) -> list[int]:
        now = self.clock.now()
        query = (
            select(Notification.id)
            .where(col(Notification.status) == N.PENDING)
            .where(
                or_(
                    col(Notification.next_attempt_at).is_(None),
                    col(Notification.next_attempt_at) <= now,
                )
            )
            .order_by(col(Notification.id))
            .limit(limit)
        )
        with self.database.session() as session:
            return [nid for nid in session.exec(query).all() if nid is not None]

    def _claim(self, notification_id: int) -> bool:
        """Hold the row for a lease; a crashed sender's row becomes due again after it."""
        now = self.clock.now()
        with self.database.session() as session:
            result = session.execute(
                update(Notification)
                .where(col(Notification.id) == notification_id)
                .where(col(Notification.status) == N.PENDING)
                .where(
                    or_(
                        col(Notification.next_attempt_at).is_(None),
                        col(Notification.next_attempt_at) <= now,
                    )
                )
                .values(next_attempt_at=now + LEASE, attempts=Notification.attempts + 1)
                .execution_options(synchronize_session=False)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def _deliver(self, notification_id: int) -> int:
        with self.database.session() as session:
            row = session.get(Notification, notification_id)
            assert row is not None
            kind, target, title, payload = row.kind, row.target, row.title, row.payload
            attempts = row.attempts
        try:
            if kind == "email":
                send_email(target, title, payload, self.settings)
            else:
                send_webhook(target, title, payload, self.settings.timeout_seconds)
        except DeliveryError as error:
            self._failed(notification_id, attempts, error)
            return 0
        self._record(
            notification_id,
            "notification.sent",
            status=N.SENT,
            sent_at=self.clock.now(),
            last_error=None,
        )
        return 1

    def _failed(self, notification_id: int, attempts: int, error: DeliveryError) -> None:
        log.warning("notification %s: %s", notification_id, error)
        if error.permanent or attempts >= self.settings.max_attempts:
            self._record(
                notification_id, "notification.failed", status=N.FAILED, last_error=str(error)
            )
            return
        at = next_attempt(self.clock.now(), attempts, base=30, cap=1800)
        self._record(
            notification_id, "notification.retry", next_attempt_at=at, last_error=str(error)
        )

    def _record(self, notification_id: int, action: str, **values: object) -> None:
        with self.database.session() as session:
            row = session.get(Notification, notification_id)
            assert row is not None
            for key, value in values.items():
                setattr(row, key, value)
            audit.record(
                session,
                action,
                actor="notifier",
                subject_type="notification",
                subject_id=notification_id,
                at=self.clock.now(),
                error=values.get("last_error"),
            )
