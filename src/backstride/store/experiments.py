"""Self-experiments in the app's database, shared by the CLI (``backstride experiment``) and the
web app: the plan is stored before day 1, each day says what it is, and the verdict reads the
runner's log (backstride.nof1.plan turns the log into the outcome series)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from backstride.core.experiments import (
    EffectSize,
    ExperimentPlan,
    ExperimentRecord,
    ExperimentState,
    ExperimentVerdict,
    OffPlanRun,
    OutcomeWords,
    ScheduleUnit,
)
from backstride.errors import Conflict, Invalid, NotFound
from backstride.nof1.analysis import Verdict
from backstride.nof1.design import plan as plan_design
from backstride.nof1.plan import (
    FINISHED,
    LoggedRun,
    design_of,
    deviations,
    finished,
    make_plan,
    match,
    plan_verdict,
    planned_days,
    scale_of,
    series,
    today,
    units_so_far,
)
from backstride.store import access
from backstride.store.logbook import day_of, today_of
from backstride.store.models import Experiment, MorningPain, Run, Runner


def start(s: Session, runner: Runner, change: str, *, first: date, weeks: int = 8, runs_per_week: float = 3.5,
          seed: int | None = None, phase_days: int = 4, today: date | None = None,
          expected_missing: float = 0.1, outcome_test: str | None = None,
          outcome_leg: str | None = None) -> Experiment:  # fmt: skip
    """Plan an experiment on ``today`` (the real date: ``today`` is for simulations) starting on
    ``first``, never before: the schedule is drawn before day 1, not fitted to a log already
    kept. Refused while another one runs (two changes at once confound each other). ``outcome_test``:
    a filmed self-test (kept checks of the runner) is the outcome instead of pain."""
    today = today or today_of(runner)
    if first < today:
        raise Invalid(f"the first day ({first}) is in the past: the schedule is drawn before day 1")
    running = current(s, runner)
    if running is not None and not is_finished(s, running, today):
        raise Conflict(f"an experiment on {running.change.replace('_', ' ')} runs until {plan_of(running).end}: "
                       "test one change at a time")  # fmt: skip
    design = plan_design(change, weeks=weeks, runs_per_week=runs_per_week, seed=seed, phase_days=phase_days)
    plan = make_plan(change, design, first, weeks, seed_given=seed is not None, expected_missing=expected_missing,
                     runs_per_week=runs_per_week, outcome_test=outcome_test, outcome_leg=outcome_leg)  # fmt: skip
    exp = Experiment(runner_id=runner.id, change=change, plan=plan.model_dump(mode="json"))
    s.add(exp)
    s.flush()
    return exp


def current(s: Session, runner: Runner) -> Experiment | None:
    return s.scalars(select(Experiment).where(Experiment.runner_id == runner.id)
                     .order_by(Experiment.created_at.desc())).first()  # fmt: skip


def plan_of(exp: Experiment) -> ExperimentPlan:
    """The experiment's plan, as stored (JSON) read back typed."""
    return ExperimentPlan.model_validate(exp.plan)


def current_state(s: Session, runner: Runner, on: date) -> ExperimentState | None:
    """The newest experiment's state (what today is, or its verdict), None without one."""
    exp = current(s, runner)
    return state(s, exp, on) if exp else None


def get(s: Session, experiment_id: str) -> Experiment:
    exp = s.get(Experiment, experiment_id)
    if exp is None:
        raise NotFound(f"no experiment {experiment_id!r}")
    access.allow(exp.runner_id, f"no experiment {experiment_id!r}")
    return exp


def of_runner(s: Session, runner: Runner) -> list[Experiment]:
    return list(s.scalars(select(Experiment).where(Experiment.runner_id == runner.id).order_by(Experiment.created_at)))


def log_of(s: Session, runner_id: str) -> tuple[list[LoggedRun], dict[date, float]]:
    runs = [LoggedRun(day_of(r), r.distance_km, r.pain_after, r.pain_next_morning, r.insoles,
                      r.cadence_cue)
            for r in s.scalars(select(Run).where(Run.runner_id == runner_id).order_by(Run.started_at))]  # fmt: skip
    mornings = {m.day: m.pain for m in s.scalars(select(MorningPain).where(MorningPain.runner_id == runner_id))}
    return runs, mornings


def is_finished(s: Session, exp: Experiment, on: date) -> bool:
    """Over (its verdict can be read): the last day has passed or every planned run is logged."""
    plan = plan_of(exp)
    return finished(plan, on, _logged_units(plan, log_of(s, exp.runner_id)[0]))


def _logged_units(plan: ExperimentPlan, runs: list[LoggedRun]) -> int:
    return match(plan, runs).logged if plan.kind == "per_run" else 0


def read(exp: Experiment, runs: list[LoggedRun], mornings: dict[date, float]) -> tuple[np.ndarray, np.ndarray, Verdict]:
    """The outcome and distance series from the log, and the verdict on them (as planned)."""
    plan = plan_of(exp)
    y, km = series(plan, runs, mornings, tests_of(exp))
    return y, km, _verdict(plan, y, km, runs)


def _verdict(plan: ExperimentPlan, y: np.ndarray, km: np.ndarray, runs: list[LoggedRun]) -> Verdict:
    return plan_verdict(plan, y, km, len(deviations(plan, runs)))


def tests_of(exp: Experiment) -> dict[date, float]:
    """A filmed self-test's outcome: the runner's kept checks of the plan's test (and leg), by the day
    filmed (the last of a day); empty for a pain outcome."""
    from backstride.store.models import BodyCheck

    plan = plan_of(exp)
    session = object_session(exp)
    if plan.outcome != "self_test" or session is None:
        return {}
    rows = session.scalars(
        select(BodyCheck)
        .where(BodyCheck.runner_id == exp.runner_id, BodyCheck.test == plan.outcome_test)
        .order_by(BodyCheck.local_date, BodyCheck.checked_at)
    )
    return {r.local_date: r.value for r in rows if plan.outcome_leg in (None, r.leg) and not r.at_least}


def state(s: Session, exp: Experiment, on: date) -> ExperimentState:
    """Everything a page or the CLI says about an experiment on a given day."""
    return _state(exp, *log_of(s, exp.runner_id), on)[0]


def _state(exp: Experiment, runs: list[LoggedRun], mornings: dict[date, float],
           on: date) -> tuple[ExperimentState, np.ndarray, np.ndarray]:  # fmt: skip
    """(the state, the outcome per unit, the distance per unit), from a log read once."""
    p = plan_of(exp)
    per_run = p.kind == "per_run"
    matched = match(p, runs) if per_run else None
    y, km = series(p, runs, mornings, tests_of(exp))
    so_far = units_so_far(p, on, matched)
    done = finished(p, on, matched.logged if matched else 0)
    swapped = deviations(p, runs)
    days: list[date | None] = list(planned_days(p)) if per_run else [None] * len(p.schedule)
    verdict_now, changed_after = None, None
    if done:
        now = verdict_of(_verdict(p, y, km, runs))
        verdict_now, changed_after = _kept(exp, now, on)
    state = ExperimentState(
        id=exp.id, change=exp.change, kind=p.kind, start=p.start, end=p.end, units=len(p.schedule), unit=p.unit,
        seed=p.seed, seed_given=p.seed_given, missing_advice=p.missing_advice,
        schedules_possible=p.schedules_possible, smallest_p=p.smallest_p, decision_rule=p.decision_rule,
        outcome=p.outcome, weaker=p.weaker, washout_days=p.washout_days,
        today=FINISHED if done else today(p, on), units_so_far=so_far,
        outcomes_logged=int(np.sum(np.isfinite(y[:so_far]))), deviations=tuple(swapped),
        off_plan=tuple(OffPlanRun(day=r.day, distance_km=r.distance_km, why=why)
                       for r, why in (matched.off_plan if matched else ())),
        finished=done, verdict=verdict_now, changed_after=changed_after,
        strip=tuple(ScheduleUnit(b=1 if b else 0, washout=not keep, logged=bool(np.isfinite(v)), day=d)
                    for b, keep, v, d in zip(p.schedule, design_of(p).analysed(), y, days)),
        outcome_test=p.outcome_test, words=_words(p),
    )  # fmt: skip
    return state, y, km


def _words(plan: ExperimentPlan) -> OutcomeWords:
    sc = scale_of(plan)
    return OutcomeWords(what=sc.what, unit=sc.unit, better=sc.better, worse=sc.worse)


def _kept(exp: Experiment, now: ExperimentVerdict, on: date) -> tuple[ExperimentVerdict, str | None]:
    """The verdict as read when the plan was over (kept the first time it is read), and what a later
    change of the log would say instead: shown as a change to a finished experiment, never a new
    verdict (re-reading a verdict until it looks good raises the false positives)."""
    if exp.verdict is None:
        _keep(exp, now, on)
        return now, None
    kept = ExperimentVerdict.model_validate(exp.verdict)
    if now.text == kept.text:
        return kept, None
    return kept, (
        f"The log of this experiment changed after its verdict was read on {exp.verdict_read_on}: it would now read "
        f'"{now.text}". The verdict stands as read; to test again, plan a new experiment.'
    )


def _keep(exp: Experiment, now: ExperimentVerdict, on: date) -> None:
    """Write the verdict in its own short transaction (a page may be reading in a session that never
    commits); a database busy elsewhere leaves it to the next reading."""
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session as Plain

    session = object_session(exp)
    if session is None:
        return
    bind = session.get_bind()
    try:
        with Plain(bind) as w, w.begin():
            row = w.get(Experiment, exp.id)
            if row is not None and row.verdict is None:
                row.verdict, row.verdict_read_on = now.model_dump(mode="json"), on
    except OperationalError:
        return
    exp.verdict, exp.verdict_read_on = now.model_dump(mode="json"), on


def verdict_of(v: Verdict) -> ExperimentVerdict:
    size = None
    if v.size is not None:
        z = v.size
        size = EffectSize(median=z.median, low=z.low, high=z.high, p_benefit=z.p_benefit,
                          p_important=z.p_important, p_harm=z.p_harm, threshold=z.threshold,
                          threshold_rule=z.threshold_rule, phi=z.phi)  # fmt: skip
    return ExperimentVerdict(verdict=v.verdict, text=v.text(), p_value=v.p_value, size=size, reasons=v.reasons,
                             weaker=v.weaker, deviated=v.deviated, reliable=v.reliable)  # fmt: skip


def picture(s: Session, exp: Experiment, out: Path | IO[bytes]) -> None:
    """The verdict's pictures (timeline, effect, randomisation distribution) as PNG."""
    from backstride.nof1.plots import verdict_png

    runs, mornings = log_of(s, exp.runner_id)
    y, _, v = read(exp, runs, mornings)
    plan = plan_of(exp)
    verdict_png(design_of(plan), np.array(plan.schedule), y, v, out)


def report_records(s: Session, runner: Runner, on: date) -> list[ExperimentRecord]:
    """The runner's experiments as summary.json and the report carry them: the plan, the outcome
    and distance per unit (None: not logged) and the state on ``on``."""
    runs, mornings = log_of(s, runner.id)
    out = []
    for exp in of_runner(s, runner):
        st, y, km = _state(exp, runs, mornings, on)
        out.append(ExperimentRecord(change=exp.change, plan=plan_of(exp), state=st.model_copy(update={"strip": ()}),
                                    outcome=_values(y), distance_km=_values(km)))  # fmt: skip
    return out


def _values(series_per_unit: np.ndarray) -> tuple[float | None, ...]:
    return tuple(None if not np.isfinite(v) else float(v) for v in series_per_unit)
