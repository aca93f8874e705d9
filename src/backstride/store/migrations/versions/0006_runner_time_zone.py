"""The runner's time zone, stored with the log (an IANA name): GPX, TCX and Strava times (UTC) and
Garmin's local times are read in it, and a typed time is the runner's clock, so a run falls on the
runner's day on any machine. A log kept before takes the zone of the machine that upgrades it, and
its runs without a date of their own are fixed to the day they showed there.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from backstride.runlog.zones import local_date, machine_zone_name

    with op.batch_alter_table("runners") as batch:
        batch.add_column(sa.Column("time_zone", sa.String(64), nullable=True))
    here = machine_zone_name()
    bind = op.get_bind()
    runners = sa.table("runners", sa.column("time_zone", sa.String))
    bind.execute(runners.update().values(time_zone=here))
    runs = sa.table("runs", sa.column("id", sa.String), sa.column("started_at", sa.DateTime(timezone=True)),
                    sa.column("local_date", sa.Date))  # fmt: skip
    undated = bind.execute(sa.select(runs.c.id, runs.c.started_at).where(runs.c.local_date.is_(None))).all()
    for run_id, started in undated:
        bind.execute(runs.update().where(runs.c.id == run_id).values(local_date=local_date(started, here)))


def downgrade() -> None:
    with op.batch_alter_table("runners") as batch:
        batch.drop_column("time_zone")
