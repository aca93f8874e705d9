"""Pelvic drop from two skin markers over the PSIS (the rear-view issue).

Truth: the synthetic runner's pelvis roll, which the rendered tape follows exactly (its two PSIS
rotate with the pelvis). Arithmetic checks with perfect keypoints; the marker finder on a rendered
clip (OpenCV only: the pose is the model's own projected keypoints, so no pose model runs here).
"""

import numpy as np
import pytest

from backstride.clean import clean
from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.events.gait import analyse_gait
from backstride.metrics.compute import compute_metrics, summarise
from backstride.metrics.rear import knee_alignment, pelvic_drop_band
from backstride.person.view import detect_view
from backstride.settings import DEFAULT
from backstride.synth.clip import render_clip
from backstride.synth.kinematics import simulate
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.video import probe
from backstride.video.markers import NAMES, scan_markers

FPS = 30.0
PARAMS = RunnerParams(pelvic_drop_deg=4.0, asymmetry={"left": {"pelvic_drop_deg": 9.0}}, pelvis_markers=True)


def projected(kin, cam: Camera, *, markers: bool, high_left_m: float = 0.0) -> Trajectory:
    names = (*KEYPOINTS, *NAMES) if markers else KEYPOINTS
    xy = np.full((len(kin.time_s), len(names), 2), np.nan)
    vis = np.zeros((len(kin.time_s), len(names)))
    source = {**kin.points, "psis_left": kin.points["left_psis"], "psis_right": kin.points["right_psis"]}
    for k, name in enumerate(names):
        if name in source:
            point = source[name] + (np.array([0.0, high_left_m, 0.0]) if name == "psis_left" else 0.0)
            xy[:, k], vis[:, k] = cam.project(point), 1.0
    return Trajectory(xy_px=xy, visibility=vis, time_s=kin.time_s, fps_nominal=FPS, keypoints=names)


def drops(traj: Trajectory) -> dict[str, float]:
    traj = traj.with_(view=detect_view(traj).view)
    cleaned, report = clean(traj, settings=DEFAULT.clean)
    gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=DEFAULT.events)
    results, _ = compute_metrics(cleaned, gait.steps, leg_px=report.leg_length_px)
    s = summarise(results["pelvic_drop_deg"], gait.steps)
    return {f: s.foot(f).median for f in ("left", "right")}


@pytest.mark.parametrize("tilt_deg,high_left_m", [(0.0, 0.0), (5.0, 0.0), (0.0, 0.01)])
def test_marker_line_reads_the_pelvis_roll_whatever_the_camera_roll_or_a_marker_placed_high(tilt_deg, high_left_m):
    """9 / 4 deg put in; a camera rolled 5 deg, or the left tape 1 cm higher than the right, is
    cancelled by reading the drop against the line's angle at contact."""
    kin = simulate(PARAMS, np.arange(0, 6, 1 / 60))
    got = drops(projected(kin, Camera("rear", tilt_deg=tilt_deg), markers=True, high_left_m=high_left_m))
    assert got["left"] == pytest.approx(9.0, abs=0.5) and got["right"] == pytest.approx(4.0, abs=0.5)


def test_without_markers_the_hip_keypoints_are_used():
    kin = simulate(PARAMS, np.arange(0, 6, 1 / 60))
    got = drops(projected(kin, Camera("rear"), markers=False))
    assert got["left"] == pytest.approx(9.0, abs=0.5)  # perfect hips: the hip line rolls with the pelvis too


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tape")
    out = {}
    for tape in (True, False):
        params = RunnerParams(pelvic_drop_deg=4.0, asymmetry={"left": {"pelvic_drop_deg": 9.0}}, pelvis_markers=tape)
        clip = folder / f"rear_{tape}.mp4"
        render_clip(params, Camera("rear"), clip, fps=FPS, duration_s=2.0)
        kin = simulate(params, np.arange(0, 2.0, 1 / FPS))
        out[tape] = (probe(clip, DEFAULT.video), kin)
    return out


def test_the_tape_is_found_by_its_colour_and_its_line_follows_the_roll(rendered):
    info, kin = rendered[True]
    pose = projected(kin, Camera("rear"), markers=False)
    m = scan_markers(info, pose.xy_px, pose.keypoints)
    assert m is not None and m.found_share > 0.95
    assert abs(m.hue_deg - 115) < 20  # the rendered tape is green (HSV hue 115 deg)
    d = m.xy_px[:, 1] - m.xy_px[:, 0]
    left_up = np.degrees(np.arctan2(-(m.xy_px[:, 0, 1] - m.xy_px[:, 1, 1]), d[:, 0]))
    n = min(len(left_up), len(kin.pelvic_roll_deg))
    err = np.abs(left_up[:n] - kin.pelvic_roll_deg[:n])
    assert np.nanmedian(err) < 0.5 and np.nanpercentile(err, 95) < 1.5


def test_no_tape_no_markers(rendered):
    info, kin = rendered[False]
    pose = projected(kin, Camera("rear"), markers=False)
    assert scan_markers(info, pose.xy_px, pose.keypoints) is None


def test_bands_follow_bramah_and_knee_alignment_is_a_category():
    """Bramah 2018: healthy 3.7 +/- 1.9 deg, injured 6.4 +/- 2.1."""
    assert [pelvic_drop_band(d) for d in (3.7, 4.9, 5.0, 6.3, 6.4, 9.0)] == [
        "level",
        "level",
        "moderate",
        "moderate",
        "pronounced",
        "pronounced",
    ]
    assert [knee_alignment(a) for a in (-15.0, 0.0, 9.9, 12.0)] == [
        "knee outside the hip-ankle line",
        "in line",
        "in line",
        "knee inside the hip-ankle line",
    ]


@pytest.mark.parametrize("step_width_m", [-0.06, 0.08])
def test_step_width_without_foot_labels_survives_swapped_labels(step_width_m):
    """Perfect keypoints, the tape, and the stance foot's column as the image shows it: the
    label-free step width matches the truth within 1 % of hip width, and swapping every left and
    right leg keypoint (what the pose model does from behind) changes nothing."""
    from backstride.metrics.crossover import label_free_crossover
    from backstride.synth.clip import truth
    from backstride.video.ground import with_ground_contact

    params = RunnerParams(step_width_m=step_width_m, pelvis_markers=True)
    kin = simulate(params, np.arange(0, 6, 1 / 60))
    cam = Camera("rear")
    traj = projected(kin, cam, markers=True)
    left, right = cam.project(kin.points["left_ankle"]), cam.project(kin.points["right_ankle"])
    down = left[:, 1] > right[:, 1]  # image y grows downwards: the lower ankle is on the ground
    ground = np.where(down[:, None], left, right)
    traj = with_ground_contact(traj, ground).with_(view=detect_view(traj).view)
    true = {s["foot"]: s["step_width_pct_pelvis"] for s in truth(params, cam, kin, 60)["steps"]}
    names = list(traj.keypoints)
    swapped = [n.replace("left_", "@").replace("right_", "left_").replace("@", "right_") for n in names]
    legs = [n for n in names if n.split("_", 1)[-1] in ("knee", "ankle", "heel", "foot_index")]
    order = [names.index(swapped[i]) if names[i] in legs else i for i in range(len(names))]
    for t in (traj, traj.with_(xy_px=traj.xy_px[:, order].copy(), visibility=traj.visibility[:, order].copy())):
        c = label_free_crossover(t)
        assert c is not None and c.identity_from == "PSIS markers"
        for foot, width in c.per_foot().items():
            assert width == pytest.approx(true[foot], abs=1.0), foot
        assert c.crossing_pct() == (100.0 if step_width_m < 0 else 0.0)
