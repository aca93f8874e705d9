"""One assessment from files to results: probe the clips, analyse each, write the result files.

What the CLI and the web app's workers both run; each passes its own way of showing progress
(a terminal's bars, a job's row in the database).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from backstride.core.experiments import ExperimentRecord
from backstride.core.kinds import Role
from backstride.settings import Settings

OnProbe = Callable[[str, object], None]  # (role, Probe)
OnFrames = Callable[[str, int], None]  # (role, frames done)
OnStage = Callable[[str], None]  # a stage of writing the results


def analyse_and_write(
    side: Path,
    rear: Path | None,
    out: Path,
    settings: Settings,
    *,
    height_cm: float | None = None,
    speed_kmh: float | None = None,
    answers=None,
    keypoints: dict | None = None,
    slowmo: dict | None = None,
    report=None,
    on_probe: OnProbe | None = None,
    on_frames: OnFrames | None = None,
    on_stage: OnStage | None = None,
    experiments: list[ExperimentRecord] | None = None,
):
    """Analyse the side clip (and the rear one) and write the results into ``out`` (``experiments``:
    the runner's self-experiments, web.experiments.report_records, carried into summary.json and the report)."""
    from backstride.app.output import check_writable, write_results
    from backstride.app.pipeline import analyse_clip
    from backstride.video import probe

    check_writable(out)
    jobs: list[tuple[Role, Path]] = [("side", side)]
    if rear:
        jobs.append(("rear", rear))
    for _, path in jobs:  # refuse a bad second clip before minutes spent on the first
        probe(path, settings.video)
    clips = []
    for role, path in jobs:
        probed = (lambda p, r=role: on_probe(r, p)) if on_probe else None
        frames = (lambda n, r=role: on_frames(r, n)) if on_frames else None
        clip_settings = replace(settings, video=replace(settings.video, slowmo_factor=(slowmo or {}).get(role)))
        clips.append(
            analyse_clip(
                path,
                role=role,
                height_cm=height_cm,
                settings=clip_settings,
                keypoints=(keypoints or {}).get(role),
                on_probe=probed,
                progress=frames,
            )
        )
    write_results(clips, out, height_cm=height_cm, speed_kmh=speed_kmh, answers=answers, report=report,
                  on_stage=on_stage, experiments=experiments)  # fmt: skip
    return clips
