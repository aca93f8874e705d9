"""Foot signals the event detectors read: height above the local ground, stride period."""

from __future__ import annotations

import numpy as np
from scipy import ndimage, signal

from backstride.core.trajectory import Trajectory


def foot_lowest_y_px(traj: Trajectory, foot: str) -> np.ndarray:
    """Image-y (downwards) of the foot's lowest point: heel or toe, whichever is lower."""
    heel = traj.point(f"{foot}_heel")[:, 1]
    toe = traj.point(f"{foot}_foot_index")[:, 1]
    both = np.column_stack([heel, toe])
    out = np.full(len(heel), np.nan)
    seen = np.isfinite(both).any(axis=1)
    out[seen] = np.nanmax(both[seen], axis=1)
    return out


def stride_period_s(values: np.ndarray, sampling_rate_hz: float, search_s: tuple[float, float]) -> float | None:
    """Stride period from the first strong autocorrelation peak of a foot signal.

    Returns None when the signal has no clear periodicity in ``search_s``.
    """
    x = np.asarray(values, dtype=float)
    ok = np.isfinite(x)
    if ok.sum() < sampling_rate_hz * search_s[0] * 2:
        return None
    x = np.interp(np.arange(len(x)), np.flatnonzero(ok), x[ok])
    x = x - x.mean()
    ac = np.correlate(x, x, mode="full")[len(x) - 1 :]
    ac /= ac[0] if ac[0] > 0 else 1.0
    lo, hi = (int(s * sampling_rate_hz) for s in search_s)
    hi = min(hi, len(ac) - 2)
    if hi <= lo:
        return None
    peaks, _ = signal.find_peaks(ac[: hi + 1], height=0.2)
    peaks = peaks[peaks >= lo]
    if len(peaks) == 0:
        return None
    best = peaks[np.argmax(ac[peaks])]
    # prefer the earliest peak nearly as strong as the best (avoids picking 2 strides)
    strong = peaks[ac[peaks] >= 0.8 * ac[best]]
    return float(strong[0] / sampling_rate_hz)


def height_above_ground(lowest_y_px: np.ndarray, scale_px: np.ndarray, window_samples: int) -> np.ndarray:
    """Height of the foot's lowest point above its local ground, in units of ``scale_px``.

    The local ground is the lowest the foot gets (largest image-y) within a moving window of
    about a stride, so it follows perspective changes of a runner moving towards or away
    from the camera.
    """
    y = np.asarray(lowest_y_px, dtype=float)
    ok = np.isfinite(y)
    filled = np.interp(np.arange(len(y)), np.flatnonzero(ok), y[ok]) if ok.any() else y
    window = max(3, int(window_samples) | 1)
    ground = ndimage.maximum_filter1d(filled, size=window, mode="nearest")
    ground = ndimage.uniform_filter1d(ground, size=window, mode="nearest")
    ground = np.maximum(ground, filled)  # the moving mean must not leave a foot below ground
    h = (ground - y) / scale_px
    return h
