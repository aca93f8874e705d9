"""Segment angles from keypoints: the trunk against the legs' line is unchanged by the camera's
roll and by which way the body faces (the answer is known: the generator's exact angle)."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.bodycheck.segments import trunk_below_legs_deg
from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.synth.holds import SorensenParams, sorensen
from backstride.synth.posture import points_of, trunk_below_horizontal_deg
from backstride.synth.render import Camera
from tests.unit.bodycheck.exact import projected


def _trajectory(view: str, tilt_deg: float) -> tuple[Trajectory, np.ndarray]:
    p = SorensenParams(drop_at_s=6.0)
    t = np.arange(0.0, 8.0, 0.1)
    posture = sorensen(t, p)
    cam = Camera(view, width=1280, height=720, px_per_m=400.0, tilt_deg=tilt_deg)
    return projected(points_of(posture, p.height_m), KEYPOINTS, cam, t), trunk_below_horizontal_deg(posture)


@pytest.mark.parametrize("view", ["side-left", "side-right"])
@pytest.mark.parametrize("tilt_deg", [0.0, 8.0, -12.0])
def test_the_trunk_against_the_legs_is_the_generators_angle(view, tilt_deg):
    traj, truth = _trajectory(view, tilt_deg)
    np.testing.assert_allclose(trunk_below_legs_deg(traj), truth, atol=1e-6)
