"""The whole flow for one clip, as one short function: video -> pose -> trajectory -> quality ->
clean -> events -> cycles -> metrics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import numpy as np

from backstride.clean import CleanReport, clean
from backstride.core.analysis import NO_SLOWMO, ClipAnalysis, TimeScale
from backstride.core.kinds import Role
from backstride.core.timing import stage
from backstride.core.trajectory import Trajectory, View
from backstride.errors import (
    BackstrideError,
    CaptureError,
    InputFileError,
    MeasurementError,
    NoPersonError,
    TooFewCyclesError,
    TrackingError,
    ViewError,
)
from backstride.events.gait import GaitResult, analyse_gait
from backstride.events.rear_steps import crossing_hint, label_free, rescue
from backstride.metrics.compute import MetricResult, compute_metrics
from backstride.metrics.crossover import Crossover
from backstride.person.tracks import Track, longest_track, median_torso_px
from backstride.person.view import ViewEvidence, detect_view
from backstride.pose import RawPose, create_backend, estimate_pose
from backstride.quality import Quality, time_scale
from backstride.quality.assess import CaptureFacts, assess, refusal
from backstride.quality.camera import (
    blur_check,
    cut_check,
    drawing_check,
    overlay_check,
    remove_camera_motion,
    repeat_check,
    shots,
)
from backstride.quality.capture import whole_body
from backstride.quality.checks import Check
from backstride.quality.level import Levelled, level_camera
from backstride.quality.measurement import CHANGING_DISTANCE_ADVICE
from backstride.quality.notes import gait_warnings, tilt_warning
from backstride.quality.setting import Setting, setting_of
from backstride.quality.slowmo import (
    SlowMotionSuspected,
    check_running_cadence,
    check_stride_period,
    suggest_factors,
)
from backstride.quality.steady import SteadyWindow, steady_window
from backstride.settings import DEFAULT, LEG_SHARE_OF_HEIGHT, Settings
from backstride.video import Probe, probe
from backstride.video.ground import GroundBand, with_ground_contact
from backstride.video.markers import Markers, marker_tracker, with_markers
from backstride.video.reader import FrameReader, feed
from backstride.video.scene import Scene, scan_scene

ProgressFn = Callable[[int], None]


def analyse_clip(
    path: Path,
    *,
    role: Role,
    height_cm: float | None = None,
    settings: Settings = DEFAULT,
    progress: ProgressFn | None = None,
    on_probe: Callable[[Probe], None] | None = None,
    keypoints: Path | None = None,
) -> ClipAnalysis:
    """Analyse one clip filmed from ``role`` ("side" or "rear"); with ``keypoints`` (another pose
    model's file or folder for this clip, see :mod:`backstride.pose.files`) instead of mediapipe."""
    info = probe(Path(path), settings.video)
    scale = time_scale(info, settings.video.slowmo_factor)
    if on_probe:
        on_probe(info)
    notes: list[str] = []
    if keypoints is not None:
        traj, source = supplied_keypoints(Path(keypoints), info, settings)
        # a skeleton drawn over the video misleads the pose model, not the keypoints given instead
        settings = replace(settings, quality=replace(settings.quality, max_drawn_share=1.0))
        from_cache = False
        if progress:
            progress(traj.n_frames)
    else:
        with stage("pose model"):
            raw, from_cache = run_pose(info, settings, progress, notes.append)
        traj, source = to_trajectory(raw, info, settings), settings.pose.backend
    with stage("rear: tape and ground band"):
        traj, markers = rear_points(info, traj, role, settings)
    with stage("frame scan"):
        scene = frame_scan(info, traj, settings)
    run = partial(analyse_trajectory, info=info, role=role, height_cm=height_cm, settings=settings,
                  from_cache=from_cache, scene=scene)  # fmt: skip
    try:
        with stage("gait analysis"):
            analysis = run(in_real_time(traj, scale), scale=scale)
    except SlowMotionSuspected as exc:
        raise CaptureError(tried_factors(exc, traj, run, info, settings)) from None
    return replace(analysis, pose_source=source, warnings=(*analysis.warnings, *notes), markers=markers)


def tried_factors(
    exc: SlowMotionSuspected, traj: Trajectory, run: Callable[..., ClipAnalysis], info: Probe, settings: Settings
) -> str:
    """The refusal of a clip that looks slowed, offering only the factors whose analysis passes
    every check: each whole factor that gives a running cadence is tried on the keypoints already
    found (no pose model runs again), those that pass are offered with fewest warnings first, then
    nearest a usual running cadence."""
    passed: list[tuple[int, float, int]] = []  # factor, cadence, warnings
    first_refusal = ""
    for k, _ in suggest_factors(exc.cadence_file_spm, settings.quality):
        scale = TimeScale(float(k), "flag", info.fps * k if info.fps else None)
        try:
            trial = run(in_real_time(traj, scale), scale=scale)
        except BackstrideError as refused:
            first_refusal = first_refusal or f"{k}x: {reason_of(str(refused), info.path)}"
            continue
        n_warned = len(trial.quality.warned()) if trial.quality else 0
        passed.append((k, trial.gait.cadence_spm, n_warned))
    usual = settings.quality.usual_cadence_spm
    passed.sort(key=lambda p: (p[2], abs(p[1] - usual)))
    if not passed:
        return (
            f"{info.path}: {exc.where}, and {exc.running_range}; it looks slowed, but no factor from 2 to "
            f"{max(settings.quality.slowmo_factors)} gives steps that pass the checks (the nearest, "
            f"{first_refusal}); state the factor it was filmed with: --slowmo (capture fps / playback fps, "
            "e.g. 8 for 240 fps played at 30)"
        )
    options = " or ".join(f"--slowmo {k} ({c:.0f} steps/min{', with warnings' if w else ''})" for k, c, w in passed[:3])
    return (
        f"{info.path}: looks like {passed[0][0]}x slow motion: {exc.where}, and {exc.running_range}; rerun with "
        f"{options} (each tried: its analysis passes every check; the phone's slow-motion setting says which)"
    )


def reason_of(message: str, path: Path | str) -> str:
    """A refusal's reason without the file's name it starts with (the clip is named once, where
    it is said: app.assess.clip_line, or the slow-motion refusal)."""
    for prefix in (f"{path}: ", f"{Path(path).name}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def rear_points(info: Probe, traj: Trajectory, role: Role, settings: Settings) -> tuple[Trajectory, Markers | None]:
    """A rear clip's points beyond the pose model, in one pass over its frames (after the tape's
    colour is sampled): the tape over the PSIS and the foot on the ground."""
    if role != "rear":
        return traj, None
    tracker = marker_tracker(info, traj.xy_px, traj.keypoints) if settings.pose.find_pelvis_markers else None
    band = GroundBand(traj.xy_px, traj.keypoints, info.fps) if settings.pose.read_ground_contact else None
    readers: list[FrameReader] = [r for r in (tracker, band) if r is not None]
    feed(info.path, readers, rotation_deg=info.rotation_deg)
    markers = tracker.result() if tracker is not None else None
    if markers is not None:
        traj = with_markers(traj, markers)
    if band is not None:
        traj = with_ground_contact(traj, band.xy_px)
    return traj, markers


def frame_scan(info: Probe, traj: Trajectory, settings: Settings) -> Scene | None:
    """The background pass over the frames (camera motion, cuts, blur, straight edges)."""
    if not settings.quality.scan_frames:
        return None
    return scan_scene(info, traj.xy_px, median_torso_px(traj), cache_dir=settings.pose.cache_dir)


def in_real_time(traj: Trajectory, scale: TimeScale) -> Trajectory:
    """A slow-motion file's times divided by its factor: the runner's real time."""
    if scale.factor == 1.0:
        return traj
    return traj.with_(time_s=traj.time_s / scale.factor, fps_nominal=traj.fps_nominal * scale.factor)


def supplied_keypoints(path: Path, info: Probe, settings: Settings) -> tuple[Trajectory, str]:
    """Another model's keypoints for this clip, refused when they cannot be this clip's."""
    from backstride.pose.files import load_keypoints

    traj, source = load_keypoints(path, fps=info.fps)
    span_s, clip_s = float(traj.time_s[-1] - traj.time_s[0]) + 1 / info.fps, info.duration_s
    if abs(span_s - clip_s) > settings.video.keypoint_span_frames / info.fps:
        raise InputFileError(
            f"{path}: the keypoints span {span_s:.2f} s but {info.path.name} lasts {clip_s:.2f} s: "
            "are they from this clip?"
        )
    require_person(traj.xy_px, settings, f"{path}: no person found in", "of the keypoint frames")
    return traj, source


def run_pose(
    info: Probe,
    settings: Settings,
    progress: ProgressFn | None,
    on_note: Callable[[str], None] | None = None,
    *,
    mirrored: bool = False,
) -> tuple[RawPose, bool]:
    """The pose model over the clip (cached); ``mirrored``: over its mirror image, the points mapped
    back (pose/mirror.py)."""
    backend = create_backend(
        settings.pose.backend,
        model_complexity=settings.pose.model_complexity,
        min_detection_confidence=settings.pose.min_detection_confidence,
        min_tracking_confidence=settings.pose.min_tracking_confidence,
    )
    if mirrored:
        from backstride.pose.mirror import MirroredBackend

        backend = MirroredBackend(backend)
    try:
        return estimate_pose(
            info,
            backend,
            cache_dir=settings.pose.cache_dir,
            progress=progress,
            max_duration_s=settings.video.max_duration_s,
            on_note=on_note,
        )
    finally:
        backend.close()


def to_trajectory(raw: RawPose, info: Probe, settings: Settings) -> Trajectory:
    """The raw keypoints as a trajectory; refuses clips with too few frames or no person."""
    n = len(raw.time_s)
    if n < settings.video.min_frames:
        raise NoPersonError(f"{info.path}: the clip has {n} frame(s); a gait analysis needs seconds of video")
    require_person(
        raw.xy_px,
        settings,
        f"{info.path}: no person found in",
        "of the frames (film the whole runner, head to feet, in good light)",
    )
    return Trajectory(xy_px=raw.xy_px, visibility=raw.visibility, time_s=raw.time_s, fps_nominal=info.fps)


def require_person(xy_px: np.ndarray, settings: Settings, before: str, after: str) -> None:
    """Refuse keypoints with no person in too many frames: "<before> N% <after>"."""
    seen = np.isfinite(xy_px[:, :, 0]).any(axis=1)
    if seen.mean() < settings.pose.min_person_fraction:
        raise NoPersonError(f"{before} {100 * (1 - seen.mean()):.0f}% {after}")


def analyse_trajectory(
    traj: Trajectory,
    info: Probe,
    *,
    role: Role,
    height_cm: float | None,
    settings: Settings = DEFAULT,
    from_cache: bool = False,
    scale: TimeScale = NO_SLOWMO,
    scene: Scene | None = None,
) -> ClipAnalysis:
    """Everything after the pose model, in three stages: what was filmed (camera motion, cuts, the
    person followed), what can be measured in it (view, cleaning, levelling, events, metrics), and
    whether the measurement holds (the quality checks, the rear rescue, the refusal). ``scene`` is
    the frame scan (:func:`frame_scan`); without it the camera is taken as fixed."""
    filmed = capture(traj, info, scene, settings)
    measured = measure(filmed, info, role=role, height_cm=height_cm, settings=settings, scale=scale, scene=scene)
    checked = check_measurement(filmed, measured, info, scale, settings)
    return ClipAnalysis(
        role,
        info,
        measured.evidence,
        measured.cleaned,
        measured.report,
        checked.gait,
        checked.metrics,
        measured.tilt_deg,
        filmed.tracks,
        checked.warnings,
        from_cache,
        quality=checked.quality,
        time_scale=scale,
        image_trajectory=filmed.in_image,
        crossover=checked.crossing,
        setting=checked.setting,
    )


@dataclass(frozen=True)
class Filmed:
    """What the capture stage found: the person followed, in the ground's frame, and its checks."""

    traj: Trajectory  # the person seen longest, the camera's motion removed
    in_image: Trajectory  # as the pose model saw it
    tracks: tuple[Track, ...]
    n_glitch_frames: int
    checks: tuple[Check, ...]  # camera motion, cuts, blur, repeated frames, overlays
    framing: Check | None
    warnings: tuple[str, ...]
    camera_moved: bool = False  # the frame scan followed a panning or following camera


def capture(traj: Trajectory, info: Probe, scene: Scene | None, settings: Settings) -> Filmed:
    """The longest shot with the camera's motion removed and its capture checks (refused on a
    failure), then the person seen longest."""
    checks: list[Check] = []
    framing, in_image, moved = None, traj, False
    if scene is not None:
        traj, motion, shot, framing = in_ground_frame(traj, scene, info, settings)
        moved = motion.compensated
        checks = [
            motion.check(2 * median_torso_px(traj), settings.quality),
            cut_check(scene, shot, info.fps or 30.0),
            blur_check(scene, settings.quality),
            repeat_check(scene, traj.sample_rate_hz),
            overlay_check(scene, settings.quality),
            drawing_check(scene, settings.quality),
        ]
        if settings.quality.refuse and any(c.status == "fail" for c in checks):
            raise CaptureError(refusal(Quality(tuple(checks)), info.path))
    traj, tracks, n_glitch = longest_track(traj, settings.clean)
    warnings = []
    if len(tracks) > 1:
        warnings.append(
            f"the pose jumped between people {len(tracks) - 1} time(s); followed the person seen longest, "
            f"from {traj.time_s[0]:.1f} s to {traj.time_s[-1]:.1f} s"
        )
    return Filmed(traj, in_image, tuple(tracks), n_glitch, tuple(checks), framing, tuple(warnings), moved)


@dataclass(frozen=True)
class Measured:
    """What the measurement stage found: the view, the cleaned and levelled trajectory of the steady
    part, its gait events and the metrics."""

    evidence: ViewEvidence
    cleaned: Trajectory
    report: CleanReport
    tilt_deg: float | None  # the camera's roll removed (the metrics' residual included); None: unknown
    roll_how: str
    gait: GaitResult
    window: SteadyWindow
    metrics: dict[str, MetricResult]
    oblique_deg: float | None = None  # the ground line against the room's verticals (None: not both read)


def measure(
    filmed: Filmed,
    info: Probe,
    *,
    role: Role,
    height_cm: float | None,
    settings: Settings,
    scale: TimeScale,
    scene: Scene | None,
) -> Measured:
    """View, cleaning, levelling, events, the steady part of the clip and the metrics; a clip that
    loses its person on the way says so rather than naming a measurement."""
    try:
        evidence, cleaned, report, levelled, gait, window = _gait_of(filmed.traj, info, role, settings, scale, scene)
    except (ViewError, TooFewCyclesError) as exc:
        if len(filmed.tracks) > 1:
            raise TrackingError(_lost_message(info.path, list(filmed.tracks), exc)) from None
        raise
    if gait.gait == "running":
        check_running_cadence(gait.cadence_spm, scale, info.path, settings.quality)
    if height_cm:
        cleaned = cleaned.with_(metres_per_px=height_cm / 100 * LEG_SHARE_OF_HEIGHT / report.leg_length_px)
    metrics, residual_tilt_deg = compute_metrics(
        cleaned, gait.steps, leg_px=report.leg_length_px, ground_line=not levelled.oblique
    )
    tilt_deg = levelled.roll_deg
    if tilt_deg is not None:
        tilt_deg += residual_tilt_deg or 0.0
    return Measured(evidence, cleaned, report, tilt_deg, levelled.how, gait, window, metrics, levelled.oblique_deg)


@dataclass(frozen=True)
class Checked:
    """The measurement as it stands after its checks (the rear rescue may replace the gait)."""

    gait: GaitResult
    metrics: dict[str, MetricResult]
    quality: Quality
    crossing: Crossover | None
    warnings: tuple[str, ...]
    setting: Setting | None = None


def check_measurement(filmed: Filmed, m: Measured, info: Probe, scale: TimeScale, settings: Settings) -> Checked:
    """The quality checks of what was filmed and measured; a rear clip whose labelled steps fail is
    measured from its label-free contacts (the rescue); refused when a check still fails."""
    facts = CaptureFacts(
        info.width,
        info.height,
        scale,
        m.tilt_deg,
        m.roll_how,
        m.evidence.shoulder_ratio,
        len(filmed.tracks),
        filmed.n_glitch_frames,
        filmed.checks,
        filmed.framing,
        setting_of(m.cleaned, camera_moved=filmed.camera_moved),
        m.oblique_deg,
    )
    check = partial(
        assess,
        m.cleaned,
        facts=facts,
        repaired_frames=m.report.swapped_frames + filmed.n_glitch_frames,
        limits=settings.quality,
        used_s=(float(m.cleaned.time_s[0]), float(m.cleaned.time_s[-1])),
        left_out=m.window.left_out,
    )
    labelled = check(m.gait)
    broken = any(c.name == "left_right_alternation" for c in labelled.failed())
    crossing = label_free(
        filmed.traj, m.cleaned, m.evidence.view, m.gait.gait, broken, settings.quality.running_cadence_spm
    )
    gait, metrics, quality, said = rescue(
        (m.gait, m.metrics, labelled), check, m.cleaned, crossing, m.report.leg_length_px, settings
    )
    quality, metrics = timing_only(quality, metrics)
    if quality.failed() and settings.quality.refuse:
        raise MeasurementError(refusal(quality, info.path, facts.setting) + crossing_hint(crossing))
    notes = _notes(quality, m.window, gait, m.cleaned, m.report, m.evidence.view, m.tilt_deg, m.roll_how)
    return Checked(gait, metrics, quality, crossing, (*notes, *filmed.warnings, *said), facts.setting)


def timing_only(quality: Quality, metrics: dict[str, MetricResult]) -> tuple[Quality, dict[str, MetricResult]]:
    """A runner too small in the picture for angles (the runner-height check failed) keeps the
    timing, which rests on when the feet move, not on where a joint is to a pixel: the check warns
    instead, and every angle and distance is withheld with the runner's height as the reason."""
    small = next((c for c in quality.checks if c.name == "runner_height" and c.status == "fail"), None)
    if small is None:
        return quality, metrics
    why = f"the runner is {small.value:.0f} px tall: {small.why}"
    eased = replace(small, status="warn", why=f"{why}; timing only (cadence, contact and step times)")
    checks = tuple(eased if c is small else c for c in quality.checks)
    withheld = {
        name: replace(r, values=tuple(None for _ in r.values), reasons=tuple(why for _ in r.reasons))
        for name, r in metrics.items()
    }
    return replace(quality, checks=checks), withheld


def _notes(
    quality: Quality,
    window,
    gait,
    cleaned: Trajectory,
    report: CleanReport,
    view: View,
    tilt_deg: float | None,
    roll_how: str,
) -> list[str]:
    """The clip's warnings: the quality checks that warned first, then the steady window, then the rest."""
    out = [
        f"check: {c.text()}: {c.why}" + (f"; {c.advice}" if c.advice else "")
        for c in quality.warned()
        if c.name != "camera_roll"
    ]
    if window.left_out:
        out.append(
            f"analysed {window.start_s:.1f}-{window.stop_s:.1f} s of steady running; left out "
            + "; ".join(window.left_out)
        )
    out.extend(gait_warnings(gait, cleaned.sample_rate_hz, report.swapped_frames, view, report.relabelled_near_side))
    if tilt_deg is None:
        out.append(tilt_warning(view, roll_how))
    return out


def _gait_of(
    traj: Trajectory, info: Probe, role: Role, settings: Settings, scale: TimeScale, scene: Scene | None
) -> tuple[ViewEvidence, Trajectory, CleanReport, Levelled, GaitResult, SteadyWindow]:
    """View, cleaning, levelling, events and the steady part of the clip (inside the measurement stage)."""
    evidence = detect_view(traj)
    check_role(evidence, role, info.path)
    try:
        cleaned, report = clean(traj.with_(view=evidence.view), settings=settings.clean)
    except NoPersonError as exc:
        raise NoPersonError(f"{info.path}: {exc}") from None
    check_stride_period(cleaned, scale, info.path, settings.quality)
    levelled = level_camera(cleaned, leg_px=report.leg_length_px, settings=settings, scene=scene)
    cleaned = levelled.traj
    gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=settings.events)
    window = steady_window(cleaned, gait.steps, report.leg_length_px, settings.quality)
    if window.trims(cleaned):
        cleaned = cleaned.slice_time(window.start_s, window.stop_s)
        try:
            gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=settings.events)
        except TooFewCyclesError as exc:
            raise TooFewCyclesError(
                f"{info.path}: only {window.start_s:.1f}-{window.stop_s:.1f} s is steady running "
                f"(left out: {'; '.join(window.left_out)}), and in it {exc}{_distance_advice(levelled.traj)}"
            ) from None
    return evidence, cleaned, report, levelled, gait, window


def _distance_advice(traj: Trajectory) -> str:
    """Filming longer does not help a runner moving away from a camera standing still."""
    setting = setting_of(traj)
    if setting.distance not in ("moving away", "coming closer"):
        return ""
    return f"; the runner's distance changed through the clip ({setting.describe()}): {CHANGING_DISTANCE_ADVICE}"


def in_ground_frame(traj: Trajectory, scene: Scene, info: Probe, settings: Settings):
    """The longest shot between cuts, with the camera's motion removed."""
    best = max(shots(scene), key=lambda ab: ab[1] - ab[0])
    index = np.asarray(traj.frame_index)
    rows = np.flatnonzero((index >= best[0]) & (index < best[1]))
    if len(rows) < traj.n_frames:
        traj = traj.slice_frames(int(rows[0]), int(rows[-1]) + 1)
    framing = whole_body(traj, info.width, info.height, settings.quality)  # in the image, before the pan is removed
    traj, motion = remove_camera_motion(traj, scene, settings.quality, info.path)
    return traj, motion, best, framing


def _lost_message(path: Path, tracks: list[Track], exc: Exception) -> str:
    spans = ", ".join(f"{t.start_s:.1f}-{t.stop_s:.1f} s" for t in tracks)
    reason = str(exc).removeprefix(f"{path}: ")
    return (
        f"{path}: the pose model jumped between {len(tracks)} people or lost its person ({spans}); "
        f"the longest track cannot be analysed: {reason}. Film one runner alone in the shot"
    )


def check_role(evidence: ViewEvidence, role: Role, path: Path) -> None:
    if role == "side" and evidence.view.is_frontal_plane:
        raise ViewError(
            f"{path}: given as the side view but it looks like a {evidence.describe()}; pass it with --rear"
        )
    if role == "rear" and evidence.view.is_side:
        raise ViewError(
            f"{path}: given as the rear view but it looks like a {evidence.describe()}; pass it as the side clip"
        )
    if evidence.view is View.UNKNOWN:
        raise ViewError(f"{path}: the view cannot be told (shoulders and hips not seen)")
