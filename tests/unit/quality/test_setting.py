"""The filming setting read from the runner's movement in the picture (backstride.quality.setting).

Truth is the construction: a standing figure (shoulders 100 px above the hips) whose torso
shrinks from 100 to 50 px (a runner moving away), stays 100 px (fixed distance), or whose hips
cross 600 px of the picture (a side view overground) against 20 px of sway (a treadmill).
"""

import numpy as np
import pytest

from backstride.core.trajectory import KEYPOINTS, Trajectory, View
from backstride.quality.setting import setting_of

N = 90


def figure(torso_px: np.ndarray, hip_x_px: np.ndarray, view: View) -> Trajectory:
    xy = np.full((N, len(KEYPOINTS), 2), np.nan)
    for side, dx in (("left", -10.0), ("right", 10.0)):
        xy[:, KEYPOINTS.index(f"{side}_hip")] = np.column_stack([hip_x_px + dx, np.full(N, 500.0)])
        xy[:, KEYPOINTS.index(f"{side}_shoulder")] = np.column_stack([hip_x_px + dx, 500.0 - torso_px])
    t = np.arange(N) / 30
    return Trajectory(xy, np.ones((N, len(KEYPOINTS))), t, fps_nominal=30.0, view=view)


def test_a_rear_view_runner_shrinking_is_moving_away():
    s = setting_of(figure(np.linspace(100, 50, N), np.full(N, 300.0), View.REAR))
    assert (s.ground, s.distance) == ("overground", "moving away")


def test_a_rear_view_runner_growing_comes_closer():
    s = setting_of(figure(np.linspace(60, 100, N), np.full(N, 300.0), View.REAR))
    assert s.distance == "coming closer"


@pytest.mark.parametrize(("moved", "expected"), [(False, ("treadmill", "fixed")), (True, ("overground", "followed"))])
def test_a_rear_view_at_a_fixed_size_is_a_treadmill_or_someone_following(moved, expected):
    sway = 100 + 3 * np.sin(np.arange(N) / 5)
    s = setting_of(figure(sway, np.full(N, 300.0), View.REAR), camera_moved=moved)
    assert (s.ground, s.distance) == expected


@pytest.mark.parametrize(("travel_px", "ground"), [(20.0, "treadmill"), (600.0, "overground")])
def test_a_side_view_runner_crossing_the_picture_is_overground(travel_px, ground):
    s = setting_of(figure(np.full(N, 100.0), np.linspace(100, 100 + travel_px, N), View.SIDE_LEFT))
    assert s.ground == ground
