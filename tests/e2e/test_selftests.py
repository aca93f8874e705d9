"""Filmed self-tests on renders of the synthetic body, end to end through the pose model.

Truth: the generator's exact trunk angle (synth/holds.py), the hold's start and end found on it
with the measurement's own rule (within 5 deg of the legs' line to start, more than 10 deg below
it for over 0.5 s to end). Goal from the issue: hold times within 1 s.
Measured (30 fps, 1280 x 720, the default BlazePose backend): holds of 7.18 and 12.73 s read
7.19 and 12.72 s (starts +0.03/+0.04 s, ends +0.04/+0.02 s); the phone rolled 8 deg: 7.24 s (the
legs' line read 10.3 deg from level); filmed from the other side: 7.08 s.
Straight-leg raise (truth: the peak angle between the two hip-ankle lines; goal: within 3 deg):
72.0 / 84.0 deg read 72.1 / 84.4 from the left; from the right with the phone rolled 7 deg 71.7 /
81.7 (the far leg -2.3; roll read 8.4 deg). A raise with the knee bent 35 deg: knee read 37.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from backstride.app.check import check_clip
from backstride.core.bodycheck import AngleResult, FormResult, HoldResult
from backstride.errors import NoPersonError, NotAsGuidedError, ViewError
from backstride.settings import DEFAULT
from backstride.synth.exercises import BackExtensionParams, Rep, back_extension
from backstride.synth.holds import (
    FlexorParams,
    SorensenParams,
    bench_box_m,
    flexor,
    flexor_truth,
    sorensen,
    sorensen_truth,
    standing,
)
from backstride.synth.leg_raise import LegRaiseParams, leg_raise, leg_raise_truth
from backstride.synth.posture_clip import Box, render_posture
from backstride.synth.render import Camera

pytestmark = pytest.mark.slow
FPS = 30.0
FRAME_S = 1 / FPS
HOLD_TOLERANCE_S = 1.0  # the goal
SIDE = Camera("side-left", width=1280, height=720, px_per_m=420.0, ground_row=0.9)


def render_sorensen(folder: Path, p: SorensenParams, camera: Camera = SIDE, duration_s: float | None = None) -> Path:
    clip = folder / f"sorensen_{camera.view}_{p.drop_at_s:g}.mp4"
    render_posture(
        partial(sorensen, p=p), camera, clip, fps=FPS, duration_s=duration_s or p.drop_at_s + 3.0,
        height_m=p.height_m, furniture=(Box(*bench_box_m(p)),),
    )  # fmt: skip
    return clip


@pytest.mark.parametrize("drop_at_s", [9.0, 14.5])
def test_the_hold_time_is_the_renders_within_a_second(tmp_path, drop_at_s):
    p = SorensenParams(drop_at_s=drop_at_s)
    truth = sorensen_truth(p, DEFAULT.bodycheck.hold.start_within_deg, DEFAULT.bodycheck.hold.end_beyond_deg)
    result = check_clip(render_sorensen(tmp_path, p), "sorensen").result
    assert result.ended
    assert result.seconds == pytest.approx(truth.seconds, abs=HOLD_TOLERANCE_S), (result, truth)
    assert result.start_s == pytest.approx(truth.start_s, abs=HOLD_TOLERANCE_S)


def test_a_phone_at_a_slant_and_the_other_side_give_the_same_time(tmp_path):
    """The angle is measured against the legs, so an 8 degree roll changes nothing but a note."""
    p = SorensenParams(drop_at_s=9.0)
    truth = sorensen_truth(p, DEFAULT.bodycheck.hold.start_within_deg, DEFAULT.bodycheck.hold.end_beyond_deg)
    for camera in (replace(SIDE, tilt_deg=8.0), replace(SIDE, view="side-right")):
        result = check_clip(render_sorensen(tmp_path / camera.view, p, camera), "sorensen").result
        assert result.seconds == pytest.approx(truth.seconds, abs=HOLD_TOLERANCE_S), camera
    assert any("from level" in w for w in check_clip(render_sorensen(tmp_path, p, replace(SIDE, tilt_deg=8.0)),
                                                      "sorensen").result.warnings)  # fmt: skip


def test_a_clip_that_stops_before_the_drop_gives_a_lower_bound(tmp_path):
    p = SorensenParams(drop_at_s=30.0)
    result = check_clip(render_sorensen(tmp_path, p, duration_s=10.0), "sorensen").result
    assert not result.ended
    assert result.seconds == pytest.approx(
        10.0
        - FRAME_S
        - sorensen_truth(p, DEFAULT.bodycheck.hold.start_within_deg, DEFAULT.bodycheck.hold.end_beyond_deg).start_s,
        abs=HOLD_TOLERANCE_S,
    )
    assert "at least" in result.warnings[0]


def test_refused_when_not_done_as_guided(tmp_path):
    never = render_sorensen(tmp_path, SorensenParams(drop_at_s=8.0, held_at_deg=-25.0))
    with pytest.raises(NotAsGuidedError, match="never came in line") as exc:
        check_clip(never, "sorensen")
    assert "degrees below the line" in str(exc.value)
    upright = tmp_path / "standing.mp4"
    render_posture(standing, replace(SIDE, width=720, height=1280, ground_row=0.86), upright, fps=FPS, duration_s=4.0)
    with pytest.raises(NotAsGuidedError, match="upright"):
        check_clip(upright, "sorensen")


SLR_TOLERANCE_DEG = 3.0  # the goal for angles
SLR_SIDE = replace(SIDE, ground_row=0.8)


def render_slr(folder: Path, p: LegRaiseParams, camera: Camera = SLR_SIDE) -> Path:
    clip = folder / f"slr_{camera.view}_{camera.tilt_deg:g}_{p.knee_bend_deg:g}.mp4"
    render_posture(partial(leg_raise, p=p), camera, clip, fps=FPS, duration_s=p.duration_s, height_m=p.height_m)
    return clip


@pytest.mark.parametrize(
    "camera", [SLR_SIDE, replace(SLR_SIDE, view="side-right", tilt_deg=-7.0)], ids=["left", "right-rolled"]
)
def test_each_legs_raise_is_the_renders_within_3_degrees(tmp_path, camera):
    """As the guide says, the leg nearer the phone first (the left from the left, the right from the right)."""
    order = (("left", 72.0), ("right", 84.0)) if camera.view == "side-left" else (("right", 84.0), ("left", 72.0))
    p = LegRaiseParams(peak_deg=order)
    result = check_clip(render_slr(tmp_path, p, camera), "slr").result
    assert isinstance(result, AngleResult)
    for leg, truth_deg in leg_raise_truth(p):
        found = result.leg(leg)
        assert found is not None, (leg, result)
        assert found.angle_deg == pytest.approx(truth_deg, abs=SLR_TOLERANCE_DEG), (leg, result)
    assert any("from level" in w for w in result.warnings) == (camera.tilt_deg != 0.0), result.warnings


def test_a_bent_knee_is_said(tmp_path):
    p = LegRaiseParams(peak_deg=(("left", 75.0),), knee_bend_deg=35.0)
    result = check_clip(render_slr(tmp_path, p), "slr").result
    assert isinstance(result, AngleResult)
    assert any("left knee bent" in w for w in result.warnings), result.warnings
    assert any("no raise of the right leg" in w for w in result.warnings), result.warnings


TOP_TOLERANCE_DEG = 3.0  # the goal for angles


def test_every_back_extension_reps_verdict_is_right(tmp_path):
    """Faults injected at known repetitions (synth/exercises.py): arched 22 deg past the line (reps 3-4),
    rushed (0.7 s up and down: 0.43 s timed, rep 5), stopped 25 deg short (rep 6). Measured: tops
    0.96, 0.81, -21.1, -21.0, 0.89, 24.6 deg against 0, 0, -22, -22, 0, 25; lifts 1.21-1.28 s against
    1.22, the rushed one 0.43 against 0.43; every verdict as injected."""
    reps = (Rep(), Rep(), Rep(over_deg=22), Rep(over_deg=22), Rep(lift_s=0.7, lower_s=0.7), Rep(over_deg=-25))
    p = BackExtensionParams(reps=reps)
    clip = tmp_path / "back_extension.mp4"
    render_posture(
        partial(back_extension, p=p), SIDE, clip, fps=FPS, duration_s=p.duration_s, height_m=p.height_m,
        furniture=(Box(*bench_box_m(p.bench)),),
    )  # fmt: skip
    result = check_clip(clip, "back-extension").result
    assert isinstance(result, FormResult)
    assert [r.faults for r in result.reps] == [(), (), ("arched",), ("arched",), ("rushed",), ("short",)]
    for found, truth, (_, top_s, _) in zip(result.reps, reps, p.rep_times(), strict=True):
        assert found.top_deg == pytest.approx(-truth.over_deg, abs=TOP_TOLERANCE_DEG)
        assert found.top_s == pytest.approx(top_s, abs=0.5)
    assert result.verdict[0].startswith("Reps 3-4: you arched past the line of your legs")
    assert result.not_checked  # the lumbar curve: said, not guessed


def test_the_command_writes_a_valid_check_json_and_its_picture(tmp_path):
    import json

    import jsonschema
    from typer.testing import CliRunner

    from backstride.cli.main import app
    from backstride.core.check_file import check_schema

    runner = CliRunner()

    def said(result) -> str:  # the terminal's words, however Rich wrapped them
        return " ".join(result.output.split())

    guide = runner.invoke(app, ["check", "--test", "slr", "--guide", "--out", str(tmp_path / "guide")])
    assert guide.exit_code == 0 and "leg nearer the phone" in said(guide)
    assert (tmp_path / "guide" / "guide-slr.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"  # the drawing
    unknown = runner.invoke(app, ["check", "clip.mp4", "--test", "plank"])
    assert unknown.exit_code == 2 and "no such self-test" in said(unknown) and "sorensen" in said(unknown)
    clip, out = render_sorensen(tmp_path, SorensenParams(drop_at_s=6.0)), tmp_path / "out"
    done = runner.invoke(app, ["check", str(clip), "--test", "sorensen", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "Back-extensor endurance" in said(done) and "UNVERIFIED" in said(done)
    written = json.loads((out / "check.json").read_text())
    jsonschema.validate(written, check_schema())
    assert written["hold"]["ended"] and written["pictures"] == ["check.jpg"]
    assert (out / "check.jpg").read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG
    refused = runner.invoke(app, ["check", str(clip), "--test", "slr", "--out", str(tmp_path / "slr")])
    assert refused.exit_code == 2 and "lie on your back" in said(refused)


def test_a_kept_check_is_in_the_runners_history_with_the_change(tmp_path):
    """--runner keeps the result (the body_checks table); an earlier test of the same runner, 6 weeks
    before, makes 'log checks' say the change against the measurement error."""
    from datetime import timedelta

    from typer.testing import CliRunner

    from backstride.cli.main import app
    from backstride.core.check_file import CheckFile
    from backstride.settings import WebSettings
    from backstride.store.bodychecks import checks_of, save_check
    from backstride.store.logbook import opened, runner_for, today_of

    data = tmp_path / "data"
    web = WebSettings(data_dir=data)
    with opened(web) as s:
        runner_for(s, "Ana", create=True, time_zone="Europe/Paris")
    runner = CliRunner()
    unknown = runner.invoke(app, ["check", "x.mp4", "--test", "sorensen", "--runner", "Bob", "--data-dir", str(data)])
    assert unknown.exit_code == 2 and "no runner 'Bob'" in unknown.output
    clip, out = render_sorensen(tmp_path, SorensenParams(drop_at_s=9.0)), tmp_path / "out"
    done = runner.invoke(app, ["check", str(clip), "--test", "sorensen", "--out", str(out), "--runner", "Ana",
                               "--data-dir", str(data)])  # fmt: skip
    assert done.exit_code == 0, done.output
    with opened(web) as s:
        ana = runner_for(s, "Ana", create=False)
        (kept,) = checks_of(s, ana)
        assert kept.test == "sorensen" and kept.value == pytest.approx(7.18, abs=HOLD_TOLERANCE_S)
        earlier = CheckFile.model_validate(kept.result).model_copy(
            update={"hold": replace(CheckFile.model_validate(kept.result).hold, seconds=3.0)}
        )
        save_check(s, ana, earlier, today_of(ana) - timedelta(weeks=6))
    shown = runner.invoke(app, ["log", "checks", "--runner", "Ana", "--data-dir", str(data)])
    said = " ".join(shown.output.split())
    assert shown.exit_code == 0 and "3.0 s" in said and "up by 4." in said and "beyond backstride's measurement" in said


def test_refused_when_the_clip_cannot_show_the_test(tmp_path):
    """Filmed from behind (the hips far apart against the trunk), and so close the body is out of frame."""
    p = SorensenParams(drop_at_s=8.0)
    with pytest.raises(ViewError, match="film this test from the side"):
        check_clip(render_sorensen(tmp_path / "rear", p, replace(SIDE, view="rear")), "sorensen")
    with pytest.raises(NoPersonError, match="film your whole body") as exc:
        check_clip(render_sorensen(tmp_path / "near", p, replace(SIDE, px_per_m=900.0)), "sorensen")
    assert "--guide --test sorensen" in str(exc.value)


@pytest.mark.parametrize("camera", [SIDE, replace(SIDE, view="side-right", tilt_deg=6.0)], ids=["left", "right-rolled"])
def test_the_flexor_hold_is_the_renders_within_a_second(tmp_path, camera):
    """McGill's flexor test leaning back by eye: truth 8.20 s (1.93-10.12) read 8.17 s from the left and
    7.80 s from the right with the phone rolled 6 deg (the end 0.51 s early)."""
    rules = DEFAULT.bodycheck
    p = FlexorParams(drop_at_s=10.0)
    truth = flexor_truth(p, rules.flexor_position_deg, rules.flexor_hold.start_within_deg,
                         rules.flexor_hold.end_beyond_deg)  # fmt: skip
    clip = tmp_path / f"flexor_{camera.view}.mp4"
    render_posture(partial(flexor, p=p), camera, clip, fps=FPS, duration_s=p.drop_at_s + 3.0, height_m=p.height_m)
    result = check_clip(clip, "flexor").result
    assert isinstance(result, HoldResult) and result.ended
    assert result.seconds == pytest.approx(truth.seconds, abs=HOLD_TOLERANCE_S), (result, truth)
