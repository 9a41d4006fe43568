"""engagement counts of published posts

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import social_assistant.db.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "engagement_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column(
            "fetched_at", social_assistant.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("likes", sa.Integer(), nullable=False),
        sa.Column("reposts", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["publication_id"], ["publications.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_engagement_snapshots_publication_at",
        "engagement_snapshots",
        ["publication_id", "fetched_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_engagement_snapshots_publication_at", table_name="engagement_snapshots")
    op.drop_table("engagement_snapshots")
