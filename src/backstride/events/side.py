"""Side view: foot strike and toe-off from the foot's forward velocity relative to the pelvis.

Notes:
    In stance the foot is still on the ground while the body passes over it, so its forward
    velocity relative to the pelvis sits on a plateau at minus the running speed (treadmill or
    overground alike); in swing it is strongly positive. Velocities are normalised per stride
    to a *level*: 0 on the stance plateau, 1 at the swing peak.

    * Steps are anchored on the foot's most forward positions relative to the pelvis (one per
      stride, found as peaks at least 0.6 stride apart), so noise on the stance plateau can
      neither add nor split a step.
    * Foot strike: the falling edge (late swing into stance) of the heel-toe midpoint through
      the anchor, fitted by a line between levels 0.1 and 0.6 and read where it crosses
      ``strike_level``.
    * Toe-off: the last upward crossing of ``toe_off_level`` before the next swing peak.

    Both crossing levels were set against force-plate events of Fukuchi et al. 2017 (RBDS001,
    2.5 and 3.5 m/s, 50 N threshold) and then checked, unchanged, on the independent
    FootNet example runner (see ``make bench-accuracy``). A line fit over the edge uses
    several samples, so the crossing is found between frames and is robust to keypoint noise.
    The kinematic plateau is reached 15-25 ms after force onset (the foot settles), which is
    why a level above 0 marks the force-plate contact. Zeni et al. 2008 (Gait Posture 27:710)
    use the foot's position relative to the sacrum in the same spirit.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage, signal

from backstride.core.trajectory import GaitEvents, Trajectory
from backstride.events.signals import stride_period_s
from backstride.settings import EventSettings

FOOT_PARTS = ("heel", "foot_index")


def forward_position_leg(
    traj: Trajectory, foot: str, /, *, facing_sign: float | np.ndarray, leg_px: float, pelvis_median_s: float
) -> np.ndarray:
    """Forward position of the foot (heel-toe midpoint) relative to the pelvis, in leg lengths."""
    foot_x = np.mean([traj.point(f"{foot}_{p}")[:, 0] for p in FOOT_PARTS], axis=0)
    pelvis_x = (traj.point("left_hip")[:, 0] + traj.point("right_hip")[:, 0]) / 2
    # The pelvis moves smoothly; a moving median keeps a glitch of the hip keypoints (or markers)
    # from posing as foot motion.
    size = max(3, int(pelvis_median_s * traj.sample_rate_hz) | 1)
    pelvis_x = ndimage.median_filter(_fill(pelvis_x), size=size, mode="nearest")
    return facing_sign * (foot_x - pelvis_x) / leg_px


def _fill(x: np.ndarray) -> np.ndarray:
    ok = np.isfinite(x)
    return np.interp(np.arange(len(x)), np.flatnonzero(ok), x[ok]) if ok.any() else x


def velocity_level(velocity: np.ndarray) -> np.ndarray:
    """Velocity rescaled to 0 on the stance plateau and 1 at the swing peak (robust percentiles)."""
    plateau = np.nanpercentile(velocity, 15)
    peak = np.nanpercentile(velocity, 95)
    span = peak - plateau
    if not np.isfinite(span) or span <= 0:
        return np.full(len(velocity), np.nan)
    return (velocity - plateau) / span


def step_anchors(position_leg: np.ndarray, *, min_distance: int, prominence_leg: float) -> np.ndarray:
    """Indices of the foot's most forward positions, one per stride."""
    x = np.nan_to_num(position_leg, nan=np.nanmin(position_leg) if np.isfinite(position_leg).any() else 0.0)
    peaks, _ = signal.find_peaks(x, distance=max(1, min_distance), prominence=prominence_leg)
    return peaks


def falling_run(level: np.ndarray, index: int) -> tuple[int, int]:
    """``[lo, hi)`` of the monotonically falling stretch of ``level`` through ``index``."""
    lo = index
    while lo > 0 and np.isfinite(level[lo - 1]) and level[lo - 1] >= level[lo]:
        lo -= 1
    hi = index
    while hi < len(level) - 1 and np.isfinite(level[hi + 1]) and level[hi + 1] <= level[hi]:
        hi += 1
    return lo, hi + 1


def strike_time(
    time_s: np.ndarray, level: np.ndarray, anchor: int, /, *, at_level: float, fit_levels: tuple[float, float]
) -> float | None:
    """Where the falling edge through ``anchor`` crosses ``at_level`` (line fit over the edge)."""
    lo, hi = falling_run(level, anchor)
    idx = np.arange(lo, hi)
    fit = idx[(level[idx] >= fit_levels[0]) & (level[idx] <= fit_levels[1])]
    if len(fit) < 2:  # a steep edge at a low frame rate: the two samples around the level
        below = idx[level[idx] < at_level]
        if len(below) == 0 or below[0] == 0:
            return None
        fit = np.array([below[0] - 1, below[0]])
    slope, intercept = np.polyfit(time_s[fit], level[fit], 1)
    if slope >= 0:
        return None
    return float((at_level - intercept) / slope)


def toe_off_time(
    time_s: np.ndarray,
    level: np.ndarray,
    start: int,
    stop: int,
    /,
    *,
    at_level: float,
    fit_levels: tuple[float, float] = (0.05, 0.35),
) -> float | None:
    """Last upward crossing of ``at_level`` in ``[start, stop]`` (stop = the swing's start).

    The crossing is read from a line fitted to the samples of the rising stretch through it
    whose level lies in ``fit_levels``, which averages keypoint noise on this slowly rising
    edge; with fewer than three such samples, from the two straddling ones.
    """
    seg = np.nan_to_num(level[start : stop + 1], nan=np.inf)
    below = np.flatnonzero(seg < at_level)
    if len(below) == 0 or start + below[-1] + 1 >= len(level):
        return None
    j = start + int(below[-1])
    a, b = level[j], level[j + 1]
    if not np.isfinite(b) or b <= a:
        return None
    straddle = float(time_s[j] + (at_level - a) / (b - a) * (time_s[j + 1] - time_s[j]))
    lo, hi = falling_run(-level, j)  # the monotonically rising stretch through the crossing
    idx = np.arange(max(start, lo), min(stop + 1, hi + 1))
    idx = idx[(level[idx] >= fit_levels[0]) & (level[idx] <= fit_levels[1])]
    if len(idx) < 3:
        return straddle
    slope, intercept = np.polyfit(time_s[idx], level[idx], 1)
    if slope <= 0:
        return straddle
    return float((at_level - intercept) / slope)


def detect_side(
    traj: Trajectory,
    foot: str,
    /,
    *,
    facing_sign: float | np.ndarray,
    leg_px: float,
    settings: EventSettings,
    stride_s: float | None = None,
) -> GaitEvents:
    """Foot strikes and toe-offs of one foot in a cleaned, filtered side-view trajectory."""
    fs = traj.sample_rate_hz
    position = forward_position_leg(
        traj, foot, facing_sign=facing_sign, leg_px=leg_px, pelvis_median_s=settings.pelvis_median_s
    )
    level = velocity_level(np.gradient(position) * fs)
    stride_s = stride_s or stride_period_s(position, fs, settings.stride_range_s) or settings.fallback_stride_s
    anchors = step_anchors(
        position,
        min_distance=int(settings.anchor_gap_strides * stride_s * fs),
        prominence_leg=settings.anchor_prominence_leg,
    )
    t = traj.time_s
    strikes, offs = [], []
    for k, nxt in zip(anchors, list(anchors[1:]) + [len(level) - 1]):
        ic = strike_time(t, level, int(k), at_level=settings.strike_level, fit_levels=settings.edge_fit_levels)
        if ic is None or not t[0] < ic < t[-1]:
            continue
        strikes.append(ic)
        start = int(np.searchsorted(t, ic))
        ahead = np.nan_to_num(level[start : nxt + 1], nan=-np.inf)
        swing = start + int(np.argmax(ahead)) if len(ahead) and np.isfinite(ahead).any() else start
        if swing <= start or level[swing] < settings.swing_level:  # the clip ends before the foot leaves
            continue
        to = toe_off_time(t, level, start, swing, at_level=settings.toe_off_level)
        if to is not None and to < t[-1]:
            offs.append(to)
    return GaitEvents(foot=foot, foot_strike_s=tuple(strikes), toe_off_s=tuple(offs))
