"""The experiment read from the runner's log: which logged value is which unit's outcome (a known
log, worked by hand), and the whole path through the CLI on a simulated runner whose change
lowers pain after a run by 2.5 points (the generator's known effect)."""

import json
from datetime import date, datetime, timedelta

import numpy as np
import pytest
from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.nof1.design import Design, plan
from backstride.nof1.plan import LoggedRun, deviations, make_plan, match, series, today

pytestmark = pytest.mark.usefixtures("store_on_both")  # each test on SQLite and on PostgreSQL

FIRST = date(2026, 3, 2)  # a Monday


def test_run_by_run_each_run_is_the_unit_of_its_day():
    """7 runs a week for 2 weeks: run n is planned on day n. A skipped day leaves its unit missing and a
    second run on a day (a watch file of a run already typed, say) is off-plan: neither shifts the
    runs after it (issue 25: matched by position, one extra run put 18 of 28 under the wrong condition)."""
    record = make_plan("insoles", plan("insoles", weeks=2, runs_per_week=7, seed=1), FIRST, 2)
    assert record.days is not None and record.days[:3] == (FIRST, FIRST + timedelta(days=1), FIRST + timedelta(days=2))
    runs = [LoggedRun(FIRST - timedelta(days=1), 5.0, 9.0, None),  # before the plan: not a unit
            LoggedRun(FIRST, 6.0, 3.0, 2.0, insoles=bool(record.schedule[0])),
            LoggedRun(FIRST, 6.1, None, None),  # the same day again: off-plan, not run 2
            LoggedRun(FIRST + timedelta(days=2), 8.0, None, 4.0, insoles=not record.schedule[2]),
            LoggedRun(FIRST + timedelta(days=3), 10.0, 5.0, None)]  # fmt: skip
    y, km = series(record, runs, {})
    assert len(y) == 14 and y[0] == 3.0 and np.isnan(y[1]) and np.isnan(y[2]) and y[3] == 5.0
    assert np.all(np.isnan(y[4:])) and km[0] == 6.0 and np.isnan(km[1]) and km[2:4].tolist() == [8.0, 10.0]
    m = match(record, runs)
    assert [why for _, why in m.off_plan] == ["run 2 of the day, 1 planned"] and m.logged == 3
    assert deviations(record, runs) == [3]  # run 3 logged with insoles the other way
    assert today(record, FIRST + timedelta(days=1)).when == "run 2 of 14"
    assert today(record, FIRST + timedelta(days=1)).text.startswith("today (run 2 of 14)")


def test_every_second_day_and_a_run_on_a_day_the_plan_does_not_expect():
    record = make_plan("insoles", plan("insoles", weeks=8, runs_per_week=3.5, seed=3), FIRST, 8)
    days = list(record.days or ())
    assert len(days) == 28 and {(b - a).days for a, b in zip(days, days[1:])} == {2}
    off = match(record, [LoggedRun(FIRST + timedelta(days=1), 5.0, 2.0, None)]).off_plan
    assert [why for _, why in off] == ["no run planned that day"]
    assert today(record, FIRST + timedelta(days=1)).text.startswith("next run, Wed 04 Mar (run 2 of 28)")


def test_day_by_day_outcome_is_the_pain_on_waking_the_next_day():
    record = make_plan("new_shoes", Design("phases", 8, phase_days=4, washout_days=1, seed=0,
                                             outcome="next_morning_pain"), FIRST, 1)  # fmt: skip
    runs = [LoggedRun(FIRST, 5.0, 3.0, 4.0), LoggedRun(FIRST, 2.0, None, None),  # two runs on day 1
            LoggedRun(FIRST + timedelta(days=2), 7.0, 2.0, 6.0)]  # fmt: skip
    mornings = {FIRST + timedelta(days=2): 1.0, FIRST + timedelta(days=3): 2.5}  # waking on days 3 and 4
    y, km = series(record, runs, mornings)
    # day 1: the run's own next-morning answer; day 2: the morning entry of day 3 (it wins over
    # nothing); day 3: the morning entry of day 4 beats the run's answer; day 4 onwards: not logged
    assert y[:3].tolist() == [4.0, 1.0, 2.5] and np.all(np.isnan(y[3:]))
    assert km.tolist() == [7.0, 0.0, 7.0, 0, 0, 0, 0, 0]
    t = today(record, FIRST + timedelta(days=4))
    assert t.when == "day 5 of 8" and t.washout  # the first day of the second phase
    assert today(record, FIRST + timedelta(days=8)).when == "finished"


def _log_simulated_runs(data_dir, record, effect: float, rng) -> None:
    from backstride.settings import web_from_environment
    from backstride.store.logbook import add_run, find_runner, opened

    first = record.start
    with opened(web_from_environment()) as s:
        ann = find_runner(s, "Ann")
        for i, b in enumerate(record.schedule):
            day = first + timedelta(days=2 * i)
            pain = float(np.clip(4.5 - effect * b + rng.normal(0, 1.0), 0, 10))
            add_run(s, ann, datetime(day.year, day.month, day.day, 0, 1).astimezone(), distance_km=8.0,
                    insoles=bool(b), pain_after=round(pain, 1))  # fmt: skip


def test_the_cli_plans_says_what_today_is_and_reads_the_verdict_from_the_log(tmp_path, monkeypatch, pose_cache):
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    cli = CliRunner()
    start = date.today() - timedelta(days=54)  # 28 runs every 2nd day end today
    made = cli.invoke(app, ["log", "add", "--runner", "Ann", "--create", "--distance-km", "5",
                            "--date", (start - timedelta(days=3)).isoformat()])  # fmt: skip
    assert made.exit_code == 0, made.output
    past = cli.invoke(app, ["experiment", "plan", "--runner", "Ann", "--change", "insoles", "--start", str(start)])
    assert past.exit_code == 2 and "is in the past: the schedule is drawn before day 1" in past.output
    planned = cli.invoke(app, ["experiment", "plan", "--runner", "Bob", "--change", "insoles", "--seed", "5"])
    assert planned.exit_code == 2 and "no runner 'Bob'" in planned.output
    file_plan = cli.invoke(app, ["experiment", "plan", "--change", "insoles", "--out", str(tmp_path / "p.json")])
    assert file_plan.exit_code == 0 and "337,878 schedules were possible" in file_plan.output, file_plan.output

    from backstride.settings import web_from_environment
    from backstride.store.experiments import plan_of
    from backstride.store.experiments import start as start_experiment
    from backstride.store.logbook import find_runner, opened

    with opened(web_from_environment()) as s:  # planned 54 days ago, as the runner did then
        record = plan_of(start_experiment(s, find_runner(s, "Ann"), "insoles", first=start, seed=5, today=start))
    early = cli.invoke(app, ["experiment", "verdict", "--runner", "Ann"])
    assert early.exit_code == 2 and "read once, at the end" in early.output
    # runs are matched by date: planned 54 days ago, every second day, today is the 28th run's day
    assert "today (run 28 of 28)" in cli.invoke(app, ["experiment", "today", "--runner", "Ann"]).output
    again = cli.invoke(app, ["experiment", "plan", "--runner", "Ann", "--change", "cadence_cue"])
    assert again.exit_code == 2 and "one change at a time" in again.output
    _log_simulated_runs(tmp_path, record, effect=2.5, rng=np.random.default_rng(4))
    picture = tmp_path / "verdict.png"
    told = cli.invoke(app, ["experiment", "verdict", "--runner", "Ann", "--picture", str(picture)])
    assert told.exit_code == 0, told.output
    assert "The change helps" in told.output and picture.read_bytes()[:4] == b"\x89PNG"
    assert "the plan is over" in cli.invoke(app, ["experiment", "today", "--runner", "Ann"]).output
    # an analysis run for Ann carries the experiment into summary.json (and so the report)
    from backstride.settings import CACHE_ENV
    from backstride.synth.clip import render_clip
    from backstride.synth.model import RunnerParams
    from backstride.synth.render import Camera

    monkeypatch.setenv(CACHE_ENV, str(pose_cache))
    clip = tmp_path / "side.mp4"
    render_clip(RunnerParams(), Camera("side-left", width=360, height=640, px_per_m=280.0), clip, fps=30.0,
                duration_s=4.0)  # fmt: skip
    out = tmp_path / "results"
    analysed = cli.invoke(app, ["analyze", str(clip), "--runner", "Ann", "--no-report", "--out", str(out)])
    assert analysed.exit_code == 0, analysed.output
    carried = json.loads((out / "summary.json").read_text())["experiments"]
    assert carried[0]["change"] == "insoles" and carried[0]["state"]["verdict"]["verdict"] == "helps"


def test_the_verdict_is_kept_as_read_and_a_later_edit_is_shown_as_a_change_to_a_finished_experiment(
    tmp_path, monkeypatch
):
    """Issue 25: the verdict is read at the plan's end and kept; editing the plan's runs afterwards never
    makes a new verdict (re-reading until it looks good would raise the false positives)."""
    from backstride.settings import web_from_environment
    from backstride.store import experiments
    from backstride.store.logbook import opened, runner_for, runs_of
    from tests.unit.nof1.finished import log_insoles_experiment

    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    with opened(web_from_environment()) as s:
        ann = runner_for(s, "Ann", create=True)
        log_insoles_experiment(s, ann, date.today() - timedelta(days=57))
    with opened(web_from_environment()) as s:
        ann = runner_for(s, "Ann", create=False)
        first = experiments.current_state(s, ann, date.today())
        assert first is not None and first.verdict is not None and first.verdict.verdict == "helps"
        assert first.changed_after is None
        for run in runs_of(s, ann):  # every B run's pain raised by 4 points afterwards
            if run.insoles:
                run.pain_after = min(10.0, run.pain_after + 4)
    with opened(web_from_environment()) as s:
        later = experiments.current_state(s, runner_for(s, "Ann", create=False), date.today())
    assert later is not None and later.verdict == first.verdict  # kept as read
    assert later.changed_after and "changed after its verdict was read" in later.changed_after
    assert "makes it worse" in later.changed_after


def test_a_plan_stored_by_an_earlier_version_reads_with_its_defaults():
    """Plans stored before the run days, the last day and the missing-log risk were written (issue 25)
    read as typed plans: the runs spread evenly over the dates, as they were then."""
    from backstride.core.experiments import ExperimentPlan
    from backstride.nof1.plan import planned_days

    old = {"change": "insoles", "kind": "per_run", "units": 4, "phase_days": 0, "washout_days": 0, "min_phase_days": 0,
           "seed": 2, "outcome": "pain_after_run", "weaker": False, "start": "2026-03-02", "schedule": [1, 0, 0, 1],
           "schedules_possible": 6, "smallest_p": 1 / 6, "decision_rule": "randomisation test",
           "dropped": 1}  # fmt: skip
    plan_then = ExperimentPlan.model_validate(old)
    assert plan_then.end is None and plan_then.days is None and not plan_then.seed_given
    assert planned_days(plan_then) == [FIRST, FIRST + timedelta(days=1), FIRST + timedelta(days=2),
                                       FIRST + timedelta(days=3)]  # fmt: skip
