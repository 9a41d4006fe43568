"""Run the real CLI against a test's database and settings (through the environment)."""

from __future__ import annotations

import os

from typer.testing import CliRunner

from social_assistant.cli import app
from social_assistant.settings import Settings


def run_cli(settings: Settings, *args: str) -> tuple[int, str]:
    env = {name: None for name in os.environ if name.startswith("SA_") and "POSTGRES" not in name}
    env.update(
        {
            "SA_HOME": str(settings.home),
            "SA_CONFIG": "",
            "SA_DATABASE__URL": settings.database.url,
            "SA_DEADLINES__EXTRA_HOLIDAYS": '["2026-12-24"]',
        }
    )
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output
