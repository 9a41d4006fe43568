"""The README documents every command (datasette-style docs test)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from social_assistant.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(command: Any, prefix: str) -> list[str]:
    subcommands = getattr(command, "commands", None)
    if not subcommands:
        return [prefix]
    found: list[str] = []
    for name, sub in subcommands.items():
        found += _commands(sub, f"{prefix} {name}")
    return found


def test_every_command_is_in_the_readme() -> None:
    commands = _commands(typer.main.get_command(app), "social-assistant")
    assert len(commands) > 8
    missing = [c for c in commands if c not in README]
    assert missing == [], f"document these commands in README.md: {missing}"
