"""The single-leg deadlift filmed from behind: the pelvis turning (the free side up) read from the
tape over the PSIS, on exact keypoints (the synthetic body's points projected by a camera straight
behind: no pose model, no pixels). Truth: synth/deadlift.py turns the pelvis about the trunk's long
axis at each repetition's bottom and reads the tapes' line back off the points (``truth_from_behind``);
every figure must be the generator's to a small fraction of a degree."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.bodycheck.deadlift_behind import measure_single_leg_deadlift_from_behind
from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.errors import NotAsGuidedError
from backstride.synth.deadlift import OPENING_SET, DeadliftParams, points_from_behind, truth_from_behind
from backstride.synth.render import Camera
from backstride.video.markers import NAMES as TAPE
from tests.unit.bodycheck.exact import projected

FPS = 30.0
EXACT_DEG = 0.5  # exact points: only the frame grid around the deepest point is left


REAR = Camera("rear")


def _trajectory(p: DeadliftParams, camera: Camera = REAR, *, tape: bool = True) -> Trajectory:
    t = np.arange(0.0, p.duration_s, 1 / FPS)
    pts = points_from_behind(t, p)
    if tape:
        pts |= {"psis_left": pts["left_psis"], "psis_right": pts["right_psis"]}
    return projected(pts, KEYPOINTS + TAPE, camera, t)


@pytest.mark.parametrize("stance", ["left", "right"])
def test_each_repetitions_pelvis_is_the_generators(stance):
    p = DeadliftParams(reps=OPENING_SET, stance=stance)
    result = measure_single_leg_deadlift_from_behind(_trajectory(p), "sldl_rear.mp4")
    want = truth_from_behind(p)
    assert len(result.reps) == len(OPENING_SET)
    for got, tilt, bottom_s in zip(result.reps, want.pelvis_tilt_deg, want.bottom_s, strict=True):
        assert got.pelvis_tilt_deg == pytest.approx(tilt, abs=EXACT_DEG), got
        assert got.top_s == pytest.approx(bottom_s, abs=0.1)
    # the free side turned up: the right side standing on the left leg
    free = "right" if stance == "left" else "left"
    assert [r.faults for r in result.reps] == [(), ("pelvis turned",), (), ("pelvis turned",)]
    assert result.verdict[0].startswith(f"Reps 2 and 4: your pelvis turned, its {free} side up")
    assert any("seen from the side" in n for n in result.not_checked)


def test_a_rolled_phone_cancels_against_standing_upright():
    p = DeadliftParams(reps=OPENING_SET)
    level = measure_single_leg_deadlift_from_behind(_trajectory(p), "level.mp4")
    rolled = measure_single_leg_deadlift_from_behind(_trajectory(p, Camera("rear", tilt_deg=6.0)), "rolled.mp4")
    for a, b in zip(level.reps, rolled.reps, strict=True):
        assert b.pelvis_tilt_deg == pytest.approx(a.pelvis_tilt_deg, abs=EXACT_DEG)


def test_the_hinge_from_behind_is_read_from_how_short_the_back_looks():
    """From behind the trunk shortens as it tips (its length times the cosine of the tip): the
    repetition's depth is that, against the generator's 70 deg pelvis hinge within 10 deg."""
    p = DeadliftParams(reps=OPENING_SET)
    result = measure_single_leg_deadlift_from_behind(_trajectory(p), "sldl_rear.mp4")
    for r in result.reps:
        assert r.top_deg == pytest.approx(70.0, abs=10.0), r


def test_without_tape_the_clip_is_refused_with_how_to_tape_it():
    p = DeadliftParams(reps=OPENING_SET[:2])
    with pytest.raises(NotAsGuidedError, match="two pieces of bright tape"):
        measure_single_leg_deadlift_from_behind(_trajectory(p, tape=False), "bare.mp4")
