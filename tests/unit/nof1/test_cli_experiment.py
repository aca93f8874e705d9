"""The self-experiment from the command line: a plan written before day 1 and its verdict."""

import json

import numpy as np
from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.nof1.design import Design
from backstride.nof1.simulate import Runner, pain_series


def test_plan_then_verdict(tmp_path):
    runner = CliRunner()
    plan = tmp_path / "plan.json"
    made = runner.invoke(app, ["experiment", "plan", "--change", "new_shoes", "--out", str(plan), "--seed", "3",
                               "--start", "2027-01-04"])  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "128 schedules were possible" in made.output and "wash-out" in made.output
    record = json.loads(plan.read_text())
    assert record["seed"] == 3 and len(record["schedule"]) == record["units"] == 56
    design = Design(**{k: record[k] for k in Design.__dataclass_fields__})
    y = pain_series(design, np.array(record["schedule"]), Runner(effect=2.5, sd=1.0), np.random.default_rng(2))
    pain = ",".join("" if not np.isfinite(v) else f"{v:.1f}" for v in y)
    picture = tmp_path / "verdict.png"
    told = runner.invoke(app, ["experiment", "verdict", str(plan), "--pain", pain, "--picture", str(picture)])
    assert told.exit_code == 0, told.output
    assert "The change helps" in told.output and "randomisation test p " in told.output
    assert picture.read_bytes()[:4] == b"\x89PNG"
    today = runner.invoke(app, ["experiment", "today", str(plan)])
    assert today.exit_code == 0 and "starts on Mon 04 Jan 2027" in today.output


def test_an_untestable_plan_is_refused(tmp_path):
    told = CliRunner().invoke(app, ["experiment", "plan", "--change", "new_shoes", "--weeks", "2",
                                    "--out", str(tmp_path / "p.json")])  # fmt: skip
    assert told.exit_code == 2 and "can never show an effect" in told.output


def test_a_seed_given_by_hand_is_marked_in_the_plan(tmp_path):
    """Issue 25: a runner who chooses the seed chooses the schedule; a given seed is for tests and examples."""
    out = tmp_path / "plan.json"
    given = CliRunner().invoke(app, ["experiment", "plan", "--change", "insoles", "--seed", "3", "--out", str(out)])
    assert given.exit_code == 0 and "given by hand" in given.output
    assert json.loads(out.read_text())["seed_given"] is True
    drawn = CliRunner().invoke(app, ["experiment", "plan", "--change", "insoles", "--out", str(out)])
    assert "given by hand" not in drawn.output and json.loads(out.read_text())["seed_given"] is False
