"""The schedule of a self-experiment, drawn with a recorded seed before day 1.

Three designs, by how the change acts:

* ``per_run``: each run is A (as usual) or B (the change), balanced, at most 2 in a row; for
  changes that act within a run (a cadence cue, insoles in or out, shoe A against shoe B).
* ``phases``: randomised pairs of short phases (AB or BA per pair), the first ``washout_days`` of
  each phase left out of the analysis; for changes with carry-over (new shoes, all-day insoles).
* ``ab``: one A phase then one B phase, the start of B drawn at random; for a programme that
  builds over weeks (back extensions). Weaker evidence: a trend over time looks like an effect
  as much as the change does, and the verdict says so.

Each design knows every schedule it could have drawn (``count``) and draws the reference set
the randomisation test compares against; the smallest p-value it can ever reach is 1 / count,
and a design whose smallest p is above alpha is refused before day 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import product

import numpy as np

from backstride.core.experiments import ExperimentKind
from backstride.errors import BackstrideError

#: Each direction is tested at 0.025 ("helps": the change lowers pain; "harms": it raises it), so with
#: no effect a runner hears a definite verdict at most 5 % of the time (two-sided 0.05 overall).
ALPHA = 0.025
AB_MIN_PHASE_DAYS = 8  # AB design: the A and the B phase each last at least this many days
MAX_RUN = 2  # per-run design: at most 2 runs in a row on one condition
REFERENCE_DRAWS = 4999  # Monte Carlo reference set when the schedules are too many to list


class DesignError(BackstrideError):
    """A design that cannot be run or can never show an effect."""


#: how each kind of change acts -> the design it gets
CHANGES = {
    "cadence_cue": "per_run",
    "insoles": "per_run",
    "shoes": "per_run",  # shoe A against shoe B, run by run
    "new_shoes": "phases",  # worn all day: carry-over
    "arch_supports_all_day": "phases",
    "back_extensions": "ab",  # builds over weeks
    "hip_strength": "ab",
}


@dataclass(frozen=True)
class Design:
    kind: ExperimentKind
    units: int  # runs (per_run) or days (phases, ab)
    phase_days: int = 0  # phases: days a phase lasts
    washout_days: int = 0  # phases: first days of each phase left out
    min_phase_days: int = 0  # ab: the shortest phase allowed
    seed: int = 0
    outcome: str = "pain_after_run"  # the primary outcome, fixed before day 1
    weaker: bool = field(default=False)

    @property
    def count(self) -> int:
        """How many schedules the design could have drawn."""
        if self.kind == "per_run":
            return balanced_runs_count(self.units, MAX_RUN)
        if self.kind == "phases":
            return 2 ** (self.units // (2 * self.phase_days))
        return self.units - 2 * self.min_phase_days + 1

    @property
    def smallest_p(self) -> float:
        return 1.0 / self.count

    def check(self, alpha: float = ALPHA) -> Design:
        if self.count < 1:
            raise DesignError("no schedule fits: make the experiment longer")
        if self.smallest_p > alpha:
            raise DesignError(
                f"this design has {self.count} possible schedules, so its p-value can never be below "
                f"{self.smallest_p:.4f} (> {alpha}): it can never show an effect. " + _advice(self)
            )
        return self

    def analysed(self) -> np.ndarray:
        """Which units count (False: a wash-out day)."""
        mask = np.ones(self.units, dtype=bool)
        if self.kind == "phases" and self.washout_days:
            day_in_phase = np.arange(self.units) % self.phase_days
            mask &= day_in_phase >= self.washout_days
        return mask

    def draw(self, rng: np.random.Generator) -> np.ndarray:
        """One schedule: 1 = B (the change) for each unit."""
        if self.kind == "per_run":
            return sample_balanced_runs(self.units, MAX_RUN, rng)
        if self.kind == "phases":
            pairs = self.units // (2 * self.phase_days)
            first_b = rng.integers(0, 2, pairs)
            return expand_pairs(first_b, self.phase_days, self.units)
        start = self.min_phase_days + int(rng.integers(0, self.count))
        return (np.arange(self.units) >= start).astype(int)

    def schedule(self) -> np.ndarray:
        """The schedule the runner follows: drawn with the recorded seed."""
        return self.draw(np.random.default_rng(self.seed))

    def reference(self, rng_seed: int = 1) -> np.ndarray:
        """The schedules the randomisation test compares against: all of them when they are few
        (exact test), else ``REFERENCE_DRAWS`` drawn at random (a Monte Carlo test, still exact
        in its error rate once the observed schedule is counted in). Made once per design (a
        page and its picture ask again); read-only."""
        return _reference(self, rng_seed)

    def _make_reference(self, rng_seed: int) -> np.ndarray:
        if self.kind == "phases" and self.count <= 4096:
            pairs = self.units // (2 * self.phase_days)
            return np.array([expand_pairs(np.array(bits), self.phase_days, self.units)
                             for bits in product((0, 1), repeat=pairs)])  # fmt: skip
        if self.kind == "ab":
            starts = self.min_phase_days + np.arange(self.count)
            return (np.arange(self.units)[None, :] >= starts[:, None]).astype(int)
        rng = np.random.default_rng(rng_seed)
        return np.array([self.draw(rng) for _ in range(REFERENCE_DRAWS)])


@lru_cache(maxsize=32)
def _reference(design: Design, rng_seed: int) -> np.ndarray:
    out = design._make_reference(rng_seed)
    out.setflags(write=False)
    return out


def _advice(d: Design) -> str:
    if d.kind == "phases":
        return (
            "Use more pairs: 7 pairs of 4-day phases have 128 schedules (p >= 0.008); 7-day phases need "
            "6 pairs (12 weeks) or more."
        )
    if d.kind == "ab":
        return f"Make it longer: an AB design needs {int(1 / ALPHA)} or more possible start days."
    return "Log more runs: 12 runs or more."


def washout_for(phase_days: int) -> int:
    """Days left out at the start of a phase: 1 of 3-4, about half of a longer one (a change that
    builds over 2-3 days is mostly there by the 4th)."""
    return 1 if phase_days <= 4 else (phase_days - 1) // 2


def plan(change: str, *, weeks: int = 8, runs_per_week: float = 3.5, seed: int | None = None,
         phase_days: int = 4) -> Design:  # fmt: skip
    """The design for a change, checked; ``seed`` None draws one (recorded in the design);
    ``phase_days``: phase designs only (longer phases for a change that carries over longer)."""
    if change not in CHANGES:
        raise DesignError(f"unknown change {change!r}: one of {', '.join(CHANGES)}")
    seed = int(np.random.default_rng().integers(0, 2**31)) if seed is None else seed
    kind = CHANGES[change]
    if kind == "per_run":
        runs = int(round(weeks * runs_per_week)) // 2 * 2
        return Design("per_run", runs, seed=seed).check()
    if kind == "phases":
        block = 2 * phase_days
        return Design("phases", weeks * 7 // block * block, phase_days=phase_days,
                      washout_days=washout_for(phase_days), seed=seed, outcome="next_morning_pain").check()  # fmt: skip
    # the shortest phase: a week and a day, so 8 weeks give 41 start days (p >= 0.024, under alpha)
    return Design("ab", weeks * 7, min_phase_days=AB_MIN_PHASE_DAYS, seed=seed, outcome="next_morning_pain",
                  weaker=True).check()  # fmt: skip


def expand_pairs(first_b: np.ndarray, phase_days: int, units: int) -> np.ndarray:
    """Pairs of phases (AB when 0, BA when 1) as one value per day."""
    pair = [np.r_[np.zeros(phase_days), np.ones(phase_days)], np.r_[np.ones(phase_days), np.zeros(phase_days)]]
    days = np.concatenate([pair[int(b)] for b in first_b]) if len(first_b) else np.zeros(0)
    return np.r_[days, np.zeros(units - len(days))].astype(int)


@cache
def _completions(left: int, b_left: int, last: int, run: int, max_run: int) -> int:
    """Ways to finish a balanced sequence: ``left`` units, ``b_left`` of them B, the last unit
    ``last`` (-1: none yet) repeated ``run`` times so far."""
    if b_left < 0 or b_left > left:
        return 0
    if left == 0:
        return 1
    total = 0
    for v in (0, 1):
        streak = run + 1 if v == last else 1
        if streak <= max_run:
            total += _completions(left - 1, b_left - v, v, streak, max_run)
    return total


def balanced_runs_count(n: int, max_run: int = MAX_RUN) -> int:
    """Balanced A/B sequences of ``n`` units with no more than ``max_run`` in a row."""
    if n % 2:
        return 0
    return _completions(n, n // 2, -1, 0, max_run)


def sample_balanced_runs(n: int, max_run: int, rng: np.random.Generator) -> np.ndarray:
    """One such sequence, uniformly among all of them (each step weighted by its completions)."""
    out, b_left, last, run = [], n // 2, -1, 0
    for left in range(n, 0, -1):
        ways = []
        for v in (0, 1):
            streak = run + 1 if v == last else 1
            ways.append(_completions(left - 1, b_left - v, v, streak, max_run) if streak <= max_run else 0)
        v = int(rng.random() * (ways[0] + ways[1]) >= ways[0])
        run = run + 1 if v == last else 1
        last, b_left = v, b_left - v
        out.append(v)
    return np.array(out)
