"""The typed record of a self-experiment: the plan written before day 1, what a day of it is, the
verdict once it is over, and the whole record that summary.json, the report, the CLI and the web app
carry. Frozen pydantic models (their JSON is what the database and plan files store); built by
:mod:`backstride.nof1.plan` and :mod:`backstride.store.experiments`."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

#: how the change is tested: run by run, in phases of days (carry-over), or one switch (AB)
ExperimentKind = Literal["per_run", "phases", "ab"]
VerdictName = Literal["helps", "harms", "can't tell", "not enough data"]
Outcome = Literal["pain_after_run", "next_morning_pain", "self_test"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ExperimentPlan(BaseModel):
    """The plan as written before day 1: design, seed, the schedule drawn with it (1: B, the
    change; 0: A, as usual), the first and last day, each run's day (run by run), the primary
    outcome and the decision rule. Plans written by earlier versions lack the later fields
    (``days``, ``end``, ``seed_given``, the missing-log risk) and read with their defaults."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    change: str
    kind: ExperimentKind
    units: int  # runs (per_run) or days (phases, ab)
    start: date
    end: date | None = None
    schedule: tuple[int, ...]
    days: tuple[date, ...] | None = None  # per_run: each planned run's day
    phase_days: int = 0
    washout_days: int = 0
    min_phase_days: int = 0
    seed: int = 0
    seed_given: bool = False  # chosen, not drawn: tests and examples only
    outcome: Outcome = "pain_after_run"
    outcome_test: str | None = None  # a filmed self-test as the outcome (backstride check --test NAME)
    outcome_leg: str | None = None  # that test's leg or side, where it has one per leg
    film_every_days: int = 0  # the test is filmed every this many days (its "film days")
    weaker: bool = False  # an AB design: a trend looks like an effect
    expected_missing: float = 0.1  # share of logs the runner expects to miss
    not_enough_risk: float | None = None  # chance of ending with "not enough data" at that share
    missing_advice: str | None = None  # what the plan says when that chance is high
    schedules_possible: int
    smallest_p: float
    decision_rule: str

    @property
    def unit(self) -> Literal["run", "day"]:
        return "run" if self.kind == "per_run" else "day"


class EffectSize(_Frozen):
    """The change's effect from the Bayesian AR(1) regression, points of pain (+: lower with it)."""

    median: float
    low: float  # 95 % interval
    high: float
    p_benefit: float
    p_important: float  # chance of a benefit of at least ``threshold``
    p_harm: float
    threshold: float
    threshold_rule: str
    phi: float  # posterior mean of the lag-1 autocorrelation


class ExperimentVerdict(_Frozen):
    """The verdict as planned (intention to treat), read once at the end."""

    verdict: VerdictName
    text: str  # one paragraph for the runner
    p_value: float | None  # of the direction claimed
    size: EffectSize | None
    reasons: tuple[str, ...]
    weaker: bool
    deviated: int = 0  # units logged with the other condition than planned
    reliable: bool = True  # False: too many units deviated from the plan


class ExperimentDay(_Frozen):
    """What a day (or the next run) of the plan is."""

    when: str  # "run 5 of 28", "day 12 of 56", "finished"
    condition: Literal[0, 1] | None  # 1: B (the change), 0: A (as usual), None: outside the plan
    text: str  # one line for the runner
    washout: bool
    log: str  # what to log


class OffPlanRun(_Frozen):
    """A logged run in the plan's window that is no unit of it, and why."""

    day: date
    distance_km: float | None
    why: str


class ScheduleUnit(_Frozen):
    """One unit of the schedule as the experiment page draws it."""

    b: Literal[0, 1]
    washout: bool
    logged: bool
    day: date | None  # per_run: the run's day


class OutcomeWords(_Frozen):
    """How the outcome is said: "pain", "points", "lower", "higher"; "back-extensor hold", "s", "longer", ..."""

    what: str = "pain"
    unit: str = "points"
    better: str = "lower"
    worse: str = "higher"


class ExperimentState(_Frozen):
    """Everything a page or the CLI says about an experiment on a given day."""

    id: str
    change: str
    kind: ExperimentKind
    start: date
    end: date | None
    units: int
    unit: Literal["run", "day"]
    seed: int
    seed_given: bool
    missing_advice: str | None
    schedules_possible: int
    smallest_p: float
    decision_rule: str
    outcome: Outcome
    weaker: bool
    washout_days: int
    today: ExperimentDay
    units_so_far: int
    outcomes_logged: int
    deviations: tuple[int, ...]  # units (from 1) logged the other way round than planned
    off_plan: tuple[OffPlanRun, ...]
    finished: bool
    verdict: ExperimentVerdict | None  # once finished
    changed_after: str | None  # the log changed after the verdict was read: what it would say now
    strip: tuple[ScheduleUnit, ...] = ()
    outcome_test: str | None = None  # a filmed self-test as the outcome
    words: OutcomeWords = OutcomeWords()


class ExperimentRecord(_Frozen):
    """A self-experiment as summary.json and the report carry it: the plan, the outcome and distance
    per unit (None: not logged) and the state on the day of the analysis."""

    change: str
    plan: ExperimentPlan
    state: ExperimentState
    outcome: tuple[float | None, ...]
    distance_km: tuple[float | None, ...]
