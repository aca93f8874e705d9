"""Steady running only: the part of a clip where the runner is upright and keeps a steady step.

A clip often holds more than steady running: a start from standing or from blocks (the hips
low, steps lengthening), a stop, a turn, walking in and out of the frame. Frames where the
hips are not at least ``upright_hip_leg`` leg lengths above the lowest foot are not running
(a crouch, a bend); of the steps in the longest upright stretch, those at either end whose
step time is more than ``steady_step_tolerance`` away from the median of the rest are an
acceleration or a stop, and are left out too; so is an upright stretch at the start longer than a
step (and the margin) in which no whole step was read (strikes in the blocks or the push-off that
made no step yet come back as a long first step once the clip is cut). At the end the last strike
has no step time of its own, so the stretch after the last whole step is kept as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from backstride.core.trajectory import FEET, Step, Trajectory
from backstride.events.signals import foot_lowest_y_px
from backstride.settings import QualitySettings

#: Upright stretches closer than this are joined (a frame or two of a hidden hip), s.
JOIN_S = 0.2
MARGIN_S = 0.15  # kept around the first and last steady step
#: Steps at the ends are left out only while this many steady steps remain; with fewer, the
#: whole upright stretch is kept and the step-time check judges it (irregular steps everywhere
#: are a measurement failure, not a start or a stop).
MIN_STEADY_STEPS = 6


@dataclass(frozen=True)
class SteadyWindow:
    start_s: float
    stop_s: float
    left_out: tuple[str, ...]  # "a-b s: why", for each part left out

    def trims(self, traj: Trajectory) -> bool:
        return bool(self.left_out) and (self.start_s > traj.time_s[0] or self.stop_s < traj.time_s[-1])


def upright(traj: Trajectory, leg_px: float, limits: QualitySettings) -> np.ndarray:
    """Boolean ``[frame]``: hips high enough above the lowest foot for running."""
    hip_y = (traj.point("left_hip")[:, 1] + traj.point("right_hip")[:, 1]) / 2
    foot_y = np.fmax.reduce(np.column_stack([foot_lowest_y_px(traj, f) for f in FEET]), axis=1)  # NaN where none
    with np.errstate(invalid="ignore"):
        return (foot_y - hip_y) / leg_px >= limits.upright_hip_leg


def _longest_run(mask: np.ndarray, time_s: np.ndarray) -> tuple[int, int] | None:
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return None
    breaks = np.flatnonzero(np.diff(time_s[idx]) > JOIN_S)
    starts = np.concatenate([[0], breaks + 1])
    stops = np.concatenate([breaks, [len(idx) - 1]])
    k = int(np.argmax(time_s[idx[stops]] - time_s[idx[starts]]))
    return int(idx[starts[k]]), int(idx[stops[k]])


def _steady_steps(timed: list[tuple[float, float]], tolerance: float) -> tuple[int, int]:
    """``[lo, hi)`` of the (strike, step time) list once the ends that stray from the median are off."""
    lo, hi = 0, len(timed)
    while hi - lo >= 4:
        med = np.median([st for _, st in timed[lo:hi]])
        if abs(timed[lo][1] - med) > tolerance * med:
            lo += 1
        elif abs(timed[hi - 1][1] - med) > tolerance * med:
            hi -= 1
        else:
            break
    return lo, hi


def steady_window(traj: Trajectory, steps: Sequence[Step], leg_px: float, limits: QualitySettings) -> SteadyWindow:
    """The seconds of steady running, and why the rest was left out."""
    t0, t1 = float(traj.time_s[0]), float(traj.time_s[-1])
    run = _longest_run(upright(traj, leg_px, limits), traj.time_s)
    if run is None:
        return SteadyWindow(t0, t1, ())
    up0, up1 = float(traj.time_s[run[0]]), float(traj.time_s[run[1]])
    timed = sorted((s.strike_s, s.step_time_s) for s in steps if s.step_time_s is not None and up0 <= s.strike_s <= up1)
    lo, hi = _steady_steps(timed, limits.steady_step_tolerance)
    if hi - lo < MIN_STEADY_STEPS:  # no steady stretch to keep: the upright part, judged as it is
        lo, hi = 0, len(timed)
    if not timed:
        return SteadyWindow(up0, up1, _left_out(t0, t1, up0, up1, up0, up1, ""))
    step_s = float(np.median([st for _, st in timed[lo:hi]]))
    first, last_end = timed[lo][0], timed[hi - 1][0] + timed[hi - 1][1]
    bare_start = lo == 0 and first - up0 > step_s + MARGIN_S  # upright, but no whole step read
    start = max(up0, first - MARGIN_S) if lo > 0 or bare_start else up0
    stop = min(up1, last_end + MARGIN_S) if hi < len(timed) else up1
    why = "no whole steps read" if bare_start else "step time changing"
    return SteadyWindow(start, stop, _left_out(t0, t1, up0, up1, start, stop, why))


def _left_out(t0: float, t1: float, up0: float, up1: float, start: float, stop: float, why: str) -> tuple[str, ...]:
    left = []
    if up0 > t0 + MARGIN_S:
        left.append(f"{t0:.1f}-{up0:.1f} s: not upright (a crouched or standing start, or bending down)")
    if start > up0:
        left.append(f"{up0:.1f}-{start:.1f} s: {why} (speeding up, or steps not read cleanly)")
    if stop < up1:
        left.append(f"{stop:.1f}-{up1:.1f} s: step time changing (slowing down, turning, or steps not read cleanly)")
    if up1 < t1 - MARGIN_S:
        left.append(f"{up1:.1f}-{t1:.1f} s: not upright (stopping, bending, or leaving the frame)")
    return tuple(left)
