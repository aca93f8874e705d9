"""The quality checks' arithmetic: limits, the roll from vertical edges, the camera's path,
the steady window. Truth: constructed inputs whose answer is known exactly."""

from types import SimpleNamespace

import numpy as np
import pytest

from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.quality.camera import camera_path_px, edge_roll_deg, shots
from backstride.quality.checks import Check, Quality, graded
from backstride.quality.measurement import overlapping_contacts, step_regularity, step_spread_pct
from backstride.quality.steady import steady_window
from backstride.settings import QualitySettings
from backstride.video.scene import Scene

LIMITS = QualitySettings()


def test_graded_limits_both_ways():
    assert graded(5.0, warn=10, fail=20) == "ok"
    assert graded(15.0, warn=10, fail=20) == "warn"
    assert graded(25.0, warn=10, fail=20) == "fail"
    assert graded(0.8, warn=0.9, fail=0.7, higher_is_worse=False) == "warn"
    assert graded(float("nan"), warn=1) == "not measured"


def test_step_spread_is_the_robust_cv():
    steps = [0.35, 0.36, 0.34, 0.35, 0.36, 0.34, 0.35, 0.35]
    q1, med, q3 = np.percentile(steps, [25, 50, 75])
    assert step_spread_pct(steps) == pytest.approx(100 * (q3 - q1) / 1.349 / med)
    chaotic = [0.147, 1.198, 0.35, 0.6, 0.2, 0.9, 0.4, 1.1]  # the chaotic clip: 147-1198 ms
    check = step_regularity(chaotic, 1 / 30, LIMITS)
    assert check.status == "fail" and check.value > 50
    assert step_regularity(steps, 1 / 30, LIMITS).status == "ok"


def test_overlapping_contacts_count_only_beyond_a_frame_in_running():
    dt = 1 / 30
    assert overlapping_contacts([0.05, -0.01, 0.04, 0.06], dt, True).value == 0.0  # -10 ms is timing
    assert overlapping_contacts([-0.3, -0.3, 0.05, 0.05], dt, True).status == "fail"
    assert overlapping_contacts([-0.3], dt, False).status == "not measured"  # walking has double support


def test_quality_verdict_and_line():
    ok = Check("a", "capture", 1.0, "x", "<= 2", "ok", "why")
    warn = Check("b", "measurement", 3.0, "x", "<= 2", "warn", "why", "do this")
    q = Quality((ok, warn), (1.0, 5.0), ("0.0-1.0 s: not upright",))
    assert q.verdict == "warnings" and q.measurement_warns()
    assert "b 3 x (limit <= 2)" in q.one_line() and "analysed 1.0-5.0 s" in q.one_line()
    assert Quality((ok,)).verdict == "ok"
    assert q.to_json()["left_out"] == ["0.0-1.0 s: not upright"]
    with pytest.raises(ValueError):
        Check("c", "capture", 1.0, "x", "", "bad", "why")


def scene_with_lines(lines, width=720, height=1280, n=30):
    return Scene(
        np.arange(n) / 30.0,
        np.zeros((n, 2)),
        np.zeros(n, bool),
        np.full(n, 100.0),
        np.asarray(lines, dtype=float).reshape(-1, 5),
        np.full(n, 300),
        width_px=width,
        height_px=height,
    )


def keystone_lines(roll_deg: float, vp_distance_px: float = 4000.0, width=720, height=1280):
    """Vertical edges of a room seen by a camera tilted up (they meet at a point above the image),
    then rolled by ``roll_deg`` about the image centre: their vanishing point turns with the roll."""
    c = np.array([width / 2, height / 2])
    a = np.radians(roll_deg)
    rot = np.array([[np.cos(a), np.sin(a)], [-np.sin(a), np.cos(a)]])  # counter-clockwise on screen (y down)
    vp = np.array([0.0, -vp_distance_px])  # straight above the centre before the roll
    lines = []
    for k, x in enumerate(np.linspace(-300, 300, 9)):
        bottom = np.array([x, 500.0])
        top = bottom + 0.4 * (vp - bottom)
        p, q = rot @ bottom + c, rot @ top + c
        lines.append([*p, *q, k % 4])
    return lines


@pytest.mark.parametrize("roll_deg", [0.0, 5.0, -5.0, 8.0])
def test_roll_is_the_angle_of_the_vertical_vanishing_point(roll_deg):
    roll, how = edge_roll_deg(scene_with_lines(keystone_lines(roll_deg)))
    assert roll == pytest.approx(roll_deg, abs=0.05), how  # the edges' own angles spread +/-4 deg here


def test_parallel_verticals_give_the_roll_and_too_few_give_none():
    lines = [[100 + 60 * k, 1000, 100 + 60 * k - 1000 * np.tan(np.radians(3.0)), 0, k % 3] for k in range(8)]
    roll, _ = edge_roll_deg(scene_with_lines(lines))
    assert roll == pytest.approx(3.0, abs=0.05)  # top to the left: the scene turned counter-clockwise
    assert edge_roll_deg(scene_with_lines(lines[:3]))[0] is None


def test_camera_path_fills_unmeasured_frames_and_restarts_at_cuts():
    n = 10
    shift = np.tile([5.0, 0.0], (n, 1))
    shift[0] = 0
    shift[4] = np.nan  # not followed: the neighbours' shift is used
    cuts = np.zeros(n, bool)
    cuts[7] = True
    scene = Scene(np.arange(n) / 30, shift, cuts, np.ones(n), np.zeros((0, 5)), np.full(n, 300))
    path, share = camera_path_px(scene)
    assert share == pytest.approx(8 / 9)
    assert path[6, 0] == pytest.approx(30.0) and path[7, 0] == pytest.approx(30.0)  # no jump at the cut
    assert shots(scene) == [(0, 7), (7, 10)]


def _crouched_then_upright(t, fps, leg):
    """Hips 0.4 leg above the feet for the first 0.5 s (a crouch), 0.9 leg after (running)."""
    xy = np.zeros((len(t), len(KEYPOINTS), 2))
    hip_height = np.where(t < 0.5, 0.4, 0.9) * leg
    for side in ("left", "right"):
        xy[:, KEYPOINTS.index(f"{side}_hip"), 1] = 500 - hip_height
        for part in ("heel", "foot_index", "ankle"):
            xy[:, KEYPOINTS.index(f"{side}_{part}"), 1] = 500
    return Trajectory(xy, np.ones((len(t), len(KEYPOINTS))), t, fps_nominal=fps)


def test_steady_window_leaves_out_a_crouch_and_the_acceleration():
    """A runner crouched (hips 0.4 leg above the feet) for 0.5 s, a strike read in the crouch,
    then steps lengthening (0.22, 0.26 s), then steady 0.35 s steps."""
    fps, leg = 60.0, 100.0
    t = np.arange(0, 8, 1 / fps)
    traj = _crouched_then_upright(t, fps, leg)
    times, strikes, s = [0.35, 0.22, 0.26], [], 0.2  # in the blocks, accelerating, then steady
    times += [0.35] * 18
    for st in times:
        strikes.append((s, st))
        s += st
    steps = [SimpleNamespace(strike_s=a, step_time_s=b) for a, b in strikes]
    window = steady_window(traj, steps, leg, LIMITS)
    first_steady = strikes[3][0]  # 0.2 + 0.35 + 0.22 + 0.26 = 1.03 s
    assert window.start_s == pytest.approx(first_steady - 0.15)  # the margin kept before it
    assert window.stop_s == pytest.approx(t[-1])  # steady to the end: nothing left out there
    assert any("not upright" in why for why in window.left_out)
    assert any("speeding up" in why for why in window.left_out)


def test_a_stretch_without_whole_steps_before_the_first_steady_step_is_left_out():
    """Upright from 0.5 s, but the first whole step read starts at 2.0 s: the strikes the model
    caught in between (in the blocks, the push-off) made no whole step when the window was judged,
    and came back as a 0.9 s step once the clip was cut (the track clip b10 through the BlazePose
    port, and through mediapipe fed invisible noise: a strike 27 frames before the first marked
    landing). Nothing more than a step and the margin before the first steady step is kept."""
    fps, leg = 60.0, 100.0
    t = np.arange(0, 6, 1 / fps)
    traj = _crouched_then_upright(t, fps, leg)
    steps = [SimpleNamespace(strike_s=2.0 + 0.25 * i, step_time_s=0.25) for i in range(12)]
    window = steady_window(traj, steps, leg, LIMITS)
    assert window.start_s == pytest.approx(2.0 - 0.15)
    assert any(why.startswith("0.5-1.9 s") and "speeding up" in why for why in window.left_out)
    # a first steady step within a step and the margin of the upright start: nothing more is cut
    near = [SimpleNamespace(strike_s=0.8 + 0.25 * i, step_time_s=0.25) for i in range(12)]
    assert steady_window(traj, near, leg, LIMITS).start_s == pytest.approx(0.5)


def test_repeated_frames_give_the_real_frame_rate():
    from backstride.quality.camera import repeat_check

    n = 61
    change = np.where(np.arange(n) % 2 == 0, 0.0, 12.0)  # every other frame repeats the one before
    change[0] = np.nan
    scene = Scene(
        np.arange(n) / 60, np.zeros((n, 2)), np.zeros(n, bool), np.ones(n), np.zeros((0, 5)), np.full(n, 300), change
    )
    check = repeat_check(scene, 60.0)
    assert check.status == "warn" and check.value == pytest.approx(0.5) and "about 30 fps" in check.why


@pytest.mark.parametrize("distance", ["moving away", "coming closer"])
def test_a_refusal_of_a_runner_whose_distance_changed_says_how_to_film_at_a_fixed_one(distance):
    """The real rear clip (a runner running away from a phone on the ground) was refused on one
    machine's pose kernels for its irregular steps alone, whose advice ("film steady running") does
    not say what filming again must change: the distance. Said once, whichever check refused it."""
    from backstride.quality.assess import refusal
    from backstride.quality.measurement import CHANGING_DISTANCE_ADVICE
    from backstride.quality.setting import Setting

    spread = Check("step_time_spread", "measurement", 55.5, "%", "<= 21", "fail", "irregular", "film steady running")
    text = refusal(Quality((spread,)), "rear.mp4", Setting("overground", distance))
    assert text.count(CHANGING_DISTANCE_ADVICE) == 1 and "film steady running" in text
    timing = Check(
        "contact_timing_rear", "measurement", 0.8, "share", "<= 0.1", "fail", "mistimed", CHANGING_DISTANCE_ADVICE
    )
    assert (
        refusal(Quality((spread, timing)), "rear.mp4", Setting("overground", distance)).count(CHANGING_DISTANCE_ADVICE)
        == 1
    )
    assert CHANGING_DISTANCE_ADVICE not in refusal(Quality((spread,)), "rear.mp4", Setting("treadmill", "fixed"))
