"""The single-leg deadlift's and the spine tape's arithmetic on exact keypoints: the synthetic body's
points projected by a camera at the side (no pose model, no pixels), so every figure must be the
generator's to a small fraction of a degree. Truth: synth/deadlift.py builds the hinge, the free
leg's drop and the lower back's rounding into the 3-D points and reads them back off those points
(``truth``)."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.bodycheck.deadlift import measure_single_leg_deadlift
from backstride.bodycheck.lumbar import lumbar_bend_deg
from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.errors import NotAsGuidedError, ViewError
from backstride.synth.deadlift import (
    FAULTED_SET,
    DeadliftParams,
    DeadliftRep,
    single_leg_deadlift,
    tape_bend_deg,
    truth,
)
from backstride.synth.posture import points_of
from backstride.synth.render import Camera
from backstride.video.spine_tape import NAMES as SPINE
from tests.unit.bodycheck.exact import projected

FPS = 30.0
#: Exact points: the only error left is the frame grid around the deepest point (the 0.2 s window's median).
EXACT_DEG = 0.5
REPS = FAULTED_SET


def _trajectory(p: DeadliftParams, camera: Camera, *, tape: bool = True) -> Trajectory:
    t = np.arange(0.0, p.duration_s, 1 / FPS)
    return projected(points_of(single_leg_deadlift(t, p), p.height_m), KEYPOINTS + (SPINE if tape else ()), camera, t)


@pytest.mark.parametrize("view", ["side-left", "side-right"])
def test_each_repetition_reads_the_generators_figures(view):
    p = DeadliftParams(reps=REPS, stance="left" if view == "side-left" else "right")
    result = measure_single_leg_deadlift(_trajectory(p, Camera(view)), "sldl.mp4")
    expected = truth(p)
    assert len(result.reps) == len(REPS)
    for got, bottom_s, hinge, leg, lumbar in zip(
        result.reps, expected.bottom_s, expected.hinge_deg, expected.leg_below_back_deg, expected.lumbar_change_deg,
        strict=True,
    ):  # fmt: skip
        assert got.top_s == pytest.approx(bottom_s, abs=2 / FPS)
        assert got.top_deg == pytest.approx(hinge, abs=EXACT_DEG)
        assert got.leg_below_back_deg == pytest.approx(leg, abs=EXACT_DEG)
        assert got.lumbar_change_deg == pytest.approx(lumbar, abs=EXACT_DEG)
    assert [r.faults for r in result.reps] == [(), ("lower back",), ("leg low",), ("rushed",), ()]
    assert result.verdict[0].startswith("Rep 2: the movement came from your lower back")
    assert result.verdict[-1] == "Reps 1 and 5: done right."
    assert not any("lower back" in n for n in result.not_checked)


def test_the_bend_is_the_generators_and_flexion_is_positive_from_either_side():
    """Twice the turn between the tapes' chords is the even arc's whole turn: the generator's bend."""
    p = DeadliftParams(reps=(DeadliftRep(lumbar_flex_deg=40.0),))
    t = np.array([0.5, p.rep_times()[0][1]])  # standing, then the deepest point
    pts = points_of(single_leg_deadlift(t, p), p.height_m)
    assert tape_bend_deg(pts) == pytest.approx([-20.0, 20.0], abs=1e-6)  # neutral lordosis, then 40 deg rounder
    for view in ("side-left", "side-right"):
        traj = _trajectory(p, Camera(view))
        rows = [int(round(v * FPS)) for v in t]
        assert lumbar_bend_deg(traj)[rows] == pytest.approx([-20.0, 20.0], abs=1e-6)


def test_without_tape_the_lower_back_is_said_not_checked():
    p = DeadliftParams(reps=(DeadliftRep(lumbar_flex_deg=30.0), DeadliftRep()))
    result = measure_single_leg_deadlift(_trajectory(p, Camera("side-left"), tape=False), "sldl.mp4")
    assert [r.faults for r in result.reps] == [(), ()]
    assert all(r.lumbar_change_deg is None for r in result.reps)
    assert any("tape" in n for n in result.not_checked)


def test_standing_still_is_no_repetition():
    p = DeadliftParams(reps=(DeadliftRep(hinge_deg=20.0),))  # a nod, not a hinge
    with pytest.raises(NotAsGuidedError, match="no repetition seen"):
        measure_single_leg_deadlift(_trajectory(p, Camera("side-left")), "sldl.mp4")


def test_filmed_from_behind_is_refused():
    p = DeadliftParams(reps=REPS[:2])
    with pytest.raises(ViewError, match="film this test from the side"):
        measure_single_leg_deadlift(_trajectory(p, Camera("rear")), "sldl.mp4")


def test_strips_too_few_pixels_apart_are_warned_of():
    """On renders the bend's change read within 1.4 deg with the strips 75 px apart and 4.4 deg at 50 px
    (tests/e2e/test_single_leg_deadlift.py); the warning says how to film so they are further apart."""
    p = DeadliftParams(reps=REPS[:2])
    near = measure_single_leg_deadlift(_trajectory(p, Camera("side-left", px_per_m=560.0)), "sldl.mp4")
    far = measure_single_leg_deadlift(_trajectory(p, Camera("side-left", px_per_m=300.0)), "sldl.mp4")
    assert near.warnings == ()
    assert len(far.warnings) == 1 and "film at 1080p or more" in far.warnings[0]
