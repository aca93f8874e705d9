"""A self-experiment's plan as it is written down before day 1, what each day (or run) of it is,
and the outcome series the verdict reads, taken from the runner's log.

The plan (:class:`~backstride.core.experiments.ExperimentPlan`, stored as JSON in a file or in the
app's database) holds the design, its seed and the schedule drawn with it, the first day, the last
day, the primary outcome and the decision rule. Pure functions: no I/O.

Units. Run by run: each planned run has its day, written in the plan (the runs spread evenly over
the plan's days: 3.5 a week is every second day); a logged run is the unit of its day (the first
run that day; a second one is off-plan), so a run imported twice, a run skipped or a run on another
day never shifts the others. A run on a day the plan does not expect is off-plan and said so.
Day by day (phases, AB): day d is the first day + d; its outcome, next-morning pain, is the pain on
waking the day after (a morning entry for that day, or the run of day d's "next morning" answer).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Literal

import numpy as np

from backstride.core.experiments import ExperimentDay, ExperimentPlan
from backstride.nof1.analysis import MAX_MISSING_SHARE, MIN_UNITS_PER_CONDITION, Verdict, not_enough_risk, verdict
from backstride.nof1.design import ALPHA, Design, DesignError
from backstride.nof1.design import plan as plan_design
from backstride.nof1.outcome import PAIN, Scale, self_test_scale


@dataclass(frozen=True)
class LoggedRun:
    """One run as the verdict needs it (the day is the runner's local date)."""

    day: date
    distance_km: float | None
    pain_after: float | None
    pain_next_morning: float | None
    insoles: bool | None = None
    cadence_cue: str | None = None  # the cue used on the run, where one was logged


def decision_rule(design: Design, scale: Scale | None = None) -> str:
    what = design.outcome.replace("_", " ") if scale is None else f"the filmed {scale.what} ({scale.unit})"
    counts = "" if scale is None else f"; a change counts from {scale.threshold_rule}"
    return (f"randomisation test on {what}, each direction at {ALPHA} (5 % overall): "
            f"'helps' when the p-value for a benefit is <= {ALPHA} and the estimate is a benefit, 'makes it worse' "
            f"when the p-value for harm is <= {ALPHA}; the size from an AR(1) regression with distance"
            f"{counts}")  # fmt: skip


#: A filmed self-test as the outcome: filmed every this many days (an AB design's shortest phase, 8
#: days, then holds 4 films: the fewest a condition may have, MIN_UNITS_PER_CONDITION).
FILM_EVERY_DAYS = 2


def with_test_outcome(design: Design, test: str, film_every_days: int = FILM_EVERY_DAYS) -> tuple[Design, Scale, int]:
    """The design with a filmed self-test as its outcome, the test's scale and how many schedules split the
    films differently (:func:`distinct_schedules`: what the test can tell apart); refused (DesignError) for a
    design that is not AB: a test filmed every few days measures a programme that builds over weeks, not
    a change that acts within a run or a few days."""
    scale = self_test_scale(test)
    if design.kind != "ab":
        raise DesignError(
            f"a filmed self-test ({test}) is the outcome of a programme that builds over weeks (an AB design: "
            "back_extensions, hip_strength), not of a change tested run by run or in short phases: "
            "use pain for this change"
        )
    if design.min_phase_days // film_every_days < MIN_UNITS_PER_CONDITION:
        raise DesignError(
            f"filming every {film_every_days} days leaves the shortest phase ({design.min_phase_days} days) fewer than "
            f"{MIN_UNITS_PER_CONDITION} films: film more often"
        )
    distinct = distinct_schedules(design, film_every_days)
    if 1.0 / distinct > ALPHA:
        raise DesignError(
            f"filmed every {film_every_days} days, a {design.units // 7}-week plan has only {distinct} different ways "
            f"to split the films into A and B, so the smallest p-value it can reach is {1 / distinct:.3f}, above "
            f"{ALPHA}: no verdict could ever say 'helps'. Plan {weeks_needed(design, film_every_days)} weeks or more"
        )
    return replace(design, outcome="self_test"), scale, distinct


def _film_mask(units: int, film_every_days: int) -> np.ndarray:
    return np.array([(d + 1) % film_every_days == 0 for d in range(units)])


def distinct_schedules(design: Design, film_every_days: int) -> int:
    """The schedules that split the film days differently: two start days between the same two films
    give the same A and B films, so they count once (what the randomisation test can tell apart)."""
    films = _film_mask(design.units, film_every_days)
    return len(np.unique(design.reference()[:, films], axis=0))


def weeks_needed(design: Design, film_every_days: int, longest: int = 26) -> int:
    """The shortest AB plan whose film days can reach a p-value at or under ALPHA."""
    for weeks in range(design.units // 7 + 1, longest + 1):
        longer = replace(design, units=weeks * 7)
        if 1.0 / distinct_schedules(longer, film_every_days) <= ALPHA:
            return weeks
    return longest


def film_days(plan: ExperimentPlan) -> list[int]:
    """The days (from 0) the plan asks for the test to be filmed: every ``film_every_days``-th day."""
    k = plan.film_every_days
    return [d for d in range(len(plan.schedule)) if k and (d + 1) % k == 0]


def scale_of(plan: ExperimentPlan) -> Scale:
    return self_test_scale(plan.outcome_test) if plan.outcome == "self_test" and plan.outcome_test else PAIN


def plan_verdict(plan: ExperimentPlan, y: np.ndarray, km: np.ndarray, deviated: int = 0) -> Verdict:
    """The verdict on a plan's outcome series, in its outcome's scale (a filmed test's missing films
    counted against the films the plan asked for)."""
    expected = len(film_days(plan)) if plan.outcome == "self_test" else None
    return verdict(design_of(plan), np.array(plan.schedule), y, km, deviated=deviated, scale=scale_of(plan),
                   expected=expected)  # fmt: skip


def make_plan(change: str, design: Design, first: date, weeks: int, *, seed_given: bool = False,
                expected_missing: float = 0.1, runs_per_week: float = 3.5, outcome_test: str | None = None,
                outcome_leg: str | None = None, film_every_days: int = FILM_EVERY_DAYS) -> ExperimentPlan:  # fmt: skip
    """The plan written before day 1: design, seed, schedule, dates (each run's day, run by run),
    outcome and rule, and what it says when the missing logs expected make "not enough data" likely.
    ``seed_given``: the seed was chosen, not drawn (tests and examples only): a runner who chooses
    the seed chooses the schedule, so the plan says so. ``outcome_test``: a filmed self-test is the
    outcome instead of pain (AB designs only: :func:`with_test_outcome`), ``outcome_leg`` its leg."""
    scale, distinct = None, design.count
    if outcome_test is not None:
        design, scale, distinct = with_test_outcome(design, outcome_test, film_every_days)
    total = design.units if design.kind != "per_run" else weeks * 7
    last = first + timedelta(days=total - 1)
    days = tuple(run_days(first, total, design.units)) if design.kind == "per_run" else None
    # the missing-log risk is for daily logs; a test's films are fewer and said apart
    risk = not_enough_risk(design, expected_missing) if scale is None else None
    plan = ExperimentPlan(change=change, start=first, end=last, **asdict(design),
                          schedule=tuple(int(b) for b in design.schedule()), days=days, seed_given=seed_given,
                          expected_missing=expected_missing, not_enough_risk=risk,
                          schedules_possible=distinct, smallest_p=1.0 / distinct,
                          decision_rule=decision_rule(design, scale), outcome_test=outcome_test,
                          outcome_leg=outcome_leg, film_every_days=film_every_days if scale else 0)  # fmt: skip
    if scale is not None:
        return plan
    advice = missing_advice(plan, weeks, runs_per_week, design.phase_days or 4)
    return plan.model_copy(update={"missing_advice": advice})


#: Above this chance of ending with "not enough data", the plan says so and proposes a longer one.
RISK_SAID = 0.2
LONGEST_WEEKS = 16


def missing_advice(plan: ExperimentPlan, weeks: int, runs_per_week: float = 3.5, phase_days: int = 4) -> str | None:
    """What the plan says when the missing logs the runner expects make "not enough data" likely: the
    chance, and the shortest longer plan (up to LONGEST_WEEKS) within 2 points of the lowest chance,
    when that is at least a quarter lower (never, where the expected share is itself the limit: only
    logging more fixes that)."""
    risk, share = plan.not_enough_risk, plan.expected_missing
    if risk is None or risk <= RISK_SAID:
        return None
    said = (f"With {100 * share:.0f} % of the logs missing, {100 * risk:.0f} % of such plans end with 'not enough "
            f"data' (more than {100 * MAX_MISSING_SHARE:.0f} % of the outcome missing).")  # fmt: skip
    risks = {}
    for longer in range(weeks + 1, LONGEST_WEEKS + 1):
        try:
            d = plan_design(plan.change, weeks=longer, runs_per_week=runs_per_week, phase_days=phase_days, seed=0)
        except DesignError:
            continue
        risks[longer] = not_enough_risk(d, share)
    if risks and min(risks.values()) < 0.75 * risk:
        best = min(w for w, r in risks.items() if r <= min(risks.values()) + 0.02)
        return f"{said} A {best}-week plan brings it to {100 * risks[best]:.0f} %; or log every run."
    return f"{said} No length fixes that: log every {plan.unit}."


def run_days(first: date, days_total: int, units: int) -> list[date]:
    """The day of each planned run: the runs spread evenly over the plan's days (28 runs in 8 weeks:
    every second day; 7 a week: every day; more than one a day where there are more runs than days)."""
    return [first + timedelta(days=(i * days_total) // units) for i in range(units)]


def planned_days(plan: ExperimentPlan) -> list[date]:
    """Each planned run's day: as written in the plan (plans made before the days were written get
    the same even spread over their dates)."""
    if plan.days is not None:
        return list(plan.days)
    return run_days(plan.start, (last_day(plan) - plan.start).days + 1, len(plan.schedule))


@dataclass(frozen=True)
class Matched:
    """Run by run: the logged run that is each unit (None: not logged), and the runs in the plan's
    window that are no unit, each with why."""

    units: tuple[LoggedRun | None, ...]
    off_plan: tuple[tuple[LoggedRun, str], ...]

    @property
    def logged(self) -> int:
        return sum(u is not None for u in self.units)


def match(plan: ExperimentPlan, runs: list[LoggedRun]) -> Matched:
    """Each run to the unit of its day, in the order run that day (``runs`` in the order they started)."""
    days = planned_days(plan)
    slots: dict[date, list[int]] = {}
    for i, d in enumerate(days):
        slots.setdefault(d, []).append(i)
    units: list[LoggedRun | None] = [None] * len(days)
    off: list[tuple[LoggedRun, str]] = []
    seen: dict[date, int] = {}
    for r in runs_in_plan(plan, runs):
        k = seen.get(r.day, 0)
        seen[r.day] = k + 1
        free = slots.get(r.day, [])
        if k < len(free):
            units[free[k]] = r
        else:
            off.append((r, "no run planned that day" if not free else f"run {k + 1} of the day, {len(free)} planned"))
    return Matched(tuple(units), tuple(off))


def design_of(plan: ExperimentPlan) -> Design:
    return Design(**{k: getattr(plan, k) for k in Design.__dataclass_fields__})


def last_day(plan: ExperimentPlan) -> date:
    if plan.end is not None:
        return plan.end
    return plan.start + timedelta(days=len(plan.schedule) - 1)


FINISHED = ExperimentDay(when="finished", condition=None, text="the plan is over: read the verdict", washout=False,
                         log="")  # fmt: skip


def today(plan: ExperimentPlan, on: date, run: int | None = None) -> ExperimentDay:
    """What ``on`` is in the plan. Run by run: the next planned run on or after ``on`` (``run``: a
    given run, numbered from 0, as a plan file is asked)."""
    schedule, change = plan.schedule, plan.change.replace("_", " ")
    first = plan.start
    outcome = plan.outcome.replace("_", " ")
    if on < first and run is None:
        starts = f"the experiment starts on {first:%a %d %b %Y}"
        return ExperimentDay(when="before the start", condition=None, text=starts, washout=False, log="")
    if plan.kind == "per_run":
        days = planned_days(plan)
        upcoming = [i for i, d in enumerate(days) if d >= on] if run is None else [run]
        index = upcoming[0] if upcoming and upcoming[0] < len(schedule) else len(schedule)
        over = index >= len(schedule)
        if not over:
            day = days[index]
            when = f"run {index + 1} of {len(schedule)}"
            label = "today" if day == on else f"next run, {day:%a %d %b}"
    else:
        index = (on - first).days
        when = f"day {index + 1} of {len(schedule)}"
        over = index >= len(schedule)
        label = "today"
    if over:
        return FINISHED
    b: Literal[0, 1] = 1 if schedule[index] else 0
    text = f"{label} ({when}): " + (f"B, {change}" if b else f"A, as usual (without the {change})")
    washout = plan.kind == "phases" and index % plan.phase_days < plan.washout_days
    log = f"distance and {outcome} (0-10)" + (" - a wash-out day: log it anyway, it is not analysed" if washout else "")
    if plan.outcome == "self_test":
        log = _film_today(plan, index)
    return ExperimentDay(when=when, condition=b, text=text, washout=washout, log=log)


def _film_today(plan: ExperimentPlan, index: int) -> str:
    """A filmed self-test's day: film it today, or when next."""
    what = scale_of(plan).what
    if plan.outcome_leg:
        what += f" ({plan.outcome_leg} {'side' if plan.outcome_test == 'side-bridge' else 'leg'})"
    if index in film_days(plan):
        return f"film the {what} today and keep it: 'backstride check CLIP --test {plan.outcome_test} --runner NAME'"
    upcoming = [d for d in film_days(plan) if d > index]
    when = f"on {plan.start + timedelta(days=upcoming[0]):%a %d %b}" if upcoming else "none: the plan is nearly over"
    return f"nothing to film today; the {what} next {when}"


def finished(plan: ExperimentPlan, on: date, logged_units: int = 0) -> bool:
    """The verdict is read once, at the end (looking every day and stopping when it looks good
    would raise the false positives): the last day has passed, or every planned run is logged
    (``logged_units``: the units with a run, run by run)."""
    if plan.kind == "per_run":
        return on > max(planned_days(plan)) or logged_units >= len(plan.schedule)
    return on > last_day(plan)


def units_so_far(plan: ExperimentPlan, on: date, matched: Matched | None = None) -> int:
    """Units whose outcome could be logged by ``on``: the planned runs before ``on`` and those of
    ``on`` already logged (run by run), or the days before ``on`` (a day's outcome is the next
    morning's)."""
    if plan.kind == "per_run":
        days = planned_days(plan)
        today_logged = [matched.units[i] is not None if matched else False for i, d in enumerate(days) if d == on]
        return sum(d < on for d in days) + sum(today_logged)
    return max(0, min((on - plan.start).days, len(plan.schedule)))


def runs_in_plan(plan: ExperimentPlan, runs: list[LoggedRun]) -> list[LoggedRun]:
    first, last = plan.start, last_day(plan)
    return sorted((r for r in runs if first <= r.day <= last), key=lambda r: r.day)


def series(
    plan: ExperimentPlan, runs: list[LoggedRun], mornings: dict[date, float], tests: dict[date, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The primary outcome and the distance per unit (NaN: not logged). A filmed self-test's outcome is
    ``tests`` (the test's figure by the day it was filmed): each day's own film, whichever day it is."""
    n = len(plan.schedule)
    y, km = np.full(n, np.nan), np.full(n, np.nan)
    in_plan = runs_in_plan(plan, runs)
    if plan.kind == "per_run":
        for i, r in enumerate(match(plan, runs).units):
            if r is not None:
                y[i] = _outcome(plan.outcome, r, mornings)
                km[i] = np.nan if r.distance_km is None else r.distance_km
        return y, km
    first = plan.start
    km[:] = 0.0  # a day without a run ran 0 km
    for r in in_plan:
        d = (r.day - first).days
        if d < n:
            km[d] += r.distance_km or 0.0
    for d in range(n):
        day = first + timedelta(days=d)
        y[d] = _day_outcome(plan, day, [r for r in in_plan if r.day == day], mornings, tests or {})
    return y, km


def _day_outcome(
    plan: ExperimentPlan, day: date, on_day: list[LoggedRun], mornings: dict[date, float], tests: dict[date, float]
) -> float:
    if plan.outcome == "self_test":
        return tests.get(day, np.nan)
    if plan.outcome == "pain_after_run":
        values = [r.pain_after for r in on_day if r.pain_after is not None]
        return values[-1] if values else np.nan
    return _waking(day, on_day, mornings)


def _outcome(outcome: str, r: LoggedRun, mornings: dict[date, float]) -> float:
    if outcome == "pain_after_run":
        return np.nan if r.pain_after is None else r.pain_after
    return _waking(r.day, [r], mornings)


def _waking(day: date, runs_that_day: list[LoggedRun], mornings: dict[date, float]) -> float:
    """Pain on waking the day after ``day``: the morning entry, else the run's own answer."""
    after = day + timedelta(days=1)
    if after in mornings:
        return mornings[after]
    answers = [r.pain_next_morning for r in runs_that_day if r.pain_next_morning is not None]
    return answers[-1] if answers else np.nan


def logged_condition(change: str, r: LoggedRun) -> int | None:
    """The condition a run was logged with, where the log says it: insoles in or out, a cadence cue
    used (no cue logged says nothing: it may not have been written down)."""
    if change == "insoles" and r.insoles is not None:
        return int(r.insoles)
    if change == "cadence_cue" and r.cadence_cue:
        return 1
    return None


def deviations(plan: ExperimentPlan, runs: list[LoggedRun]) -> list[int]:
    """Run by run: the units (numbered from 1) logged with the other condition than the plan's. They
    are analysed as planned (intention to treat: the randomisation counts what was drawn)."""
    if plan.kind != "per_run":
        return []
    out = []
    for i, r in enumerate(match(plan, runs).units):
        done = None if r is None else logged_condition(plan.change, r)
        if done is not None and done != plan.schedule[i]:
            out.append(i + 1)
    return out
