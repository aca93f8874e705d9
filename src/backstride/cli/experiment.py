"""``backstride experiment``: plan a randomised self-experiment before day 1, say what each day
(or run) is, and read the verdict from the runner's log (or from typed values and a plan file)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backstride.cli.common import DataDir, MaybeRunner, Runner, console, fail, store_at

if TYPE_CHECKING:
    from backstride.core.experiments import ExperimentPlan

experiment = typer.Typer(no_args_is_help=True, help="Test a change on yourself: a randomised self-experiment.")
#: The plan printout lists the first two weeks' units and says how many more there are.
SHOWN_UNITS = 14
Change = Annotated[
    str, typer.Option(help="insoles, cadence_cue, shoes, new_shoes, arch_supports_all_day, back_extensions")
]


@experiment.command("plan")
def plan_command(
    change: Change,
    runner: MaybeRunner = None,
    data_dir: DataDir = None,
    out: Annotated[Path | None, typer.Option(help="Also write the plan here (JSON)")] = None,
    weeks: Annotated[int, typer.Option(min=2, max=26, help="Length of the plan, weeks.")] = 8,
    runs_per_week: Annotated[float, typer.Option(min=1, max=14, help="Runs a week the plan expects.")] = 3.5,
    seed: Annotated[
        int | None,
        typer.Option(help="For tests and reproducible examples only (marked in the plan): drawn when not given"),
    ] = None,
    start: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD (default: tomorrow)")] = None,
    phase_days: Annotated[
        int, typer.Option(min=3, max=14, help="Phase designs: days a phase lasts (7 for a change that carries over)")
    ] = 4,
    missing_pct: Annotated[
        float,
        typer.Option(
            "--expected-missing-pct",
            min=0,
            max=60,
            help="Logs you expect to miss, %: the plan says how likely 'not enough data' is then",
        ),  # fmt: skip
    ] = 10,
    outcome_test: Annotated[
        str | None,
        typer.Option(
            help="A filmed self-test as the outcome instead of pain (sorensen, flexor, side-bridge, slr, "
            "single-leg-squat): for a programme (back_extensions, hip_strength), filmed every 2 days"
        ),
    ] = None,  # fmt: skip
    leg: Annotated[
        str | None, typer.Option(help="With --outcome-test: the leg (or side) of a test done per leg")
    ] = None,
) -> None:
    """Draw the schedule before day 1, with its seed, outcome and decision rule written down."""
    from backstride.errors import BackstrideError
    from backstride.nof1.design import plan
    from backstride.nof1.plan import make_plan

    if runner is None and out is None:
        raise fail(ValueError("say where the plan goes: --runner NAME (the app's data) or --out FILE"))
    try:
        if runner is not None:
            from backstride.store import experiments
            from backstride.store.logbook import find_runner, opened, today_of

            with opened(store_at(data_dir)) as s:
                found = find_runner(s, runner)
                first = _first_day(start, today_of(found))
                exp = experiments.start(s, found, change, first=first, weeks=weeks, runs_per_week=runs_per_week,
                                        seed=seed, phase_days=phase_days, expected_missing=missing_pct / 100,
                                        outcome_test=outcome_test, outcome_leg=leg)  # fmt: skip
                record = experiments.plan_of(exp)
        else:
            first = _first_day(start, date.today())
            record = make_plan(
                change,
                plan(change, weeks=weeks, runs_per_week=runs_per_week, seed=seed, phase_days=phase_days),
                first,
                weeks,
                seed_given=seed is not None,
                expected_missing=missing_pct / 100,
                runs_per_week=runs_per_week,
                outcome_test=outcome_test,
                outcome_leg=leg,
            )
    except (BackstrideError, ValueError) as exc:
        raise fail(exc) from None
    if out is not None:
        out.write_text(record.model_dump_json(indent=2))
    _print_plan(record, first)
    console.print(f"plan written to {out}" if out else f"plan kept with {runner}'s log: 'backstride experiment today "
                  f"--runner {runner}' says what each day is")  # fmt: skip


def _first_day(start: str | None, today: date) -> date:
    """The plan's day 1 (default: the runner's tomorrow), never in the past."""
    first = date.fromisoformat(start) if start else today + timedelta(days=1)
    if first < today:
        raise ValueError(f"the first day ({first}) is in the past: the schedule is drawn before day 1")
    return first


def _print_plan(record: ExperimentPlan, first: date) -> None:
    unit = record.unit
    console.print(f"{record.change}: {record.kind.replace('_', ' ')} design, {len(record.schedule)} {unit}s "
                  f"from {record.start} to {record.end}, seed {record.seed}", highlight=False)  # fmt: skip
    console.print(f"{record.schedules_possible:,} schedules were possible: the smallest p-value this design can "
                  f"reach is {record.smallest_p:.2g}")  # fmt: skip
    if record.missing_advice:
        console.print(record.missing_advice, highlight=False)
    if record.seed_given:
        console.print("The seed was given by hand: for tests and reproducible examples only. A runner who chooses "
                      "the seed chooses the schedule; for a real experiment let it be drawn.")  # fmt: skip
    if record.weaker:
        console.print("An AB design: weaker evidence (a slow recovery over the weeks looks like an effect).")
    if record.washout_days:
        console.print(f"The first {record.washout_days} day(s) of each phase are wash-out: log them, they are "
                      "not analysed.")  # fmt: skip
    console.print(f"Decision rule: {record.decision_rule}")
    if record.outcome == "self_test":
        console.print(f"The outcome is the filmed {record.outcome_test} test: film it every {record.film_every_days} "
                      f"days (day {record.film_every_days}, {2 * record.film_every_days}, ...) and keep it with "
                      f"'backstride check CLIP --test {record.outcome_test} --runner NAME'; more than "
                      "20 % of the films missing gives 'not enough data'.")  # fmt: skip
    from backstride.nof1.plan import design_of, planned_days

    label = {0: "A (as usual)", 1: "B (the change)"}
    analysed = design_of(record).analysed()
    days = planned_days(record) if unit == "run" else [first + timedelta(days=i) for i in range(len(record.schedule))]
    shown = record.schedule[:SHOWN_UNITS]
    for i, v in enumerate(shown):
        when = f"run {i + 1}, {days[i]:%a} {days[i].isoformat()}" if unit == "run" else days[i].isoformat()
        console.print(f"  {when}: {label[v]}" + ("" if analysed[i] else ", wash-out (log it, not analysed)"))
    if len(record.schedule) > len(shown):
        left = len(record.schedule) - len(shown)
        where = "the whole schedule is in the plan and on the web app's experiment page"
        console.print(f"  ... and {left} more {unit}s, to {days[-1].isoformat()}: 'experiment today' says each one "
                      f"as it comes ({where})")  # fmt: skip


@experiment.command("today")
def today_command(
    plan_file: Annotated[Path | None, typer.Argument(help="A plan JSON from 'experiment plan --out'")] = None,
    runner: MaybeRunner = None,
    data_dir: DataDir = None,
    run_number: Annotated[
        int | None, typer.Option("--run", help="With a plan file, run by run: a given run (else the next one by date)")
    ] = None,
) -> None:
    """What today (or the next run) is, A or B, and what to log."""
    from backstride.errors import BackstrideError
    from backstride.nof1.plan import today

    try:
        if runner is not None:
            from backstride.store import experiments
            from backstride.store.logbook import find_runner, opened, today_of

            with opened(store_at(data_dir)) as s:
                found = find_runner(s, runner)
                t = experiments.state(s, _current(s, found, experiments), today_of(found)).today
        else:
            t = today(_read_plan(plan_file), date.today(), None if run_number is None else run_number - 1)
        text, log_what = t.text, t.log
    except (BackstrideError, OSError, ValueError) as exc:
        raise fail(exc) from None
    console.print(text, highlight=False)
    if log_what:
        console.print(f"Log: {log_what}.", highlight=False)


def _current(s, runner, experiments):
    from backstride.errors import NotFound

    exp = experiments.current(s, runner)
    if exp is None:
        raise NotFound(f"{runner.name} has no experiment: plan one with 'backstride experiment plan --runner'")
    return exp


def _read_plan(plan_file: Path | None) -> ExperimentPlan:
    from pydantic import ValidationError

    from backstride.core.experiments import ExperimentPlan

    if plan_file is None:
        raise ValueError("give a plan file or --runner NAME")
    try:
        return ExperimentPlan.model_validate_json(plan_file.read_text())
    except ValidationError as exc:
        raise ValueError(
            f"{plan_file} is not a plan from 'experiment plan --out' ({exc.error_count()} fields "
            "wrong or missing): plan again with 'backstride experiment plan --out FILE'"
        ) from None


@experiment.command("abandon")
def abandon_command(runner: Runner, data_dir: DataDir = None) -> None:
    """Abandon the runner's current experiment (the log stays; a new one can be planned)."""
    from backstride.errors import BackstrideError
    from backstride.store import experiments
    from backstride.store.logbook import find_runner, opened

    try:
        with opened(store_at(data_dir)) as s:
            exp = _current(s, find_runner(s, runner), experiments)
            plan = experiments.plan_of(exp)
            change, start, end = exp.change, plan.start, plan.end
            s.delete(exp)
    except BackstrideError as exc:
        raise fail(exc) from None
    console.print(f"abandoned the experiment on {change.replace('_', ' ')} ({start} to {end}); the log stays")


@experiment.command("verdict")
def verdict_command(
    plan_file: Annotated[Path | None, typer.Argument(help="A plan JSON from 'experiment plan --out'")] = None,
    runner: MaybeRunner = None,
    data_dir: DataDir = None,
    pain: Annotated[
        str | None,
        typer.Option(
            help="With a plan file: the primary outcome per unit, comma-separated; leave a gap for a missing log"
        ),
    ] = None,  # fmt: skip
    distance_km: Annotated[
        str | None, typer.Option(help="With a plan file: distance per unit, comma-separated")
    ] = None,
    picture: Annotated[Path | None, typer.Option(help="Write the verdict's pictures here (PNG)")] = None,
) -> None:
    """The verdict once the plan is over: randomisation test, effect size with its interval."""
    from backstride.errors import BackstrideError

    try:
        if runner is not None:
            text = _verdict_from_log(runner, picture, data_dir)
        else:
            text = _verdict_from_values(_read_plan(plan_file), pain, distance_km, picture)
    except (BackstrideError, OSError, ValueError) as exc:
        raise fail(exc) from None
    console.print(text, highlight=False)
    if picture is not None:
        console.print(f"pictures written to {picture}")


def _verdict_from_log(runner: str, picture: Path | None, data_dir: Path | None) -> str:
    from backstride.errors import Conflict
    from backstride.store import experiments
    from backstride.store.logbook import find_runner, opened, today_of

    with opened(store_at(data_dir)) as s:
        found = find_runner(s, runner)
        exp = _current(s, found, experiments)
        st = experiments.state(s, exp, today_of(found))
        if not st.finished or st.verdict is None:
            raise Conflict(f"the experiment runs until {st.end} ({st.outcomes_logged} of {st.units} "
                           f"{st.unit}s logged so far): the verdict is read once, at the end, because looking "
                           "early and stopping when it looks good raises the false positives")  # fmt: skip
        if picture is not None:
            experiments.picture(s, exp, picture)
    swapped, off = st.deviations, st.off_plan
    extra = f"\nRuns done the other way round: {', '.join(map(str, swapped))} (analysed as planned)." if swapped else ""
    if off:
        extra += "\nRuns outside the plan, left out: " + "; ".join(f"{r.day} ({r.why})" for r in off) + "."
    if st.changed_after:
        extra += f"\n{st.changed_after}"
    return st.verdict.text + extra


def _verdict_from_values(
    record: ExperimentPlan, pain: str | None, distance_km: str | None, picture: Path | None
) -> str:
    import numpy as np

    from backstride.nof1.analysis import verdict
    from backstride.nof1.plan import design_of

    if pain is None:
        raise ValueError("with a plan file, give the outcome per unit with --pain")
    design = design_of(record)
    y = _numbers(pain, design.units, "pain")
    d = _numbers(distance_km, design.units, "distance") if distance_km else None
    schedule = np.array(record.schedule)
    v = verdict(design, schedule, y, d)
    if picture is not None:
        from backstride.nof1.plots import verdict_png

        verdict_png(design, schedule, y, v, picture)
    return v.text()


def _numbers(text: str, n: int, what: str):
    import numpy as np

    values = [float(x) if x.strip() else np.nan for x in text.split(",")]
    if len(values) != n:
        raise ValueError(f"{what}: {len(values)} values for {n} units of the plan")
    return np.array(values)
