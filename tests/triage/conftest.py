"""Fixtures for the triage tests: one shared triager, and the shared public data sets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from social_assistant.triage import Triager
from social_assistant.triage.evaluate import default_data_dir


@pytest.fixture(scope="session")
def triager() -> Triager:
    """The bundled model, loaded once."""
    return Triager()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data`` (or ``SA_SHARED_DATA``); tests using it skip when it is absent."""
    path = Path(os.environ.get("SA_SHARED_DATA") or default_data_dir())
    if not (path / "nusax-senti").is_dir():
        pytest.skip(f"shared evaluation data not found at {path} (set SA_SHARED_DATA)")
    return path
