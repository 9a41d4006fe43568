"""resume a reply read cut short by the X read budget

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.add_column(sa.Column("replies_resume_until", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("replies_pending_cursor", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("publications") as batch:
        batch.drop_column("replies_pending_cursor")
        batch.drop_column("replies_resume_until")
