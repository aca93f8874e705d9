"""The single-leg squat's arithmetic on exact keypoints: the synthetic body's points projected by a
camera straight behind (no pose model), so every figure must be the generator's to a small fraction
of a degree. Truth: synth/squat.py builds each repetition's knee angle (FPPA) and pelvic drop into
the 3-D points and reads them back off those points (``truth``)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from backstride.bodycheck.squat import measure_single_leg_squat
from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.errors import NotAsGuidedError, ViewError
from backstride.synth.render import Camera
from backstride.synth.squat import SingleLegSquatParams, SquatRep, points, truth
from backstride.video.markers import NAMES as TAPE

FPS = 30.0
REAR = Camera("rear", width=720, height=1280, px_per_m=560.0)
#: Exact points: the only error left is the frame grid around the bottom (0.2 s window's median).
EXACT_DEG = 0.3

SETS = SingleLegSquatParams(
    sets=(
        ("left", (SquatRep(), SquatRep(knee_in_deg=15.0), SquatRep(pelvis_drop_deg=8.0))),
        ("right", (SquatRep(knee_in_deg=12.0, pelvis_drop_deg=7.0), SquatRep())),
    )
)


def _trajectory(p: SingleLegSquatParams, camera: Camera = REAR, *, tape: bool = True, labels_flipped: bool = False):
    t = np.arange(0.0, p.duration_s, 1 / FPS)
    pts, _ = points(t, p)
    names = KEYPOINTS + (TAPE if tape else ())
    source = {"psis_left": "left_psis", "psis_right": "right_psis"}
    xy = np.full((len(t), len(names), 2), np.nan)
    for i, name in enumerate(names):
        key = source.get(name, name)
        if labels_flipped and name in KEYPOINTS and key.startswith(("left_", "right_")):  # as if facing the camera
            key = key.replace("left_", "x_").replace("right_", "left_").replace("x_", "right_")
        if key in pts:
            xy[:, i] = camera.project(pts[key])
    return Trajectory(xy_px=xy, visibility=np.isfinite(xy[..., 0]).astype(float), time_s=t, keypoints=names)


@pytest.mark.parametrize("labels_flipped", [False, True])
def test_each_squat_reads_the_generators_knee_and_pelvis(labels_flipped):
    """The legs are named by the picture's side, so the pose model's labels do not matter."""
    result = measure_single_leg_squat(_trajectory(SETS, labels_flipped=labels_flipped), "squat.mp4")
    expected = truth(SETS, FPS)
    assert [(r.leg, r.number) for r in result.reps] == [(e.leg, e.number) for e in expected]
    for got, want in zip(result.reps, expected, strict=True):
        assert got.knee_in_deg == pytest.approx(want.knee_in_deg, abs=EXACT_DEG), got
        assert got.pelvis_drop_deg == pytest.approx(want.pelvis_drop_deg, abs=EXACT_DEG), got
        assert got.bottom_s == pytest.approx(want.bottom_s, abs=2 / FPS)
    assert [r.faults for r in result.reps] == [(), ("knee in",), ("pelvis drop",), ("knee in", "pelvis drop"), ()]
    assert result.pelvis_from == "tape over the PSIS"
    assert result.warnings == ()
    assert result.leg("left").reps == 3 and result.leg("right").reps == 2


def test_without_tape_the_hips_are_used_and_said(tmp_path):
    result = measure_single_leg_squat(_trajectory(SETS, tape=False), "squat.mp4")
    assert result.pelvis_from == "the pose model's hip points"
    assert any("no tape" in w for w in result.warnings)


def test_a_rolled_phone_is_cancelled_by_standing_on_both_feet():
    """The pelvis is read against its line on both feet, and the knee angle is a difference of
    two lines: a 6 degree roll changes neither."""
    level = measure_single_leg_squat(_trajectory(SETS), "squat.mp4")
    rolled = measure_single_leg_squat(_trajectory(SETS, replace(REAR, tilt_deg=6.0)), "squat.mp4")
    for a, b in zip(level.reps, rolled.reps, strict=True):
        assert b.pelvis_drop_deg == pytest.approx(a.pelvis_drop_deg, abs=EXACT_DEG)
        assert b.knee_in_deg == pytest.approx(a.knee_in_deg, abs=EXACT_DEG)


def test_one_leg_only_is_measured_and_the_other_asked_for():
    one = SingleLegSquatParams(sets=(("right", (SquatRep(), SquatRep())),))
    result = measure_single_leg_squat(_trajectory(one), "squat.mp4")
    assert [s.leg for s in result.legs] == ["right"]
    assert any("no squat on the left leg" in w for w in result.warnings)


def test_from_the_side_is_refused_with_the_view_to_use():
    with pytest.raises(ViewError, match="film the single-leg squat from behind"):
        measure_single_leg_squat(_trajectory(SETS, Camera("side-left", width=1280, height=720)), "squat.mp4")


def test_squats_on_both_feet_are_refused_as_not_on_one_leg():
    """The generator's free leg never lifted: the squats are on both feet."""
    both = SingleLegSquatParams(sets=(("left", (SquatRep(), SquatRep())),), lift_s=0.7)
    traj = _trajectory(both)
    xy = traj.xy_px.copy()  # put the lifted foot back beside the standing one, at its height
    for part in ("ankle", "heel", "foot_index"):
        xy[:, traj.index(f"right_{part}"), 1] = xy[:, traj.index(f"left_{part}"), 1]
    with pytest.raises(NotAsGuidedError, match="never stood on one leg"):
        measure_single_leg_squat(replace(traj, xy_px=xy), "squat.mp4")
