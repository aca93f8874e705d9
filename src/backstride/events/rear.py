"""Rear (or front) view: foot strike and toe-off from the foot's vertical motion.

Method:

1. The foot's lowest point (heel or toe) is expressed as height above its local ground, in leg
   lengths of the runner's size in that frame
   (:func:`~backstride.events.signals.height_above_ground`), so a runner moving away from the
   camera keeps the same scale.
2. Each stride is anchored on the foot's swing peak (peaks at least 0.6 stride apart), so
   noise in stance can neither add nor split a step.
3. Between two swing peaks the foot comes down to the ground and leaves it again. The foot
   strike is where the height falls back to ``rear_contact_share`` of the way from the
   ground (the stride's lowest height) to the first peak; the toe-off is where it last rises
   through the same share of the way to the next peak.

Notes:
    The share was set on the Fukuchi 2017 force plates with the markers' vertical motion
    (the same in a rear and a side view, apart from perspective). The foot's lowest point
    at its lowest marks midstance, not contact (``evidence.md``): both edges are read on the
    way down and the way up instead.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

from backstride.events.signals import foot_lowest_y_px, height_above_ground
from backstride.settings import EventSettings
from backstride.trajectory import GaitEvents, Trajectory


def swing_peaks(height_leg: np.ndarray, *, min_distance: int, prominence_leg: float) -> np.ndarray:
    h = np.nan_to_num(height_leg, nan=0.0)
    peaks, _ = signal.find_peaks(h, distance=max(1, min_distance), prominence=prominence_leg)
    return peaks


def crossing(time_s: np.ndarray, h: np.ndarray, lo: int, hi: int, level: float, *, falling: bool) -> float | None:
    """First downward (or last upward) crossing of ``level`` in ``h[lo:hi+1]``, interpolated."""
    idx = range(lo, hi) if falling else range(hi - 1, lo - 1, -1)
    for i in idx:
        a, b = h[i], h[i + 1]
        if not (np.isfinite(a) and np.isfinite(b)):
            continue
        if (a >= level > b) if falling else (a < level <= b):
            return float(time_s[i] + (level - a) / (b - a) * (time_s[i + 1] - time_s[i]))
    return None


def detect_rear(
    traj: Trajectory, foot: str, /, *, scale_px: np.ndarray, stride_s: float, settings: EventSettings
) -> GaitEvents:
    """Foot strikes and toe-offs of one foot from its vertical motion."""
    fs = traj.sample_rate_hz
    h = height_above_ground(
        foot_lowest_y_px(traj, foot), scale_px, window_samples=int(settings.ground_window_strides * stride_s * fs)
    )
    peaks = swing_peaks(
        h, min_distance=int(settings.anchor_gap_strides * stride_s * fs), prominence_leg=settings.rear_prominence_leg
    )
    share = settings.rear_contact_share
    strikes, offs = [], []
    for a, b in zip(peaks[:-1], peaks[1:]):
        seg = h[a : b + 1]
        if not np.isfinite(seg).any():
            continue
        base = float(np.nanmin(seg))
        low = a + int(np.nanargmin(seg))
        ic = crossing(traj.time_s, h, int(a), low, base + share * (h[a] - base), falling=True)
        to = crossing(traj.time_s, h, low, int(b), base + share * (h[b] - base), falling=False)
        if ic is not None:
            strikes.append(ic)
        if to is not None:
            offs.append(to)
    return GaitEvents(foot=foot, foot_strike_s=tuple(strikes), toe_off_s=tuple(offs))
