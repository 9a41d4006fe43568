"""The database connection: SQLite (WAL mode) or PostgreSQL, behind one small class."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

READ_ONLY = "social_assistant_read_only"


class Database:
    """An engine plus sessions that commit on success and roll back on error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reader = engine.execution_options(**{READ_ONLY: True})

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only, rolled back at the end.

        On SQLite it begins a deferred transaction, so it never takes (or waits for) the
        write lock that ``session()`` takes with ``BEGIN IMMEDIATE``: pages and lookups
        run beside the publishing engine's writes (WAL readers see a snapshot).
        """
        # Closing without commit discards any change (the pool rolls the connection
        # back) and, unlike rollback(), leaves loaded objects readable.
        with Session(self._reader, expire_on_commit=False) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, **engine_options: Any) -> Database:
    """Open (without migrating) the database at ``url``; SQLite folders are created."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine_options.setdefault("connect_args", {"timeout": 30})
        engine = create_engine(url, **engine_options)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return Database(engine)
    engine_options.setdefault("pool_pre_ping", True)
    return Database(create_engine(url, **engine_options))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(connection: Any) -> None:
    # BEGIN IMMEDIATE takes the write lock at the start, so two processes never both
    # read a row as free and then race to update it (no SQLITE_BUSY on upgrade).
    # Read-only sessions (Database.reading) begin deferred and never take the lock.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
