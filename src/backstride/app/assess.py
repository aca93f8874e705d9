"""One assessment from files to results: probe the clips, analyse each, write the result files.

What the CLI and the web app's workers both run; each passes its own way of showing progress
(a terminal's bars, a job's row in the database).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from backstride.core.experiments import ExperimentRecord
from backstride.core.kinds import Role
from backstride.core.results import ClipRefusal
from backstride.errors import ClipRefused
from backstride.settings import Settings

if TYPE_CHECKING:
    from backstride.core.analysis import ClipAnalysis

OnProbe = Callable[[str, object], None]  # (role, Probe)
OnFrames = Callable[[str, int], None]  # (role, frames done)
OnStage = Callable[[str], None]  # a stage of writing the results
OnAnalysed = Callable[["Assessed"], None]  # every clip analysed or refused, before the results are written


@dataclass(frozen=True)
class Assessed:
    """What an assessment measured: the clips analysed and those refused (a partial result)."""

    clips: list[ClipAnalysis]
    refused: list[ClipRefusal]

    @property
    def partial(self) -> bool:
        return bool(self.refused)


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
    on_analysed: OnAnalysed | None = None,
    experiments: list[ExperimentRecord] | None = None,
) -> Assessed:
    """Analyse the side clip (and the rear one) and write the results into ``out`` (``experiments``:
    the runner's self-experiments, web.experiments.report_records, carried into summary.json and the report).

    A clip that cannot be measured is kept as a refusal beside the one that could (a partial
    result); when none can, the refusals are raised together, each naming its clip."""
    from backstride.app.output import check_writable, write_results
    from backstride.video import probe

    check_writable(out)
    jobs: list[tuple[Role, Path]] = [("side", side)]
    if rear:
        jobs.append(("rear", rear))
    for _, path in jobs:  # refuse a bad second clip before minutes spent on the first
        probe(path, settings.video)
    clips: list[ClipAnalysis] = []
    refused: list[ClipRefusal] = []
    kinds: list[type[ClipRefused]] = []
    for role, path in jobs:
        probed = (lambda p, r=role: on_probe(r, p)) if on_probe else None
        frames = (lambda n, r=role: on_frames(r, n)) if on_frames else None
        clip_settings = replace(settings, video=replace(settings.video, slowmo_factor=(slowmo or {}).get(role)))
        try:
            clips.append(_analysed(path, role, height_cm, clip_settings, (keypoints or {}).get(role), probed, frames))
        except ClipRefused as exc:
            refused.append(ClipRefusal(role=role, file=str(path), reason=str(exc)))
            kinds.append(type(exc))
    if not clips:  # nothing measured: the first clip's kind of refusal, every clip's reason
        raise kinds[0]("\n".join(clip_line(r) for r in refused))
    assessed = Assessed(clips, refused)
    if on_analysed:  # the verdicts before minutes of writing the report and videos
        on_analysed(assessed)
    write_results(clips, out, height_cm=height_cm, speed_kmh=speed_kmh, answers=answers, report=report,
                  on_stage=on_stage, experiments=experiments, refused=refused)  # fmt: skip
    return assessed


def _analysed(path, role, height_cm, settings, keypoints, on_probe, progress) -> ClipAnalysis:
    """One clip's analysis; a refusal's message is made to name the clip by its role and file."""
    from backstride.app.pipeline import analyse_clip, reason_of

    try:
        return analyse_clip(
            path, role=role, height_cm=height_cm, settings=settings, keypoints=keypoints, on_probe=on_probe,
            progress=progress,
        )  # fmt: skip
    except ClipRefused as exc:
        raise type(exc)(reason_of(str(exc), path)) from None


def clip_line(r: ClipRefusal) -> str:
    """A refusal on one line, naming the clip: "rear clip road.mp4: cannot be measured: ..."."""
    return f"{r.role} clip {r.file}: {r.reason}"
