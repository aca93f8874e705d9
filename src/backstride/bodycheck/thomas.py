"""The modified Thomas test, from the side of the hanging leg (pure: a trajectory in, a result out).

Lying on the back at the end of a bench, one knee hugged to the chest, the other leg hanging: how far
the hanging thigh sits below the bench's line (hip-flexor length) and how far its knee bends (rectus
femoris). Read from three squares of tape on the hanging leg (video/leg_tape.py: the pose model lost
that leg on renders, putting its knee on the hugged thigh), against the trunk's line (the shoulders,
from the pose, to the hip's square: the trunk lies on the bench, so a phone's roll cancels). Below
the line is the side away from the face (the nose points up). The figure is the median over the
last ``thomas_settled_share`` of the frames with the tape (the guide: settle, then hold still).
The hanging leg is the one nearer the phone (its left when the head is on the picture's right).
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import THOMAS
from backstride.bodycheck.leg_raise import near_leg
from backstride.bodycheck.segments import seen_midpoint
from backstride.bodycheck.sorensen import require_side_view
from backstride.core.bodycheck import AngleResult, LegAngle
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import BodyCheckSettings
from backstride.video.leg_tape import NAMES

SETTINGS = BodyCheckSettings()


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]


def _angle_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.degrees(np.abs(np.arctan2(_cross(a, b), np.einsum("ij,ij->i", a, b))))


def thigh_below_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the hanging thigh (hip square to knee square) below the trunk's line carried on past
    the hip (+ below: away from the face)."""
    shoulders, nose = seen_midpoint(traj, "shoulder"), traj.point("nose")
    hip, knee = traj.point(NAMES[0]), traj.point(NAMES[1])
    line = hip - shoulders
    angle = _angle_deg(line, knee - hip)
    below = _cross(line, knee - hip) * _cross(line, nose - hip) < 0
    return np.where(below, angle, -angle)


def knee_bend_deg(traj: Trajectory) -> np.ndarray:
    hip, knee, ankle = (traj.point(n) for n in NAMES)
    return _angle_deg(knee - hip, ankle - knee)


def measure_thomas(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> AngleResult:
    require_side_view(traj, name, settings)
    if not all(n in traj.keypoints for n in NAMES):
        raise NotAsGuidedError(
            f"{name}: no tape found on the hanging leg: put three squares of bright tape on its outer side (the bony "
            "point at the side of the hip, the outer knee, the outer ankle) and film again (backstride check --guide "
            "--test thomas); without them the pose model loses the hanging leg"
        )
    thigh, knee = thigh_below_deg(traj), knee_bend_deg(traj)
    seen = np.flatnonzero(np.isfinite(thigh) & np.isfinite(knee))
    held = seen[int(len(seen) * (1 - settings.thomas_settled_share)) :]
    if len(held) < 3:
        raise NotAsGuidedError(f"{name}: the tape on the hanging leg was seen in too few frames: hold still for 5 s")
    at = held[len(held) // 2]
    leg = LegAngle(near_leg(traj), float(np.median(thigh[held])), float(np.median(knee[held])), float(traj.time_s[at]))
    return AngleResult(THOMAS.name, (leg,), 0.0)
