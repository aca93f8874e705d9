"""Rear (or front) view: foot strike and toe-off from the foot's vertical motion.

Method (the same for side and rear views):

1. The foot's lowest point (heel or toe) is expressed as height above its local ground in leg
   lengths (:func:`~backstride.events.signals.height_above_ground`).
2. Contact windows are where that height is below ``contact_height_leg``.
3. Each window edge is refined to the peak of the lowest point's upward acceleration within
   ``refine_window_s`` of it, interpolated between samples. Landing stops a falling foot and
   take-off starts a resting one: both are a corner in the height curve, i.e. an acceleration
   peak, which a zero-lag filter blurs but does not shift.

Notes:
    Handsaker et al. 2016 (J Biomech) found touchdown from the first vertical acceleration peak
    of heel/first-metatarsal markers within +3.1 ms of force-plate contact, and toe-off from
    the toe's jerk/acceleration within +2.1 ms. The lowest point of the ankle marks midstance,
    not contact (measured in ``evidence.md``), so it is not used here.
"""

from __future__ import annotations

import numpy as np

from backstride.events.signals import foot_lowest_y_px, height_above_ground
from backstride.settings import EventSettings
from backstride.trajectory import GaitEvents, Trajectory


def contact_windows(height_leg: np.ndarray, *, threshold_leg: float, min_samples: int) -> list[tuple[int, int]]:
    """``[start, stop)`` sample ranges where the foot is on the ground."""
    on = np.nan_to_num(height_leg, nan=np.inf) < threshold_leg
    edges = np.diff(np.concatenate(([0], on.astype(np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int(a), int(b)) for a, b in zip(starts, stops) if b - a >= min_samples]


def refine_edge(accel_up: np.ndarray, edge: int, half_window: int) -> float | None:
    """Sub-sample index of the acceleration peak nearest an edge; None when not interior."""
    lo, hi = edge - half_window, edge + half_window + 1
    if lo < 1 or hi > len(accel_up) - 1:
        return None
    seg = accel_up[lo:hi]
    if not np.isfinite(seg).all():
        return None
    i = int(np.argmax(seg)) + lo
    a, b, c = accel_up[i - 1], accel_up[i], accel_up[i + 1]
    denom = a - 2 * b + c
    offset = 0.5 * (a - c) / denom if denom < 0 else 0.0
    return i + float(np.clip(offset, -0.5, 0.5))


def detect_rear(
    traj: Trajectory, foot: str, /, *, scale_px: np.ndarray, stride_s: float, settings: EventSettings
) -> GaitEvents:
    """Foot strikes and toe-offs of one foot of a cleaned, filtered trajectory."""
    fs = traj.sample_rate_hz
    y = foot_lowest_y_px(traj, foot)
    height = height_above_ground(y, scale_px, window_samples=int(1.2 * stride_s * fs))
    windows = contact_windows(
        height, threshold_leg=settings.contact_height_leg, min_samples=max(2, int(settings.min_contact_s * fs))
    )
    accel_up = np.gradient(np.gradient(-y)) * fs * fs
    half = max(1, int(round(settings.refine_window_s * fs)))
    strikes, offs = [], []
    for start, stop in windows:
        ic = refine_edge(accel_up, start, half)
        to = refine_edge(accel_up, stop - 1, half)
        if ic is not None:
            strikes.append(_time_at(traj.time_s, ic))
        if to is not None:
            offs.append(_time_at(traj.time_s, to))
    return GaitEvents(foot=foot, foot_strike_s=tuple(strikes), toe_off_s=tuple(offs))


def _time_at(time_s: np.ndarray, index: float) -> float:
    return float(np.interp(index, np.arange(len(time_s)), time_s))
