"""What analyze and demo share: the report's options, running the analysis with progress bars,
and saying where the files went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import TaskID

from backstride.cli.common import EXIT_PARTIAL, console, err_console, progress, short_name
from backstride.cli.show import print_verdicts
from backstride.settings import Settings

if TYPE_CHECKING:
    from backstride.app.assess import Assessed
    from backstride.core.bodycheck import KeptSelfTests
    from backstride.core.experiments import ExperimentRecord
    from backstride.core.results import ClipRefusal


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
    experiments: list[ExperimentRecord] | None = None,
    self_tests: KeptSelfTests | None = None,
) -> Assessed:
    """:func:`backstride.app.assess.analyse_and_write` with a progress bar per clip, each clip's
    verdict (or refusal) as soon as the clips are analysed, and a status line while the results
    are written."""
    from backstride.app.assess import analyse_and_write

    with progress() as bar:
        tasks: dict[str, TaskID] = {}

        def on_probe(role: str, p) -> None:
            tasks[role] = bar.add_task(
                "pose", total=p.n_frames or round(p.duration_s * p.fps), clip=f"{role}: {short_name(p.path.name)}"
            )

        def on_frames(role: str, n: int) -> None:
            bar.update(tasks[role], completed=n)

        def on_stage(stage: str) -> None:
            bar.console.print(f"writing {stage}", style="dim", highlight=False)

        def on_analysed(assessed: Assessed) -> None:
            print_verdicts(assessed.clips)
            print_refused(assessed.refused)

        return analyse_and_write(
            side,
            rear,
            out,
            settings,
            height_cm=height_cm,
            speed_kmh=speed_kmh,
            answers=answers,
            keypoints=keypoints,
            slowmo=slowmo,
            report=report,
            on_probe=on_probe,
            on_frames=on_frames,
            on_stage=on_stage,
            on_analysed=on_analysed,
            experiments=experiments,
            self_tests=self_tests,
        )


def print_refused(refused: list[ClipRefusal]) -> None:
    """Each clip that could not be measured, on its own line naming the clip, with the reason and advice."""
    from backstride.app.assess import clip_line

    for r in refused:
        err_console.print(f"[bold yellow]not measured:[/] {clip_line(r)}", highlight=False, soft_wrap=True)


def raise_if_partial(assessed: Assessed) -> None:
    """Exit with :data:`EXIT_PARTIAL` when a clip was refused: the results hold the rest."""
    if assessed.partial:
        roles = " and ".join(r.role for r in assessed.refused)
        err_console.print(
            f"partial result: the {roles} clip could not be measured (reason above); everything else was written",
            highlight=False,
        )
        raise typer.Exit(EXIT_PARTIAL)
