"""Where the foot on the ground is, from the image itself, in a rear view.

From behind, the pose model can draw crossed feet under their own hips and swap their labels,
so the stance foot's sideways position is read from the pixels: a band at ground level (from
the pose's lowest foot point, a few hundredths of a leg above and below it, three hip widths
wide around the hips' midpoint, its bottom at the ground's row: the lowest the feet get over
nearby frames) holds the floor and the foot on it; the floor is the band's
median colour row by row (the band may cross the line where the floor meets a wall), and the
foot is what differs from it. Its column (the median of the differing
pixels' columns) is the stance foot's position; the swing foot is above the band. Read frame by
frame in the rear clip's one pass with the tape tracker (pipeline.rear_points; NumPy on each band).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from backstride.core.trajectory import Trajectory

NAME = "ground_contact"  # its name in a Trajectory: x the foot's column, y the band's centre
FEET = tuple(f"{s}_{k}" for s in ("left", "right") for k in ("ankle", "heel", "foot_index"))
BAND_LEGS = (0.05, 0.03)  # above and below the lowest foot point, in leg lengths
HALF_WIDTH_HIPS = 1.5
GROUND_WINDOW_S = 0.4
MIN_COLOUR_DISTANCE = 40.0  # RGB distance from the floor's median colour
MIN_PIXELS = 20


def _ground_row(lowest_y: np.ndarray, half: int) -> np.ndarray:
    """The ground's row: the lowest the feet get within ``half`` frames either side (a treadmill's
    belt stays put; a runner moving away climbs the image slowly)."""
    out = np.full(len(lowest_y), np.nan)
    for i in range(len(lowest_y)):
        w = lowest_y[max(0, i - half) : i + half + 1]
        if np.isfinite(w).any():
            out[i] = np.nanpercentile(w, 90)
    return out


class GroundBand:
    """Reads the stance foot's column frame by frame (:func:`backstride.video.reader.feed`);
    ``xy_px[frame]``: that column and the band's centre row (NaN where not found)."""

    def __init__(self, pose_xy_px: np.ndarray, keypoints: tuple[str, ...], fps: float):
        idx = {n: keypoints.index(n) for n in (*FEET, "left_hip", "right_hip")}
        y = pose_xy_px[:, [idx[n] for n in FEET], 1]
        lowest = np.where(np.isfinite(y).any(axis=1), np.max(np.where(np.isfinite(y), y, -np.inf), axis=1), np.nan)
        self.lowest_y = _ground_row(lowest, max(3, int(round(GROUND_WINDOW_S * fps))))
        lh, rh = pose_xy_px[:, idx["left_hip"]], pose_xy_px[:, idx["right_hip"]]
        self.mid_x = (lh[:, 0] + rh[:, 0]) / 2
        self.hip_w = float(np.nanmedian(np.abs(rh[:, 0] - lh[:, 0])))
        self.leg = float(np.nanmedian(np.abs(self.lowest_y - (lh[:, 1] + rh[:, 1]) / 2)))
        self.xy_px = np.full((len(pose_xy_px), 2), np.nan)
        self.usable = np.isfinite(self.hip_w) and np.isfinite(self.leg) and self.hip_w > 0 and self.leg > 0

    def add(self, i: int, rgb: np.ndarray) -> None:
        if (
            not self.usable
            or i >= len(self.xy_px)
            or not (np.isfinite(self.lowest_y[i]) and np.isfinite(self.mid_x[i]))
        ):
            return
        y0, y1 = int(self.lowest_y[i] - BAND_LEGS[0] * self.leg), int(self.lowest_y[i] + BAND_LEGS[1] * self.leg)
        x0 = max(0, int(self.mid_x[i] - HALF_WIDTH_HIPS * self.hip_w))
        band = rgb[max(0, y0) : max(0, y1), x0 : max(x0, int(self.mid_x[i] + HALF_WIDTH_HIPS * self.hip_w))]
        if band.size == 0:
            return
        floor = np.median(band, axis=1, keepdims=True)  # row by row: the band may straddle the floor's edge
        cols = np.nonzero(np.linalg.norm(band.astype(float) - floor, axis=2) > MIN_COLOUR_DISTANCE)[1]
        if len(cols) >= MIN_PIXELS:
            self.xy_px[i] = (x0 + float(np.median(cols)), (y0 + y1) / 2)


def with_ground_contact(traj: Trajectory, xy_px: np.ndarray) -> Trajectory:
    """The trajectory with the stance foot's image position as one more keypoint (:data:`NAME`)."""
    return traj.with_points((NAME,), xy_px[:, None, :])
