"""View detection on keypoints built for each view."""

import numpy as np

from backstride.core.trajectory import KEYPOINTS, Trajectory, View
from backstride.person.view import detect_view

BODY = {  # (x, y) of a runner seen from behind, runner's right on image right
    "left_shoulder": (-20, 0),
    "right_shoulder": (20, 0),
    "left_hip": (-12, 55),
    "right_hip": (12, 55),
    "nose": (0, -20),
    "left_ear": (-5, -22),
    "right_ear": (5, -22),
    "left_heel": (-10, 150),
    "right_heel": (10, 150),
    "left_foot_index": (-10, 152),
    "right_foot_index": (10, 152),
}


def make(transform) -> Trajectory:
    xy = np.full((5, len(KEYPOINTS), 2), np.nan)
    for name, p in BODY.items():
        xy[:, KEYPOINTS.index(name)] = transform(np.array(p, float), name)
    return Trajectory(xy_px=xy, visibility=np.ones((5, len(KEYPOINTS))), time_s=np.arange(5) / 30)


def test_rear_and_front():
    assert detect_view(make(lambda p, n: p)).view is View.REAR
    assert detect_view(make(lambda p, n: p * [-1, 1])).view is View.FRONT


def side(facing: int):
    def tf(p, name):
        x = p[0] * 0.1  # shoulders and hips nearly overlap
        if name.endswith("foot_index"):
            x += 25 * facing
        if name == "nose":
            x += 10 * facing
        return np.array([x, p[1]])

    return tf


def test_side_facing_left_and_right():
    assert detect_view(make(side(+1))).view is View.SIDE_RIGHT
    assert detect_view(make(side(-1))).view is View.SIDE_LEFT
