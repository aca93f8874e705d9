"""Self-experiments: the verdict as read at the plan's end, kept (a later edit of the log is shown as
a change to a finished experiment, never a new verdict); and each run's own local date, fixed when
it is logged (the watch's local time for a FIT file), so a run falls on the same day on any machine.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("experiments") as batch:
        batch.add_column(sa.Column("verdict", sa.JSON, nullable=True))
        batch.add_column(sa.Column("verdict_read_on", sa.Date, nullable=True))
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("local_date", sa.Date, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("local_date")
    with op.batch_alter_table("experiments") as batch:
        batch.drop_column("verdict_read_on")
        batch.drop_column("verdict")
