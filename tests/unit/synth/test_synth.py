"""The synthetic runner: its model honours the kinematics it is given, and the analysis
recovers them from perfect keypoints (arithmetic check; modelling errors need real data)."""

from dataclasses import replace

import numpy as np
import pytest

from backstride.clean import clean
from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.events.gait import analyse_gait
from backstride.metrics.compute import compute_metrics, summarise
from backstride.person.view import detect_view
from backstride.quality.level import level_camera
from backstride.settings import DEFAULT
from backstride.synth.clip import truth
from backstride.synth.kinematics import simulate
from backstride.synth.model import Body, RunnerParams, knee_flexion_from_distance
from backstride.synth.render import Camera

FPS = 60.0
#: Side-view metric -> tolerance from perfect keypoints: the metrics read the frame nearest an
#: event, so a joint turning fast there (the thigh at toe-off) can be off by up to half a
#: frame's rotation.
SAGITTAL = {
    "shank_angle_deg": 1.0,
    "knee_flexion_contact_deg": 1.0,
    "knee_flexion_peak_stance_deg": 1.0,
    "thigh_extension_toe_off_deg": 3.5,
    "overstride_pct_leg": 1.5,
    "vertical_oscillation_pct_leg": 0.5,
}
PARAMS = RunnerParams(asymmetry={"right": {"pelvic_drop_deg": 8.0}})


@pytest.fixture(scope="module")
def kin():
    return simulate(PARAMS, np.arange(0, 6, 1 / FPS))


def test_model_honours_its_parameters(kin):
    body = Body(PARAMS.height_m)
    for leg in ("left", "right"):
        strikes = np.array(kin.strikes_s[leg])
        at = simulate(PARAMS, strikes)
        d = np.linalg.norm(at.points[f"{leg}_hip"] - at.points[f"{leg}_ankle"], axis=1)
        assert knee_flexion_from_distance(d, body.thigh, body.shank) == pytest.approx(15.0, abs=1e-6)
        ahead = at.points[f"{leg}_ankle"][:, 0] - at.points[f"{leg}_hip"][:, 0]
        assert ahead == pytest.approx(0.25, abs=1e-9)  # overstride, ankle ahead of the hip
        lowest = np.minimum(at.points[f"{leg}_heel"][:, 1], at.points[f"{leg}_foot_index"][:, 1])
        assert lowest == pytest.approx(0.0, abs=1e-9)  # on the ground at contact
    assert np.diff(np.sort(np.concatenate([kin.strikes_s["left"], kin.strikes_s["right"]]))) == pytest.approx(60 / 170)
    # pelvic drop: the right hip drops 4 deg in left stance, the left hip 8 deg in right stance
    assert kin.pelvic_roll_deg.max() == pytest.approx(4.0, abs=0.05)
    assert kin.pelvic_roll_deg.min() == pytest.approx(-8.0, abs=0.05)


def perfect_keypoints(kin, cam: Camera) -> Trajectory:
    xy = np.full((len(kin.time_s), len(KEYPOINTS), 2), np.nan)
    vis = np.zeros((len(kin.time_s), len(KEYPOINTS)))
    for name, path in kin.points.items():
        if name in KEYPOINTS:
            xy[:, KEYPOINTS.index(name)] = cam.project(path)
            vis[:, KEYPOINTS.index(name)] = 1.0
    return Trajectory(xy_px=xy, visibility=vis, time_s=kin.time_s, fps_nominal=FPS)


@pytest.mark.parametrize("view,tilt_deg,overground", [("side-left", 0.0, False), ("side-right", 5.0, True)])
def test_analysis_recovers_the_kinematics_from_perfect_keypoints(kin, view, tilt_deg, overground):
    """Treadmill with a level camera; overground past a camera rolled by 5 deg (the roll is
    measurable only overground, where contacts spread along the ground)."""
    if overground:
        kin = simulate(replace(PARAMS, overground=True), kin.time_s)
    cam = Camera(view, tilt_deg=tilt_deg)
    traj = perfect_keypoints(kin, cam)
    traj = traj.with_(view=detect_view(traj).view)
    assert traj.view.value == view
    cleaned, report = clean(traj, settings=DEFAULT.clean)
    levelled = level_camera(cleaned, leg_px=report.leg_length_px, settings=DEFAULT)
    cleaned, found_tilt = levelled.traj, levelled.roll_deg
    if overground:
        assert found_tilt == pytest.approx(tilt_deg, abs=0.5)  # the camera's roll, from the ground line
    else:
        assert found_tilt is None  # a treadmill: the feet land in one place, no ground line to read
    gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=DEFAULT.events)
    assert abs(gait.cadence_spm - PARAMS.cadence_spm) <= 1.0
    true = truth(PARAMS, cam, kin, FPS)
    frame = 1000 / FPS
    for leg in ("left", "right"):
        for kind, key in (("foot_strike_s", "foot_strike_s"), ("toe_off_s", "toe_off_s")):
            t = np.array(true["events"][leg][kind])
            found = np.array(getattr(gait.events[leg], key))
            err = [1000 * (f - t[np.argmin(np.abs(t - f))]) for f in found]
            assert len(found) >= len(t) - 2 and max(abs(e) for e in err) <= frame  # within one frame
    results, residual = compute_metrics(cleaned, gait.steps, leg_px=report.leg_length_px)
    assert residual is None or abs(residual) < 0.5  # levelled
    med = {k: summarise(r, gait.steps) for k, r in results.items()}
    for leg in ("left", "right"):
        assert med["trunk_lean_deg"].foot(leg).median == pytest.approx(PARAMS.trunk_lean_deg, abs=3.0)
        step = [s for s in true["steps"] if s["foot"] == leg][1]
        for name, tolerance in SAGITTAL.items():
            assert med[name].foot(leg).median == pytest.approx(step[name], abs=tolerance), name
        assert med["foot_strike_angle_deg"].foot(leg).median == pytest.approx(PARAMS.foot_strike_angle_deg, abs=3.0)


@pytest.mark.parametrize("step_width_m", [0.08, -0.04])
def test_rear_metrics_from_perfect_keypoints(step_width_m):
    """Pelvic drop 4 deg (left stance drops the right hip) and 9 deg (right stance) as put in;
    step width in % of the hip distance; a negative width is a crossover."""
    from backstride.metrics.rear import crossover

    params = RunnerParams(step_width_m=step_width_m, asymmetry={"right": {"pelvic_drop_deg": 9.0}})
    kin = simulate(params, np.arange(0, 6, 1 / FPS))
    cam = Camera("rear")
    traj = perfect_keypoints(kin, cam)
    traj = traj.with_(view=detect_view(traj).view)
    assert traj.view.value == "rear"
    cleaned, report = clean(traj, settings=DEFAULT.clean)
    gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=DEFAULT.events)
    results, _ = compute_metrics(cleaned, gait.steps, leg_px=report.leg_length_px)
    med = {k: summarise(r, gait.steps) for k, r in results.items()}
    true = {s["foot"]: s for s in truth(params, cam, kin, FPS)["steps"]}
    for leg in ("left", "right"):
        assert med["pelvic_drop_deg"].foot(leg).median == pytest.approx(true[leg]["pelvic_drop_deg"], abs=0.5)
        width = med["step_width_pct_pelvis"].foot(leg).median
        assert width == pytest.approx(true[leg]["step_width_pct_pelvis"], abs=1.0)
        assert crossover(width) == (step_width_m < 0)
        assert med["trunk_lateral_lean_deg"].foot(leg).median == pytest.approx(0.0, abs=0.5)


@pytest.mark.parametrize("overground", [True, False])
def test_step_length_and_speed_from_the_image_scale(overground):
    """Overground past a static camera: step length = speed x step time (3.0 m/s x 60/170 s =
    1.059 m), read from where the heels land, with the camera's own scale; on a treadmill the
    feet land in one place and the metrics say so instead of guessing."""
    params = replace(PARAMS, overground=overground)
    kin = simulate(params, np.arange(0, 6, 1 / FPS))
    cam = Camera("side-right")
    traj = perfect_keypoints(kin, cam)
    traj = traj.with_(view=detect_view(traj).view, metres_per_px=1 / cam.px_per_m)
    cleaned, report = clean(traj, settings=DEFAULT.clean)
    gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=DEFAULT.events)
    results, _ = compute_metrics(cleaned, gait.steps, leg_px=report.leg_length_px)
    med = {k: summarise(results[k], gait.steps) for k in ("step_length_cm", "speed_kmh")}
    for leg in ("left", "right"):
        if overground:
            assert med["step_length_cm"].foot(leg).median == pytest.approx(100 * 3.0 * 60 / 170, rel=0.02)
            assert med["speed_kmh"].foot(leg).median == pytest.approx(3.6 * 3.0, rel=0.02)
        else:
            assert med["speed_kmh"].foot(leg).status == "not measured"
            assert "treadmill" in med["speed_kmh"].foot(leg).reason


def test_a_pinhole_camera_keeps_the_scale_at_the_runner_and_shrinks_what_is_further():
    """At the runner's depth a pinhole camera has the orthographic scale and ground row; a point
    1 m further is smaller by d / (d + 1); with the lens at floor height every floor point lies
    on one row (the floor plane passes through the lens)."""
    ortho = Camera("rear")
    pin = Camera("rear", distance_m=3.0, lens_height_m=1.0)
    at_runner = np.array([[0.0, 0.0, 0.2], [0.0, 1.0, -0.1]])
    assert pin.project(at_runner) == pytest.approx(ortho.project(at_runner))
    near, far = pin.project(np.array([[0.0, 1.5, 0.3], [1.0, 1.5, 0.3]]))
    assert (far - [pin.width / 2, pin.height * pin.ground_row - pin.px_per_m]) == pytest.approx(
        (near - [pin.width / 2, pin.height * pin.ground_row - pin.px_per_m]) * 3 / 4
    )
    floor = Camera("rear", distance_m=3.0, lens_height_m=0.0).project(np.array([[x, 0.0, 0.1] for x in (-1, 0, 2)]))
    assert np.ptp(floor[:, 1]) == pytest.approx(0.0, abs=1e-9)


def test_pelvis_rotation_turns_the_psis_without_changing_their_heights():
    turning = replace(PARAMS, pelvis_rotation_deg=5.0)
    t = np.arange(0, 3, 1 / FPS)
    a, b = simulate(PARAMS, t), simulate(turning, t)
    for name in ("left_psis", "right_psis", "left_hip", "right_hip"):
        assert b.points[name][:, 1] == pytest.approx(a.points[name][:, 1], abs=1e-12)
    d = b.points["left_psis"] - b.points["right_psis"]
    yaw = np.degrees(np.arctan2(d[:, 0], d[:, 2]))  # the left side forward: +
    assert yaw.max() == pytest.approx(5.0, abs=0.05) and yaw.min() == pytest.approx(-5.0, abs=0.05)
    strikes = np.array(b.strikes_s["left"])
    at = simulate(turning, strikes)
    d = at.points["left_hip"] - at.points["right_hip"]
    assert np.degrees(np.arctan2(d[:, 0], d[:, 2])) == pytest.approx(5.0, abs=1e-6)  # left forward at left strike
