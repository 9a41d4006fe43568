"""Fixtures of the web UI tests (see tests/web_rig.py; the engine's rig for the browser run)."""

from publishing_rig import control, emulator, emulator_url, publisher
from web_rig import app_client, clock, new_client, seeded, settings

__all__ = [
    "app_client",
    "clock",
    "control",
    "emulator",
    "emulator_url",
    "new_client",
    "publisher",
    "seeded",
    "settings",
]
