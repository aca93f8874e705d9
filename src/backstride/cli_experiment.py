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
    v = verdict(design, np.array(record["schedule"]), y, d)
    console.print(v.text(), highlight=False)


def _numbers(text: str, n: int, what: str):
    import numpy as np

    values = [float(x) if x.strip() else np.nan for x in text.split(",")]
    if len(values) != n:
        raise ValueError(f"{what}: {len(values)} values for {n} units of the plan")
    return np.array(values)


@log.command("import")
def import_command(files: Annotated[list[Path], typer.Argument(help="FIT files from a watch")]) -> None:
    """Read runs from a watch's FIT files: date, distance, time, cadence (steps/min)."""
    from backstride.runlog.imports import RunImportError, read_fit

    bad = 0
    for path in files:
        try:
            runs = read_fit(path)
        except RunImportError as exc:
            console.print(f"[red]refused[/] {exc}", highlight=False)
            bad += 1
            continue
        for r in runs:
            cadence = f"{r.cadence_spm:.1f} steps/min" if r.cadence_spm else "no cadence"
            km = f"{r.distance_m / 1000:.2f} km" if r.distance_m is not None else "no distance"
            minutes = f"{r.duration_s / 60:.1f} min" if r.duration_s else ""
            console.print(
                f"{r.start_utc:%Y-%m-%d %H:%M} UTC  {km}  {minutes}  {cadence}  ({r.source})", highlight=False
            )
    if bad:
        raise typer.Exit(2)
