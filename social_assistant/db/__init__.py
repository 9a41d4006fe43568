"""Storage: SQLModel tables, the engine (SQLite or PostgreSQL) and Alembic migrations."""

from social_assistant.db.engine import Database, open_database

__all__ = ["Database", "open_database"]
