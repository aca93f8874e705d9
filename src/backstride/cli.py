"""Command line: flags in, one library call, exit code out.

Exit codes: 0 done, 2 bad input (one-line message, nothing written), 1 a bug.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from backstride.errors import BackstrideError
from backstride.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Running-gait analysis from video, offline.")
console = Console()
err_console = Console(stderr=True)
_terminal_err: Console | None = None


def progress_console() -> Console:
    """Where progress bars go: a copy of the terminal's stderr, which stays open while the pose
    model points the process's own stderr at /dev/null to hide its native log lines."""
    global _terminal_err
    try:
        real = sys.stderr.fileno() == 2
    except (AttributeError, OSError, ValueError):  # captured (tests): write where stderr goes
        real = False
    if not real:
        return err_console
    if _terminal_err is None:
        _terminal_err = Console(file=os.fdopen(os.dup(2), "w", buffering=1), stderr=True)
    return _terminal_err

EXIT_BAD_INPUT = 2


@app.command()
def analyze(
    side: Annotated[Path, typer.Argument(help="Side-view clip (runner filmed from the side).")],
    rear: Annotated[Path | None, typer.Option("--rear", help="Rear-view clip (filmed from behind).")] = None,
    height_cm: Annotated[float | None, typer.Option("--height-cm", min=50, max=250,
                                                       help="Runner's height, for distances in cm.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Results folder.")] = Path("results"),
    speed_kmh: Annotated[float | None, typer.Option("--speed-kmh", min=3, max=40,
                                                       help="Treadmill speed, for step length.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not reuse or store keypoints.")] = False,
    answers: Annotated[Path | None, typer.Option("--answers", help="Questionnaire answers, to join triage "
                                                                     "and a plan to the gait analysis.")] = None,
) -> None:
    """Find foot strikes and toe-offs; write events.csv, steps.csv and summary.json."""
    settings = Settings()  # read now: the environment may set the cache folder
    if no_cache:
        settings = replace(settings, pose=replace(settings.pose, cache_dir=None))
    from backstride.triage import load_answers, screen

    try:
        parsed = load_answers(answers) if answers else None  # refuse bad answers before any video work
    except BackstrideError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    red = screen(parsed) if parsed is not None else None
    if red is not None:
        print_screen(red)  # the screen leads, before any video work
    try:
        clips = run_analysis(side, rear, height_cm, out, settings, speed_kmh=speed_kmh, answers=parsed)
    except BackstrideError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if red is not None and red.action.name == "EMERGENCY_NOW":
        console.print(f"[bold]The plan is held back: seek care first.[/] Gait results are in {out}.")
        return
    if red is not None:
        from backstride.advice import make_plan
        from backstride.advice.report import gait_findings, gait_links
        from backstride.triage import estimate

        est = estimate(parsed) if parsed.pain.has_pain else None
        if est is not None:
            print_estimate(est)
            for link in gait_links(gait_findings(clips)):
                console.print(f"  gait: {link}", highlight=False)
        print_plan(make_plan(parsed, red, est, gait_findings(clips)))
    print_summary(clips)
    console.print(f"results written to [bold]{out}[/]: events.csv, steps.csv, summary.json")


def run_analysis(side: Path, rear: Path | None, height_cm: float | None, out: Path, settings: Settings,
                 *, speed_kmh: float | None = None, answers=None):
    from backstride.output import check_writable, write_results
    from backstride.pipeline import analyse_clip
    from backstride.video import probe

    check_writable(out)
    jobs = [("side", side)] + ([("rear", rear)] if rear else [])
    for _, path in jobs:  # refuse a bad second clip before minutes spent on the first
        probe(path, settings.video)
    clips = []
    for role, path in jobs:
        with _progress() as bar:
            task = bar.add_task("pose", total=None, clip=f"{role}: {_short(path.name)}")
            clips.append(analyse_clip(
                path, role=role, height_cm=height_cm, settings=settings,
                on_probe=lambda p, t=task: bar.update(t, total=p.n_frames or round(p.duration_s * p.fps)),
                progress=lambda n, t=task: bar.update(t, completed=n),
            ))
    write_results(clips, out, height_cm=height_cm, speed_kmh=speed_kmh, answers=answers)
    return clips


class FrameRateColumn(ProgressColumn):
    """Frames decoded and posed per second."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:4.0f} fps" if task.speed else " ... fps", style="cyan")


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.fields[clip]}"), BarColumn(bar_width=20), MofNCompleteColumn(),
        FrameRateColumn(), TimeRemainingColumn(),
        console=progress_console(),
    )


def _form_table(clip) -> Table:
    from backstride.metrics.asymmetry import asymmetry
    from backstride.metrics.compute import format_feet, summarise

    tilt = ("camera taken as level" if clip.camera_tilt_deg is None
            else f"camera tilt {clip.camera_tilt_deg:+.1f} deg corrected")
    table = Table(title=f"form ({clip.view.view.value}; {tilt})")
    for col in ("metric", "left", "right", "R - L", "status (L / R)", "normal range"):
        table.add_column(col, justify="right" if col in ("left", "right", "R - L") else "left")
    flagged = False
    for name, result in clip.metrics.items():
        if result.spec.view != ("side" if clip.view.view.is_side else "rear"):
            continue
        s = summarise(result, clip.gait.steps)
        a = asymmetry(s["left"], s["right"], result.spec.unit)
        diff = "" if a is None else f"{a['right_minus_left']:+.1f}{' *' if a['flagged'] else ''}"
        flagged |= bool(a and a["flagged"])
        status = " / ".join(s[f]["status"] for f in ("left", "right"))
        table.add_row(f"{name} ({result.spec.unit})", *format_feet(s), diff, status,
                      _range_text(result.spec.normal_range))
    if flagged:
        far = clip.view.view.far_leg
        table.caption = ("* left/right difference beyond the measurement error and the step-to-step spread"
                         + (f"; the {far} leg was the far leg: film the other side to confirm" if far else ""))
    return table


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 3] + "..."


def print_summary(clips) -> None:
    for clip in clips:
        g = clip.gait
        table = Table(title=f"{clip.role}: {clip.probe.path.name} - {clip.view.view.value}, {g.gait}")
        table.add_column("metric")
        table.add_column("left", justify="right")
        table.add_column("right", justify="right")
        table.add_column("+/- (frame rate)", justify="right")
        table.add_row("cadence (steps/min)", f"{g.cadence_spm:.1f}", "", f"{g.cadence_uncertainty_spm:.1f}")
        for key, label in (("contact_time_ms", "contact time (ms)"), ("flight_time_ms", "flight time (ms)"),
                           ("step_time_ms", "step time (ms)"), ("duty_factor_pct", "duty factor (%)")):
            cells = [g.per_foot[f][key] for f in ("left", "right")]
            unc = next((c.uncertainty for c in cells if c), float("nan"))
            table.add_row(label, *[f"{c.median:.0f} (IQR {c.iqr:.0f})" if c else "n/a" for c in cells], f"{unc:.0f}")
        console.print(table)
        console.print(_form_table(clip))
        for w in clip.warnings:
            console.print(f"[yellow]note:[/] {w}", highlight=False)


@app.command("metrics")
def list_metrics() -> None:
    """List every metric: name, unit, view, definition, normal range and source."""
    from backstride.metrics.compute import REGISTRY

    for spec in REGISTRY.values():
        console.print(f"[bold]{spec.name}[/] ({spec.unit}, {spec.view} view)", highlight=False)
        console.print(f"  definition:   {spec.definition}", highlight=False)
        console.print(f"  normal range: {_range_text(spec.normal_range)}", highlight=False)
        console.print(f"  source:       {spec.source}", highlight=False)
        if spec.min_fps:
            console.print(f"  frame rate:   at least {spec.min_fps:g} fps (read at one instant)", highlight=False)


def _range_text(normal_range) -> str:
    if normal_range is None:
        return "none published"
    lo, hi = normal_range
    return f">= {lo:g}" if hi is None else f"<= {hi:g}" if lo is None else f"{lo:g} to {hi:g}"


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Results folder.")] = Path("results") / "demo",
) -> None:
    """Render a synthetic runner with known faults, analyse it, print the result beside the truth."""
    import json

    from backstride.demo import DEMO_PARAMS, render_demo

    settings = replace(Settings(), pose=replace(Settings().pose, cache_dir=None))
    with _progress() as bar:
        tasks: dict[str, int] = {}

        def step(role: str, i: int, n: int) -> None:
            if role not in tasks:
                tasks[role] = bar.add_task("render", total=n, clip=f"render {role}")
            bar.update(tasks[role], completed=i)

        clips = render_demo(Path(out) / "clips", progress=step)
    try:
        analysed = run_analysis(clips["side"], clips["rear"], DEMO_PARAMS.height_m * 100, Path(out), settings)
    except BackstrideError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    print_summary(analysed)
    truth = {role: json.loads(p.with_suffix(".truth.json").read_text()) for role, p in clips.items()}
    console.print(_truth_table(analysed, truth))
    console.print(f"results written to [bold]{out}[/]; clips and their truth in {Path(out) / 'clips'}")


def _truth_table(analysed, truth) -> Table:
    from backstride.demo import truth_rows

    table = Table(title="measured (median, left / right) beside the truth the generator put in")
    for col in ("quantity", "measured", "truth", "within target?"):
        table.add_column(col)
    for row in truth_rows(analysed, truth):
        table.add_row(*row)
    return table


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder for the clip and its truth JSON.")] = Path("synthetic"),
    view: Annotated[str, typer.Option("--view", help="side-left, side-right or rear.")] = "side-left",
    fps: Annotated[float, typer.Option("--fps", min=10, max=480)] = 60.0,
    seconds: Annotated[float, typer.Option("--seconds", min=1, max=60)] = 6.0,
    cadence_spm: Annotated[float, typer.Option("--cadence-spm", min=120, max=230)] = 170.0,
    overstride_m: Annotated[float, typer.Option("--overstride-m", min=-0.1, max=0.5)] = 0.25,
    foot_strike_angle_deg: Annotated[float, typer.Option("--foot-strike-angle-deg", min=-20, max=35)] = 15.0,
    pelvic_drop_deg: Annotated[float, typer.Option("--pelvic-drop-deg", min=0, max=15)] = 4.0,
    step_width_m: Annotated[float, typer.Option("--step-width-m", min=-0.1, max=0.3)] = 0.08,
    trunk_lean_deg: Annotated[float, typer.Option("--trunk-lean-deg", min=-10, max=30)] = 6.0,
    tilt_deg: Annotated[float, typer.Option("--tilt-deg", min=-15, max=15)] = 0.0,
) -> None:
    """Render a synthetic runner with known kinematics (clip + truth JSON)."""
    from backstride.synth.clip import render_clip
    from backstride.synth.model import RunnerParams
    from backstride.synth.render import Camera

    if view not in ("side-left", "side-right", "rear"):
        err_console.print(f"[bold red]error:[/] --view must be side-left, side-right or rear, not {view!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    params = RunnerParams(cadence_spm=cadence_spm, overstride_m=overstride_m, trunk_lean_deg=trunk_lean_deg,
                          foot_strike_angle_deg=foot_strike_angle_deg, pelvic_drop_deg=pelvic_drop_deg,
                          step_width_m=step_width_m)
    clip = Path(out) / f"runner_{view}_{fps:g}fps.mp4"
    n = int(round(seconds * fps))
    with _progress() as bar:
        task = bar.add_task("render", total=n, clip=f"render: {clip.name}")
        truth = render_clip(params, Camera(view, tilt_deg=tilt_deg), clip, fps=fps, duration_s=seconds,
                            progress=lambda i: bar.update(task, completed=i))
    console.print(f"wrote {clip} and {truth}")


@app.command()
def questionnaire(
    out: Annotated[Path, typer.Option("--out", help="Where to write the answers (YAML).")] = Path("answers.yaml"),
) -> None:
    """Answer the symptom questionnaire in the terminal; writes a file for triage and analyze --answers."""
    import yaml

    from backstride.triage.form import run_form

    console.print("Answer each question; press Enter to skip an optional one. Red-flag questions need yes/no/unknown.")
    try:
        a = run_form(lambda q: typer.prompt(q, default="", show_default=False))
    except BackstrideError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    out.write_text(yaml.safe_dump(a.model_dump(mode="json"), sort_keys=False))
    console.print(f"answers written to {out}; next: backstride triage {out}")


@app.command()
def triage(
    answers: Annotated[Path, typer.Argument(help="Questionnaire answers (YAML or JSON).")],
) -> None:
    """Red-flag screen first, then where the pain likely comes from, with the evidence."""
    from backstride.advice import make_plan
    from backstride.advice.report import shoe_wear_notes
    from backstride.triage import estimate, load_answers, screen

    try:
        a = load_answers(answers)
    except BackstrideError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    s = screen(a)
    print_screen(s)
    if s.action.name == "EMERGENCY_NOW":
        console.print("[bold]The rest of the analysis is held back: seek care first.[/]")
        return
    est = estimate(a) if a.pain.has_pain else None
    if est is not None:
        print_estimate(est)
    for note in shoe_wear_notes(a):
        console.print(f"  shoe wear: {note}", highlight=False)
    print_plan(make_plan(a, s, est))


def print_plan(items) -> None:
    console.print("[bold]Your plan[/] (each item is an experiment you can test on yourself)")
    for n, item in enumerate(items, 1):
        console.print(f"[bold]{n}. {item.title}[/]", highlight=False)
        for label, text in (("what", item.what), ("how much", item.dose), ("evidence", item.evidence),
                            ("answers", item.answers), ("test it", item.self_test)):
            console.print(f"   {label}: {text}", highlight=False)


def print_screen(s) -> None:
    style = {"EMERGENCY_NOW": "bold white on red", "SEE_DOCTOR_WITHIN_DAYS": "bold black on yellow"}.get(
        s.action.name, "bold green")
    console.print(f"[{style}] {s.action.name.replace('_', ' ')} [/] {s.action.advice}", highlight=False)
    for f in s.flags:
        console.print(f"  - {f.answer}: possible {f.concern} ({f.source})", highlight=False)
    for u in s.unanswered:
        console.print(f"  - {u}: not answered, so not excluded: please answer it", highlight=False)
    console.print(f"  guideline: {s.guideline}", highlight=False)


def print_estimate(e) -> None:
    table = Table(title="Where the pain likely comes from (probability, and its range if the priors were "
                        "halved or doubled)")
    for col in ("source", "probability", "range", "prior"):
        table.add_column(col, justify="left" if col == "source" else "right")
    for k, v in sorted(e.probabilities.items(), key=lambda kv: -kv[1]):
        lo, hi = e.ranges[k]
        table.add_row(k.replace("_", " "), f"{100 * v:.0f} %", f"{100 * lo:.0f}-{100 * hi:.0f} %",
                      f"{100 * e.prior[k]:.0f} %")
    console.print(table)
    for ev in e.evidence:
        move = f"likelihood ratio {ev.likelihood_ratio:g}" if ev.likelihood_ratio else "consistent with (moves nothing)"
        console.print(f"  - {ev.answer} -> {ev.source.replace('_', ' ')}: {move}; {ev.citation}", highlight=False)
    for c in e.caveats:
        console.print(f"  note: {c}", highlight=False)


@app.command()
def version() -> None:
    """Print the version."""
    from backstride import __version__

    console.print(__version__)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
