"""Routes, and what each emulated platform must provide to the dispatcher."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from social_assistant.emulator.exchange import ApiRequest, ApiResponse
from social_assistant.emulator.faults import Fault, WindowState
from social_assistant.emulator.records import Account, Item

if TYPE_CHECKING:
    from social_assistant.emulator.citizens import PendingReply
    from social_assistant.emulator.state import Emulator

Handler = Callable[["Emulator", ApiRequest, Account, Mapping[str, str]], ApiResponse]


@dataclass(frozen=True)
class RouteSpec:
    """``method`` + a path regex with named groups, the handler and its rate limit."""

    method: str
    pattern: str
    handler: Handler
    endpoint: str
    limit: str | None = None


@dataclass(frozen=True)
class Route:
    """A matched route with its path parameters."""

    spec: RouteSpec
    params: Mapping[str, str] = field(default_factory=dict)


def match_route(specs: Sequence[RouteSpec], method: str, path: str) -> Route | None:
    """The first route whose method and whole-path pattern match."""
    for spec in specs:
        found = re.fullmatch(spec.pattern, path)
        if found and spec.method == method:
            return Route(spec, found.groupdict())
    return None


class PlatformApi(Protocol):
    """One emulated platform, as the dispatcher uses it."""

    platform: str

    def claims(self, path: str) -> bool:
        """Whether ``path`` belongs to this platform."""

    def route(self, request: ApiRequest) -> Route | None:
        """The route for ``request``, or None."""

    def token(self, request: ApiRequest) -> str | None:
        """The access token the request carries, if any."""

    def not_found(self, emulator: Emulator, request: ApiRequest) -> ApiResponse:
        """The platform's answer to an unknown path."""

    def unauthorized(self, emulator: Emulator, request: ApiRequest) -> ApiResponse:
        """The platform's answer to a missing or rejected token."""

    def meter(self, emulator: Emulator, route: Route, account: Account) -> list[WindowState]:
        """Count the call in its rate-limit windows."""

    def rate_limited(
        self, emulator: Emulator, windows: list[WindowState], account: Account
    ) -> ApiResponse:
        """The platform's answer when a window is exceeded."""

    def rate_headers(
        self, emulator: Emulator, windows: list[WindowState], account: Account
    ) -> dict[str, str]:
        """Rate-limit or usage headers for a normal answer."""

    def fault(self, emulator: Emulator, fault: Fault) -> ApiResponse:
        """The platform's answer for an injected ``fault``."""

    def citizen_item(self, emulator: Emulator, pending: PendingReply) -> Item:
        """The reply or comment a simulated citizen publishes."""
