"""The modified Thomas test's arithmetic on exact points: the synthetic body's points and its tape
projected by a camera at the side (no pose model, no pixels), so the thigh's angle below the trunk's
line and the knee's bend must be the generator's (synth/thomas.py ``truth``) to a small fraction of
a degree, from either side and with the phone rolled."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.bodycheck.thomas import measure_thomas
from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.errors import NotAsGuidedError
from backstride.synth.render import Camera
from backstride.synth.thomas import ThomasParams, points, truth
from backstride.video.leg_tape import NAMES
from tests.unit.bodycheck.exact import projected

FPS = 30.0
EXACT_DEG = 0.05


def _trajectory(p: ThomasParams, camera: Camera, *, tape: bool = True) -> Trajectory:
    t = np.arange(0.0, p.settle_s + 4.0, 1 / FPS)
    return projected(points(t, p), KEYPOINTS + (NAMES if tape else ()), camera, t)


@pytest.mark.parametrize(
    ("p", "camera"),
    [
        (ThomasParams(thigh_below_deg=8.0, knee_deg=80.0), Camera("side-left", width=1920, height=1080)),
        (ThomasParams(thigh_below_deg=-10.0, knee_deg=55.0, hanging="right"),
         Camera("side-right", width=1920, height=1080, tilt_deg=6.0)),
    ],
)  # fmt: skip
def test_the_thigh_and_the_knee_are_the_generators(p, camera):
    result = measure_thomas(_trajectory(p, camera), "thomas.mp4")
    below, bend = truth(p)
    (leg,) = result.legs
    assert leg.leg == p.hanging  # the near leg, from where the head lies
    assert leg.angle_deg == pytest.approx(below, abs=EXACT_DEG)
    assert leg.knee_flexion_deg == pytest.approx(bend, abs=EXACT_DEG)


def test_without_the_tape_the_clip_is_refused_with_how_to_tape_it():
    with pytest.raises(NotAsGuidedError, match="put three squares of bright tape"):
        measure_thomas(_trajectory(ThomasParams(), Camera("side-left"), tape=False), "thomas.mp4")
