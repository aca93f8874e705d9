"""Turn 3-D marker paths into the 2-D keypoints a video camera would give.

A sagittal (side) camera drops the sideways axis; a frontal (rear) camera drops the forward
axis. Positions are resampled to a video frame rate and receive Gaussian keypoint noise whose
size is a share of leg length, as a pose model would add.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.interpolate import CubicSpline

from backstride.core.trajectory import KEYPOINTS, Trajectory, View

#: Image pixels per metre of the virtual camera (a 0.9 m leg is ~450 px, like a 1080p phone).
PX_PER_M = 500.0


@dataclass(frozen=True)
class MarkerSet:
    """Keypoint paths in metres: name -> ``[sample, 3]`` as (forward, up, sideways)."""

    time_s: np.ndarray
    points_m: dict[str, np.ndarray]


def project_side(
    markers: MarkerSet, /, *, fps: float, noise_leg: float, seed: int = 0, rear: bool = False
) -> Trajectory:
    """Side view of a runner moving towards +forward, which appears facing image-right.

    With ``rear=True``, the view from behind instead (image x = sideways, right to the right).
    """
    axes = [2, 1] if rear else [0, 1]
    t = np.arange(markers.time_s[0], markers.time_s[-1], 1.0 / fps)
    rng = np.random.default_rng(seed)
    xy = np.full((len(t), len(KEYPOINTS), 2), np.nan)
    vis = np.zeros((len(t), len(KEYPOINTS)))
    for name, path in markers.points_m.items():
        k = KEYPOINTS.index(name)
        spline = CubicSpline(markers.time_s, _fill_nan(markers.time_s, path[:, axes]), axis=0)
        p = spline(t)
        xy[:, k, 0] = p[:, 0] * PX_PER_M
        xy[:, k, 1] = -p[:, 1] * PX_PER_M
        vis[:, k] = 1.0
    leg_px = _leg_length_m(markers) * PX_PER_M
    xy += rng.normal(0.0, noise_leg * leg_px, xy.shape)
    return Trajectory(xy_px=xy, visibility=vis, time_s=t, fps_nominal=fps, view=View.REAR if rear else View.SIDE_RIGHT)


def _leg_length_m(markers: MarkerSet) -> float:
    p = markers.points_m
    side = "left" if "left_knee" in p else "right"
    hip, knee, ankle = (p[f"{side}_{j}"] for j in ("hip", "knee", "ankle"))
    d = np.linalg.norm(hip - knee, axis=1) + np.linalg.norm(knee - ankle, axis=1)
    return float(np.nanmedian(d))


def _fill_nan(time_s: np.ndarray, path: np.ndarray) -> np.ndarray:
    """Bridge marker dropouts linearly (the mocap's own gaps, a few samples long)."""
    out = path.copy()
    for c in range(path.shape[1]):
        ok = np.isfinite(path[:, c])
        out[:, c] = np.interp(time_s, time_s[ok], path[ok, c])
    return out
