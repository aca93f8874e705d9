"""Write results: events.csv, steps.csv, summary.json. All or nothing.

Files are written into a fresh temporary folder beside the target and moved into place only
when every one of them is complete, so a failure never leaves a half-written results folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from backstride import __version__
from backstride.core.analysis import ClipAnalysis
from backstride.core.bodycheck import KeptSelfTests
from backstride.core.experiments import ExperimentRecord
from backstride.core.results import (
    Asymmetry,
    Cadence,
    Cleaning,
    ClipRefusal,
    ClipResult,
    CrossoverResult,
    MetricSummary,
    PelvisMarkers,
    QualityResult,
    SlowMotion,
    StepLength,
    SummaryFile,
    Timing,
    TriageResult,
    VideoInfo,
)
from backstride.core.trajectory import FEET
from backstride.errors import OutputError
from backstride.metrics.asymmetry import asymmetry
from backstride.metrics.compute import MetricResult, foot_medians, summarise, view_kind
from backstride.metrics.crossover import width_summary
from backstride.metrics.side import strike_pattern
from backstride.metrics.spatiotemporal import Stat

RESULT_FILES = ("events.csv", "steps.csv", "summary.json")


def check_writable(out_dir: Path) -> None:
    """Fail early (before minutes of pose estimation) when ``out_dir`` cannot be written."""
    out_dir = Path(out_dir)
    parent = out_dir if out_dir.exists() else _existing_parent(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder")
    if not parent.is_dir():
        raise OutputError(f"{out_dir}: cannot be created inside {parent}, which is a file")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: cannot write there (permission denied on {parent})")


def check_writable_file(path: Path) -> None:
    """Fail early when the file ``path`` cannot be written (its folder is made if missing)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{path}: cannot write there (permission denied)")
    parent = _existing_parent(path.parent)
    if not parent.is_dir():
        raise OutputError(f"{path}: cannot be created inside {parent}, which is a file")
    check_writable(path.parent)


def _existing_parent(path: Path) -> Path:
    for p in [path, *path.parents]:
        if p.exists():
            return p
    return Path.cwd()


def events_table(clips: list[ClipAnalysis]) -> pd.DataFrame:
    rows = []
    for clip in clips:
        for foot in FEET:
            ev = clip.gait.events[foot]
            for kind, times in (("foot_strike", ev.foot_strike_s), ("toe_off", ev.toe_off_s)):
                for t in times:
                    rows.append(
                        {
                            "clip": clip.role,
                            "foot": foot,
                            "event": kind,
                            "time_s": round(t, 4),
                            "frame": clip.trajectory.nearest_frame(t),
                        }
                    )
    df = pd.DataFrame(rows, columns=["clip", "foot", "event", "time_s", "frame"])
    return df.sort_values(["clip", "time_s"]).reset_index(drop=True)


def steps_table(clips: list[ClipAnalysis]) -> pd.DataFrame:
    rows = []
    for clip in clips:
        for i, s in enumerate(clip.gait.steps):
            per_step = {
                name: (None if (v := r.values[i]) is None else round(v, 2))
                for name, r in clip.metrics.items()
                if r.spec.view == view_kind(clip.trajectory)
            }
            rows.append(
                {
                    **per_step,
                    "clip": clip.role,
                    "step": i + 1,
                    "foot": s.foot,
                    "strike_s": round(s.strike_s, 4),
                    "strike_frame": s.strike_frame,
                    "toe_off_s": round(s.toe_off_s, 4),
                    "toe_off_frame": s.toe_off_frame,
                    "step_time_ms": _ms(s.step_time_s),
                    "contact_time_ms": _ms(s.contact_time_s),
                    "flight_time_ms": _ms(s.measured_flight_s(clip.gait.frame_interval_s)),
                }
            )
            rows[-1] = {**{k: v for k, v in rows[-1].items() if k not in per_step}, **per_step}
    return pd.DataFrame(rows)


def _ms(value_s: float | None) -> float | None:
    return None if value_s is None else round(value_s * 1000, 1)


def clip_summary(clip: ClipAnalysis, speed_kmh: float | None = None) -> ClipResult:
    """Everything measured on one clip, typed (see :mod:`backstride.core.results`)."""
    g = clip.gait
    withheld = _asymmetry_withheld(clip)
    far_leg = clip.view.view.far_leg
    return ClipResult(
        file=str(clip.probe.path.name),
        quality=QualityResult.model_validate(clip.quality.to_json()) if clip.quality else None,
        slow_motion=SlowMotion(**clip.time_scale.to_json(), described=clip.time_scale.describe()),
        video=VideoInfo(
            duration_s=round(clip.probe.duration_s, 3),
            fps=round(clip.probe.fps, 3),
            width=clip.probe.width,
            height=clip.probe.height,
            codec=clip.probe.codec,
            rotation_deg=clip.probe.rotation_deg,
        ),
        pose_model=clip.pose_source,
        view=clip.view.view.value,
        view_evidence={"shoulder_width_torso": round(clip.view.shoulder_ratio, 3)},
        gait="running" if g.gait == "running" else "walking",
        vaulting_score=None if g.vaulting_score != g.vaulting_score else round(g.vaulting_score, 2),
        full_cycles=dict(g.cycles),
        cadence_spm=Cadence(value=round(g.cadence_spm, 1), frame_rate_uncertainty=round(g.cadence_uncertainty_spm, 2)),
        frame_interval_ms=round(g.frame_interval_s * 1000, 2),
        left_right_alternation=round(g.alternation, 3),
        leg_visibility_at_contact={f: round(v, 2) for f, v in g.leg_visibility},
        per_foot={f: {k: (_timing(v) if v else None) for k, v in g.per_foot[f].items()} for f in FEET},
        timing_asymmetry={
            k: _timing_asymmetry(g.per_foot["left"][k], g.per_foot["right"][k], withheld) for k in g.per_foot["left"]
        },
        cleaning=Cleaning(
            lowpass_cutoff_hz=round(clip.clean_report.cutoff_hz, 2),
            filter="Butterworth, zero lag (forward-backward)",
            leg_swaps_repaired_frames=clip.clean_report.swapped_frames,
            resampled_to_uniform_rate=clip.clean_report.resampled,
            glitches_removed=clip.clean_report.outliers_removed,
            near_leg_relabelled=clip.clean_report.relabelled_near_side,
            leg_length_px=round(clip.clean_report.leg_length_px, 1),
        ),
        metres_per_px=clip.trajectory.metres_per_px,
        camera_tilt_deg=None if clip.camera_tilt_deg is None else round(clip.camera_tilt_deg, 2),
        metrics={name: _with_asymmetry(metric_summary(clip, r), far_leg, withheld) for name, r in clip.metrics.items()},
        foot_strike_pattern=_patterns(clip),
        warnings=list(clip.warnings),
        step_length=step_length(clip, speed_kmh),
        pelvis_markers=None
        if clip.markers is None
        else PelvisMarkers(found_share=round(clip.markers.found_share, 3), tape_hue_deg=round(clip.markers.hue_deg, 1)),
        crossover=None if clip.crossover is None else crossover_result(clip.crossover),
        filmed=None if clip.setting is None else clip.setting.describe(),
    )


def metric_summary(clip: ClipAnalysis, result: MetricResult) -> MetricSummary:
    """One metric of a clip per foot: the step width from the label-free contacts where they were
    read (one value per metric: the labelled one is left in steps.csv), else over the steps."""
    if result.spec.name == "step_width_pct_pelvis" and clip.crossover is not None:
        return width_summary(clip.crossover, result.spec)
    return summarise(result, clip.gait.steps, clip.pose_source)


def crossover_result(c) -> CrossoverResult:
    return CrossoverResult(
        width_pct_hip={f: round(v, 1) for f, v in c.per_foot().items()},
        crossing_steps_pct=round(c.crossing_pct(), 1),
        contacts=len(c.contacts),
        identity_from=c.identity_from,
        position_from=c.position_from,
    )


def _asymmetry_withheld(clip: ClipAnalysis) -> str | None:
    """Why no left/right difference is flagged on this clip, or None."""
    if clip.quality is not None and clip.quality.measurement_warns():
        return "not flagged: this clip's measurement check warned (see quality)"
    return None


def _timing_asymmetry(left, right, withheld: str | None = None) -> Asymmetry | None:
    if left is None or right is None:
        return None
    return asymmetry(
        _timing(left), _timing(right), "", error=max(left.uncertainty, right.uncertainty), withheld=withheld
    )


def _timing(stat: Stat) -> Timing:
    return Timing.model_validate(stat.as_dict())


def _with_asymmetry(summary: MetricSummary, far_leg: str | None = None, withheld: str | None = None) -> MetricSummary:
    if not summary.left.show_value:  # shown as a category only: no left/right difference in degrees
        return summary
    found = asymmetry(summary.left, summary.right, summary.unit, far_leg=far_leg, withheld=withheld)
    return summary.model_copy(update={"asymmetry": found})


def _patterns(clip: ClipAnalysis) -> dict[str, str | None]:
    med = foot_medians(summarise(clip.metrics["foot_strike_angle_deg"], clip.gait.steps))
    return {foot: strike_pattern(med[foot]) if foot in med else None for foot in FEET}


def summary(
    clips: list[ClipAnalysis],
    height_cm: float | None,
    speed_kmh: float | None = None,
    triage: TriageResult | None = None,
    experiments: list[ExperimentRecord] | None = None,
    refused: list[ClipRefusal] | None = None,
    self_tests: KeptSelfTests | None = None,
) -> SummaryFile:
    """summary.json's contents; ``triage`` (the red-flag screen and plan) leads when given;
    ``refused``: the clips that could not be measured (a partial result)."""
    return SummaryFile(
        triage=triage,
        backstride_version=__version__,
        height_cm=height_cm,
        speed_kmh=speed_kmh,
        clips={c.role: clip_summary(c, speed_kmh) for c in clips},
        experiments=list(experiments or []),
        self_tests=self_tests,
        refused={r.role: r for r in refused or []},
    )


def step_length(clip: ClipAnalysis, speed_kmh: float | None) -> StepLength:
    """Step length = belt speed x step time (treadmill), per foot; needs --speed-kmh."""
    if speed_kmh is None:
        return StepLength(status="not measured", reason="needs the treadmill speed (--speed-kmh)")
    feet: dict[str, float | None] = {}
    for foot in FEET:
        st = clip.gait.per_foot[foot]["step_time_ms"]
        feet[foot] = round(speed_kmh / 3.6 * st.median / 1000, 3) if st else None
    return StepLength(
        status="measured",
        unit="m",
        definition="treadmill speed x median step time",
        left=feet["left"],
        right=feet["right"],
    )


def staging_folder(out_dir: Path) -> Path:
    """A new folder inside ``out_dir`` the results are written in before they are moved into place."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".backstride-", dir=out_dir))
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write there ({exc.strerror})") from None


def write_results(
    clips: list[ClipAnalysis],
    out_dir: Path,
    *,
    height_cm: float | None = None,
    speed_kmh: float | None = None,
    answers=None,
    report=None,
    on_stage=None,
    experiments: list[ExperimentRecord] | None = None,
    refused: list[ClipRefusal] | None = None,
    helper=None,
    staging: Path | None = None,
    self_tests: KeptSelfTests | None = None,
) -> list[Path]:
    """Write the result files into ``out_dir`` atomically; returns their paths. ``report`` (a
    :class:`~backstride.report.ReportOptions`) adds report.html, report.pdf and the annotated videos
    (written by ``helper``, an :class:`~backstride.app.helper.Helper`, where there is one).
    ``staging``: the folder from :func:`staging_folder` the files are written in first (the
    annotated videos may be there already); removed when done."""
    out_dir = Path(out_dir)
    tmp = staging or staging_folder(out_dir)
    try:
        events_table(clips).to_csv(tmp / "events.csv", index=False)
        steps_table(clips).to_csv(tmp / "steps.csv", index=False)
        triage = None
        if answers is not None:
            from backstride.advice.report import triage_report

            triage = triage_report(answers, clips)  # the screen leads
        result = summary(clips, height_cm, speed_kmh, triage, experiments, refused, self_tests)
        (tmp / "summary.json").write_text(result.to_json())
        names = list(RESULT_FILES)
        if report is not None:
            from backstride.report import write_report

            wear = {side: w.value for side, w in answers.shoe_wear.items()} if answers is not None else None
            names += write_report(tmp, result, clips, options=report, wear=wear, on_stage=on_stage, helper=helper)
        for name in names:
            os.replace(tmp / name, out_dir / name)
    except OSError as exc:
        raise OutputError(f"{out_dir}: writing results failed ({exc.strerror})") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [out_dir / n for n in names]
