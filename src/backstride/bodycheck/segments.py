"""Body segments' angles in the image, per frame (pure functions of a trajectory).

Image coordinates: x right, y down. An elevation is a line's angle above the image's horizontal
(degrees, up +), whichever way it points (left or right), so a body filmed facing either way
gives the same figures.
"""

from __future__ import annotations

import numpy as np

from backstride.core.trajectory import Trajectory


def midpoint(traj: Trajectory, part: str) -> np.ndarray:
    """``[frame, 2]``: the midpoint of the left and right ``part`` (e.g. "hip"), NaN where either is missing."""
    return (traj.point(f"left_{part}") + traj.point(f"right_{part}")) / 2


def seen_midpoint(traj: Trajectory, part: str) -> np.ndarray:
    """``[frame, 2]``: the midpoint of the left and right ``part`` where both are seen, else the one
    seen (from the side the two nearly coincide, and the far one is often hidden)."""
    both = np.stack([traj.point(f"left_{part}"), traj.point(f"right_{part}")])
    seen = np.isfinite(both).all(axis=2, keepdims=True)
    total = np.where(seen, both, 0.0).sum(axis=0)
    count = seen.sum(axis=0)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def elevation_deg(vector_px: np.ndarray) -> np.ndarray:
    """``[frame]`` angle above the image's horizontal of ``[frame, 2]`` image vectors."""
    return np.degrees(np.arctan2(-vector_px[:, 1], np.abs(vector_px[:, 0])))


def length_px(vector_px: np.ndarray) -> np.ndarray:
    return np.hypot(vector_px[:, 0], vector_px[:, 1])


def trunk_px(traj: Trajectory) -> np.ndarray:
    """Pelvis (the hips' midpoint) to the shoulders' midpoint."""
    return midpoint(traj, "shoulder") - midpoint(traj, "hip")


def legs_px(traj: Trajectory) -> np.ndarray:
    """Pelvis to the ankles' midpoint: the legs' line."""
    return midpoint(traj, "ankle") - midpoint(traj, "hip")


def shanks_px(traj: Trajectory) -> np.ndarray:
    """The ankles' midpoint to the knees': the lower legs' line, pointing towards the hips."""
    return midpoint(traj, "knee") - midpoint(traj, "ankle")


#: The lower legs must be seen in this share of the frames to be the reference, else the whole legs are.
MIN_SHANK_SHARE = 0.2


def legs_elevation_deg(traj: Trajectory) -> float:
    """The legs' line (towards the hips) against the image's horizontal, one figure for the clip:
    the median over the frames of the lower legs' line (ankles to knees), or of the whole legs'
    (ankles to hips) where the knees are too rarely seen. For tests whose legs lie still on a bench
    or the floor. Why the lower legs: the pose model's hip point rides up and down with the trunk
    (on renders of a back extension the thigh's line moved 3 deg between a lowered and an arched
    trunk whose legs never moved); why a median: the knees are lost in some frames (the renders'
    knees fell below the visibility gate whenever the trunk hung down)."""
    shanks = elevation_deg(shanks_px(traj))
    if np.isfinite(shanks).mean() >= MIN_SHANK_SHARE:
        return float(np.nanmedian(shanks))
    return float(np.nanmedian(elevation_deg(-legs_px(traj))))


def trunk_below_legs_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` how far the trunk points below the legs' line carried on past the pelvis
    (degrees, down +): 0 when the body is one straight line, as a held Biering-Sorensen test is.
    Measured against the legs (:func:`legs_elevation_deg`) rather than the image's horizontal, so a
    phone held at a slant does not tilt the figure."""
    return legs_elevation_deg(traj) - elevation_deg(trunk_px(traj))


def hip_separation_px(traj: Trajectory) -> np.ndarray:
    """``[frame]`` distance between the two hips: near zero from the side, a pelvis wide from
    in front or behind."""
    return length_px(traj.point("left_hip") - traj.point("right_hip"))
