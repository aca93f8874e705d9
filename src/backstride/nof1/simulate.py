"""Simulated runners for the self-experiment: the harness behind the error-rate and power figures.

pain = baseline - effect x exposure + trend + AR(1) noise (SD ``sd``, lag-1 ``phi``), where the
exposure is the schedule itself, or with carry-over the schedule smoothed over ``carry_units``
(the effect builds and fades over 2-3 days); ``missing_share`` of the logs are lost at random.
Beside the project's verdict, the naive test runners' apps use (Welch's t-test on the daily
values, one-sided, as StudyU reports it) runs on the same series, so the harness can tell the two
apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from backstride.nof1.analysis import verdict
from backstride.nof1.design import ALPHA, Design

BASELINE = 5.0


@dataclass(frozen=True)
class Runner:
    effect: float = 0.0  # points lower on B
    sd: float = 1.5
    phi: float = 0.0
    trend_total: float = 0.0  # a slow recovery: points lower at the end than at the start
    carry_units: float = 0.0  # 0: the effect comes and goes at once
    missing_share: float = 0.0


def pain_series(design: Design, schedule: np.ndarray, r: Runner, rng: np.random.Generator) -> np.ndarray:
    n = design.units
    z = rng.normal(0.0, 1.0, n)
    noise = np.empty(n)
    noise[0] = r.sd * z[0]
    for t in range(1, n):
        noise[t] = r.phi * noise[t - 1] + np.sqrt(1 - r.phi**2) * r.sd * z[t]
    exposure = schedule.astype(float)
    if r.carry_units > 0:
        exposure = np.empty(n)
        level = 0.0
        for t in range(n):
            level += (schedule[t] - level) / (1 + r.carry_units)
            exposure[t] = level
    y = BASELINE - r.effect * exposure - r.trend_total * np.arange(n) / max(n - 1, 1) + noise
    if r.missing_share:
        y[rng.random(n) < r.missing_share] = np.nan
    return y


def naive_t_positive(design: Design, schedule: np.ndarray, y: np.ndarray) -> bool:
    """Welch's t-test on every logged value, A against B, one-sided at alpha."""
    ok = np.isfinite(y)
    a, b = y[ok & (schedule == 0)], y[ok & (schedule == 1)]
    t = stats.ttest_ind(a, b, equal_var=False, alternative="greater")
    return bool(t.pvalue <= ALPHA)


@dataclass(frozen=True)
class Rates:
    helps: float  # share of simulated runners told "helps"
    cant_tell: float
    not_enough: float
    naive_positive: float  # share where the naive t-test says it helps
    harms: float = 0.0  # share told "makes it worse"

    @property
    def definite(self) -> float:
        """Told either way: with no effect, the overall false verdict rate."""
        return self.helps + self.harms


def rates(design: Design, r: Runner, n_sims: int, seed: int = 0) -> Rates:
    """Each simulated runner draws its own schedule from the design, then its pain series."""
    rng = np.random.default_rng(seed)
    reference = design.reference()
    counts = {"helps": 0, "can't tell": 0, "not enough data": 0, "harms": 0}
    naive = 0
    for _ in range(n_sims):
        schedule = design.draw(rng)
        y = pain_series(design, schedule, r, rng)
        counts[verdict(design, schedule, y, reference=reference, with_size=False).verdict] += 1
        naive += naive_t_positive(design, schedule, y)
    return Rates(counts["helps"] / n_sims, counts["can't tell"] / n_sims, counts["not enough data"] / n_sims,
                 naive / n_sims, counts["harms"] / n_sims)  # fmt: skip
