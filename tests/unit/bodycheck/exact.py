"""A trajectory of exact keypoints: the synthetic body's named 3-D points projected by a camera, no
pose model and no pixels (a name the points lack is NaN, unseen)."""

from __future__ import annotations

import numpy as np

from backstride.core.trajectory import Trajectory
from backstride.synth.render import Camera


def projected(points: dict[str, np.ndarray], names: tuple[str, ...], camera: Camera, time_s: np.ndarray) -> Trajectory:
    xy = np.full((len(time_s), len(names), 2), np.nan)
    for i, name in enumerate(names):
        if name in points:
            xy[:, i] = camera.project(points[name])
    return Trajectory(xy_px=xy, visibility=np.isfinite(xy[..., 0]).astype(float), time_s=time_s, keypoints=names)
