"""The verdict of a self-experiment: does the change help, by how much, and how sure is that?

1. The gate: a randomisation test over the schedules the design could have drawn (Edgington &
   Onghena 2007). Its statistic is the mean pain on A minus the mean pain on B over the units
   analysed (wash-out days and missing logs left out): it keeps false positives at alpha or
   below whatever the autocorrelation or trend, because the schedule, not a model, is random.
2. The size: regression of pain on the condition, days since the start and distance, with AR(1)
   errors; the autocorrelation phi is integrated over a grid (flat priors on the coefficients and
   log sigma, uniform on phi), so the posterior of the effect is a mixture of Student t's:
   deterministic, no sampling. Its median, 95 % interval, and the probabilities of any benefit,
   of a clinically important one and of harm.
3. The verdict: "helps" only when the gate passes and the estimate is a benefit; "harms" the
   other way; "not enough data" with too few units or too many missing logs; else "can't tell",
   with the interval. Carry-over in a phase design gives "can't tell" too.

Clinically important: 2 points, or 30 % of the A-phase mean (Farrar 2001; Ostelo 2008), both
shown; the verdict uses the smaller, the one a runner at low pain can reach.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import numpy as np
from scipy import stats

from backstride.core.experiments import VerdictName
from backstride.nof1.design import ALPHA, Design
from backstride.nof1.outcome import PAIN, Scale

MIN_UNITS_PER_CONDITION = 4
MAX_MISSING_SHARE = 0.2
#: More units than this share done the other way round than planned and the verdict is said to be
#: not reliable: it compares the plan's A and B as drawn (intention to treat), and each swapped unit
#: moves the difference towards zero or past it. The same share as the missing logs allowed (a
#: stated rule, not a published one).
MAX_DEVIATION_SHARE = 0.2
PHI_GRID = np.round(np.arange(-0.3, 0.951, 0.05), 3)
IMPORTANT_POINTS = 2.0
IMPORTANT_SHARE = 0.3


def not_enough_risk(design: Design, expected_missing: float) -> float:
    """The chance a plan ends with "not enough data" when each analysed unit's log is missing with
    probability ``expected_missing``, independently: more than MAX_MISSING_SHARE of them missing
    (binomial tail; the 4-a-condition minimum is far from binding at these lengths). Matches the
    simulation: 28 runs at 20 % missing, 50 % here against 47.7 % simulated (make bench-nof1)."""
    n = int(design.analysed().sum())
    return float(stats.binom.sf(np.floor(MAX_MISSING_SHARE * n), n, expected_missing))


def mean_difference(schedules: np.ndarray, y: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Mean of A minus mean of B (pain lower on B: positive), per schedule (rows)."""
    w = keep & np.isfinite(y)
    yy = np.where(w, y, 0.0)
    b = schedules * w
    a = (1 - schedules) * w
    with np.errstate(invalid="ignore", divide="ignore"):
        return (a @ yy) / a.sum(axis=1) - (b @ yy) / b.sum(axis=1)


def randomisation_p(design: Design, schedule: np.ndarray, y: np.ndarray, reference: np.ndarray | None = None) -> float:
    """One-sided p: the share of the design's schedules (the observed one counted in) whose
    difference is at least the observed one."""
    reference = design.reference() if reference is None else reference
    keep = design.analysed()
    observed = mean_difference(schedule[None, :], y, keep)[0]
    values = mean_difference(reference, y, keep)
    values = values[np.isfinite(values)]
    exact = design.kind != "per_run" and len(reference) == design.count
    if exact:
        return float(np.mean(values >= observed - 1e-12))
    return float((1 + np.sum(values >= observed - 1e-12)) / (1 + len(values)))


@dataclass(frozen=True)
class Size:
    median: float  # points of pain lower on B (+: the change helps)
    low: float  # 95 % interval
    high: float
    p_benefit: float
    p_important: float  # >= the threshold used
    p_harm: float
    threshold: float
    threshold_rule: str
    phi: float  # posterior mean of the lag-1 autocorrelation


def _design_matrix(schedule: np.ndarray, distance_km: np.ndarray | None, n: int) -> np.ndarray:
    t = np.arange(n) / max(n - 1, 1)
    cols = [np.ones(n), -schedule.astype(float), t]  # -B: a positive coefficient is pain lower on B
    if distance_km is not None and np.nanstd(distance_km) > 0:
        d = np.nan_to_num(distance_km - np.nanmean(distance_km))
        cols.append(d)
    return np.column_stack(cols)


def prais_winsten(X: np.ndarray, y: np.ndarray, phi: float) -> tuple[np.ndarray, np.ndarray]:
    """The regression with AR(1) errors made ordinary: the first row scaled, the rest differenced."""
    Xs, ys = X.copy(), y.copy()
    Xs[1:], ys[1:] = X[1:] - phi * X[:-1], y[1:] - phi * y[:-1]
    Xs[0], ys[0] = X[0] * np.sqrt(1 - phi**2), y[0] * np.sqrt(1 - phi**2)
    return Xs, ys


def ar1_size(
    schedule: np.ndarray, y: np.ndarray, keep: np.ndarray, distance_km: np.ndarray | None = None,
    threshold: tuple[float, str] | None = None,
) -> Size:  # fmt: skip
    """The effect's posterior under AR(1) errors, phi integrated over a grid; ``threshold``: the change that
    counts and its rule (default: pain's, 2 points or 30 % of the A-phase mean)."""
    use = keep & np.isfinite(y)
    yy, X = y[use], _design_matrix(schedule, distance_km, len(y))[use]
    n, k = X.shape
    fits = []
    for phi in PHI_GRID:
        Xs, ys = prais_winsten(X, yy, phi)
        xtx = Xs.T @ Xs
        beta = np.linalg.solve(xtx, Xs.T @ ys)
        rss = float(np.sum((ys - Xs @ beta) ** 2))
        scale = np.sqrt(rss / (n - k) * np.linalg.inv(xtx)[1, 1])
        log_ml = 0.5 * np.log(1 - phi**2) - 0.5 * np.linalg.slogdet(xtx)[1] - 0.5 * (n - k) * np.log(rss)
        fits.append((log_ml, beta[1], scale))
    log_w = np.array([f[0] for f in fits])
    w = np.exp(log_w - log_w.max())
    w /= w.sum()
    loc, scale = np.array([f[1] for f in fits]), np.array([f[2] for f in fits])

    def cdf(x: float) -> float:  # the mixture of Student t's, one vector call
        return float(w @ stats.t.cdf((x - loc) / scale, n - k))

    def quantile(q: float) -> float:
        lo, hi = float(loc.min() - 10 * scale.max()), float(loc.max() + 10 * scale.max())
        for _ in range(60):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if cdf(mid) < q else (lo, mid)
        return (lo + hi) / 2

    counts, rule = threshold if threshold is not None else _pain_threshold(y[use & (schedule == 0)])
    return Size(quantile(0.5), quantile(0.025), quantile(0.975), 1 - cdf(0.0), 1 - cdf(counts), cdf(0.0),
                counts, rule, float(np.sum(w * PHI_GRID)))  # fmt: skip


def _pain_threshold(a_values: np.ndarray) -> tuple[float, str]:
    """2 points, or 30 % of the A-phase mean, the smaller (Farrar 2001; Ostelo 2008)."""
    a_mean = float(np.mean(a_values)) if len(a_values) else float("nan")
    by_share = IMPORTANT_SHARE * a_mean
    counts = min(IMPORTANT_POINTS, by_share) if np.isfinite(by_share) else IMPORTANT_POINTS
    rule = ("30 % of your A-phase mean" if counts < IMPORTANT_POINTS else "2 points") + (
        f" (2 points, or 30 % of {a_mean:.1f} = {by_share:.1f}: the smaller)"
    )
    return counts, rule


@dataclass(frozen=True)
class Verdict:
    verdict: VerdictName
    p_value: float | None
    size: Size | None
    reasons: tuple[str, ...]
    weaker: bool  # an AB design: a trend looks like an effect
    deviated: int = 0  # units logged with the other condition than planned (analysed as planned)
    reliable: bool = True  # False: more than MAX_DEVIATION_SHARE of the units deviated
    scale: Scale = PAIN  # what the outcome is (the size is in its unit; +: the change helps)

    def text(self) -> str:
        head = {"helps": "The change helps", "harms": "The change makes it worse",
                "can't tell": "Can't tell yet", "not enough data": "Not enough data"}[self.verdict]  # fmt: skip
        parts = [head]
        if self.p_value is not None and self.verdict in ("helps", "harms"):
            shown = "< 0.001" if self.p_value < 0.001 else f"= {self.p_value:.3f}"
            parts.append(f"randomisation test p {shown} for {'a benefit' if self.verdict == 'helps' else 'harm'}")
        if self.size is not None:
            s, sc = self.size, self.scale
            parts.append(
                f"{sc.what} {abs(s.median):.1f} {sc.unit} {sc.better if s.median >= 0 else sc.worse} with the change "
                f"(95 % interval: {_signed(s.low, sc)} to {_signed(s.high, sc)}); "
                f"chance of a benefit of {s.threshold:.1f} or more: {100 * s.p_important:.0f} %"
            )
        return "; ".join(parts + list(self.reasons))


def _signed(value: float, scale: Scale = PAIN) -> str:
    """+: the better way with the change, written out ("1.2 lower" pain, "8.0 longer" a hold)."""
    return f"{abs(value):.1f} {scale.better if value >= 0 else scale.worse}"


#: carry-over model: the exposure moves toward the condition by this share a day (1: at once);
#: 0.29 is a change that builds and fades over about 2.5 days
CARRY_RATES = (0.6, 0.4, 0.29, 0.2)
#: log-likelihood gain of the best carry-over model over the instant one that flags carry-over,
#: with an effect of at least half a clinically important change. Chosen on simulated runners
#: (7 pairs of 4-day phases, effect 2, SD 1.5, phi 0.4; make bench-nof1): building over 2.5 days
#: is told "helps" 10 % of the time instead of 32 %, an instant effect still 81 % instead of 89 %.
CARRY_LOG_LR = 0.75
#: How often the carry-over check fires with no effect at all: 7 pairs of 4-day phases, 1,000 simulated
#: runners each, SD 2: 8.6 % (phi 0), 10.3 % (phi 0.4), 10.7 % (phi 0.8 with a 2-point recovery).
CARRY_FALSE_ALARM = "about 1 in 10 (8.6-10.7 %)"


def exposure(schedule: np.ndarray, rate: float) -> np.ndarray:
    """How much of the change is acting each unit when it builds and fades by ``rate`` a unit."""
    out, level = np.empty(len(schedule)), 0.0
    for t, s in enumerate(schedule):
        level += (s - level) * rate
        out[t] = level
    return out


def _ar1_fit(y: np.ndarray, X: np.ndarray) -> tuple[float, float]:
    """(profile log-likelihood, effect coefficient) under AR(1) errors, phi maximised on the grid."""
    best, effect, n = -np.inf, 0.0, len(y)
    for phi in PHI_GRID:
        Xs, ys = prais_winsten(X, y, phi)
        beta = np.linalg.lstsq(Xs, ys, rcond=None)[0]
        rss = float(np.sum((ys - Xs @ beta) ** 2))
        ll = -0.5 * n * np.log(rss / n) + 0.5 * np.log(1 - phi**2)
        if ll > best:
            best, effect = ll, float(beta[1])
    return best, effect


def carry_over_gain(schedule: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """How much better the series is explained by an effect that builds and fades over days than
    by one that comes and goes at once: (log-likelihood gain, the carry-over model's effect)."""
    ok = np.isfinite(y)
    t = np.arange(len(y)) / max(len(y) - 1, 1)

    def fit(rate: float) -> tuple[float, float]:
        X = np.column_stack([np.ones(len(y)), -exposure(schedule, rate), t])
        return _ar1_fit(y[ok], X[ok])  # the exposure runs over every day, logged or not

    instant = fit(1.0)[0]
    carried = max((fit(r) for r in CARRY_RATES), key=lambda f: f[0])
    return carried[0] - instant, carried[1]


def carry_over(design: Design, schedule: np.ndarray, y: np.ndarray) -> bool:
    """Phase designs: does the effect build or fade over more days than the wash-out takes out?
    Two signs, either enough: the effect on the wash-out days is smaller than after them by more
    than twice its standard error; or a model whose effect builds and fades over days explains
    the series better than an instant one (CARRY_LOG_LR), with an effect of at least half a
    clinically important change."""
    if design.kind != "phases" or not design.washout_days:
        return False
    gain, effect = carry_over_gain(schedule, y)
    if gain > CARRY_LOG_LR and effect >= IMPORTANT_POINTS / 2:
        return True
    early, late = ~design.analysed(), design.analysed()
    diff_early = mean_difference(schedule[None, :], y, early)[0]
    diff_late = mean_difference(schedule[None, :], y, late)[0]
    if not (np.isfinite(diff_early) and np.isfinite(diff_late)) or diff_late < IMPORTANT_POINTS / 2:
        return False
    ok = np.isfinite(y)
    spread = np.sqrt(np.mean([np.nanvar(y[ok & (schedule == v)], ddof=1) for v in (0, 1)]))

    def se(mask: np.ndarray) -> float:
        counts = [max(int(np.sum(mask & ok & (schedule == v))), 1) for v in (0, 1)]
        return float(spread * np.sqrt(1 / counts[0] + 1 / counts[1]))

    return bool(diff_late - diff_early > 2 * np.hypot(se(early), se(late)))


@cache
def _blas() -> Any:
    """The BLAS libraries loaded, found once (finding them costs more than a verdict)."""
    from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

    return ThreadpoolController()


def verdict(design: Design, schedule: np.ndarray, y: np.ndarray, distance_km: np.ndarray | None = None,
            reference: np.ndarray | None = None, alpha: float = ALPHA, with_size: bool = True,
            deviated: int = 0, scale: Scale = PAIN, expected: int | None = None) -> Verdict:  # fmt: skip
    """The verdict, as planned (intention to treat), saying how many units (``deviated``) were done the
    other way round and, beyond MAX_DEVIATION_SHARE of the logged units, that it is not reliable. The
    matrices are small (28-84 rows): one BLAS thread (several threads cost more than they save: on a
    2-core machine a verdict took 27 ms with them and 15 ms with one, median of 5; a many-core machine
    was measured at 0.54 s against 0.05 s). ``scale``: the outcome (nof1/outcome.py; ``y`` in its unit, turned
    round here where higher is better); ``expected``: a filmed test's outcome, the films the plan asked for
    (the missing share is counted against them, not against every day)."""
    with _blas().limit(limits=1, user_api="blas"):
        v = _verdict(design, schedule, scale.sign * np.asarray(y, dtype=float), distance_km, reference, alpha,
                     with_size, scale, expected)  # fmt: skip
    if not deviated:
        return v
    logged = int(np.sum(np.isfinite(y) & design.analysed()))
    reliable = deviated <= MAX_DEVIATION_SHARE * max(logged, 1)
    said = (
        f"{deviated} of {logged} logged {'runs' if design.kind == 'per_run' else 'units'} were done the other way "
        "round than planned and are analysed as planned"
    )
    if not reliable:
        said = f"not reliable: {said}, more than {100 * MAX_DEVIATION_SHARE:.0f} %: follow the plan and test again"
    return replace(v, reasons=(*v.reasons, said), deviated=deviated, reliable=reliable)


def _verdict(design: Design, schedule: np.ndarray, y: np.ndarray, distance_km: np.ndarray | None,
             reference: np.ndarray | None, alpha: float, with_size: bool, scale: Scale = PAIN,
             expected: int | None = None) -> Verdict:  # fmt: skip
    """The decision (``with_size`` False: the decision alone, as the simulation harness runs it;
    the direction then comes from the difference of means); ``y`` lower is better."""
    keep = design.analysed()
    logged = np.isfinite(y) & keep
    missing = 1 - logged.sum() / (keep.sum() if expected is None else max(expected, 1))
    per_condition = min(int(np.sum(logged & (schedule == 1))), int(np.sum(logged & (schedule == 0))))
    if missing > MAX_MISSING_SHARE or per_condition < MIN_UNITS_PER_CONDITION:
        outcome = design.outcome.replace("_", " ") + " logs" if expected is None else f"films of the {scale.what}"
        why = (
            f"{100 * missing:.0f} % of the {outcome} are missing"
            if missing > MAX_MISSING_SHARE
            else f"only {per_condition} logged units on one condition (at least {MIN_UNITS_PER_CONDITION})"
        )
        return Verdict("not enough data", None, None, (why,), design.weaker, scale=scale)
    reference = design.reference() if reference is None else reference
    p = randomisation_p(design, schedule, y, reference)
    threshold = None if scale.threshold is None else (scale.threshold, scale.threshold_rule or "")
    size = ar1_size(schedule, y, keep, distance_km, threshold) if with_size else None
    direction = size.median if size else mean_difference(schedule[None, :], y, keep)[0]
    reasons = []
    if design.weaker:
        reasons.append("an AB design: a slow recovery over the weeks would look the same (weaker evidence)")
    if carry_over(design, schedule, y):
        reasons.append(
            "possible carry-over: the series fits an effect that builds or fades over days better than one that "
            "comes and goes at once, so A and B days may be mixed. A possibility, not a finding: with no effect at "
            f"all this shows in {CARRY_FALSE_ALARM} of phase experiments (simulated). To settle it, test again with "
            "7-day phases (the first 3 left out) over 12 weeks or more"
        )
        return Verdict("can't tell", p, size, tuple(reasons), design.weaker, scale=scale)
    harm_p = randomisation_p(design, schedule, -y, reference)  # the other direction: harm
    if p <= alpha and direction > 0:
        return Verdict("helps", p, size, tuple(reasons), design.weaker, scale=scale)
    if harm_p <= alpha and direction < 0:
        return Verdict(
            "harms", harm_p, size, tuple(reasons), design.weaker, scale=scale
        )  # the p-value of the claim made
    reasons.append(
        f"the randomisation test did not pass (p-value for a benefit {_p(p)}, for harm {_p(harm_p)}, each needing "
        f"{alpha} or less): the difference could be chance"
    )
    return Verdict("can't tell", p, size, tuple(reasons), design.weaker, scale=scale)


def _p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"{p:.3f}"
