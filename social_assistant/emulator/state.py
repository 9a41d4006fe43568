"""The emulator's state: every post received, scheduled citizens, faults and limits.

All of it sits behind one lock; :meth:`Emulator.handle` takes a parsed request and
returns the answer, so the state can be used with or without the HTTP server.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from social_assistant.emulator.accounts import DEFAULT_PAGE, DEFAULT_X_ACCOUNT
from social_assistant.emulator.citizens import (
    CitizenSettings,
    PendingReply,
    load_corpus,
    plan_replies,
)
from social_assistant.emulator.clock import Clock, system_clock
from social_assistant.emulator.dispatch import citizen_item, handle
from social_assistant.emulator.exchange import ApiRequest, ApiResponse
from social_assistant.emulator.faults import FaultPlan, RateLimits, RateWindows
from social_assistant.emulator.records import FACEBOOK, Account, Item, Store, X
from social_assistant.emulator.webhooks import WebhookSubscription, feed_event

# First ids handed out, so they look like the platforms' own.
ID_STARTS = {
    "tweet": 1_880_000_000_000_000_001,
    "media": 1_870_000_000_000_000_001,
    "fb_post": 122_100_000_000_000_001,
    "fb_photo": 122_200_000_000_000_001,
    "fb_comment": 1_000_000_000_000_001,
    "trace": 1,
    "reply_order": 0,
}


class Emulator:
    """In-memory X and Facebook, thread-safe behind ``lock``.

    ``seed`` makes citizens' replies and probabilistic faults repeatable; ``clock``
    (a callable returning aware UTC) is the time source, so tests can move time.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        clock: Clock | None = None,
        citizens: CitizenSettings | None = None,
        x_accounts: Sequence[Account] = (DEFAULT_X_ACCOUNT,),
        facebook_pages: Sequence[Account] = (DEFAULT_PAGE,),
        strict_tokens: bool = False,
    ) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.citizens = citizens or CitizenSettings()
        self.corpus = load_corpus()
        self.accounts: dict[str, tuple[Account, ...]] = {
            X: tuple(x_accounts), FACEBOOK: tuple(facebook_pages)}
        self.strict_tokens = strict_tokens
        self._clock = clock or system_clock
        self._offset = timedelta(0)
        self.reset()

    def reset(self) -> None:
        """Forget every post, scheduled reply, fault, limit and counter (keeps the clock)."""
        with self.lock:
            self.store = Store()
            self.pending: list[PendingReply] = []
            self.faults = FaultPlan(self.seed)
            self.limits = RateLimits()
            self.windows = RateWindows()
            self._counters = dict(ID_STARTS)
            # API calls received and answered with 429, per platform (for tests/benchmarks).
            self.calls: Counter[str] = Counter()
            self.throttled: Counter[str] = Counter()
            # Items served by read endpoints, per platform (what X bills).
            self.reads: Counter[str] = Counter()
            self.endpoint_calls: Counter[str] = Counter()
            self.webhook: WebhookSubscription | None = None
            self.webhook_events: list[dict[str, Any]] = []

    def now(self) -> datetime:
        """The emulator's time: the clock plus whatever ``advance`` added."""
        return self._clock() + self._offset

    def advance(self, seconds: float) -> datetime:
        """Move the emulator's time forward (works with any clock)."""
        with self.lock:
            self._offset += timedelta(seconds=seconds)
            return self.now()

    def next_id(self, counter: str) -> int:
        """The next number of ``counter`` (call with the lock held)."""
        value = self._counters[counter]
        self._counters[counter] = value + 1
        return value

    def account_for(self, platform: str, token: str | None) -> Account | None:
        """The account ``token`` acts as; unless strict, any token acts as the default.

        As on X, an access token ``<digits>-...`` acts as the account with that id, so
        a client that reads its id from its token sees its own posts.
        """
        if not token:
            return None
        accounts = self.accounts[platform]
        match = next((a for a in accounts if token in a.tokens), None)
        if match is not None or self.strict_tokens:
            return match
        prefix, dash, _ = token.partition("-")
        if platform != X or not (dash and prefix.isdigit()):
            return accounts[0]
        account = self.account(X, prefix) or replace(accounts[0], id=prefix, tokens=())
        self.accounts[X] = (*accounts, account) if account not in accounts else accounts
        return account

    def account(self, platform: str, account_id: str) -> Account | None:
        """Our account ``account_id`` on ``platform``, or None."""
        return next((a for a in self.accounts[platform] if a.id == account_id), None)

    def add_post(self, item: Item) -> Item:
        """Store a post from a client; a root post gets its citizens scheduled."""
        self.store.add(item)
        if item.reply_to is None:
            planned = plan_replies(
                seed=self.seed, platform=item.platform, root_id=item.id,
                posted_at=item.created_at, settings=self.citizens, corpus=self.corpus,
                first_order=self._counters["reply_order"])
            self._counters["reply_order"] += len(planned)
            self.pending += planned
        return item

    def materialize(self) -> None:
        """Publish the citizens' replies whose time has come, in time order."""
        now = self.now()
        due = sorted((p for p in self.pending if p.due <= now), key=lambda p: (p.due, p.order))
        if not due:
            return
        self.pending = [p for p in self.pending if p.due > now]
        for pending in due:
            item = self.store.add(citizen_item(self, pending))
            pending.published_id = item.id
            self.notify(item, "add")

    def notify(self, item: Item, verb: str) -> None:
        """Queue a Page webhook event for a Facebook comment (when subscribed)."""
        if self.webhook is not None and item.platform == FACEBOOK and item.reply_to:
            self.webhook_events.append(feed_event(item, verb, self.now()))

    def handle(self, request: ApiRequest) -> ApiResponse:
        """Answer one API or control request."""
        with self.lock:
            self.materialize()
            return handle(self, request)

    def posts(self, platform: str | None = None) -> list[dict[str, Any]]:
        """What clients posted (posts, thread parts, our replies), oldest first."""
        with self.lock:
            return [item.summary() for item in self.store.items
                    if item.from_client and platform in (None, item.platform)]

    def citizen_replies(self, platform: str | None = None) -> list[dict[str, Any]]:
        """Citizens' replies visible now, oldest first."""
        with self.lock:
            self.materialize()
            return [item.summary() for item in self.store.items
                    if not item.from_client and platform in (None, item.platform)]
