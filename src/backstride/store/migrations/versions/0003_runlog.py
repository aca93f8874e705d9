"""The runner's log: runs (typed or imported) and next-morning pain on days without a run.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("runner_id", sa.String(32), sa.ForeignKey("runners.id", ondelete="CASCADE"), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("distance_km", sa.Float, nullable=True),
        sa.Column("duration_min", sa.Float, nullable=True),
        sa.Column("shoes", sa.String(80), nullable=True),
        sa.Column("insoles", sa.Boolean, nullable=True),
        sa.Column("cadence_cue", sa.String(80), nullable=True),
        sa.Column("cadence_spm", sa.Float, nullable=True),
        sa.Column("cadence_source", sa.String(120), nullable=True),
        sa.Column("pain_during", sa.Float, nullable=True),
        sa.Column("pain_after", sa.Float, nullable=True),
        sa.Column("pain_next_morning", sa.Float, nullable=True),
        sa.Column("source", sa.String(200), nullable=False),
    )
    op.create_index("ix_runs_runner_id", "runs", ["runner_id"])
    op.create_table(
        "morning_pain",
        sa.Column("runner_id", sa.String(32), sa.ForeignKey("runners.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("pain", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("morning_pain")
    op.drop_table("runs")
