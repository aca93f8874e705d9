"""One assessment from files to results: probe the clips, analyse each, write the result files.

What the CLI and the web app's workers both run; each passes its own way of showing progress
(a terminal's bars, a job's row in the database).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from backstride.core.bodycheck import KeptSelfTests
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
    self_tests: KeptSelfTests | None = None,
) -> Assessed:
    """Analyse the side clip (and the rear one) and write the results into ``out`` (``experiments``:
    the runner's self-experiments, web.experiments.report_records; ``self_tests``: their filmed
    self-tests, store.bodychecks.kept_self_tests; both carried into summary.json and the report).

    A clip that cannot be measured is kept as a refusal beside the one that could (a partial
    result); when none can, the refusals are raised together, each naming its clip."""
    from backstride.app.output import check_writable, staging_folder, write_results
    from backstride.video import probe

    check_writable(out)
    jobs: list[tuple[Role, Path]] = [("side", side)]
    if rear:
        jobs.append(("rear", rear))
    for _, path in jobs:  # refuse a bad second clip before minutes spent on the first
        probe(path, settings.video)
    from backstride.app.helper import helper_process

    made = [p for p in [Path(out), *Path(out).parents] if not p.exists()]  # deepest first
    staging = staging_folder(Path(out))
    drawn = (staging, report) if report is not None else None  # each clip's videos as soon as it is analysed
    with helper_process(settings) as helper, _removed_unless_used(staging, made):
        outcomes = _analyse_views(
            jobs, helper, height_cm, settings, keypoints or {}, slowmo or {}, on_probe, on_frames, drawn
        )
        clips = [o for o in outcomes if not isinstance(o, ClipRefused)]
        refused = [
            ClipRefusal(role=role, file=str(path), reason=str(o))
            for (role, path), o in zip(jobs, outcomes, strict=True)
            if isinstance(o, ClipRefused)
        ]
        if not clips:  # nothing measured: the first clip's kind of refusal, every clip's reason
            kind = next(type(o) for o in outcomes if isinstance(o, ClipRefused))
            refusal = kind("\n".join(clip_line(r) for r in refused))
            refusal.refusals = tuple(refused)
            raise refusal
        assessed = Assessed(clips, refused)
        if on_analysed:  # the verdicts before minutes of writing the report and videos
            on_analysed(assessed)
        write_results(clips, out, height_cm=height_cm, speed_kmh=speed_kmh, answers=answers, report=report,
                      on_stage=on_stage, experiments=experiments, refused=refused, helper=helper,
                      staging=staging, self_tests=self_tests)  # fmt: skip
    return assessed


@contextmanager
def _removed_unless_used(staging: Path, made: list[Path]) -> Iterator[None]:
    """``staging`` removed when the assessment stops before writing its results (write_results
    removes it otherwise), and the folders made for it (``made``, deepest first) while empty."""
    try:
        yield
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:
            with suppress(OSError):
                folder.rmdir()  # only an empty one
        raise


def _analyse_views(jobs, helper, height_cm, settings, keypoints, slowmo, on_probe, on_frames, drawn) -> list:
    """Each clip's analysis or refusal, in the order of ``jobs``: with a helper process, the rear
    clip there while the side clip is analysed here (its progress pumped with the side's).
    ``drawn``: (folder, report options) to write the annotated videos of each clip analysed here
    into as soon as it is analysed (while the helper's clip is still analysing; the helper draws
    its own clip's later, while the report is laid out here)."""

    def args(role: Role, path: Path, here: bool = True) -> tuple:
        clip_settings = replace(settings, video=replace(settings.video, slowmo_factor=slowmo.get(role)))
        return path, role, height_cm, clip_settings, keypoints.get(role), drawn if here else None

    def callbacks(role: Role) -> dict:
        return {
            "on_probe": (lambda p, r=role: on_probe(r, p)) if on_probe else None,
            "progress": (lambda n, r=role: on_frames(r, n)) if on_frames else None,
        }

    elsewhere = {}
    if helper is not None and len(jobs) > 1:
        role, path = jobs[-1]
        elsewhere[role] = helper.submit(_analysed, *args(role, path, here=False), **callbacks(role))
    outcomes: list = []
    for role, path in jobs:
        if role in elsewhere:
            outcomes.append(_outcome(partial(helper.wait, elsewhere[role])))
            continue
        here = callbacks(role)
        if elsewhere:  # the helper's progress shown as this clip's frames go by
            here["progress"] = _also_pumping(here["progress"], helper)
        outcomes.append(_outcome(partial(_analysed, *args(role, path), **here)))
    return outcomes


def _also_pumping(progress, helper):
    def both(n: int) -> None:
        if progress:
            progress(n)
        helper.pump()

    return both


def _outcome(analyse: Callable[[], ClipAnalysis]) -> ClipAnalysis | ClipRefused:
    try:
        return analyse()
    except ClipRefused as exc:
        return exc


def _analysed(path, role, height_cm, settings, keypoints, drawn=None, on_probe=None, progress=None) -> ClipAnalysis:
    """One clip's analysis (and its annotated videos, where ``drawn`` says where); a refusal's
    message is made to name the clip by its role and file."""
    from backstride.app.pipeline import analyse_clip, reason_of

    try:
        clip = analyse_clip(
            path, role=role, height_cm=height_cm, settings=settings, keypoints=keypoints, on_probe=on_probe,
            progress=progress,
        )  # fmt: skip
    except ClipRefused as exc:
        raise type(exc)(reason_of(str(exc), path)) from None
    if drawn is not None:
        from backstride.report import write_videos

        write_videos(clip, *drawn)
    return clip


def clip_line(r: ClipRefusal) -> str:
    """A refusal on one line, naming the clip: "rear clip road.mp4: cannot be measured: ..."."""
    return f"{r.role} clip {r.file}: {r.reason}"
