"""Why an analysis ended without everything (a clip refused, interrupted, an internal error) and
the backstride version that ran it: a retry is offered only where something changed. Jobs that
failed before keep a retry (their kind unknown).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("failure", sa.String(12), nullable=True))
        batch.add_column(sa.Column("analysed_with", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("analysed_with")
        batch.drop_column("failure")
