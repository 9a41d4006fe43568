"""A local stand-in for X API v2 and the Graph API, with simulated citizens.

Run it with ``python -m social_assistant.emulator`` (or ``social-assistant emulator``);
in tests use :func:`start_emulator` with a :class:`ManualClock`. Sandbox tokens are in
:mod:`social_assistant.emulator.accounts`; the control endpoints (``/_emulator/*``) in
:mod:`social_assistant.emulator.control`; the fault JSON in
:mod:`social_assistant.emulator.faults`.
"""

from __future__ import annotations

from social_assistant.emulator.accounts import (
    SANDBOX_PAGE_ID,
    SANDBOX_SECRETS,
    SANDBOX_X_USER_ID,
    SANDBOX_X_USER_TOKEN,
)
from social_assistant.emulator.citizens import CitizenSettings
from social_assistant.emulator.client import EmulatorClient
from social_assistant.emulator.clock import ManualClock, system_clock
from social_assistant.emulator.server import EmulatorServer, serve_forever, start_emulator
from social_assistant.emulator.state import Emulator

__all__ = [
    "SANDBOX_PAGE_ID",
    "SANDBOX_SECRETS",
    "SANDBOX_X_USER_ID",
    "SANDBOX_X_USER_TOKEN",
    "CitizenSettings",
    "Emulator",
    "EmulatorClient",
    "EmulatorServer",
    "ManualClock",
    "serve_forever",
    "start_emulator",
    "system_clock",
]
