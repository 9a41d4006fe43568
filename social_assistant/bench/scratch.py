"""A benchmark's throw-away home: a temporary folder with a scratch database in it."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from social_assistant.db import Database, open_database
from social_assistant.db.scratch import scratch_database
from social_assistant.settings import Settings, load_settings


@contextmanager
def scratch_home(prefix: str, database_url: str | None) -> Iterator[tuple[Path, str]]:
    """A temporary folder and the URL of an empty database (a SQLite file in the folder,
    or a fresh schema of the PostgreSQL ``database_url``); both go away afterwards."""
    with (
        tempfile.TemporaryDirectory(prefix=prefix) as folder,
        scratch_database(database_url, Path(folder)) as url,
    ):
        yield Path(folder), url


@contextmanager
def scratch_service(
    prefix: str, database_url: str | None, **settings: Any
) -> Iterator[tuple[Settings, Database]]:
    """Settings for a scratch home (``settings``: sections to set) and its database,
    open until the block ends."""
    with scratch_home(prefix, database_url) as (home, url):
        (home / "content_queue").mkdir(exist_ok=True)
        loaded = load_settings(None, home=str(home), database={"url": url}, **settings)
        database = open_database(url)
        try:
            yield loaded, database
        finally:
            database.dispose()
