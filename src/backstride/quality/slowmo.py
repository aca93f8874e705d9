"""Slow motion: turn the file's (stretched) times into real time, and refuse an unstated slow motion.

Phones record slow motion at 120/240 fps and often write a file that plays at 30 fps: every
time in it is stretched by capture fps / playback fps. The factor comes from ``--slowmo`` (the
user), else from the file's metadata (:data:`backstride.video.probe.CAPTURE_FPS_KEYS`), else 1.
A running clip (a flight phase) at a cadence no runner has in video time is refused, naming the
factors that would give a running cadence.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from backstride.core.analysis import TimeScale
from backstride.core.trajectory import FEET, Trajectory
from backstride.errors import CaptureError
from backstride.events.signals import foot_lowest_y_px, stride_period_s
from backstride.settings import EventSettings, QualitySettings
from backstride.video import Probe


class SlowMotionSuspected(CaptureError):
    """A running clip at a cadence no runner has, which a slow-motion factor would explain: the
    pipeline tries the factors before it offers any (:func:`backstride.app.pipeline.analyse_clip`)."""

    def __init__(self, message: str, *, cadence_file_spm: float, where: str, running_range: str):
        super().__init__(message)
        self.cadence_file_spm = cadence_file_spm  # on the file's own times, before any factor
        self.where = where
        self.running_range = running_range


#: A capture rate within this share of the playback rate is not slow motion.
SAME_RATE_TOLERANCE = 0.05


def time_scale(info: Probe, flag: float | None = None) -> TimeScale:
    """The slow-motion factor for a clip: the flag, else the metadata, else none."""
    if flag is not None:
        if not 1.0 <= flag <= 64.0:
            raise CaptureError(f"--slowmo {flag:g}: the factor is capture fps / playback fps, between 1 and 64")
        return TimeScale(float(flag), "flag", info.fps * flag if info.fps else None)
    cap = info.capture_fps
    if cap and info.fps and cap > info.fps * (1 + SAME_RATE_TOLERANCE):
        return TimeScale(_nice(cap / info.fps), "metadata", cap)
    return TimeScale(1.0, "none", cap)


#: A factor within this share of a whole number is that number: a container's average rate is
#: a little off the real one (the last frame's duration is not known; 29.97 for 30).
NICE_TOLERANCE = 0.015


def _nice(factor: float) -> float:
    whole = round(factor)
    return float(whole) if whole >= 1 and abs(factor - whole) <= NICE_TOLERANCE * whole else factor


def suggest_factors(cadence_spm: float, limits: QualitySettings) -> list[tuple[int, float]]:
    """(factor, cadence it would give) for each whole factor up to the largest usual one that gives
    a running cadence, nearest a usual running cadence first (to be tried before any is offered)."""
    lo, hi = limits.running_cadence_spm
    found = [(k, cadence_spm * k) for k in range(2, max(limits.slowmo_factors) + 1) if lo <= cadence_spm * k <= hi]
    return sorted(found, key=lambda kc: abs(kc[1] - limits.usual_cadence_spm))


def check_running_cadence(cadence_spm: float, scale: TimeScale, path: Path, limits: QualitySettings) -> None:
    """Refuse a running cadence outside what runners show, with the likely slow-motion factor."""
    lo, hi = limits.running_cadence_spm
    if not cadence_spm == cadence_spm or lo <= cadence_spm <= hi:
        return
    where = (
        "in video time"
        if scale.source == "none"
        else f"after the {scale.factor:g}x slow-motion factor ({scale.source})"
    )
    rng = f"runners run at {lo:.0f}-{hi:.0f} steps/min (Drozda 2024; Mero 1992 for sprinters)"
    if cadence_spm < lo:
        found = suggest_factors(cadence_spm / scale.factor, limits)  # factors on the file's own times
        if found:
            options = " or ".join(f"--slowmo {k} ({c:.0f} steps/min)" for k, c in found[:2])
            raise SlowMotionSuspected(
                f"{path}: looks like {found[0][0]}x slow motion: running at {cadence_spm:.0f} "
                f"steps/min {where}, and {rng}; rerun with {options}",
                cadence_file_spm=cadence_spm / scale.factor,
                where=f"running at {cadence_spm:.0f} steps/min {where}",
                running_range=rng,
            )
    raise CaptureError(
        f"{path}: running at {cadence_spm:.0f} steps/min {where} is outside what {rng}: "
        "the clip's timing is wrong (check its frame rate and slow-motion setting) or it is not "
        "running"
    )


#: Stride periods searched for a slowed clip: up to 16x a slow walk.
SLOWED_STRIDE_SEARCH_S = (0.3, 30.0)


def stride_s(traj: Trajectory) -> float | None:
    """The stride period of the feet's vertical motion over a wide range of periods."""
    found = [stride_period_s(-foot_lowest_y_px(traj, f), traj.sample_rate_hz, SLOWED_STRIDE_SEARCH_S) for f in FEET]
    periods = [p for p in found if p is not None]
    return float(np.median(periods)) if periods else None


def check_stride_period(traj: Trajectory, scale: TimeScale, path: Path, limits: QualitySettings) -> None:
    """Refuse before event detection a clip whose strides last longer than any walk or run: the
    event detectors look for strides of 0.45-1.6 s and would find noise in a slowed clip."""
    period = stride_s(traj)
    if period is None or period <= EventSettings().stride_range_s[1]:
        return
    check_running_cadence(120.0 / period, scale, path, limits)
