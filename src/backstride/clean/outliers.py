"""Single-frame keypoint glitches: a Hampel filter (moving median and median absolute deviation).

A sample further from the median of its neighbours than ``n_sigmas`` robust standard
deviations, and further than ``floor_px``, becomes missing and is later gap-filled. Smooth
motion, even fast, stays within the moving median; a keypoint that jumps to the other leg or
to the background for a frame or two does not.

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
        bad = np.zeros(len(xy_px), dtype=bool)
        for c in range(2):
            bad |= hampel_mask(xy_px[:, k, c], half_window=half_window, n_sigmas=n_sigmas, floor=floor_px)
        out[bad, k, :] = np.nan
        removed += int(bad.sum())
    return out, removed
