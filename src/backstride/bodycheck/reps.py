"""Repetitions of an exercise from one angle's time series (pure functions).

The angle is how far the moving segment is from the exercise's top position (0 at the top,
+ away from it: a back extension's trunk below the legs' line). A repetition is a top (the angle
within ``top_band_deg``) between two bottoms (beyond ``bottom_band_deg``): from the deepest point
of one bottom, up to the top's nearest point, down to the deepest point of the next. Its lift and
lowering are timed from 10 % to 90 % of its range (``rise_share``), where the movement is, not
the pauses at either end. Times are interpolated between frames.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.bodycheck.hold import smoothed
from backstride.clean.filter import true_runs
from backstride.settings import HoldRule, RepRule


@dataclass(frozen=True)
class RepTiming:
    start_s: float  # the bottom before
    top_s: float
    end_s: float  # the bottom after
    top_deg: float
    lift_s: float
    lower_s: float


def _crossing_s(t: np.ndarray, y: np.ndarray, lo: int, hi: int, level: float, from_end: bool) -> float:
    """The time in frames [lo, hi] where ``y`` crosses ``level``: the first crossing, or the last
    with ``from_end`` (linear between frames)."""
    seg = y[lo : hi + 1] - level
    sign = np.sign(seg)
    flips = np.flatnonzero(sign[:-1] * sign[1:] <= 0)
    if not len(flips):
        return float(t[lo])
    k = lo + int(flips[-1] if from_end else flips[0])
    y0, y1 = y[k], y[k + 1]
    f = 0.0 if y1 == y0 else (level - y0) / (y1 - y0)
    return float(t[k] + np.clip(f, 0.0, 1.0) * (t[k + 1] - t[k]))


def find_reps(time_s: np.ndarray, off_top_deg: np.ndarray, rule: RepRule) -> list[RepTiming]:
    """Every complete repetition in the series, in order."""
    return find_reps_in(
        time_s, off_top_deg, Bands(rule.cutoff_hz, rule.top_band_deg, rule.bottom_band_deg, rule.rise_share)
    )


@dataclass(frozen=True)
class Bands:
    """How repetitions are read from a series in any unit: low-passed at ``cutoff_hz``; a top
    within ``top`` of 0, between two bottoms beyond ``bottom``; timed over ``rise_share`` to
    ``1 - rise_share`` of the range."""

    cutoff_hz: float
    top: float
    bottom: float
    rise_share: float


def find_reps_in(time_s: np.ndarray, off_top: np.ndarray, bands: Bands) -> list[RepTiming]:
    """Every complete repetition in ``off_top`` (0 at the top, + away from it), in order."""
    rule = bands
    y = smoothed(time_s, off_top, HoldRule(cutoff_hz=rule.cutoff_hz, max_gap_s=0.5))
    bottoms = true_runs(y > rule.bottom)
    reps = []
    for (a0, b0), (a1, b1) in zip(bottoms[:-1], bottoms[1:]):
        between = slice(b0, a1)
        if not np.any(y[between] < rule.top):
            continue  # came up, but not to the top: not a repetition
        lo = a0 + int(np.nanargmax(y[a0:b0]))
        top = b0 + int(np.nanargmin(y[between]))
        hi = a1 + int(np.nanargmax(y[a1:b1]))
        reps.append(_timing(time_s, y, lo, top, hi, rule.rise_share))
    return reps


def _timing(t: np.ndarray, y: np.ndarray, lo: int, top: int, hi: int, share: float) -> RepTiming:
    up_range, down_range = y[lo] - y[top], y[hi] - y[top]
    lift = _crossing_s(t, y, lo, top, y[top] + share * up_range, True) - _crossing_s(
        t, y, lo, top, y[lo] - share * up_range, False
    )
    lower = _crossing_s(t, y, top, hi, y[hi] - share * down_range, False) - _crossing_s(
        t, y, top, hi, y[top] + share * down_range, True
    )
    return RepTiming(float(t[lo]), float(t[top]), float(t[hi]), float(y[top]), lift, lower)
