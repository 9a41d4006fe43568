"""Fixtures of the publishing and collecting tests (defined in ``tests/publishing_rig.py``)."""

from publishing_rig import clock, control, emulator, emulator_url, publisher, rig, settings

__all__ = [
    "clock",
    "control",
    "emulator",
    "emulator_url",
    "publisher",
    "rig",
    "settings",
]
