"""Command line: flags in, one library call, exit code out.

Exit codes: 0 done, 2 bad input (one-line message, nothing written), 1 a bug.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TaskID
from rich.table import Table

from backstride.cli_common import console, fail, progress
from backstride.cli_synth import synth
from backstride.cli_triage import print_estimate, print_plan, print_screen, questionnaire, triage
from backstride.errors import BackstrideError
from backstride.settings import Settings, from_environment

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Running-gait analysis from video, offline.")


@app.command()
def analyze(
    side: Annotated[Path, typer.Argument(help="Side-view clip (runner filmed from the side).")],
    rear: Annotated[Path | None, typer.Option("--rear", help="Rear-view clip (filmed from behind).")] = None,
    height_cm: Annotated[
        float | None, typer.Option("--height-cm", min=50, max=250, help="Runner's height, for distances in cm.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Results folder.")] = Path("results"),
    speed_kmh: Annotated[
        float | None, typer.Option("--speed-kmh", min=3, max=40, help="Treadmill speed, for step length.")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not reuse or store keypoints.")] = False,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Questionnaire answers, to join triage and a plan to the gait analysis."),
    ] = None,
    keypoints: Annotated[
        Path | None,
        typer.Option(
            "--keypoints",
            help="Another pose model's keypoints of the "
            "side clip (gaitlab.pose/v1 JSON or an OpenPose folder), "
            "used instead of mediapipe.",
        ),
    ] = None,
    rear_keypoints: Annotated[Path | None, typer.Option("--rear-keypoints", help="The same for the rear clip.")] = None,
    slowmo: Annotated[
        float | None,
        typer.Option(
            "--slowmo",
            min=1,
            max=64,
            help="Slow-motion factor of the side "
            "clip (capture fps / playback fps, e.g. 4 for 120 fps played at "
            "30); read from the file's metadata where it says.",
        ),
    ] = None,
    rear_slowmo: Annotated[
        float | None, typer.Option("--rear-slowmo", min=1, max=64, help="The same for the rear clip.")
    ] = None,
    shoe_photo: Annotated[
        list[Path] | None,
        typer.Option("--shoe-photo", help="A photo of your shoe soles, shown in the report (repeatable)."),
    ] = None,
    report: Annotated[
        bool, typer.Option("--report/--no-report", help="Write report.html, report.pdf and the annotated videos.")
    ] = True,
    slow: Annotated[
        float | None, typer.Option("--slow", min=1, max=16, help="Also write annotated videos slowed by this factor.")
    ] = None,
    blur_face: Annotated[bool, typer.Option("--blur-face", help="Blur the face in the annotated videos.")] = False,
) -> None:
    """Analyse the clips; write report.html, report.pdf, annotated videos, events.csv, steps.csv, summary.json."""
    settings = from_environment()  # read now: the environment may set the cache folder
    if no_cache:
        settings = replace(settings, pose=replace(settings.pose, cache_dir=None))
    from backstride.triage import load_answers, screen

    try:
        parsed = load_answers(answers) if answers else None  # refuse bad answers before any video work
        options = report_options(report, shoe_photo, slow, blur_face)
    except BackstrideError as exc:
        raise fail(exc) from None
    red = screen(parsed) if parsed is not None else None
    if red is not None:
        print_screen(red)  # the screen leads, before any video work
    if height_cm is None and parsed is not None:  # the questionnaire already asked it
        height_cm = parsed.person.height_cm
        console.print(f"height {height_cm:g} cm from your answers (for distances in cm)", highlight=False)
    try:
        clips = run_analysis(
            side,
            rear,
            height_cm,
            out,
            settings,
            speed_kmh=speed_kmh,
            answers=parsed,
            keypoints={"side": keypoints, "rear": rear_keypoints},
            slowmo={"side": slowmo, "rear": rear_slowmo},
            report=options,
        )
    except BackstrideError as exc:
        raise fail(exc) from None
    print_verdicts(clips)
    if red is not None and red.action.name == "EMERGENCY_NOW":
        console.print(f"[bold]The plan is held back: seek care first.[/] Gait results are in {out}.")
        return
    if red is not None and parsed is not None:
        from backstride.advice import make_plan
        from backstride.advice.report import doctor_first, gait_findings, gait_links
        from backstride.triage import estimate

        est = estimate(parsed) if parsed.pain.has_pain else None
        if est is not None:
            print_estimate(est, doctor_first(red))
            for link in gait_links(gait_findings(clips)):
                console.print(f"  gait: {link}", highlight=False)
        print_plan(make_plan(parsed, red, est, gait_findings(clips)))
    print_summary(clips)
    print_written(out, options)


def report_options(report: bool, photos: list[Path] | None, slow: float | None, blur_face: bool):
    """The report's options; shoe photos are checked now, by their content, before any video work."""
    from backstride.report import ReportOptions
    from backstride.report.html import shoe_photo

    for photo in photos or []:
        shoe_photo(photo)
    if not report:
        return None
    return ReportOptions(slow=slow, blur_face=blur_face, shoe_photos=tuple(photos or ()))


def print_written(out: Path, options) -> None:
    files = "events.csv, steps.csv, summary.json"
    if options is not None:
        console.print(f"report: [bold]{out / 'report.html'}[/] (print: {out / 'report.pdf'})", highlight=False)
        files += ", annotated videos"
    console.print(f"results written to [bold]{out}[/]: {files}", highlight=False)


def run_analysis(
    side: Path,
    rear: Path | None,
    height_cm: float | None,
    out: Path,
    settings: Settings,
    *,
    speed_kmh: float | None = None,
    answers=None,
    keypoints: dict | None = None,
    slowmo: dict | None = None,
    report=None,
):
    from backstride.output import check_writable, write_results
    from backstride.pipeline import analyse_clip
    from backstride.video import Probe, probe

    check_writable(out)
    jobs = [("side", side)] + ([("rear", rear)] if rear else [])
    for _, path in jobs:  # refuse a bad second clip before minutes spent on the first
        probe(path, settings.video)
    clips = []
    for role, path in jobs:
        clip_settings = replace(settings, video=replace(settings.video, slowmo_factor=(slowmo or {}).get(role)))
        with progress() as bar:
            task = bar.add_task("pose", total=None, clip=f"{role}: {_short(path.name)}")

            def on_probe(p: Probe, t: TaskID = task) -> None:
                bar.update(t, total=p.n_frames or round(p.duration_s * p.fps))

            def on_frames(n: int, t: TaskID = task) -> None:
                bar.update(t, completed=n)

            clips.append(
                analyse_clip(
                    path,
                    role=role,
                    height_cm=height_cm,
                    settings=clip_settings,
                    keypoints=(keypoints or {}).get(role),
                    on_probe=on_probe,
                    progress=on_frames,
                )
            )
    with console.status("writing results") as status:
        write_results(
            clips,
            out,
            height_cm=height_cm,
            speed_kmh=speed_kmh,
            answers=answers,
            report=report,
            on_stage=lambda stage: status.update(f"writing {stage}"),
        )
    return clips


def _form_table(clip) -> Table:
    from backstride.metrics.asymmetry import asymmetry
    from backstride.metrics.compute import format_feet, summarise

    tilt = (
        "camera taken as level" if clip.camera_tilt_deg is None else f"roll {clip.camera_tilt_deg:+.1f} deg corrected"
    )
    table = Table(title=f"Form, {clip.view.view.value} view ({tilt})")
    table.add_column("metric", no_wrap=True)
    for col in ("left", "right", "R - L"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("normal")
    flagged = marked = False
    withheld = clip.quality is not None and clip.quality.measurement_warns()
    for result in clip.metrics.values():
        if result.spec.view != ("side" if clip.view.view.is_side else "rear"):
            continue
        s = summarise(result, clip.gait.steps)
        a = asymmetry(s.left, s.right, result.spec.unit, withheld="measurement warned" if withheld else None)
        diff = "" if a is None else f"{a.right_minus_left:+.1f}{' *' if a.flagged else ''}"
        flagged |= bool(a and a.flagged)
        cells = [v + STATUS_MARK.get(s.foot(f).status, "") for v, f in zip(format_feet(s), ("left", "right"))]
        marked |= any(s.foot(f).status in STATUS_MARK for f in ("left", "right"))
        table.add_row(result.spec.title, *cells, diff, _range_text(result.spec.normal_range))
    notes = ["! outside the normal range; ~ borderline (within its measurement error)"] if marked else []
    if flagged:
        far = clip.view.view.far_leg
        notes.append(
            "* left/right difference beyond the measurement error and the step-to-step spread"
            + (f"; the {far} leg was the far leg: film the other side to confirm" if far else "")
        )
    table.caption = "\n".join(notes) or None
    return table


#: How the form table marks a value against its normal range.
STATUS_MARK = {"outside range": " !", "borderline": " ~"}


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 3] + "..."


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
        table = Table(title=f"{clip.role}: {_short(clip.probe.path.name, 32)} ({clip.view.view.value}, {g.gait})")
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


@app.command("metrics")
def list_metrics() -> None:
    """List every metric shown anywhere: name, unit, view, definition, normal range and source."""
    from backstride.metrics.compute import REGISTRY
    from backstride.metrics.spatiotemporal import TIMINGS

    for t in TIMINGS.values():
        console.print(f"[bold]{t.title}[/]  id {t.name}; side view (timings are withheld from behind)", highlight=False)
        _describe(t.definition, t.normal_range, t.source)
    for spec in REGISTRY.values():
        console.print(f"[bold]{spec.title}[/]  id {spec.name}; {spec.view} view", highlight=False)
        _describe(spec.definition, spec.normal_range, spec.source)
        if spec.min_fps:
            console.print(f"  frame rate:   at least {spec.min_fps:g} fps (read at one instant)", highlight=False)


def _describe(definition: str, normal_range, source: str) -> None:
    console.print(f"  definition:   {definition}", highlight=False)
    console.print(f"  normal range: {_range_text(normal_range)}", highlight=False)
    console.print(f"  source:       {source}", highlight=False)


def _range_text(normal_range) -> str:
    if normal_range is None:
        return "no norm"
    lo, hi = normal_range
    return f">= {lo:g}" if hi is None else f"<= {hi:g}" if lo is None else f"{lo:g} to {hi:g}"


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Results folder.")] = Path("results") / "demo",
) -> None:
    """The whole job on a built-in runner: render side and rear clips with known faults, answer a sample
    questionnaire, analyse, write the report and annotated videos, print the summary beside the truth."""
    import json

    import yaml

    from backstride.demo import DEMO_ANSWERS, DEMO_PARAMS, render_demo
    from backstride.output import check_writable
    from backstride.report import ReportOptions
    from backstride.triage import parse_answers

    settings = Settings()  # nothing cached: the demo's clips are rendered anew
    try:
        check_writable(Path(out))  # before the clips are rendered into it
    except BackstrideError as exc:
        raise fail(exc) from None
    with progress() as bar:
        tasks: dict[str, TaskID] = {}

        def step(role: str, i: int, n: int) -> None:
            if role not in tasks:
                tasks[role] = bar.add_task("render", total=n, clip=f"render {role}")
            bar.update(tasks[role], completed=i)

        clips = render_demo(Path(out) / "clips", progress=step)
    answers_file = Path(out) / "answers.yaml"
    answers_file.write_text(yaml.safe_dump(DEMO_ANSWERS, sort_keys=False))
    try:
        analysed = run_analysis(
            clips["side"],
            clips["rear"],
            DEMO_PARAMS.height_m * 100,
            Path(out),
            settings,
            answers=parse_answers(DEMO_ANSWERS, source=str(answers_file)),
            report=ReportOptions(),
        )
    except BackstrideError as exc:
        raise fail(exc) from None
    print_verdicts(analysed)
    print_summary(analysed)
    truth = {role: json.loads(p.with_suffix(".truth.json").read_text()) for role, p in clips.items()}
    console.print(_truth_table(analysed, truth))
    print_headline(Path(out) / "summary.json")
    console.print(f"sample questionnaire: {answers_file}; clips and their truth in {Path(out) / 'clips'}")
    print_written(Path(out), ReportOptions())


def print_headline(summary_json: Path) -> None:
    """The report's one screen, in the terminal: built from summary.json as the report is."""
    from backstride.report.content import build_content
    from backstride.results import SummaryFile

    h = build_content(SummaryFile.model_validate_json(summary_json.read_text())).headline
    console.print("[bold]Where is the pain likely coming from?[/]")
    console.print(f"  {h.where or 'not answered (no questionnaire)'}", highlight=False)
    for line in (h.how_sure, h.settled_by):
        if line:
            console.print(f"  {line}", highlight=False)
    console.print("[bold]What to do first?[/]")
    console.print(f"  {h.first_step or 'answer the questionnaire for a plan'}", highlight=False)
    console.print(f"[bold]How you run:[/] {h.gait_line}", highlight=False)


def _truth_table(analysed, truth) -> Table:
    from backstride.demo import truth_rows

    table = Table(title="Measured (median, left / right) beside the truth the generator put in")
    table.add_column("quantity", no_wrap=True)
    for col in ("measured", "truth", "within target?"):
        table.add_column(col, no_wrap=True)
    for quantity, *cells in truth_rows(analysed, truth):
        if not any(cells):
            table.add_row(f"[bold]{quantity}[/]", "", "", "")
        else:
            table.add_row(quantity, *cells)
    return table


app.command()(synth)
app.command()(questionnaire)
app.command()(triage)


@app.command()
def version() -> None:
    """Print the version."""
    from backstride import __version__

    console.print(__version__)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
