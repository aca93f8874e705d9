"""What analyze and demo share: the report's options, running the analysis with progress bars,
and saying where the files went."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.progress import TaskID

from backstride.cli_common import console, progress
from backstride.settings import Settings


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
            task = bar.add_task("pose", total=None, clip=f"{role}: {short_name(path.name)}")

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


def short_name(name: str, width: int = 24) -> str:
    return name if len(name) <= width else name[: width - 3] + "..."
