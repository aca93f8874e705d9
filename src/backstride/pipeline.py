"""The whole flow for one clip, as one short function: video -> pose -> trajectory -> clean ->
events -> cycles -> metrics."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from backstride.clean import CleanReport, clean
from backstride.errors import InputFileError, NoPersonError, TooFewCyclesError, TrackingError, ViewError
from backstride.events import detect_events
from backstride.events.cycles import pair_contacts
from backstride.gait import GaitResult, analyse_gait
from backstride.metrics.compute import MetricResult, compute_metrics
from backstride.metrics.geometry import ground_tilt_rad
from backstride.person import Track, longest_track
from backstride.pose import RawPose, create_backend, estimate_pose
from backstride.settings import DEFAULT, Settings
from backstride.trajectory import Trajectory, View, rotate_image
from backstride.video import Probe, probe
from backstride.view import ViewEvidence, detect_view

#: Leg length (greater trochanter to lateral malleolus) as a share of standing height.
#: Winter, Biomechanics and Motor Control of Human Movement, 4th ed., 2009, Fig. 4.1: 0.530 - 0.039.
LEG_SHARE_OF_HEIGHT = 0.491

ProgressFn = Callable[[int], None]


@dataclass(frozen=True)
class ClipAnalysis:
    role: str  # "side" or "rear"
    probe: Probe
    view: ViewEvidence
    trajectory: Trajectory
    clean_report: CleanReport
    gait: GaitResult
    metrics: dict[str, MetricResult]
    camera_tilt_deg: float | None  # None: the roll could not be measured and the camera was taken as level
    tracks: tuple[Track, ...]
    warnings: tuple[str, ...]
    from_cache: bool
    pose_source: str = "mediapipe"  # or the keypoint file's source (analyze --keypoints)


def analyse_clip(path: Path, *, role: str, height_cm: float | None = None, settings: Settings = DEFAULT,
                 progress: ProgressFn | None = None, on_probe: Callable[[Probe], None] | None = None,
                 keypoints: Path | None = None) -> ClipAnalysis:
    """Analyse one clip filmed from ``role`` ("side" or "rear"); with ``keypoints`` (another pose
    model's file or folder for this clip, see :mod:`backstride.pose.files`) instead of mediapipe."""
    info = probe(Path(path), settings.video)
    if on_probe:
        on_probe(info)
    if keypoints is not None:
        traj, source = supplied_keypoints(Path(keypoints), info, settings)
        if progress:
            progress(traj.n_frames)
        analysis = analyse_trajectory(traj, info, role=role, height_cm=height_cm, settings=settings)
        return replace(analysis, pose_source=source)
    raw, from_cache = run_pose(info, settings, progress)
    traj = to_trajectory(raw, info, settings)
    return analyse_trajectory(traj, info, role=role, height_cm=height_cm, settings=settings, from_cache=from_cache)


#: Supplied keypoints must span the clip to within this many frame intervals.
KEYPOINT_SPAN_FRAMES = 3


def supplied_keypoints(path: Path, info: Probe, settings: Settings) -> tuple[Trajectory, str]:
    """Another model's keypoints for this clip, refused when they cannot be this clip's."""
    from backstride.pose.files import load_keypoints

    traj, source = load_keypoints(path, fps=info.fps)
    span_s, clip_s = float(traj.time_s[-1] - traj.time_s[0]) + 1 / info.fps, info.duration_s
    if abs(span_s - clip_s) > KEYPOINT_SPAN_FRAMES / info.fps:
        raise InputFileError(f"{path}: the keypoints span {span_s:.2f} s but {info.path.name} lasts {clip_s:.2f} s: "
                             "are they from this clip?")
    require_person(traj.xy_px, settings, f"{path}: no person found in", "of the keypoint frames")
    return traj, source


def run_pose(info: Probe, settings: Settings, progress: ProgressFn | None) -> tuple[RawPose, bool]:
    backend = create_backend(
        settings.pose.backend,
        model_complexity=settings.pose.model_complexity,
        min_detection_confidence=settings.pose.min_detection_confidence,
        min_tracking_confidence=settings.pose.min_tracking_confidence,
    )
    try:
        return estimate_pose(info, backend, cache_dir=settings.pose.cache_dir, progress=progress,
                             max_duration_s=settings.video.max_duration_s)
    finally:
        backend.close()


def to_trajectory(raw: RawPose, info: Probe, settings: Settings) -> Trajectory:
    """The raw keypoints as a trajectory; refuses clips with too few frames or no person."""
    n = len(raw.time_s)
    if n < settings.video.min_frames:
        raise NoPersonError(f"{info.path}: the clip has {n} frame(s); a gait analysis needs seconds of video")
    require_person(raw.xy_px, settings, f"{info.path}: no person found in",
                   "of the frames (film the whole runner, head to feet, in good light)")
    return Trajectory(xy_px=raw.xy_px, visibility=raw.visibility, time_s=raw.time_s, fps_nominal=info.fps)


def require_person(xy_px: np.ndarray, settings: Settings, before: str, after: str) -> None:
    """Refuse keypoints with no person in too many frames: "<before> N% <after>"."""
    seen = np.isfinite(xy_px[:, :, 0]).any(axis=1)
    if seen.mean() < settings.pose.min_person_fraction:
        raise NoPersonError(f"{before} {100 * (1 - seen.mean()):.0f}% {after}")


def analyse_trajectory(traj: Trajectory, info: Probe, *, role: str, height_cm: float | None,
                       settings: Settings = DEFAULT, from_cache: bool = False) -> ClipAnalysis:
    """Everything after the pose model: person, view, cleaning, events, metrics."""
    warnings = []
    traj, tracks = longest_track(traj, max_jump_body_heights=settings.clean.max_jump_body_heights)
    if len(tracks) > 1:
        warnings.append(
            f"the pose jumped between people {len(tracks) - 1} time(s); followed the person seen longest, "
            f"from {traj.time_s[0]:.1f} s to {traj.time_s[-1]:.1f} s"
        )
    try:
        evidence = detect_view(traj)
        check_role(evidence, role, info.path)
        cleaned, report = clean(traj.with_(view=evidence.view), settings=settings.clean)
        cleaned, tilt_deg = level_camera(cleaned, leg_px=report.leg_length_px, settings=settings)
        gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=settings.events)
    except (ViewError, TooFewCyclesError) as exc:
        if len(tracks) > 1:
            raise TrackingError(_lost_message(info.path, tracks, exc)) from None
        raise
    if height_cm:
        cleaned = cleaned.with_(metres_per_px=height_cm / 100 * LEG_SHARE_OF_HEIGHT / report.leg_length_px)
    warnings.extend(gait_warnings(gait, info, report, evidence.view))
    metrics, residual_tilt_deg = compute_metrics(cleaned, gait.steps, leg_px=report.leg_length_px)
    if tilt_deg is not None:
        tilt_deg += residual_tilt_deg or 0.0
    else:
        warnings.append(tilt_warning(evidence.view))
    return ClipAnalysis(role, info, evidence, cleaned, report, gait, metrics, tilt_deg, tuple(tracks),
                        tuple(warnings), from_cache)


def level_camera(traj: Trajectory, *, leg_px: float, settings: Settings) -> tuple[Trajectory, float | None]:
    """Rotate a tilted side view level, from the ground line under the feet in stance.

    A first pass of event detection finds the contacts; the ground line through the stance
    feet gives the camera's roll (see :func:`~backstride.metrics.geometry.ground_tilt_rad`).
    Events are then detected again on the levelled keypoints, so "forward" and "up" are the
    runner's, not the camera's. Returns the levelled trajectory and the tilt removed (deg), or
    None where the ground line cannot be measured (a treadmill, a rear view): the camera is
    then taken as level.
    """
    if not traj.view.is_side:
        return traj, None
    first = detect_events(traj, leg_px=leg_px, settings=settings.events)
    contacts = [(f, s, o) for f, ev in first.items() for s, o in pair_contacts(ev)]
    tilt = ground_tilt_rad(traj, contacts, leg_px)
    if tilt is None:
        return traj, None
    return rotate_image(traj, -tilt), float(np.degrees(tilt))


def _lost_message(path: Path, tracks: list[Track], exc: Exception) -> str:
    spans = ", ".join(f"{t.start_s:.1f}-{t.stop_s:.1f} s" for t in tracks)
    reason = str(exc).removeprefix(f"{path}: ")
    return (f"{path}: the pose model jumped between {len(tracks)} people or lost its person ({spans}); "
            f"the longest track cannot be analysed: {reason}. Film one runner alone in the shot")


def check_role(evidence: ViewEvidence, role: str, path: Path) -> None:
    if role == "side" and evidence.view.is_frontal_plane:
        raise ViewError(f"{path}: given as the side view but it looks like a {evidence.describe()}; "
                        "pass it with --rear")
    if role == "rear" and evidence.view.is_side:
        raise ViewError(f"{path}: given as the rear view but it looks like a {evidence.describe()}; "
                        "pass it as the side clip")
    if evidence.view is View.UNKNOWN:
        raise ViewError(f"{path}: the view cannot be told (shoulders and hips not seen)")


#: Median mediapipe visibility of a leg's keypoints below which its angles are called unreliable.
LOW_VISIBILITY = 0.6
FAR_LEG_GAP = 0.1  # a side view's far leg is seen this much less well than the near one


def far_leg_warnings(visibility: dict[str, float], view: View) -> list[str]:
    """Name a leg the camera sees poorly (the far leg of a side view, often hidden)."""
    out = []
    for foot, vis in visibility.items():
        other = visibility["right" if foot == "left" else "left"]
        far = view.is_side and vis < other - FAR_LEG_GAP
        if vis < LOW_VISIBILITY or far:
            out.append(f"the {foot} leg is {'the far leg and ' if far else ''}partly hidden (keypoint visibility "
                       f"{vis:.2f} at its contacts against {other:.2f}): its angles are less reliable")
    return out


def tilt_warning(view: View) -> str:
    where = ("the feet land in one place, as on a treadmill" if view.is_side
             else "a rear or front view has no ground line to read")
    return (f"camera roll not measured ({where}): the camera is taken as level; a phone rolled by N deg "
            "shifts every angle to vertical by N deg, so level it (the camera's grid or a spirit level)")


def gait_warnings(gait: GaitResult, info: Probe, report: CleanReport, view: View) -> list[str]:
    out = []
    if view.is_frontal_plane:
        out.append("contact time, flight time and duty factor are not reported from a rear or front view: "
                   "there toe-offs are timed too coarsely (tens of ms); film from the side for them "
                   "(cadence and the rear-view form metrics are reported)")
    if gait.gait == "walking":
        out.append("walking, not running: no flight phase (double support); running metrics do not apply")
    if info.fps < 100:
        out.append(f"{info.fps:.0f} fps: events are timed to about +/-{500 / info.fps:.0f} ms; "
                   "film at 120 or 240 fps (slow motion) for contact times within 10 ms")
    if np.isfinite(gait.alternation) and gait.alternation < 0.9:
        out.append(f"left and right strikes alternate in only {100 * gait.alternation:.0f}% of steps: "
                   "some steps were missed (a hidden leg?)")
    out.extend(far_leg_warnings(dict(gait.leg_visibility), view))
    if report.swapped_frames:
        out.append(f"left/right legs swapped by the pose model in {report.swapped_frames} frame(s); repaired")
    return out
