"""Single-frame keypoint glitches: a Hampel filter (moving median and median absolute deviation).

A sample further from the median of its neighbours than ``n_sigmas`` robust standard
deviations, and further than ``floor_px``, becomes missing and is later gap-filled. Smooth
motion, even fast, stays within the moving median; a keypoint that jumps to the other leg or
to the background for a frame or two does not.

Keypoints are judged as points, not as two series in the picture's x and y: the same test runs
along each window's principal axes, which turn with the picture.
Judged along the picture's axes, a camera rolled by 5 deg called other borderline frames glitches
than the level camera did, and the treadmill clip's levelled foot-strike angle moved by 1.2 deg
(4.7 on the BlazePose port's keypoints; tests/derived/test_camera.py). Along the motion's axes
other borderline frames change too: on the real rear clip OpenPose's toe at one frame is now taken
out (its whole foot 30-35 px off), and its left step width reads 53 % of hip width, not 46.

Notes:
    Pearson RK et al. Generalized Hampel filters. EURASIP J Adv Signal Process 2016:87.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

MAD_TO_SIGMA = 1.4826


def hampel_mask(x: np.ndarray, /, *, half_window: int, n_sigmas: float, floor: float) -> np.ndarray:
    """Boolean mask of outliers in a 1-D series (NaN never counts as an outlier)."""
    x = np.asarray(x, dtype=float)
    ok = np.isfinite(x)
    if ok.sum() < 2 * half_window + 1:
        return np.zeros(len(x), dtype=bool)
    filled = np.interp(np.arange(len(x)), np.flatnonzero(ok), x[ok])
    size = 2 * half_window + 1
    med = ndimage.median_filter(filled, size=size, mode="nearest")
    mad = ndimage.median_filter(np.abs(filled - med), size=size, mode="nearest")
    limit = np.maximum(n_sigmas * MAD_TO_SIGMA * mad, floor)
    return ok & (np.abs(x - med) > limit)


def reject_outliers(
    xy_px: np.ndarray, /, *, half_window: int, n_sigmas: float, floor_px: float
) -> tuple[np.ndarray, int]:
    """``xy_px[frame, keypoint, 2]`` with outlying positions set to NaN, and how many were removed."""
    out = xy_px.copy()
    removed = 0
    for k in range(xy_px.shape[1]):
        bad = point_outliers(xy_px[:, k], half_window=half_window, n_sigmas=n_sigmas, floor=floor_px)
        out[bad, k, :] = np.nan
        removed += int(bad.sum())
    return out, removed


def point_outliers(xy: np.ndarray, /, *, half_window: int, n_sigmas: float, floor: float) -> np.ndarray:
    """Boolean mask of outlying points in a ``[frame, 2]`` path (NaN never counts).

    The one-axis Hampel test along the axes the motion itself picks: each window's principal axes
    (a foot's path is spread along its swing, narrow across it). A sample's deviation is its offset
    from the median of its own window taken along that window's axes; it is an outlier when, along
    either axis of the window around it, it is beyond ``n_sigmas`` robust deviations (MAD) of the
    deviations there and beyond ``floor``. A turn of the picture turns the axes with it."""
    ok = np.isfinite(xy).all(axis=1)
    size = 2 * half_window + 1
    if ok.sum() < size:
        return np.zeros(len(xy), dtype=bool)
    frames = np.arange(len(xy))
    filled = np.column_stack([np.interp(frames, np.flatnonzero(ok), xy[ok, c]) for c in range(2)])
    windows = _windows(filled, half_window)  # [n, size, 2]
    spread_out = windows - windows.mean(axis=1, keepdims=True)
    _, axes = np.linalg.eigh(np.einsum("nsi,nsj->nij", spread_out, spread_out))  # [n, 2, 2], columns
    median = np.median(np.einsum("nsi,nik->nsk", windows, axes), axis=1)  # along the axes
    deviation = filled - np.einsum("nk,nik->ni", median, axes)
    around = np.einsum("nsi,nik->nsk", _windows(deviation, half_window), axes)
    spread = MAD_TO_SIGMA * np.median(np.abs(around), axis=1)  # [n, 2]
    along = np.abs(np.einsum("ni,nik->nk", deviation, axes))
    return ok & (along > np.maximum(n_sigmas * spread, floor)).any(axis=1)


def _windows(a: np.ndarray, half_window: int) -> np.ndarray:
    """``[frame, 2 * half_window + 1, 2]``: each frame's neighbours, the ends repeated."""
    padded = np.pad(a, ((half_window, half_window), (0, 0)), mode="edge")
    return np.lib.stride_tricks.sliding_window_view(padded, 2 * half_window + 1, axis=0).transpose(0, 2, 1)
