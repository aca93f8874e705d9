"""``backstride log``: the runner's log of runs and next-morning pain, in the app's data folder
(shared with the web app), typed or imported from a watch's or a site's export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from backstride.cli.common import DataDir, Runner, console, fail, store_at

log = typer.Typer(no_args_is_help=True, help="Your runs and pain: log them, import a watch's exports.")


Create = Annotated[bool, typer.Option("--create", help="Add the runner when there is none of that name")]
TimeZone = Annotated[str | None, typer.Option("--time-zone", help="With --create: the runner's time zone, e.g. "
                     "Europe/Paris (default: this machine's); the log's days are read in it")]  # fmt: skip


def _line(r) -> str:
    """One run: its id (for edit and remove), day, distance, time, cadence, shoes, insoles, cue, pain, source."""
    from backstride.store.logbook import day_of

    pains = (("during", r.pain_during), ("after", r.pain_after), ("next morning", r.pain_next_morning))
    parts = [
        f"{r.distance_km or 0:.2f} km",
        f"{r.duration_min:.0f} min" if r.duration_min else "",
        f"{r.cadence_spm:.0f} steps/min" if r.cadence_spm else "",
        f"shoes {r.shoes}" if r.shoes else "",
        {True: "insoles in", False: "insoles out"}.get(r.insoles, ""),
        f"cue {r.cadence_cue}" if r.cadence_cue else "",
        "pain " + ", ".join(f"{k} {v:g}" for k, v in pains if v is not None)
        if any(v is not None for _, v in pains)
        else "",
        f"({r.source})" if r.source != "typed" else "",
    ]
    return f"{r.id[:8]}  {day_of(r)}  " + "  ".join(p for p in parts if p)


def _mornings(s, runner) -> list[tuple[str, float]]:
    from sqlalchemy import select

    from backstride.store.models import MorningPain

    rows = s.scalars(select(MorningPain).where(MorningPain.runner_id == runner.id).order_by(MorningPain.day))
    return [(m.day.isoformat(), m.pain) for m in rows]


@log.command("import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="FIT, TCX or GPX files, or a Strava or Garmin Connect CSV")],
    runner: Runner,
    data_dir: DataDir = None,
    create: Create = False,
    miles: Annotated[bool, typer.Option("--miles", help="A Garmin CSV whose distances are in miles")] = False,
    time_zone: TimeZone = None,
) -> None:
    """Read runs from a watch's files or a site's export into the log: date, distance, time, cadence (steps/min)."""
    from backstride.errors import BackstrideError
    from backstride.runlog.zones import zone
    from backstride.store.logbook import import_runs, opened, runner_for

    try:
        with opened(store_at(data_dir)) as s:
            who = runner_for(s, runner, create, time_zone)
            found, bad = _read_runs(files, "mi" if miles else "km", zone(who.time_zone))
            result = import_runs(s, who, found)
    except BackstrideError as exc:
        raise fail(exc) from None
    for r in found:
        cadence = f"{r.cadence_spm:.1f} steps/min" if r.cadence_spm else "no cadence"
        km = f"{r.distance_m / 1000:.2f} km" if r.distance_m is not None else "no distance"
        console.print(f"{r.start_utc:%Y-%m-%d %H:%M} UTC  {km}  {cadence}  ({r.source})", highlight=False, markup=False)
    for line in result.merged:
        console.print(f"merged: {line}", highlight=False, markup=False)
    console.print(f"{result.added} run(s) added to the log, {len(result.merged)} merged into typed runs, "
                  f"{result.skipped} already there")  # fmt: skip
    if bad:
        raise typer.Exit(2)


def _read_runs(files: list[Path], distance_unit: str, local_zone) -> tuple[list, int]:
    """The runs in the files, each bad file refused on its own (named), walks and hikes left out."""
    from rich.markup import escape

    from backstride.runlog.imports import RunImportError, not_a_run, read_any

    bad, found = 0, []
    for path in files:
        try:
            runs = read_any(path, distance_unit=distance_unit, local_zone=local_zone)
        except RunImportError as exc:
            console.print(f"[red]refused[/] {escape(str(exc))}", highlight=False)
            bad += 1
            continue
        for r in runs:
            if why := not_a_run(r):
                console.print(f"skipped {r.source} ({r.start_utc:%Y-%m-%d}): {why}", highlight=False, markup=False)
            else:
                found.append(r)
    return found, bad


@log.command("zone")
def zone_command(
    runner: Runner,
    data_dir: DataDir = None,
    name: Annotated[str | None, typer.Argument(help="A new time zone, e.g. Europe/Paris (none: show it)")] = None,
) -> None:
    """Show the time zone the runner's log is kept in, or move it (runs logged before keep their day)."""
    from backstride.errors import BackstrideError
    from backstride.store.logbook import find_runner, opened, set_zone, zone_name

    try:
        with opened(store_at(data_dir)) as s:
            found = find_runner(s, runner)
            old = zone_name(found) if name is None else set_zone(found, name)
            now = zone_name(found)
    except BackstrideError as exc:
        raise fail(exc) from None
    if name is None:
        console.print(f"{runner}'s log is kept in {now}", highlight=False, markup=False)
    else:
        console.print(f"{runner}'s log moved from {old} to {now}: runs logged before keep their day; "
                      "new ones are read in the new zone", highlight=False, markup=False)  # fmt: skip


@log.command("add")
def add_command(
    runner: Runner,
    distance_km: Annotated[float, typer.Option(min=0.01, max=400, help="Distance run, km.")],
    data_dir: DataDir = None,
    when: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now)")] = None,
    duration_min: Annotated[float | None, typer.Option(min=1, max=1440, help="Time run, minutes.")] = None,
    shoes: Annotated[str | None, typer.Option(help="The shoes worn, e.g. 'Pegasus 39'.")] = None,
    insoles: Annotated[bool | None, typer.Option("--insoles/--no-insoles", help="Arch supports in or out.")] = None,
    cue: Annotated[str | None, typer.Option(help="A cadence cue used on this run, e.g. 'metronome 175'")] = None,
    pain_during: Annotated[float | None, typer.Option(min=0, max=10, help="Back pain while running, 0-10.")] = None,
    pain_after: Annotated[float | None, typer.Option(min=0, max=10, help="Back pain after the run, 0-10.")] = None,
    pain_next_morning: Annotated[
        float | None, typer.Option(min=0, max=10, help="Back pain on waking the next morning, 0-10.")
    ] = None,
    create: Create = False,
    time_zone: TimeZone = None,
) -> None:
    """Log a run with its pain (0-10) during, after and the next morning (the time in the runner's zone)."""
    from datetime import UTC, datetime

    from backstride.errors import BackstrideError
    from backstride.store.logbook import log_typed_run, opened, runner_for, typed_time

    try:
        with opened(store_at(data_dir)) as s:
            who = runner_for(s, runner, create, time_zone)
            started = typed_time(who, datetime.fromisoformat(when) if when else datetime.now(UTC))
            _, merged = log_typed_run(s, who, started, distance_km=distance_km,
                                      duration_min=duration_min, shoes=shoes, insoles=insoles, cadence_cue=cue,
                                      pain_during=pain_during, pain_after=pain_after,
                                      pain_next_morning=pain_next_morning)  # fmt: skip
    except (BackstrideError, ValueError) as exc:
        raise fail(exc) from None
    console.print(f"logged {distance_km:g} km on {started:%Y-%m-%d}" + (f": {merged}" if merged else ""))


@log.command("edit")
def edit_command(
    run_id: Annotated[str, typer.Argument(help="The run's id, or its start as 'log show' prints it")],
    runner: Runner,
    data_dir: DataDir = None,
    distance_km: Annotated[float | None, typer.Option(min=0.01, max=400, help="Distance run, km.")] = None,
    duration_min: Annotated[float | None, typer.Option(min=1, max=1440, help="Time run, minutes.")] = None,
    shoes: Annotated[str | None, typer.Option(help="The shoes worn, e.g. 'Pegasus 39'.")] = None,
    insoles: Annotated[bool | None, typer.Option("--insoles/--no-insoles", help="Arch supports in or out.")] = None,
    cue: Annotated[str | None, typer.Option(help="A cadence cue used on this run")] = None,
    pain_during: Annotated[float | None, typer.Option(min=0, max=10, help="Back pain while running, 0-10.")] = None,
    pain_after: Annotated[float | None, typer.Option(min=0, max=10, help="Back pain after the run, 0-10.")] = None,
    pain_next_morning: Annotated[
        float | None, typer.Option(min=0, max=10, help="Back pain on waking the next morning, 0-10.")
    ] = None,
) -> None:
    """Correct a logged run: only the values given change."""
    from backstride.errors import BackstrideError
    from backstride.store.logbook import edit_run, find_run, find_runner, opened

    try:
        with opened(store_at(data_dir)) as s:
            found = find_runner(s, runner)
            run = edit_run(find_run(s, found, run_id), distance_km=distance_km, duration_min=duration_min,
                           shoes=shoes, insoles=insoles, cadence_cue=cue, pain_during=pain_during,
                           pain_after=pain_after, pain_next_morning=pain_next_morning)  # fmt: skip
            line, note = _line(run), _in_finished_experiment(s, found, run)
    except BackstrideError as exc:
        raise fail(exc) from None
    console.print(f"changed: {line}", highlight=False, markup=False)
    if note:
        console.print(note, highlight=False)


@log.command("remove")
def remove_command(
    run_id: Annotated[str, typer.Argument(help="The run's id, or its start as 'log show' prints it")],
    runner: Runner,
    data_dir: DataDir = None,
) -> None:
    """Remove a run logged by mistake."""
    from backstride.errors import BackstrideError
    from backstride.store.logbook import find_run, find_runner, opened

    try:
        with opened(store_at(data_dir)) as s:
            found = find_runner(s, runner)
            run = find_run(s, found, run_id)
            line, note = _line(run), _in_finished_experiment(s, found, run)
            s.delete(run)
    except BackstrideError as exc:
        raise fail(exc) from None
    console.print(f"removed: {line}", highlight=False, markup=False)
    if note:
        console.print(note, highlight=False)


def _in_finished_experiment(s, runner, run) -> str | None:
    """A change to a run inside a finished experiment is said: its verdict now reads the changed log."""
    from datetime import date

    from backstride.store import experiments
    from backstride.store.logbook import day_of, today_of

    day = day_of(run)
    for exp in experiments.of_runner(s, runner):
        inside = date.fromisoformat(exp.plan["start"]) <= day <= date.fromisoformat(exp.plan["end"])
        if inside and experiments.is_finished(s, exp, today_of(runner)):
            return (f"Note: this run is inside the finished experiment on {exp.change.replace('_', ' ')} "
                    f"({exp.plan['start']} to {exp.plan['end']}): a change to a finished experiment; its verdict "
                    "now reads the changed log.")  # fmt: skip
    return None


@log.command("morning")
def morning_command(
    runner: Runner,
    pain: Annotated[float, typer.Option(min=0, max=10, help="Pain on waking, 0-10")],
    data_dir: DataDir = None,
    day: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default: today)")] = None,
) -> None:
    """Log next-morning pain on a day without a run."""
    from backstride.errors import BackstrideError
    from backstride.store.logbook import add_morning, find_runner, opened, today_of

    try:
        with opened(store_at(data_dir)) as s:
            found = find_runner(s, runner)
            when = date.fromisoformat(day) if day else today_of(found)
            add_morning(s, found, when, pain)
    except (BackstrideError, ValueError) as exc:
        raise fail(exc) from None
    console.print(f"logged morning pain {pain:g} on {when}")


@log.command("show")
def show_command(runner: Runner, data_dir: DataDir = None) -> None:
    """The log, and the training-load answers the questionnaire takes from it."""
    from backstride.errors import BackstrideError
    from backstride.store.logbook import find_runner, load_of, opened, runs_of, zone_name

    try:
        with opened(store_at(data_dir)) as s:
            found = find_runner(s, runner)
            rows, zone = runs_of(s, found), zone_name(found)
            lines = [_line(r) for r in rows]
            load = load_of(s, found, rows)
            mornings = _mornings(s, found)
    except BackstrideError as exc:
        raise fail(exc) from None
    for line in lines or ["no runs logged yet"]:
        console.print(line, highlight=False)
    if mornings:
        console.print("Pain on waking: " + "; ".join(f"{d} {p:g}" for d, p in mornings), highlight=False)
    if load:
        console.print("For the questionnaire: " + "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in load.items()),
                      highlight=False)  # fmt: skip
    console.print(f"Days in {zone}, the runner's time zone ('backstride log zone' moves it)", highlight=False)


@log.command("checks")
def checks_command(runner: Runner, data_dir: DataDir = None) -> None:
    """The runner's filmed self-tests and form checks, and each re-test's change against the first."""
    from backstride.bodycheck.catalogue import RENDER_ERRORS, TESTS, UNITS
    from backstride.bodycheck.ratios import mcgill_ratios, said
    from backstride.bodycheck.trend import Measured, changes
    from backstride.errors import BackstrideError
    from backstride.store.bodychecks import checks_of
    from backstride.store.logbook import find_runner, opened

    try:
        with opened(store_at(data_dir)) as s:
            rows = [
                Measured(c.test, c.leg, c.local_date, c.value, c.at_least) for c in checks_of(s, find_runner(s, runner))
            ]
    except BackstrideError as exc:
        raise fail(exc) from None
    if not rows:
        console.print("no self-tests kept yet ('backstride check CLIP --test NAME --runner NAME' keeps one)")
        return
    for m in rows:
        test = TESTS[m.test]
        leg = f" {m.leg}" if m.leg else ""
        console.print(f"{m.day}  {test.title}{leg}: {'at least ' if m.at_least else ''}{m.value:.1f} {test.unit}",
                      highlight=False)  # fmt: skip
    for c in changes(rows, RENDER_ERRORS, UNITS):
        leg = f" {c.leg}" if c.leg else ""
        console.print(f"{TESTS[c.test].title}{leg}, {c.first.day} to {c.last.day}: {c.verdict}", highlight=False)
    for r in mcgill_ratios(rows):
        console.print(said(r), highlight=False)
