"""Cadence, step time, contact time, flight time and duty factor, with frame-rate uncertainty.

Each event is timed to within about half a frame interval (``dt``), so a difference of two
events (contact, flight, step time) is uncertain by about ``dt``; duty factor by ``dt`` over
the stride time; cadence, from strides of one foot spanning T seconds, by ``cadence * dt / T``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.core.trajectory import Step
from backstride.settings import STRIDE_BAND


@dataclass(frozen=True)
class Stat:
    """Median and spread (interquartile range) of a per-step metric, with its uncertainty."""

    median: float
    iqr: float
    n: int
    uncertainty: float  # from the frame rate alone

    def as_dict(self, digits: int = 1) -> dict[str, float | int]:
        return {
            "median": round(self.median, digits),
            "iqr": round(self.iqr, digits),
            "n": self.n,
            "frame_rate_uncertainty": round(self.uncertainty, digits),
        }


def stat(values: list[float], uncertainty: float) -> Stat | None:
    v = np.array([x for x in values if x is not None and np.isfinite(x)], dtype=float)
    if len(v) == 0:
        return None
    q1, q3 = np.percentile(v, [25, 75])
    return Stat(float(np.median(v)), float(q3 - q1), len(v), float(uncertainty))


def stride_intervals_s(strikes_by_foot: dict[str, list[float]]) -> np.ndarray:
    """Same-foot strike-to-strike intervals (strides) of every foot, missed and extra steps left out."""
    d = np.concatenate([np.diff(np.sort(np.asarray(s, dtype=float))) for s in strikes_by_foot.values()])
    if len(d) == 0:
        return d
    med = np.median(d)
    return d[(d >= STRIDE_BAND[0] * med) & (d <= STRIDE_BAND[1] * med)]


def cadence_spm(strikes_by_foot: dict[str, list[float]]) -> float:
    """Steps per minute: two steps per stride, strides counted over the time they span.

    From same-foot intervals, so a left-right timing offset (one foot's strikes read a little
    late) cannot distort it, and gaps (turns, missed steps) are left out.
    """
    d = stride_intervals_s(strikes_by_foot)
    return float(2 * len(d) / d.sum() * 60.0) if len(d) else float("nan")


def cadence_uncertainty_spm(strikes_by_foot: dict[str, list[float]], frame_interval_s: float) -> float:
    """Each foot's run of strides is timed to about one frame at each end."""
    d = stride_intervals_s(strikes_by_foot)
    n_runs = max(1, len(strikes_by_foot))
    return float(cadence_spm(strikes_by_foot) * frame_interval_s / (d.sum() / n_runs)) if len(d) else float("nan")


def duty_factor_pct(contact_s: float, stride_s: float) -> float:
    """Share of the stride spent on the ground, %."""
    return 100.0 * contact_s / stride_s


def per_foot(steps: list[Step], foot: str, frame_interval_s: float) -> dict[str, Stat | None]:
    """Median and spread of each metric for one foot (times in ms, duty factor in %)."""
    mine = [s for s in steps if s.foot == foot]
    dt_ms = frame_interval_s * 1000
    strides = _stride_times(mine)
    duty = [duty_factor_pct(s.contact_time_s, st) for s, st in zip(mine, strides) if st is not None]
    stride_med = np.median([x for x in strides if x is not None]) if any(x is not None for x in strides) else np.nan
    return {
        "step_time_ms": stat([s.step_time_s * 1000 for s in mine if s.step_time_s is not None], dt_ms),
        "contact_time_ms": stat([s.contact_time_s * 1000 for s in mine], dt_ms),
        "flight_time_ms": stat(
            [f * 1000 for s in mine if (f := s.measured_flight_s(frame_interval_s)) is not None], dt_ms
        ),
        "duty_factor_pct": stat(
            duty, float(100.0 * frame_interval_s / stride_med) if np.isfinite(stride_med) else float("nan")
        ),
    }


def _stride_times(mine: list[Step]) -> list[float | None]:
    """Stride time after each contact of one foot: to that foot's next strike."""
    out: list[float | None] = []
    for a, b in zip(mine, mine[1:] + [None]):
        out.append(None if b is None else b.strike_s - a.strike_s)
    return out


@dataclass(frozen=True)
class TimingSpec:
    """A timing metric as a person reads it: the id in CSV/JSON, the human name, unit and source."""

    name: str
    label: str
    unit: str
    definition: str
    normal_range: tuple[float | None, float | None] | None  # None: no published norm
    source: str

    @property
    def title(self) -> str:
        from backstride.metrics.registry import display_title

        return display_title(self.label, self.unit)


#: The timings measured on every clip, each with what is published about them (evidence.md A).
TIMINGS: dict[str, TimingSpec] = {
    t.name: t
    for t in (
        TimingSpec(
            "cadence_spm",
            "Cadence",
            "steps/min",
            "Steps per minute, from the strides of each foot over the time they span",
            None,
            "no universal norm: runners with low back pain 166 +/- 10 vs 171 +/- 9 steps/min for controls "
            "(Drozda 2024, Gait Posture 113:184); '180' is folklore: compare with your own baseline",
        ),
        TimingSpec(
            "step_time_ms",
            "Step time",
            "ms",
            "Time from this foot's strike to the other foot's next strike",
            None,
            "no norm: 60 000 / cadence",
        ),
        TimingSpec(
            "contact_time_ms",
            "Ground contact time",
            "ms",
            "Time from foot strike to toe-off of the same foot",
            None,
            "typically 271-284 ms at easy pace (J Exp Biol); no injury threshold exists",
        ),
        TimingSpec(
            "flight_time_ms",
            "Flight time",
            "ms",
            "Time with neither foot on the ground, from this foot's toe-off to the other foot's strike",
            None,
            "typically 80-112 ms at easy pace (J Exp Biol); no injury threshold",
        ),
        TimingSpec(
            "duty_factor_pct",
            "Duty factor",
            "% of stride",
            "Share of the stride this foot is on the ground",
            None,
            "typically 35-39 %; low or high duty factor does not change energy cost (Patoz/Lussiana, "
            "JEB 222:jeb192047); no injury threshold",
        ),
    )
}
