"""Self-experiments: the plan of each, written before day 1.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "experiments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("runner_id", sa.String(32), sa.ForeignKey("runners.id", ondelete="CASCADE"), nullable=False),
        sa.Column("change", sa.String(40), nullable=False),
        sa.Column("plan", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_experiments_runner_id", "experiments", ["runner_id"])


def downgrade() -> None:
    op.drop_table("experiments")
