"""``backstride experiment`` (plan a self-experiment, read its verdict) and ``backstride log import``."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

import typer

from backstride.cli_common import console, fail

experiment = typer.Typer(no_args_is_help=True, help="Test a change on yourself: a randomised self-experiment.")
log = typer.Typer(no_args_is_help=True, help="Your runs: import a watch's exports.")


@experiment.command("plan")
def plan_command(
    change: Annotated[
        str, typer.Option(help="insoles, cadence_cue, shoes, new_shoes, arch_supports_all_day, back_extensions")
    ],
    out: Annotated[Path, typer.Option(help="Where the plan is written (JSON): keep it, the verdict reads it")],
    weeks: Annotated[int, typer.Option(min=2, max=26)] = 8,
    runs_per_week: Annotated[float, typer.Option(min=1, max=14)] = 3.5,
    seed: Annotated[int | None, typer.Option(help="Recorded in the plan; drawn when not given")] = None,
    start: Annotated[str | None, typer.Option(help="First day, YYYY-MM-DD (default: tomorrow)")] = None,
) -> None:
    """Draw the schedule before day 1, with its seed, outcome and decision rule written down."""
    from backstride.errors import BackstrideError
    from backstride.nof1.design import ALPHA, plan

    try:
        design = plan(change, weeks=weeks, runs_per_week=runs_per_week, seed=seed)
        first = date.fromisoformat(start) if start else date.today() + timedelta(days=1)
    except (BackstrideError, ValueError) as exc:
        raise fail(exc) from None
    schedule = design.schedule().tolist()
    unit = "run" if design.kind == "per_run" else "day"
    rule = (f"one-sided randomisation test on {design.outcome.replace('_', ' ')}: 'helps' when p <= {ALPHA} "
            "and the estimate is a benefit; the size from an AR(1) regression with distance")  # fmt: skip
    record = {"change": change, "start": first.isoformat(), **asdict(design), "schedule": schedule,
              "schedules_possible": design.count, "smallest_p": design.smallest_p, "decision_rule": rule}  # fmt: skip
    out.write_text(json.dumps(record, indent=2))
    console.print(f"{change}: {design.kind.replace('_', ' ')} design, {design.units} {unit}s, seed {design.seed}")
    console.print(f"{design.count:,} schedules were possible: the smallest p-value this design can reach is "
                  f"{design.smallest_p:.2g}")  # fmt: skip
    if design.weaker:
        console.print("An AB design: weaker evidence (a slow recovery over the weeks looks like an effect).")
    if design.washout_days:
        console.print(
            f"The first {design.washout_days} day(s) of each phase are wash-out: log them, they are not analysed."
        )
    console.print(f"Decision rule: {rule}")
    label = {0: "A (as usual)", 1: "B (the change)"}
    for i, v in enumerate(schedule[: min(len(schedule), 14)]):
        when = f"run {i + 1}" if unit == "run" else (first + timedelta(days=i)).isoformat()
        console.print(f"  {when}: {label[v]}")
    console.print(f"plan written to {out} (the whole schedule)")


@experiment.command("verdict")
def verdict_command(
    plan_file: Annotated[Path, typer.Argument(help="The plan JSON from 'experiment plan'")],
    pain: Annotated[
        str, typer.Option(help="The primary outcome per unit, comma-separated; leave a gap for a missing log")
    ],
    distance_km: Annotated[str | None, typer.Option(help="Distance per unit, comma-separated")] = None,
    picture: Annotated[Path | None, typer.Option(help="Write the verdict's pictures here (PNG)")] = None,
) -> None:
    """The verdict: randomisation test, effect size with its interval, and what it means."""
    import numpy as np

    from backstride.nof1.analysis import verdict
    from backstride.nof1.design import Design

    try:
        record = json.loads(plan_file.read_text())
        fields = {k: record[k] for k in Design.__dataclass_fields__ if k in record}
        design = Design(**fields)
        y = _numbers(pain, design.units, "pain")
        d = _numbers(distance_km, design.units, "distance") if distance_km else None
    except (OSError, ValueError, KeyError) as exc:
        raise fail(exc) from None
    schedule = np.array(record["schedule"])
    v = verdict(design, schedule, y, d)
    console.print(v.text(), highlight=False)
    if picture is not None:
        from backstride.nof1.plots import verdict_png

        verdict_png(design, schedule, y, v, picture)
        console.print(f"pictures written to {picture}")


@experiment.command("today")
def today_command(
    plan_file: Annotated[Path, typer.Argument(help="The plan JSON from 'experiment plan'")],
    run_number: Annotated[int | None, typer.Option("--run", help="Run by run: which run this is (1, 2, ...)")] = None,
) -> None:
    """What today (or this run) is, A or B, and what to log."""
    try:
        record = json.loads(plan_file.read_text())
        schedule = record["schedule"]
        if record["kind"] == "per_run":
            if run_number is None:
                raise ValueError("a run-by-run plan: say which run this is with --run")
            index, when = run_number - 1, f"run {run_number}"
        else:
            index = (date.today() - date.fromisoformat(record["start"])).days
            when = f"today (day {index + 1})"
        if not 0 <= index < len(schedule):
            raise ValueError(f"{when} is outside the plan ({len(schedule)} {record['kind'].replace('_', ' ')} units)")
    except (OSError, ValueError, KeyError) as exc:
        raise fail(exc) from None
    what = "B: " + record["change"].replace("_", " ") if schedule[index] else "A: as usual (without the change)"
    console.print(f"{when}: {what}", highlight=False)
    washout = record["kind"] == "phases" and index % record["phase_days"] < record["washout_days"]
    if washout:
        console.print("A wash-out day: log it anyway (it is not analysed).")
    console.print(f"Log: distance, and {record['outcome'].replace('_', ' ')} (0-10).")


def _numbers(text: str, n: int, what: str):
    import numpy as np

    values = [float(x) if x.strip() else np.nan for x in text.split(",")]
    if len(values) != n:
        raise ValueError(f"{what}: {len(values)} values for {n} units of the plan")
    return np.array(values)


Who = Annotated[str, typer.Option("--runner", help="The runner's name (or id) in the app's data folder")]
Create = Annotated[bool, typer.Option("--create", help="Add the runner when there is none of that name")]


def _line(r) -> str:
    pains = (("during", r.pain_during), ("after", r.pain_after), ("next morning", r.pain_next_morning))
    cadence = f"{r.cadence_spm:.0f} steps/min  " if r.cadence_spm else ""
    return f"{r.started_at:%Y-%m-%d}  {r.distance_km or 0:6.2f} km  {cadence}" + " ".join(
        f"{k} {v:g}" for k, v in pains if v is not None
    )


def _web():
    from backstride.settings import web_from_environment

    return web_from_environment()


@log.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="FIT, TCX or GPX files from a watch")],
    runner: Who,
    create: Create = False,
) -> None:
    """Read runs from a watch's files into the log: date, distance, time, cadence (steps/min)."""
    from backstride.errors import BackstrideError
    from backstride.runlog.imports import RunImportError, read_any
    from backstride.web.logbook import import_runs, opened, runner_for

    bad, found = 0, []
    for path in files:
        try:
            runs = read_any(path)
        except RunImportError as exc:
            console.print(f"[red]refused[/] {exc}", highlight=False)
            bad += 1
            continue
        for r in runs:
            if r.sport not in (None, "running"):
                console.print(f"skipped {r.source}: not a run ({r.sport})", highlight=False)
            else:
                found.append(r)
    try:
        with opened(_web()) as s:
            added, skipped = import_runs(s, runner_for(s, runner, create), found)
    except BackstrideError as exc:
        raise fail(exc) from None
    for r in found:
        cadence = f"{r.cadence_spm:.1f} steps/min" if r.cadence_spm else "no cadence"
        km = f"{r.distance_m / 1000:.2f} km" if r.distance_m is not None else "no distance"
        console.print(f"{r.start_utc:%Y-%m-%d %H:%M} UTC  {km}  {cadence}  ({r.source})", highlight=False)
    console.print(f"{added} run(s) added to the log, {skipped} already there")
    if bad:
        raise typer.Exit(2)


@log.command("add")
def add_command(
    runner: Who,
    distance_km: Annotated[float, typer.Option(min=0.01, max=400)],
    when: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now)")] = None,
    duration_min: Annotated[float | None, typer.Option(min=1, max=1440)] = None,
    shoes: Annotated[str | None, typer.Option()] = None,
    insoles: Annotated[bool | None, typer.Option("--insoles/--no-insoles")] = None,
    cue: Annotated[str | None, typer.Option(help="A cadence cue used on this run, e.g. 'metronome 175'")] = None,
    pain_during: Annotated[float | None, typer.Option(min=0, max=10)] = None,
    pain_after: Annotated[float | None, typer.Option(min=0, max=10)] = None,
    pain_next_morning: Annotated[float | None, typer.Option(min=0, max=10)] = None,
    create: Create = False,
) -> None:
    """Log a run with its pain (0-10) during, after and the next morning."""
    from datetime import datetime

    from backstride.errors import BackstrideError
    from backstride.web.logbook import add_run, opened, runner_for

    try:
        started = datetime.fromisoformat(when) if when else datetime.now()
        with opened(_web()) as s:
            add_run(s, runner_for(s, runner, create), started.astimezone(), distance_km=distance_km,
                    duration_min=duration_min, shoes=shoes, insoles=insoles, cadence_cue=cue,
                    pain_during=pain_during, pain_after=pain_after, pain_next_morning=pain_next_morning)  # fmt: skip
    except (BackstrideError, ValueError) as exc:
        raise fail(exc) from None
    console.print(f"logged {distance_km:g} km on {started:%Y-%m-%d}")


@log.command("morning")
def morning_command(
    runner: Who,
    pain: Annotated[float, typer.Option(min=0, max=10, help="Pain on waking, 0-10")],
    day: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default: today)")] = None,
) -> None:
    """Log next-morning pain on a day without a run."""
    from backstride.errors import BackstrideError
    from backstride.web.logbook import add_morning, find_runner, opened

    try:
        when = date.fromisoformat(day) if day else date.today()
        with opened(_web()) as s:
            add_morning(s, find_runner(s, runner), when, pain)
    except (BackstrideError, ValueError) as exc:
        raise fail(exc) from None
    console.print(f"logged morning pain {pain:g} on {when}")


@log.command("show")
def show_command(runner: Who) -> None:
    """The log, and the training-load answers the questionnaire takes from it."""
    from backstride.errors import BackstrideError
    from backstride.runlog.load import training_load
    from backstride.web.logbook import find_runner, opened, runs_of

    try:
        with opened(_web()) as s:
            rows = runs_of(s, find_runner(s, runner))
            lines = [_line(r) for r in rows]
            load = training_load([(r.started_at.date(), r.distance_km) for r in rows], date.today())
    except BackstrideError as exc:
        raise fail(exc) from None
    for line in lines or ["no runs logged yet"]:
        console.print(line, highlight=False)
    if load:
        console.print("For the questionnaire: " + "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in load.items()),
                      highlight=False)  # fmt: skip
