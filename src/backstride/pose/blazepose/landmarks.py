"""The landmark model's tensors decoded (tensors_to_pose_landmarks_and_segmentation.pbtxt): 39
landmarks of 5 values (x, y, z in the 256 px input, visibility and presence before a sigmoid),
each moved to the centre of mass of its heatmap's 9 x 9 window, projected back to the frame.

The published graph file says a 7 x 7 window; mediapipe 0.10.21 runs 9 x 9 (the option's default):
on the treadmill clip's first frame 9 matches its landmarks to 0.005 px (median, 0.08 px at most),
7 to 0.07 px (4.4 px at most). Arithmetic in 32-bit floats, as mediapipe's (see :mod:`.rects`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.pose.blazepose.rects import Rect

F = np.float32
INPUT_SIZE = 256
NUM_LANDMARKS = 39  # 33 of the body, 2 auxiliary (the region's centre and scale point), 4 unused
BODY = 33
AUX = slice(33, 35)
HEATMAP_KERNEL = 9
MIN_CONFIDENCE_TO_REFINE = 0.5


@dataclass(frozen=True)
class Landmarks:
    """Normalised to the frame: ``xy[39, 2]`` (float32); ``visibility[39]``; the pose flag."""

    xy: np.ndarray
    visibility: np.ndarray
    score: float


def _sigmoid(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=F)
    return F(1.0) / (F(1.0) + np.exp(-x))


def decode(raw: np.ndarray, heatmap: np.ndarray, roi: Rect, flag: float, letterbox: tuple[float, float]) -> Landmarks:
    """Landmarks from the model's ``landmarks[1, 195]`` and ``heatmap[1, 64, 64, 39]`` for ``roi``
    and the letterbox the crop added (``(horizontal, vertical)`` share a side; a hair's breadth for
    the square regions of pose tracking, but mediapipe removes it, so it is removed here)."""
    values = raw.reshape(NUM_LANDMARKS, 5).astype(F)
    xy = values[:, :2] / F(INPUT_SIZE)
    xy = remove_letterbox(refine_from_heatmap(xy, heatmap[0]), letterbox)
    return Landmarks(project(xy, roi), _sigmoid(values[:, 3]), flag)


def remove_letterbox(xy: np.ndarray, letterbox: tuple[float, float]) -> np.ndarray:
    """``LandmarkLetterboxRemovalCalculator``."""
    pad_x, pad_y = F(letterbox[0]), F(letterbox[1])
    x = (xy[:, 0] - pad_x) / (F(1.0) - (pad_x + pad_x))
    y = (xy[:, 1] - pad_y) / (F(1.0) - (pad_y + pad_y))
    return np.column_stack([x, y]).astype(F)


def refine_from_heatmap(xy: np.ndarray, heatmap: np.ndarray) -> np.ndarray:
    """``RefineLandmarksFromHeatmapCalculator``: each landmark inside the heatmap moves to the
    confidence-weighted mean cell of the 9 x 9 window around it, where its best cell reaches 0.5.
    Cells outside the heatmap weigh 0 (its loop skips them), and the sums run in float, row by row,
    as its loop adds them (a cumulative sum; adding a zero changes no float)."""
    hm_h, hm_w, n = heatmap.shape
    out = xy.astype(F)
    cols = (out[:, 0] * F(hm_w)).astype(np.int64)  # truncated toward zero, as C++ does
    rows = (out[:, 1] * F(hm_h)).astype(np.int64)
    inside = (cols >= 0) & (cols < hm_w) & (rows >= 0) & (cols < hm_h)  # sic: mediapipe tests col twice
    half = (HEATMAP_KERNEL - 1) // 2
    d_row, d_col = np.divmod(np.arange(HEATMAP_KERNEL * HEATMAP_KERNEL), HEATMAP_KERNEL)
    win_r = rows[:, None] + (d_row - half)[None, :]
    win_c = cols[:, None] + (d_col - half)[None, :]
    valid = (win_r >= 0) & (win_r < hm_h) & (win_c >= 0) & (win_c < hm_w)
    raw = heatmap[np.clip(win_r, 0, hm_h - 1), np.clip(win_c, 0, hm_w - 1), np.arange(n)[:, None]]
    confidence = np.where(valid, _sigmoid(raw), F(0.0))
    total = np.cumsum(confidence, axis=1, dtype=F)[:, -1]
    weighted_c = np.cumsum(win_c.astype(F) * confidence, axis=1, dtype=F)[:, -1]
    weighted_r = np.cumsum(win_r.astype(F) * confidence, axis=1, dtype=F)[:, -1]
    refine = inside & (confidence.max(axis=1) >= F(MIN_CONFIDENCE_TO_REFINE)) & (total > 0)
    safe = np.where(refine, total, F(1.0))
    out[refine, 0] = (weighted_c / F(hm_w) / safe)[refine]
    out[refine, 1] = (weighted_r / F(hm_h) / safe)[refine]
    return out


def project(xy: np.ndarray, roi: Rect) -> np.ndarray:
    """``LandmarkProjectionCalculator``: from the region (0-1) to the frame (0-1), turning by the
    region's rotation in normalised units, as mediapipe does."""
    x, y = xy[:, 0].astype(F) - F(0.5), xy[:, 1].astype(F) - F(0.5)
    cos, sin = np.cos(F(roi.rotation)), np.sin(F(roi.rotation))
    new_x = (cos * x - sin * y) * roi.width + roi.x_center
    new_y = (sin * x + cos * y) * roi.height + roi.y_center
    return np.column_stack([new_x, new_y]).astype(F)
