"""Where and how a clip was filmed, read from the runner's own movement in the picture, so that
advice fits the setting: a treadmill or the ground, a camera at a fixed distance or a runner
moving away from it.

- Side view: the hips cross the picture by more than :data:`CROSSING_TORSO` torso lengths
  (after the camera's motion is removed): overground; otherwise in one place: a treadmill (or
  a runner followed by a panning camera, which the frame scan removes first).
- Rear view: the torso shrinks from the first quarter of the clip to the last by more than
  :data:`MOVING_SHARE`: the runner moves away (grows: towards); otherwise a fixed distance, with
  the camera moving (the background shifting): a friend following; still: a treadmill.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from backstride.core.trajectory import Trajectory
from backstride.person.tracks import torso

Ground = Literal["treadmill", "overground"]
Distance = Literal["fixed", "moving away", "coming closer", "followed"]

CROSSING_TORSO = 2.0  # a treadmill runner's hips wander < 1 torso length; one crossing a frame: several
MOVING_SHARE = 0.15  # torso length, last quarter against first: a runner 6 -> 18 m away shrinks x3


@dataclass(frozen=True)
class Setting:
    """How the clip was filmed, as read from it."""

    ground: Ground
    distance: Distance

    @property
    def treadmill(self) -> bool:
        return self.ground == "treadmill"

    def describe(self) -> str:
        if self.ground == "treadmill":
            return "a treadmill, the camera at a fixed distance"
        return {
            "fixed": "running overground, the camera at a fixed distance",
            "moving away": "running overground, away from a camera standing still",
            "coming closer": "running overground, towards the camera",
            "followed": "running overground, the camera following",
        }[self.distance]


def setting_of(traj: Trajectory, *, camera_moved: bool = False) -> Setting:
    """The setting of a clip (``traj`` with the camera's motion removed; ``camera_moved``: the
    frame scan found the camera panning or following)."""
    length = torso(traj)[1]
    if traj.view.is_frontal_plane:
        change = _size_change(length)
        if change < 1 - MOVING_SHARE:
            return Setting("overground", "moving away")
        if change > 1 + MOVING_SHARE:
            return Setting("overground", "coming closer")
        return Setting("overground", "followed") if camera_moved else Setting("treadmill", "fixed")
    hips = (traj.point("left_hip")[:, 0] + traj.point("right_hip")[:, 0]) / 2
    ok = np.isfinite(hips)
    travel = float(np.ptp(hips[ok])) if ok.sum() >= 2 else 0.0
    scale = float(np.nanmedian(length)) if np.isfinite(length).any() else float("nan")
    if camera_moved or (scale == scale and travel > CROSSING_TORSO * scale):
        return Setting("overground", "followed" if camera_moved else "fixed")
    return Setting("treadmill", "fixed")


def _size_change(length: np.ndarray) -> float:
    """Median torso length in the last quarter of the frames over that in the first."""
    ok = np.flatnonzero(np.isfinite(length) & (length > 0))
    if len(ok) < 8:
        return 1.0
    q = len(ok) // 4
    return float(np.median(length[ok[-q:]]) / np.median(length[ok[:q]]))
