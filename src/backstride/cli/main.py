"""Command line: flags in, one library call, exit code out.

Exit codes: 0 done, 2 bad input (one-line message, nothing written), 1 a bug.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from backstride.cli.batch import batch
from backstride.cli.check import check
from backstride.cli.common import (
    RUNNER_HELP,
    DataDir,
    console,
    fail,
    plain_help_placeholders,
    store_at,
)
from backstride.cli.demo import demo
from backstride.cli.experiment import experiment
from backstride.cli.log import log
from backstride.cli.models import models
from backstride.cli.run import print_written, raise_if_partial, report_options, run_analysis
from backstride.cli.serve import serve
from backstride.cli.show import print_summary
from backstride.cli.synth import synth
from backstride.cli.triage import print_after_analysis, print_screen, questionnaire, triage
from backstride.cli.users import users
from backstride.core.quiet import quiet_library_warnings
from backstride.errors import BackstrideError
from backstride.settings import from_environment

if TYPE_CHECKING:
    from backstride.core.analysis import ClipAnalysis
    from backstride.core.bodycheck import KeptSelfTests
    from backstride.core.experiments import ExperimentRecord
    from backstride.triage.questionnaire import Answers

plain_help_placeholders()
app = typer.Typer(add_completion=False, no_args_is_help=True, help="Running-gait analysis from video, offline.")


def _print_version(asked: bool) -> None:
    if asked:
        from backstride import __version__

        console.print(__version__)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,  # fmt: skip
) -> None:
    """Running-gait analysis from video, offline."""
    quiet_library_warnings()


@dataclass(frozen=True)
class RunnerOnFile:
    """What the runner's log adds to an analysis: self-experiments, filmed self-tests, and the
    self-test answers those give the plan."""

    experiments: list[ExperimentRecord]
    self_tests: KeptSelfTests | None
    filmed_answers: dict


def _runner_on_file(runner: str, data_dir: Path | None) -> RunnerOnFile:
    from backstride.store.bodychecks import checks_of, filmed_answers, kept_self_tests
    from backstride.store.experiments import report_records
    from backstride.store.logbook import find_runner, opened, today_of

    with opened(store_at(data_dir)) as s:
        found = find_runner(s, runner)
        kept = checks_of(s, found)
        return RunnerOnFile(report_records(s, found, today_of(found)), kept_self_tests(kept), filmed_answers(kept))


def _with_filmed(parsed: Answers | None, on_file: RunnerOnFile | None) -> Answers | None:
    """The answers with the runner's filmed self-tests where they typed none (store.bodychecks.with_filmed)."""
    if parsed is None or on_file is None or not on_file.filmed_answers:
        return parsed
    from backstride.store.bodychecks import with_filmed
    from backstride.triage.questionnaire import parse_answers

    merged = with_filmed(parsed.model_dump(mode="json", exclude_none=True), on_file.filmed_answers)
    return parse_answers(merged, source="your answers and your filmed self-tests")


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
    pose_backend: Annotated[
        str | None,
        typer.Option(
            "--pose-backend",
            help="blazepose (default: BlazePose run by LiteRT) or mediapipe (the same networks in mediapipe 0.10.21).",
        ),
    ] = None,
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
            "used instead of the pose model.",
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
    runner: Annotated[
        str | None,
        typer.Option("--runner", help=RUNNER_HELP + ": their self-experiments and filmed self-tests join the report"),
    ] = None,  # fmt: skip
    data_dir: DataDir = None,
) -> None:
    """Analyse the clips; write report.html, report.pdf, annotated videos, events.csv, steps.csv, summary.json."""
    settings = from_environment()  # read now: the environment may set the cache folder
    if no_cache:
        settings = replace(settings, pose=replace(settings.pose, cache_dir=None))
    if pose_backend is not None:
        settings = replace(settings, pose=replace(settings.pose, backend=_known_backend(pose_backend)))
    from backstride.triage import Action, load_answers, screen

    try:
        parsed = load_answers(answers) if answers else None  # refuse bad answers before any video work
        options = report_options(report, shoe_photo, slow, blur_face)
        on_file = _runner_on_file(runner, data_dir) if runner else None
        parsed = _with_filmed(parsed, on_file)
    except BackstrideError as exc:
        raise fail(exc) from None
    red = screen(parsed) if parsed is not None else None
    if red is not None:
        print_screen(red)  # the screen leads, before any video work
    if height_cm is None and parsed is not None:  # the questionnaire already asked it
        height_cm = parsed.person.height_cm
        console.print(f"height {height_cm:g} cm from your answers (for distances in cm)", highlight=False)
    try:
        assessed = run_analysis(
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
            experiments=on_file.experiments if on_file else None,
            self_tests=on_file.self_tests if on_file else None,
        )
    except BackstrideError as exc:
        raise fail(exc) from None
    clips = assessed.clips
    if red is not None and red.action == Action.EMERGENCY_NOW:
        from rich.markup import escape

        console.print(f"[bold]The plan is held back: seek care first.[/] Gait results are in {escape(str(out))}.")
        raise_if_partial(assessed)
        return
    if red is not None and parsed is not None:
        print_triage(parsed, clips)
    print_summary(clips)
    print_written(out, options)
    raise_if_partial(assessed)


def _known_backend(name: str) -> str:
    from backstride.errors import Invalid
    from backstride.pose.backend import BACKENDS

    if name not in BACKENDS:
        raise fail(Invalid(f"--pose-backend {name}: unknown; choose one of {', '.join(sorted(BACKENDS))}"))
    return name


def print_triage(parsed: Answers, clips: list[ClipAnalysis]) -> None:
    """The estimate (or why none is shown), the gait links and the plan, after an analysis: the
    same typed triage that summary.json and the report carry."""
    from backstride.advice.report import triage_report

    print_after_analysis(triage_report(parsed, clips))


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
    from backstride.metrics.registry import range_text

    console.print(f"  definition:   {definition}", highlight=False)
    console.print(f"  normal range: {range_text(normal_range)}", highlight=False)
    console.print(f"  source:       {source}", highlight=False)


app.command()(demo)
app.command()(synth)
app.command()(serve)
app.command()(batch)
app.command()(check)
app.add_typer(experiment, name="experiment")
app.add_typer(log, name="log")
app.add_typer(models, name="models")
app.add_typer(users, name="users")
app.command()(questionnaire)
app.command()(triage)


@app.command()
def version() -> None:
    """Print the version."""
    from backstride import __version__

    console.print(__version__)


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())
