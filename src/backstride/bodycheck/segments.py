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


def trunk_below_legs_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` how far the trunk points below the legs' line carried on past the pelvis
    (degrees, down +): 0 when the body is one straight line, as a held Biering-Sorensen test is.
    Measured against the legs rather than the image's horizontal, so a phone held at a slant
    does not tilt the figure (the legs lie on the bench)."""
    return elevation_deg(-legs_px(traj)) - elevation_deg(trunk_px(traj))


def hip_separation_px(traj: Trajectory) -> np.ndarray:
    """``[frame]`` distance between the two hips: near zero from the side, a pelvis wide from
    in front or behind."""
    return length_px(traj.point("left_hip") - traj.point("right_hip"))
