"""The database schema: an empty database upgraded to the newest revision, and one made by the
previous revision (with data in it) upgraded without losing a row."""

from __future__ import annotations

from sqlalchemy import inspect, text

from backstride.store.db import HEAD, engine_for, migrate


def _columns(engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def test_an_empty_database_is_brought_to_the_newest_schema(tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'empty.db'}")
    migrate(engine)
    assert {"runners", "blobs", "assessments", "runs", "morning_pain"} <= set(inspect(engine).get_table_names())
    assert {"heartbeat_at", "attempts"} <= _columns(engine, "assessments")
    with engine.connect() as c:
        assert c.execute(text("select version_num from alembic_version")).scalar() == HEAD


def test_a_database_of_an_earlier_revision_keeps_its_rows(tmp_path):
    """Made at 0001 (before the heartbeat and the log), upgraded through 0002 and 0003."""
    engine = engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0001")
    assert "attempts" not in _columns(engine, "assessments")
    with engine.begin() as c:
        c.execute(text("insert into runners values ('r1', 'Old runner', 170.0, '2026-01-01 10:00:00')"))
        c.execute(text("insert into blobs values ('" + "a" * 64 + "', 'video', '.mp4', 10, '{}', '2026-01-01')"))
        c.execute(text("insert into assessments (id, runner_id, created_at, side_sha, photos, options, state, stage, "
                       "frames_done, frames_total) values ('a1', 'r1', '2026-01-01', '" + "a" * 64 + "', '[]', '{}', "
                       "'done', 'done', 10, 10)"))  # fmt: skip
    migrate(engine)
    with engine.connect() as c:
        row = c.execute(text("select state, attempts, heartbeat_at from assessments where id = 'a1'")).one()
        assert tuple(row) == ("done", 0, None)
        assert c.execute(text("select name from runners")).scalar() == "Old runner"
        assert c.execute(text("select count(*) from runs")).scalar() == 0


def test_a_log_kept_before_time_zones_keeps_the_days_it_showed(tmp_path, monkeypatch):
    """Revision 0006: a log of 0005 upgraded on a machine in Los Angeles takes that zone for its
    runner, and a run stored without its own date (05:30 UTC on 1 March 2026: 21:30 the evening before
    in Los Angeles) is fixed to the day it showed there, 28 February."""
    import time

    import tzlocal

    engine = engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0005")
    with engine.begin() as c:
        c.execute(text("insert into runners (id, name, created_at) values ('r1', 'Old runner', '2026-01-01 10:00:00')"))
        c.execute(text("insert into runs (id, runner_id, started_at, distance_km, source) "
                       "values ('run1', 'r1', '2026-03-01 05:30:00', 8.0, 'typed')"))  # fmt: skip
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    tzlocal.reload_localzone()
    try:
        migrate(engine)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
        tzlocal.reload_localzone()
    with engine.connect() as c:
        assert c.execute(text("select time_zone from runners")).scalar() == "America/Los_Angeles"
        assert str(c.execute(text("select local_date from runs")).scalar()) == "2026-02-28"


def test_every_revision_goes_up_and_down_on_both_databases(database_url):
    """Each revision upgraded from the one before and downgraded back, one at a time, on SQLite
    and on a real PostgreSQL server: the tables after each step are those the revision makes."""
    from backstride.store.db import downgrade, revisions

    engine = engine_for(database_url)
    steps = revisions()
    assert steps[0] == "0001" and steps[-1] == HEAD
    tables_at = {}
    for revision in steps:
        migrate(engine, revision)
        tables_at[revision] = {t: _columns(engine, t) for t in inspect(engine).get_table_names()}
    assert {"runners", "assessments", "runs", "experiments"} <= set(tables_at[HEAD])
    for before, revision in reversed(list(zip(["base", *steps], steps, strict=False))):
        downgrade(engine, before)
        now = {t: _columns(engine, t) for t in inspect(engine).get_table_names()}
        assert now == tables_at.get(before, {"alembic_version": {"version_num"}}), (revision, before)
        migrate(engine, revision)
        assert {t: _columns(engine, t) for t in inspect(engine).get_table_names()} == tables_at[revision]
        downgrade(engine, before)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
