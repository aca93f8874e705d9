"""The runner's log: the training-load answers it gives the questionnaire (arithmetic on a known
log), and the CLI's log kept in the app's data folder."""

from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.runlog.load import training_load

pytestmark = pytest.mark.usefixtures("store_on_both")  # each test on SQLite and on PostgreSQL

TODAY = date(2026, 3, 31)


def test_the_questionnaires_load_answers_from_a_known_log():
    """5 km every 2nd day for 8 weeks, then a 21 km run 3 days ago."""
    runs = [(TODAY - timedelta(days=d), 5.0) for d in range(4, 56, 2)] + [(TODAY - timedelta(days=3), 21.0)]
    load = training_load(runs, TODAY)
    assert load["weekly_km_now"] == 21.0 + 5.0 + 5.0  # days 3, 4 and 6
    assert load["longest_run_last_week_km"] == 21.0 and load["longest_run_before_last_week_km"] == 5.0
    assert load["longest_run_last_30_days_km"] == 21.0
    assert load["weekly_km_4_weeks_ago"] == 20.0  # days 28-34: 28, 30, 32, 34
    assert len(load["weekly_km_last_8_weeks"]) == 8 and load["weekly_km_last_8_weeks"][-1] == 31.0
    assert training_load([], TODAY) == {}
    assert load["longest_run_last_30_days_on"] == "2026-03-28" and load["longest_run_in_30_days_before_it_km"] == 5.0


def test_weeks_before_the_log_began_are_unknown_not_zero():
    """A new log with one 8 km run: nothing before it is known, so no answer claims 0 km before it and
    the plan sets no cap of 0.0 km (issue 24)."""
    from backstride.advice import make_plan
    from backstride.triage import estimate, parse_answers, screen
    from tests.unit.triage.vignettes import answers

    load = training_load([(TODAY - timedelta(days=2), 8.0)], TODAY)
    assert load["weekly_km_last_8_weeks"] == [8.0]
    for unknown in ("longest_run_before_last_week_km", "weekly_km_4_weeks_ago", "longest_run_in_30_days_before_it_km"):
        assert unknown not in load
    a = parse_answers(answers(running={**{k: v for k, v in load.items() if k != "longest_run_last_30_days_on"},
                                       "weekly_km_4_weeks_ago": 8}))  # fmt: skip
    text = " ".join(i.what for i in make_plan(a, screen(a), estimate(a)))
    assert "under 0.0 km" not in text and "under 8.8 km" in text


def test_the_cli_logs_runs_and_morning_pain_and_refuses_a_bad_score(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    cli = CliRunner()
    added = cli.invoke(app, ["log", "add", "--runner", "Ann", "--create", "--distance-km", "8", "--date", "2026-11-28",
                             "--pain-after", "3"])  # fmt: skip
    assert added.exit_code == 0, added.output
    assert cli.invoke(app, ["log", "morning", "--runner", "Ann", "--pain", "2", "--date", "2026-11-29"]).exit_code == 0
    bad = cli.invoke(app, ["log", "add", "--runner", "Ann", "--distance-km", "8", "--pain-after", "12"])
    assert bad.exit_code == 2
    unknown = cli.invoke(app, ["log", "show", "--runner", "Nobody"])
    assert unknown.exit_code == 2 and "no runner 'Nobody'" in unknown.output
    shown = cli.invoke(app, ["log", "show", "--runner", "Ann"])
    assert "2026-11-28" in shown.output and "after 3" in shown.output


def test_a_cadence_of_unstated_unit_is_judged_by_its_range_and_clock_times_read():
    from backstride.runlog.csv_exports import cadence_steps, clock_s, number

    assert cadence_steps(81.0, "c")[0] == 162.0 and cadence_steps(172.0, "c")[0] == 172.0
    assert cadence_steps(50.0, "c")[0] is None and cadence_steps(260.0, "c")[0] is None  # neither unit runs so
    assert clock_s("1:02:03") == 3723 and clock_s("47:12.5") == 2832.5 and clock_s("--") is None
    assert number("1,020.5") == 1020.5 and number("--") is None


def test_the_terminal_questionnaire_takes_the_training_load_from_the_log_without_asking_it():
    """The known log above (5 km every 2nd day, then 21 km 3 days ago) answers the load questions."""
    from backstride.triage.form import run_form
    from tests.unit.triage.test_form import scripted
    from tests.unit.triage.vignettes import answers

    runs = [(TODAY - timedelta(days=d), 5.0) for d in range(4, 56, 2)] + [(TODAY - timedelta(days=3), 21.0)]
    known = {f"running.{k}": v for k, v in training_load(runs, TODAY).items()}
    ask, asked = scripted(answers())
    said: list[str] = []
    a = run_form(ask, say=said.append, known=known)
    assert not {q.field for q in asked} & set(known)  # none of them asked again
    assert a.running.weekly_km_now == 31.0 and a.running.weekly_km_4_weeks_ago == 20.0
    assert a.running.longest_run_last_week_km == 21.0 and len(a.running.weekly_km_last_8_weeks) == 8
    assert any("(from your log)" in line for line in said)
    assert any("rise of 55 %" in line for line in said)  # 20 -> 31 km a week: the load jump is said too


def test_a_run_in_the_future_is_refused_and_a_missing_runner_names_a_real_command(tmp_path, monkeypatch):
    """Issue 25: runs dated in the future are refused; the message for an unknown runner named an option
    ('--create') the command it came from does not have."""
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    cli = CliRunner()
    later = (date.today() + timedelta(days=3)).isoformat()
    future = cli.invoke(app, ["log", "add", "--runner", "Ann", "--create", "--distance-km", "8", "--date", later])
    assert future.exit_code == 2 and "is in the future" in " ".join(future.output.split())
    unknown = cli.invoke(app, ["experiment", "plan", "--runner", "Bob", "--change", "insoles"])
    text = " ".join(unknown.output.split())
    assert unknown.exit_code == 2 and "backstride log add --runner 'Bob' --create" in text


def test_the_cli_edits_and_removes_a_run_abandons_an_experiment_and_shows_everything_logged(tmp_path, monkeypatch):
    """Issue 25: what the web app could already do, the CLI does too; `log show` shows the morning entries,
    time, shoes, insoles and cue."""
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    cli = CliRunner()
    day = (date.today() - timedelta(days=2)).isoformat()
    cli.invoke(app, ["log", "add", "--runner", "Ann", "--create", "--distance-km", "8", "--date", day,
                     "--duration-min", "44", "--shoes", "Pegasus", "--insoles", "--cue", "metronome 172"])  # fmt: skip
    cli.invoke(app, ["log", "morning", "--runner", "Ann", "--pain", "2", "--date", day])
    shown = " ".join(cli.invoke(app, ["log", "show", "--runner", "Ann"]).output.split())
    for words in ("44 min", "shoes Pegasus", "insoles in", "cue metronome 172", f"Pain on waking: {day} 2"):
        assert words in shown, (words, shown)
    run_id = shown.split()[0]
    edited = cli.invoke(app, ["log", "edit", run_id, "--runner", "Ann", "--pain-after", "4", "--distance-km", "8.4"])
    assert edited.exit_code == 0 and "8.40 km" in edited.output and "after 4" in edited.output
    assert cli.invoke(app, ["log", "edit", "zzz", "--runner", "Ann", "--pain-after", "4"]).exit_code == 2
    removed = cli.invoke(app, ["log", "remove", run_id, "--runner", "Ann"])
    assert removed.exit_code == 0 and "no runs logged yet" in cli.invoke(app, ["log", "show", "--runner", "Ann"]).output
    planned = cli.invoke(app, ["experiment", "plan", "--runner", "Ann", "--change", "insoles"])
    assert planned.exit_code == 0
    abandoned = cli.invoke(app, ["experiment", "abandon", "--runner", "Ann"])
    assert abandoned.exit_code == 0 and "abandoned the experiment on insoles" in abandoned.output
    assert cli.invoke(app, ["experiment", "plan", "--runner", "Ann", "--change", "cadence_cue"]).exit_code == 0
