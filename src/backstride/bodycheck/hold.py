"""When a held position starts and ends, from an angle's time series (pure functions).

A hold starts when the angle first comes within ``start_within_deg`` of the position and stays
there ``settle_s``; it ends when the angle leaves the position by more than ``end_beyond_deg``
and does not come back within ``end_for_s`` (a wobble is not the end). Times are interpolated
between frames at the crossing. The angle is low-passed first (the project's one Butterworth,
clean/filter.py) at ``cutoff_hz``: a hold's changes are slow, the pose model's jitter is not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.clean.filter import butter_lowpass_filtfilt, true_runs
from backstride.clean.gaps import fill_gaps
from backstride.settings import HoldRule


@dataclass(frozen=True)
class Hold:
    start_s: float
    end_s: float
    ended: bool  # False: the clip (or the body's visibility) ended before the position was lost
    best_deg: float  # the angle nearest the position while held (the smoothed series)

    @property
    def seconds(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class NoHold:
    """The position was never held: why, in figures."""

    nearest_deg: float  # the smoothed angle nearest the position anywhere in the clip
    longest_s: float  # the longest time within the start band


def smoothed(time_s: np.ndarray, angle_deg: np.ndarray, rule: HoldRule) -> np.ndarray:
    rate_hz = float(1.0 / np.median(np.diff(time_s)))
    filled = fill_gaps(angle_deg, rate_hz, max_gap_s=rule.max_gap_s)
    return butter_lowpass_filtfilt(filled, rate_hz, rule.cutoff_hz)


def _crossing_s(time_s: np.ndarray, y: np.ndarray, i: int, level: float) -> float:
    """The time between frames i-1 and i where ``y`` crosses ``level`` (linear)."""
    if i == 0 or not np.isfinite(y[i - 1]) or y[i] == y[i - 1]:
        return float(time_s[i])
    f = (level - y[i - 1]) / (y[i] - y[i - 1])
    return float(time_s[i - 1] + np.clip(f, 0.0, 1.0) * (time_s[i] - time_s[i - 1]))


def find_hold(time_s: np.ndarray, off_position_deg: np.ndarray, rule: HoldRule) -> Hold | NoHold:
    """The first hold in ``off_position_deg`` (how far from the position, 0 = in it; beyond it in
    the direction the position is lost, +)."""
    y = smoothed(time_s, off_position_deg, rule)
    within = np.abs(y) <= rule.start_within_deg
    settled = [(a, b) for a, b in true_runs(within) if time_s[b - 1] - time_s[a] >= rule.settle_s]
    if not settled:
        finite = np.isfinite(y)
        nearest = float(y[finite][np.argmin(np.abs(y[finite]))]) if finite.any() else float("nan")
        longest = max((float(time_s[b - 1] - time_s[a]) for a, b in true_runs(within)), default=0.0)
        return NoHold(nearest, longest)
    start = settled[0][0]
    start_s = _crossing_s(time_s, np.abs(y), start, rule.start_within_deg)
    lost = (y > rule.end_beyond_deg) | ~np.isfinite(y)
    for a, b in true_runs(lost[start:]):
        a, b = a + start, b + start
        if b == len(y) or time_s[b - 1] - time_s[a] >= rule.end_for_s:
            ended = bool(np.isfinite(y[a]))
            end_s = _crossing_s(time_s, y, a, rule.end_beyond_deg) if ended else float(time_s[a - 1])
            return Hold(start_s, end_s, ended, _best(y[start:a]))
    return Hold(start_s, float(time_s[-1]), False, _best(y[start:]))


def _best(y: np.ndarray) -> float:
    finite = y[np.isfinite(y)]
    return float(finite[np.argmin(np.abs(finite))]) if len(finite) else float("nan")


def require_long_enough(hold: Hold, name: str, shortest_s: float) -> None:
    """Refuse a hold that ended sooner than ``shortest_s``: not the test done as guided."""
    if hold.ended and hold.seconds < shortest_s:
        from backstride.errors import NotAsGuidedError

        raise NotAsGuidedError(f"{name}: the position was held only {hold.seconds:.1f} s; hold as long as you can")


def clip_ended_note(hold: Hold, lost: str) -> tuple[str, ...]:
    """The note for a hold the clip ended first (``lost``: how the position ends, e.g. "the hips dropped")."""
    if hold.ended:
        return ()
    return (
        f"the clip ended (or the body left the picture) before {lost}: you held at least {hold.seconds:.0f} s; film "
        "until you stop next time",
    )
