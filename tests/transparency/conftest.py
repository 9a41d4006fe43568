"""Fixtures of the transparency tests: the hand-built December (see december.py)."""

from __future__ import annotations

from transparency.december import dataset, settings

__all__ = ["dataset", "settings"]
