"""A self-experiment's plan as it is written down before day 1, what each day (or run) of it is,
and the outcome series the verdict reads, taken from the runner's log.

The plan record (a plain dict, stored as JSON in a file or in the app's database) holds the
design, its seed and the schedule drawn with it, the first day, the last day, the primary outcome
and the decision rule. Pure functions: no I/O.

Units. Run by run: the n-th run logged on or after the first day is run n, whatever its date.
Day by day (phases, AB): day d is the first day + d; its outcome, next-morning pain, is the pain on
waking the day after (a morning entry for that day, or the run of day d's "next morning" answer).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

import numpy as np

from backstride.nof1.design import ALPHA, Design


@dataclass(frozen=True)
class LoggedRun:
    """One run as the verdict needs it (the day is the runner's local date)."""

    day: date
    distance_km: float | None
    pain_after: float | None
    pain_next_morning: float | None
    insoles: bool | None = None


def decision_rule(design: Design) -> str:
    return (f"one-sided randomisation test on {design.outcome.replace('_', ' ')}: 'helps' when p <= {ALPHA} "
            "and the estimate is a benefit; the size from an AR(1) regression with distance")  # fmt: skip


def make_record(change: str, design: Design, first: date, weeks: int) -> dict:
    """The plan written before day 1: design, seed, schedule, dates, outcome and rule."""
    last = first + timedelta(days=(design.units if design.kind != "per_run" else weeks * 7) - 1)
    return {"change": change, "start": first.isoformat(), "end": last.isoformat(), **asdict(design),
            "schedule": design.schedule().tolist(), "schedules_possible": design.count,
            "smallest_p": design.smallest_p, "decision_rule": decision_rule(design)}  # fmt: skip


def design_of(record: dict) -> Design:
    return Design(**{k: record[k] for k in Design.__dataclass_fields__ if k in record})


def _end(record: dict) -> date:
    if "end" in record:
        return date.fromisoformat(record["end"])
    return date.fromisoformat(record["start"]) + timedelta(days=len(record["schedule"]) - 1)


@dataclass(frozen=True)
class Today:
    """What a day (or the next run) of the plan is."""

    when: str  # "run 5 of 28", "day 12 of 56"
    condition: int | None  # 1: B (the change), 0: A (as usual), None: outside the plan
    text: str  # one line for the runner
    washout: bool
    log: str  # what to log
    finished: bool


def today(record: dict, on: date, runs_logged: int = 0) -> Today:
    """``runs_logged``: run-by-run plans, the runs logged since the first day (the next is the one after)."""
    schedule, change = record["schedule"], record["change"].replace("_", " ")
    first = date.fromisoformat(record["start"])
    outcome = record["outcome"].replace("_", " ")
    if on < first:
        return Today("before the start", None, f"the experiment starts on {first:%a %d %b %Y}", False, "", False)
    if record["kind"] == "per_run":
        index, when = runs_logged, f"run {runs_logged + 1} of {len(schedule)}"
        over = index >= len(schedule) or on > _end(record)
    else:
        index = (on - first).days
        when = f"day {index + 1} of {len(schedule)}"
        over = index >= len(schedule)
    if over:
        return Today("finished", None, "the plan is over: read the verdict", False, "", True)
    b = bool(schedule[index])
    text = f"{'next run' if record['kind'] == 'per_run' else 'today'} ({when}): " + (
        f"B, {change}" if b else f"A, as usual (without the {change})"
    )
    washout = record["kind"] == "phases" and index % record["phase_days"] < record["washout_days"]
    log = f"distance and {outcome} (0-10)" + (" - a wash-out day: log it anyway, it is not analysed" if washout else "")
    return Today(when, int(b), text, washout, log, False)


def finished(record: dict, on: date, runs_logged: int) -> bool:
    """The verdict is read once, at the end (looking every day and stopping when it looks good
    would raise the false positives): the last day has passed, or every planned run is logged."""
    return on > _end(record) or (record["kind"] == "per_run" and runs_logged >= len(record["schedule"]))


def units_so_far(record: dict, on: date, runs_logged: int) -> int:
    """Units whose outcome could be logged by ``on``: the runs logged (run by run), or the days
    before ``on`` (a day's outcome is the next morning's)."""
    if record["kind"] == "per_run":
        return min(runs_logged, len(record["schedule"]))
    return max(0, min((on - date.fromisoformat(record["start"])).days, len(record["schedule"])))


def runs_in_plan(record: dict, runs: list[LoggedRun]) -> list[LoggedRun]:
    first, last = date.fromisoformat(record["start"]), _end(record)
    return sorted((r for r in runs if first <= r.day <= last), key=lambda r: r.day)


def series(record: dict, runs: list[LoggedRun], mornings: dict[date, float]) -> tuple[np.ndarray, np.ndarray]:
    """The primary outcome and the distance per unit (NaN: not logged)."""
    n = len(record["schedule"])
    y, km = np.full(n, np.nan), np.full(n, np.nan)
    in_plan = runs_in_plan(record, runs)
    if record["kind"] == "per_run":
        for i, r in enumerate(in_plan[:n]):
            y[i] = _outcome(record["outcome"], r, mornings)
            km[i] = np.nan if r.distance_km is None else r.distance_km
        return y, km
    first = date.fromisoformat(record["start"])
    km[:] = 0.0  # a day without a run ran 0 km
    for r in in_plan:
        d = (r.day - first).days
        if d < n:
            km[d] += r.distance_km or 0.0
    for d in range(n):
        day = first + timedelta(days=d)
        on_day = [r for r in in_plan if r.day == day]
        if record["outcome"] == "pain_after_run":
            values = [r.pain_after for r in on_day if r.pain_after is not None]
            y[d] = values[-1] if values else np.nan
        else:
            y[d] = _waking(day, on_day, mornings)
    return y, km


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


def off_plan_runs(record: dict, runs: list[LoggedRun]) -> list[int]:
    """Insoles plans: the runs (numbered from 1) logged with or without insoles against the plan."""
    if record["change"] != "insoles" or record["kind"] != "per_run":
        return []
    schedule = record["schedule"]
    return [i + 1 for i, r in enumerate(runs_in_plan(record, runs)[: len(schedule)])
            if r.insoles is not None and bool(r.insoles) != bool(schedule[i])]  # fmt: skip
