"""Fixtures of the web UI tests (see tests/web_rig.py)."""

from web_rig import app_client, clock, new_client, seeded, settings

__all__ = ["app_client", "clock", "new_client", "seeded", "settings"]
