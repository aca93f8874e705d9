"""Gait events (foot strike, toe-off) per foot, with the method chosen for the view."""

from __future__ import annotations

import numpy as np

from backstride.core.trajectory import FEET, GaitEvents, Trajectory
from backstride.events.rear import detect_rear
from backstride.events.side import detect_side
from backstride.events.signals import foot_lowest_y_px, stride_period_s
from backstride.person.view import facing_per_frame
from backstride.settings import EventSettings

__all__ = ["detect_events"]


def detect_events(
    traj: Trajectory, /, *, leg_px: float, settings: EventSettings, feet: tuple[str, ...] = FEET
) -> dict[str, GaitEvents]:
    """Events of each foot of a cleaned trajectory whose view is known."""
    if traj.view.is_side:
        sign = facing_per_frame(traj)
        return {f: detect_side(traj, f, facing_sign=sign, leg_px=leg_px, settings=settings) for f in feet}
    stride = _stride_s(traj, feet, settings)
    scale = body_scale_px(traj, leg_px)
    return {f: detect_rear(traj, f, scale_px=scale, stride_s=stride, settings=settings) for f in feet}


def body_scale_px(traj: Trajectory, leg_px: float, *, window_s: float = 0.5) -> np.ndarray:
    """Leg length per frame, from the torso length smoothed over ``window_s``.

    A runner moving towards or away from the camera changes size; the clip's median leg
    length is rescaled by the torso's size in each frame.
    """
    from scipy import ndimage

    sh = (traj.point("left_shoulder") + traj.point("right_shoulder")) / 2
    hp = (traj.point("left_hip") + traj.point("right_hip")) / 2
    torso = np.linalg.norm(sh - hp, axis=1)
    ok = np.isfinite(torso) & (torso > 0)
    if ok.sum() < 2:
        return np.full(traj.n_frames, leg_px)
    torso = np.interp(np.arange(len(torso)), np.flatnonzero(ok), torso[ok])
    size = max(3, int(window_s * traj.sample_rate_hz) | 1)
    torso = ndimage.median_filter(torso, size=size, mode="nearest")
    return leg_px * torso / np.median(torso)


def _stride_s(traj: Trajectory, feet: tuple[str, ...], settings: EventSettings) -> float:
    periods = [stride_period_s(-foot_lowest_y_px(traj, f), traj.sample_rate_hz, settings.stride_range_s) for f in feet]
    found = [p for p in periods if p is not None]
    return float(np.median(found)) if found else settings.fallback_stride_s
