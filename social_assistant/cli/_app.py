"""The CLI's shared parts: the typer app, its context, and turning our errors into one line."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from sqlalchemy.exc import OperationalError
from typer.core import TyperGroup

from social_assistant.clock import Clock, SystemClock
from social_assistant.db import Database, open_database
from social_assistant.db.migrate import current_revision, head_revision
from social_assistant.permissions import PermissionDenied
from social_assistant.queue.errors import QueueFileError
from social_assistant.settings import Settings, SettingsError, load_settings
from social_assistant.users import UserError
from social_assistant.workspace.errors import WorkspaceError

log = logging.getLogger("social_assistant")
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

EXIT_REJECTED = 1
EXIT_CONFIG = 2
EXIT_DATABASE = 3


class CliError(Exception):
    """A failure told to the officer in one sentence (Indonesian and English)."""

    def __init__(self, message_id: str, message_en: str, exit_code: int = 1) -> None:
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en
        self.exit_code = exit_code


class _Group(TyperGroup):
    """Runs a command and turns our exceptions into one clear line and an exit code."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click Context
        try:
            return super().invoke(ctx)
        except SettingsError as exc:
            _fail(exc.message_id, exc.message_en, EXIT_CONFIG, ctx)
        except (CliError, UserError, PermissionDenied, WorkspaceError) as exc:
            _fail(exc.message_id, exc.message_en, getattr(exc, "exit_code", 1), ctx)
        except QueueFileError as exc:
            _fail(exc.officer_text(), exc.log_text(), EXIT_REJECTED, ctx)
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            _fail(
                f"Basis data tidak dapat dipakai: {reason}. Periksa pengaturan `database.url`.",
                f"Database unavailable: {reason}. Check setting `database.url`.",
                EXIT_DATABASE,
                ctx,
            )


def _fail(message_id: str, message_en: str, code: int, ctx: Any) -> NoReturn:
    state = ctx.find_object(State)
    language = state.language if state else "id"
    log.error(message_en)
    err_console.print(
        f"[bold red]Galat:[/] {message_id}"
        if language == "id"
        else f"[bold red]Error:[/] {message_en}",
        soft_wrap=True,
    )
    raise typer.Exit(code)


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    add_completion=False,
    help="social-assistant: jadwalkan pengumuman, kumpulkan balasan warga, tindak lanjuti "
    "aspirasi. (Schedule announcements, collect citizens' replies, act on aspirations.)",
)


@dataclass
class State:
    """What every command can reach: settings, database and clock, opened lazily."""

    config: Path | None = None
    clock: Clock = field(default_factory=SystemClock)
    _settings: Settings | None = None
    _database: Database | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config)
        return self._settings

    @property
    def language(self) -> str:
        return self._settings.language if self._settings else "id"

    def database(self, *, migrated: bool = True) -> Database:
        if self._database is None:
            self._database = open_database(self.settings.database_url())
        if migrated and current_revision(self._database) != head_revision():
            raise CliError(
                "Basis data belum disiapkan atau versinya lama: jalankan "
                "`social-assistant db upgrade` (atau `social-assistant init`).",
                "The database is not initialised or outdated: run `social-assistant db upgrade`.",
                EXIT_DATABASE,
            )
        return self._database

    def say(self, message_id: str, message_en: str) -> str:
        return message_id if self.language == "id" else message_en


def state(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    assert found is not None, "the root callback sets the state"
    return found
