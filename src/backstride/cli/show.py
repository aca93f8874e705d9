"""How results print in the terminal: the quality verdicts, the timing and form tables (human
names, 80 columns), the demo's truth table and the report's one screen."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from backstride.cli.common import console, short_name


def _form_table(clip) -> Table:
    from backstride.app.output import metric_summary
    from backstride.metrics.asymmetry import asymmetry
    from backstride.metrics.compute import format_feet
    from backstride.metrics.registry import range_text

    tilt = (
        "camera taken as level" if clip.camera_tilt_deg is None else f"roll {clip.camera_tilt_deg:+.1f} deg corrected"
    )
    table = Table(title=f"Form, {clip.view.view.value} view ({tilt})")
    table.add_column("metric")  # the name wraps on a narrow terminal; the values never do
    for col in ("left", "right", "R - L"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("normal", no_wrap=True)
    flagged = marked = False
    caveats: dict[str, None] = {}  # a known bias of the pose model, said once per metric
    withheld = clip.quality is not None and clip.quality.measurement_warns()
    for result in clip.metrics.values():
        if result.spec.view != ("side" if clip.view.view.is_side else "rear"):
            continue
        s = metric_summary(clip, result)
        a = (
            asymmetry(s.left, s.right, result.spec.unit, withheld="measurement warned" if withheld else None)
            if result.spec.show_value  # a category-only metric has no left/right difference in degrees
            else None
        )
        diff = "" if a is None else f"{a.right_minus_left:+.1f}{' *' if a.flagged else ''}"
        flagged |= bool(a and a.flagged)
        cells = [v + STATUS_MARK.get(s.foot(f).status, "") for v, f in zip(format_feet(s), ("left", "right"))]
        marked |= any(s.foot(f).status in STATUS_MARK for f in ("left", "right"))
        caveats |= {f"{result.spec.title}: {c}": None for f in ("left", "right") if (c := s.foot(f).caveat)}
        table.add_row(result.spec.title, *cells, diff, range_text(result.spec.normal_range))
    notes = ["! outside the normal range; ~ borderline (within its measurement error)"] if marked else []
    notes += [f"~ {c}" for c in caveats]
    if flagged:
        far = clip.view.view.far_leg
        notes.append(
            "* left/right difference beyond the measurement error and the step-to-step spread"
            + (f"; the {far} leg was the far leg: film the other side to confirm" if far else "")
        )
    if not clip.view.view.is_side and "pelvic_drop_deg" in clip.metrics:
        notes.append(
            "pelvic drop from the tape over the PSIS (bands: level < 5, moderate 5-6.4, pronounced >= 6.4 deg)"
            if getattr(clip, "markers", None) is not None
            else "pelvic drop from the hip keypoints (no tape found): under-reads, so a level value does not rule "
            "a drop out; put tape on the two dimples at the bottom of the back (README, How to film)"
        )
    if getattr(clip, "crossover", None) is not None:
        notes.append(crossover_line(clip.crossover))
    table.caption = "\n".join(notes) or None
    return table


def crossover_line(c) -> str:
    """The label-free step width in one line (metrics/crossover.py)."""
    w = c.per_foot()
    return (
        f"step width without the model's foot labels: left {w['left']:+.1f} / right {w['right']:+.1f} % of hip "
        f"width; {c.crossing_pct():.0f} % of {len(c.contacts)} steps cross the midline (feet told apart by the "
        f"{c.identity_from})"
    )


#: How the form table marks a value against its normal range.
STATUS_MARK = {"outside range": " !", "borderline": " ~"}


def print_verdicts(clips) -> None:
    """The clip quality verdict of each clip, first."""
    for clip in clips:
        if clip.quality is None:
            continue
        colour = {"ok": "green", "warnings": "yellow"}.get(clip.quality.verdict, "red")
        console.print(f"[bold {colour}]{clip.role}:[/] {clip.quality.one_line()}", highlight=False)
        console.print(f"  {clip.time_scale.describe()}", highlight=False)


def print_summary(clips) -> None:
    from backstride.metrics.spatiotemporal import TIMINGS

    for clip in clips:
        g = clip.gait
        table = Table(title=f"{clip.role}: {short_name(clip.probe.path.name, 32)} ({clip.view.view.value}, {g.gait})")
        table.add_column("timing", no_wrap=True)
        table.add_column("left", justify="right", no_wrap=True)
        table.add_column("right", justify="right", no_wrap=True)
        table.add_column("+/- (frame rate)", justify="right")
        table.add_row(
            TIMINGS["cadence_spm"].title, f"{g.cadence_spm:.1f}", "(both feet)", f"{g.cadence_uncertainty_spm:.1f}"
        )
        for key in ("contact_time_ms", "flight_time_ms", "step_time_ms", "duty_factor_pct"):
            cells = [g.per_foot[f][key] for f in ("left", "right")]
            if not any(cells):
                continue
            unc = next((c.uncertainty for c in cells if c), float("nan"))
            table.add_row(TIMINGS[key].title, *[f"{c.median:.0f}" if c else "n/a" for c in cells], f"{unc:.0f}")
        console.print(table)
        console.print(_form_table(clip))
        for w in clip.warnings:
            console.print(f"[yellow]note:[/] {w}", highlight=False)


def print_headline(summary_json: Path) -> None:
    """The report's one screen, in the terminal: built from summary.json as the report is."""
    from backstride.core.results import SummaryFile
    from backstride.report.content import build_content

    h = build_content(SummaryFile.model_validate_json(summary_json.read_text())).headline
    console.print("[bold]Where is the pain likely coming from?[/]")
    console.print(f"  {h.where or 'not answered (no questionnaire)'}", highlight=False)
    for line in (h.how_sure, h.settled_by):
        if line:
            console.print(f"  {line}", highlight=False)
    console.print("[bold]What to do first?[/]")
    console.print(f"  {h.first_step or 'answer the questionnaire for a plan'}", highlight=False)
    console.print(f"[bold]How you run:[/] {h.gait_line}", highlight=False)


def truth_table(analysed, truth) -> Table:
    from backstride.app.demo import truth_rows

    table = Table(title="Measured (median, left / right) beside the truth the generator put in")
    table.add_column("quantity", ratio=3)  # the words wrap; the numbers never do (80 columns, nothing cut)
    for col in ("measured", "truth"):
        table.add_column(col, no_wrap=True)
    table.add_column("within target?", ratio=2)  # a miss says why
    for quantity, *cells in truth_rows(analysed, truth):
        if not any(cells):
            table.add_row(f"[bold]{quantity}[/]", "", "", "")
        else:
            table.add_row(quantity, *cells)
    return table
