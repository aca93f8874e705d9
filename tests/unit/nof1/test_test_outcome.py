"""A filmed self-test as a self-experiment's outcome (nof1/outcome.py, plan.py, analysis.py): its own
unit and direction, filmed every 2 days in an AB design, a change counted from backstride's measurement
error, missing films counted against the films the plan asked for.

Truth: simulated runners whose back-extensor hold is 60 s + ``effect`` s while on the programme (B),
with day-to-day noise SD 5 s (the generator's known effect); a single-leg squat's knee angle 9 deg
- ``effect`` on B, SD 1.5 deg."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from backstride.errors import Invalid
from backstride.nof1.analysis import verdict
from backstride.nof1.design import DesignError
from backstride.nof1.design import plan as plan_design
from backstride.nof1.plan import design_of, film_days, make_plan, scale_of, series, today

FIRST = date(2026, 3, 2)


WEEKS = 14  # filmed every 2 days, the shortest AB plan whose films can reach p <= 0.025


def _plan(test: str = "sorensen", change: str = "back_extensions", seed: int = 7, weeks: int = WEEKS):
    design = plan_design(change, weeks=weeks, seed=seed)
    return make_plan(change, design, FIRST, weeks, seed_given=True, outcome_test=test)


def _films(plan, base: float, effect: float, sd: float, rng, every: int = 1) -> dict[date, float]:
    """The test's figure on each film day (every ``every``-th of them), the effect on B days."""
    out = {}
    for k, d in enumerate(film_days(plan)):
        if k % every == 0:
            out[plan.start + timedelta(days=d)] = round(base + effect * plan.schedule[d] + rng.normal(0, sd), 1)
    return out


def _verdict(plan, tests):
    y, km = series(plan, [], {}, tests)
    return verdict(design_of(plan), np.array(plan.schedule), y, km, scale=scale_of(plan), expected=len(film_days(plan)))


def test_a_test_outcome_is_planned_for_a_programme_only_and_filmed_every_2_days():
    plan = _plan()
    assert plan.outcome == "self_test" and plan.outcome_test == "sorensen" and plan.kind == "ab"
    assert film_days(plan)[:3] == [1, 3, 5] and len(film_days(plan)) == 49
    assert "the filmed back-extensor hold (s)" in plan.decision_rule and "measurement error" in plan.decision_rule
    assert plan.schedules_possible == 42 and plan.smallest_p == pytest.approx(1 / 42)  # start days between two films
    with pytest.raises(DesignError, match="only 21 different ways .* Plan 14 weeks or more"):
        _plan(weeks=8)
    with pytest.raises(DesignError, match="programme that builds over weeks"):
        _plan(change="insoles")
    with pytest.raises(Invalid, match="not a self-test with one figure"):
        _plan(test="back-extension")


def test_a_longer_hold_on_the_programme_is_measured_in_seconds():
    v = _verdict(_plan(), _films(_plan(), 60.0, 15.0, 5.0, np.random.default_rng(1)))
    assert v.size is not None and v.size.median == pytest.approx(15.0, abs=6.0)
    assert "back-extensor hold 15.5 s longer with the change" in v.text()
    assert v.size.threshold == 1.0  # backstride's measurement error for a hold, not pain's 2 points


def test_how_often_a_real_effect_is_told_helps():
    """An AB design is weak: neighbouring start days compete with the true one. Simulated (40 runners,
    14 weeks, filmed every 2 days): a 15 s longer hold with SD 5 s day to day was told "helps" 24 times
    of 40 (60 %), 10 s: 42 %, 15 s with SD 3 s: 78 %; held here to at least 16 of 40 (a binomial lower
    bound for 60 %)."""
    told = sum(
        _verdict(_plan(seed=s), _films(_plan(seed=s), 60.0, 15.0, 5.0, np.random.default_rng(200 + s))).verdict
        == "helps"
        for s in range(40)
    )
    assert told >= 16


def test_no_effect_is_not_told_helps():
    """With no effect the randomisation test keeps false positives at 2.5 % a direction: 40 simulated
    runners, at most 3 told anything but "can't tell" (the binomial 95th percentile of 40 x 0.05 is 4)."""
    told = sum(
        _verdict(_plan(seed=s), _films(_plan(seed=s), 60.0, 0.0, 5.0, np.random.default_rng(100 + s))).verdict
        in ("helps", "harms")
        for s in range(40)
    )
    assert told <= 3


def test_a_smaller_knee_angle_is_the_better_way_for_the_squat():
    plan = _plan(test="single-leg-squat", change="hip_strength")
    v = _verdict(plan, _films(plan, 9.0, -5.0, 1.5, np.random.default_rng(2)))
    assert v.size is not None and v.size.median == pytest.approx(5.0, abs=2.0)  # +: the better way
    assert "knee angle in the single-leg squat" in v.text() and "deg smaller with the change" in v.text()


def test_missing_films_count_against_the_films_asked_for():
    plan = _plan()
    half = _films(plan, 60.0, 15.0, 5.0, np.random.default_rng(1), every=2)  # every second film only
    v = _verdict(plan, half)
    assert v.verdict == "not enough data" and "49 % of the films of the back-extensor hold are missing" in v.text()


def test_each_day_says_whether_to_film():
    plan = _plan()
    assert "film the back-extensor hold today" in today(plan, FIRST + timedelta(days=1)).log
    assert "--test sorensen" in today(plan, FIRST + timedelta(days=1)).log
    assert "nothing to film today" in today(plan, FIRST).log


def test_the_cli_plans_a_test_outcome_and_the_verdict_reads_the_kept_checks(tmp_path, monkeypatch):
    """End to end through the app's store: planned with the CLI, the hold filmed (kept checks, as
    'backstride check --runner' keeps them) on the film days, the verdict read after the last day."""
    from typer.testing import CliRunner

    from backstride.cli.main import app
    from backstride.core.bodycheck import HoldResult
    from backstride.core.check_file import CheckFile
    from backstride.settings import web_from_environment
    from backstride.store import experiments
    from backstride.store.bodychecks import save_check
    from backstride.store.logbook import opened, runner_for

    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    with opened(web_from_environment()) as s:
        runner_for(s, "Ann", create=True)
    cli = CliRunner()
    first = date.today() + timedelta(days=1)
    refused = cli.invoke(app, ["experiment", "plan", "--runner", "Ann", "--change", "back_extensions",
                               "--outcome-test", "sorensen"])  # fmt: skip
    assert refused.exit_code == 2 and "Plan 14 weeks or more" in refused.output
    planned = cli.invoke(app, ["experiment", "plan", "--runner", "Ann", "--change", "back_extensions", "--weeks", "14",
                               "--outcome-test", "sorensen", "--seed", "7"])  # fmt: skip
    assert planned.exit_code == 0, planned.output
    assert "film it every 2 days" in planned.output and "42 schedules were possible" in planned.output
    rng = np.random.default_rng(5)
    with opened(web_from_environment()) as s:
        ann = runner_for(s, "Ann", create=False)
        exp = experiments.current(s, ann)
        plan = experiments.plan_of(exp)
        assert plan.start == first and plan.outcome_test == "sorensen"
        for d in film_days(plan):
            held = 60.0 + 25.0 * plan.schedule[d] + rng.normal(0, 3.0)
            hold = HoldResult("sorensen", held, 2.0, 2.0 + held, True, 1.0, 2.0 + held, 0.5)
            doc = CheckFile(backstride_version="test", test="sorensen", title="t", clip="hold.mp4", unit="s",
                            hold=hold, measured="m", norms=[], reliability="r", meaning="m", evidence_grade="weak",
                            pictures=[])  # fmt: skip
            save_check(s, ann, doc, plan.start + timedelta(days=d))
    with opened(web_from_environment()) as s:  # read as a later command would (the checks committed)
        exp = experiments.current(s, runner_for(s, "Ann", create=False))
        during = experiments.state(s, exp, plan.start + timedelta(days=1))
        assert "film the back-extensor hold today" in during.today.log
        st = experiments.state(s, exp, plan.end + timedelta(days=1))
    assert st.finished and st.verdict is not None
    assert st.verdict.verdict == "helps", st.verdict.text
    assert "back-extensor hold" in st.verdict.text and "s longer with the change" in st.verdict.text
    assert st.outcomes_logged == 49
    # the report draws the verdict again from summary.json's record: the same verdict, in the test's words
    from backstride.report.experiments import experiment_views, picture_verdict

    with opened(web_from_environment()) as s:
        record = experiments.report_records(s, runner_for(s, "Ann", create=False), plan.end + timedelta(days=1))[0]
    assert picture_verdict(record).text() == st.verdict.text
    view = experiment_views([record])[0]
    assert view.verdict == "helps" and view.picture and view.picture.startswith("data:image/png")
