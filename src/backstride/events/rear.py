"""Rear (or front) view: foot strike and toe-off from the foot's vertical motion.

Method:

1. The foot's lowest point (heel or toe) is expressed as height above its local ground, in leg
   lengths of the runner's size in that frame
   (:func:`~backstride.events.signals.height_above_ground`), so a runner moving away from the
   camera keeps the same scale.
2. Each stride is anchored on the foot's swing peak (peaks at least 0.6 stride apart), so
   noise in stance can neither add nor split a step.
3. Between two swing peaks the foot comes down to the ground and leaves it again. Its height
   there is taken above the stride's own ground (where it stood: its lowest point in the
   picture within the stride). The foot strike is where the height falls back to
   ``rear_contact_share`` of the way from that ground to the first peak; the toe-off is where it
   last rises through the same share of the way to the next peak.

Notes:
    The share was set on the Fukuchi 2017 force plates with the markers' vertical motion
    (the same in a rear and a side view, apart from perspective). The foot's lowest point
    at its lowest marks midstance, not contact (``evidence.md``): both edges are read on the
    way down and the way up instead.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

from backstride.core.trajectory import GaitEvents, Trajectory
from backstride.events.signals import foot_lowest_y_px, height_above_ground
from backstride.settings import EventSettings


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
    lowest_y = foot_lowest_y_px(traj, foot)
    h = height_above_ground(lowest_y, scale_px, window_samples=int(settings.ground_window_strides * stride_s * fs))
    peaks = swing_peaks(
        h, min_distance=int(settings.anchor_gap_strides * stride_s * fs), prominence_leg=settings.rear_prominence_leg
    )
    share = settings.rear_contact_share
    strikes, offs = [], []
    for a, b in zip(peaks[:-1], peaks[1:]):
        seg = stride_height(lowest_y[a : b + 1], scale_px[a : b + 1])
        if seg is None:
            continue
        t = traj.time_s[a : b + 1]
        low = int(np.nanargmin(seg))
        ic = crossing(t, seg, 0, low, share * seg[0], falling=True)
        to = crossing(t, seg, low, len(seg) - 1, share * seg[-1], falling=False)
        if ic is not None:
            strikes.append(ic)
        if to is not None:
            offs.append(to)
    return GaitEvents(foot=foot, foot_strike_s=tuple(strikes), toe_off_s=tuple(offs))


def stride_height(lowest_y_px: np.ndarray, scale_px: np.ndarray) -> np.ndarray | None:
    """The foot's height over one stride (swing peak to swing peak) above where it stood in that
    stride (its lowest point in the picture), in units of ``scale_px``.

    Each stride has its own ground: a runner moving away from a camera above the ground lands
    each step higher in the picture (the synthetic runner from a lens at hip height, 4-16 m away:
    by 0.1-0.2 leg a step), and a ground that carried over from the stride before would lift the
    whole contact off it and read the strike late."""
    if not np.isfinite(lowest_y_px).any():
        return None
    return (np.nanmax(lowest_y_px) - lowest_y_px) / scale_px
