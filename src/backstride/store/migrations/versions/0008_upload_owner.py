"""The runner an upload was made for, so that an upload never attached to an assessment is
deleted with the runner (and one made for nobody is swept after a day).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("blobs") as batch:
        batch.add_column(sa.Column("uploaded_for", sa.String(32), nullable=True))
        batch.create_index("ix_blobs_uploaded_for", ["uploaded_for"])


def downgrade() -> None:
    with op.batch_alter_table("blobs") as batch:
        batch.drop_index("ix_blobs_uploaded_for")
        batch.drop_column("uploaded_for")
