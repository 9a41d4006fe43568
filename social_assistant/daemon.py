"""``social-assistant run``: the long-running daemon.

APScheduler 3.x is only the clock: one in-process scheduler, no shared job store. Each
tick asks the database outbox what is due, so posts that fell due while the daemon was
down go out at start-up (or are held when too old), and several daemons can share one
PostgreSQL database without posting twice.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler

from social_assistant.audit.publish import publish_checkpoint
from social_assistant.clock import Clock
from social_assistant.collecting.collector import Collector
from social_assistant.db import Database
from social_assistant.db.migrate import upgrade
from social_assistant.db.reference import sync_reference_data
from social_assistant.notify.dispatcher import Dispatcher
from social_assistant.publishing.engine import Publisher, spec_opener, worker_name
from social_assistant.publishing.specs import channel_specs
from social_assistant.queue.sync import QueueSync
from social_assistant.settings import Settings
from social_assistant.workdays import calendar_for
from social_assistant.workspace.deadlines import escalate_overdue

log = logging.getLogger(__name__)


class _SkipBusyTicks(logging.Filter):
    """A tick that finds the previous one still draining is expected, not a warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


logging.getLogger("apscheduler.scheduler").addFilter(_SkipBusyTicks())
# A publish job hands the thread back to the scheduler after this long at most.
DRAIN_SECONDS = 30.0
NOTIFY_SECONDS = 10.0


class Daemon:
    """Queue sync and publishing on a schedule, until :meth:`stop`."""

    def __init__(
        self,
        settings: Settings,
        database: Database,
        clock: Clock,
        *,
        emulator_url: str | None,
        worker: str | None = None,
        threads: int = 4,
        sync_queue: bool = True,
    ) -> None:
        self.settings = settings
        self.database = database
        self.clock = clock
        self.stopping = threading.Event()
        self.worker = worker or worker_name()
        specs = channel_specs(settings, emulator_url)
        self.publisher = Publisher(
            settings, database, clock, spec_opener(specs), worker=self.worker, threads=threads
        )
        self.queue = QueueSync(settings, database, clock) if sync_queue else None
        self.collector = Collector(settings, database, clock, spec_opener(specs))
        self.dispatcher = Dispatcher(database, clock, settings.notify)
        self._scheduler: BackgroundScheduler | None = None

    def prepare(self) -> None:
        """Migrate the database and mirror the configured channels (safe to repeat)."""
        upgrade(self.database)
        with self.database.session() as session:
            sync_reference_data(session, self.settings)

    def sync_queue(self) -> None:
        if self.queue is None:
            return
        report = self.queue.run()
        if report.created or report.updated or report.rejected:
            log.info(
                "queue sync: %d new, %d updated, %d rejected",
                len(report.created),
                len(report.updated),
                len(report.rejected),
            )

    def send_notifications(self) -> int:
        return self.dispatcher.run_once()

    def collect_replies(self) -> int:
        return self.collector.run_once()

    def escalate_deadlines(self) -> int:
        """Escalate aspirations that missed a working-day deadline (each once)."""
        with self.database.session() as session:
            return escalate_overdue(
                session, self.settings, calendar_for(self.settings), self.clock.now()
            )

    def publish_checkpoint(self) -> None:
        """The signed daily audit checkpoint for the public page (when a key is set)."""
        publish_checkpoint(self.settings, self.database, self.clock.now())

    def publish_due(self) -> int:
        return self.publisher.drain(self.stopping, DRAIN_SECONDS)

    def run_once(self) -> int:
        """One queue sync and publishing until nothing is due (``run --once``)."""
        self.prepare()
        self.sync_queue()
        handled = self.publisher.drain(self.stopping, float("inf"))
        self.collector.run_once()
        self.dispatcher.run_once()
        return handled

    def start(self) -> None:
        self.prepare()
        publishing = self.settings.publishing
        # misfire_grace_time=None: a late tick still runs (the default of 1 s drops it).
        scheduler = BackgroundScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        now = datetime.now(UTC)
        scheduler.add_job(
            self._guarded(self.sync_queue),
            "interval",
            id="sync_queue",
            seconds=publishing.queue_sync_seconds,
            next_run_time=now,
        )
        scheduler.add_job(
            self._guarded(self.send_notifications),
            "interval",
            id="send_notifications",
            seconds=NOTIFY_SECONDS,
            next_run_time=now,
        )
        scheduler.add_job(
            self._guarded(self.collect_replies),
            "interval",
            id="collect_replies",
            seconds=self.settings.collecting.interval_seconds,
            next_run_time=now,
        )
        scheduler.add_job(
            self._guarded(self.escalate_deadlines),
            "interval",
            id="escalate_deadlines",
            seconds=self.settings.deadlines.escalation_interval_seconds,
            next_run_time=now,
        )
        scheduler.add_job(
            self._guarded(self.publish_checkpoint),
            "interval",
            id="publish_checkpoint",
            hours=24,
            next_run_time=now,
        )
        scheduler.add_job(
            self._guarded(self.publish_due),
            "interval",
            id="publish_due",
            seconds=publishing.tick_seconds,
            next_run_time=now,
        )
        scheduler.start()
        self._scheduler = scheduler
        log.info("daemon %s started", self.worker)

    def wait(self) -> None:
        while not self.stopping.wait(0.5):
            pass

    def stop(self) -> None:
        """Finish the posts in hand, then stop (SIGTERM/SIGINT land here)."""
        self.stopping.set()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        self.publisher.close()
        log.info("daemon %s stopped", self.worker)

    def _guarded(self, job: Any) -> Any:
        def run() -> None:
            if self.stopping.is_set():
                return
            try:
                job()
            except Exception:
                log.exception("job %s failed; it runs again at the next tick", job.__name__)

        run.__name__ = job.__name__
        return run


@contextmanager
def stop_on_signals(daemon: Daemon) -> Iterator[None]:
    """Route SIGTERM and SIGINT to a graceful stop while the block runs."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: stopping", signal.Signals(signum).name)
        daemon.stopping.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
