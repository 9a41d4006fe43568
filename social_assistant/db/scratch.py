"""Throw-away databases for tests and benchmarks: a SQLite file or a PostgreSQL schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text


@contextmanager
def scratch_database(url: str | None, folder: Path) -> Iterator[str]:
    """A URL to an empty database: ``folder/scratch.db``, or a fresh schema in ``url``.

    The PostgreSQL schema is chosen through ``search_path`` in the URL, so every
    connection (including other processes) lands in it; it is dropped afterwards.
    """
    if not url or url.startswith("sqlite"):
        yield f"sqlite:///{folder / 'scratch.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
