"""Filmed self-tests and form checks in the runner's history: one row a figure, with its day.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "body_checks",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("runner_id", sa.String(32), sa.ForeignKey("runners.id", ondelete="CASCADE"), nullable=False),
        sa.Column("test", sa.String(40), nullable=False),
        sa.Column("leg", sa.String(5), nullable=True),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("at_least", sa.Boolean, nullable=False),
        sa.Column("local_date", sa.Date, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("clip", sa.String(200), nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
    )
    op.create_index("ix_body_checks_runner_id", "body_checks", ["runner_id"])


def downgrade() -> None:
    op.drop_index("ix_body_checks_runner_id", table_name="body_checks")
    op.drop_table("body_checks")
