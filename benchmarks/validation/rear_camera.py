"""Pelvic drop from the tape, measured on rendered clips filmed by a pinhole camera at different
heights and distances (the rear-view issue's camera-geometry check).

The synthetic runner wears tape over both PSIS and turns its pelvis in the transverse plane
(``pelvis_rotation_deg``), so the two tapes sit at different depths as the pelvis turns. A level
pinhole camera (``Camera(distance_m=..., lens_height_m=...)``) sees a point at height ``y`` and
depth ``d`` at ``(y - lens_height) / d``: when the lens is not at the tape's height, the nearer
tape looks further from the lens row than the other one, and the line tilts with the rotation.
Close cameras and lenses far from the tape's height make this worse; the drop is read against
the line's angle in the flight before contact, which cancels the part that is there at contact.

The renders keep the ground line at the same image row for every lens height (the picture of a
level camera moved up or down, as a shifted sensor would): timing and line angles are those of a
level phone, only where the runner sits in the frame differs.

Each clip goes through the project's own path: the pose (the model's projected keypoints through
the same camera, so no pose model runs), the tape found by colour in the pixels
(:func:`backstride.video.markers.scan_markers`), the steps, and the pelvic-drop metric. Truth: the
pelvis roll put in (``pelvic_drop_deg`` per leg).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera

FPS = 30.0
DURATION_S = 5.0
#: the demo's rear runner: 9 deg of drop in left stance, 4 in right stance
DROP_DEG = {"left": 9.0, "right": 4.0}
#: either way about the vertical; Fukuchi RBDS001 turns ~3 deg per stance, 5 is on the high side
ROTATION_DEG = 5.0


@dataclass(frozen=True)
class Shot:
    lens_height_m: float | None  # None: the orthographic reference (no perspective)
    distance_m: float | None  # running away: the distance at mid-clip
    overground: bool = False  # running away from the camera instead of on a treadmill

    @property
    def name(self) -> str:
        if self.distance_m is None:
            return "orthographic (reference)"
        where = "running away, at" if self.overground else "treadmill,"
        return f"{where} {self.distance_m:g} m, lens {self.lens_height_m:g} m high"

    @property
    def duration_s(self) -> float:
        return 4.0 if self.overground else DURATION_S  # 3 m/s: from 6 to 18 m away


def runner(rotation_deg: float = ROTATION_DEG, overground: bool = False) -> RunnerParams:
    return RunnerParams(
        pelvic_drop_deg=DROP_DEG["right"],
        asymmetry={"left": {"pelvic_drop_deg": DROP_DEG["left"]}},
        pelvis_markers=True,
        pelvis_rotation_deg=rotation_deg,
        overground=overground,
    )


def camera(shot: Shot) -> Camera:
    if shot.distance_m is None or shot.lens_height_m is None:
        return Camera("rear")
    px_per_m = 250.0 if shot.overground else 560.0  # running away: 900 px tall at 6 m, 300 at 18
    return Camera("rear", px_per_m=px_per_m, distance_m=shot.distance_m, lens_height_m=shot.lens_height_m)


def projected_pose(kin, cam: Camera) -> Trajectory:
    """The model's joints through the camera, as a perfect pose model would report them."""
    xy = np.full((len(kin.time_s), len(KEYPOINTS), 2), np.nan)
    vis = np.zeros((len(kin.time_s), len(KEYPOINTS)))
    for k, name in enumerate(KEYPOINTS):
        if name in kin.points:
            xy[:, k], vis[:, k] = cam.project(kin.points[name]), 1.0
    return Trajectory(xy_px=xy, visibility=vis, time_s=kin.time_s, fps_nominal=FPS, keypoints=KEYPOINTS)


def read(traj: Trajectory, kin) -> dict:
    """Through cleaning, steps and the metric: the median pelvic drop per stance foot, the
    strikes' median error against the model's (ms), and the rear contact-timing check."""
    from backstride.clean import clean
    from backstride.events.gait import analyse_gait
    from backstride.metrics.compute import compute_metrics, summarise
    from backstride.person.view import detect_view
    from backstride.quality.measurement import contact_timing_rear, pelvis_low_offset
    from backstride.settings import DEFAULT

    traj = traj.with_(view=detect_view(traj).view)
    cleaned, report = clean(traj, settings=DEFAULT.clean)
    gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=DEFAULT.events)
    results, _ = compute_metrics(cleaned, gait.steps, leg_px=report.leg_length_px)
    summary = summarise(results["pelvic_drop_deg"], gait.steps)
    errors = []
    for step in gait.steps:
        true = np.asarray(kin.strikes_s[step.foot])
        errors.append(1000 * (step.strike_s - true[np.argmin(np.abs(true - step.strike_s))]))
    offset = pelvis_low_offset(cleaned, gait.steps)
    row: dict[str, float | str | None] = {
        "strike_error_ms": float(np.median(errors)),
        "pelvis_offset": offset,
        "check": contact_timing_rear(offset, DEFAULT.quality).status,
    }
    for foot, true_deg in DROP_DEG.items():
        got = summary.foot(foot).median
        row[f"{foot}_deg"] = got
        row[f"{foot}_error_deg"] = None if got is None else got - true_deg
    return row


def measure(shot: Shot, folder: Path, rotation_deg: float = ROTATION_DEG) -> dict:
    """Render the clip, find the tape in its pixels, read the drop and the contacts."""
    from backstride.settings import DEFAULT
    from backstride.synth.clip import render_clip
    from backstride.synth.kinematics import simulate
    from backstride.video import probe
    from backstride.video.markers import scan_markers, with_markers

    params, cam = runner(rotation_deg, shot.overground), camera(shot)
    clip = folder / f"rear_{shot.lens_height_m}_{shot.distance_m}_{shot.overground}_{rotation_deg:g}.mp4"
    render_clip(params, cam, clip, fps=FPS, duration_s=shot.duration_s)
    kin = simulate(params, np.arange(0, shot.duration_s, 1 / FPS))
    pose = projected_pose(kin, cam)
    markers = scan_markers(probe(clip, DEFAULT.video), pose.xy_px, pose.keypoints)
    if markers is None:
        return {"shot": shot.name, "found_share": 0.0}
    return {"shot": shot.name, "found_share": markers.found_share, **read(with_markers(pose, markers), kin)}


#: lens heights (above the surface the feet land on): a phone on the floor behind a treadmill
#: (-0.2), at the belt, a little above it, knee, hip and chest height; distances a room allows
SWEEP = (
    Shot(None, None),
    *(Shot(h, d) for d in (2.0, 3.0, 5.0) for h in (-0.2, 0.0, 0.25, 0.5, 1.0, 1.5)),
    *(Shot(h, 12.0, overground=True) for h in (0.0, 1.0, 1.5)),
)
