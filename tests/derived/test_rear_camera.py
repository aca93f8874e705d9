"""A rear clip filmed by a pinhole camera: the tape's drop and the contacts are read right from
a lens level with the belt (or from any height when the runner runs away from the camera), and a
treadmill clip filmed from a lens above the belt is refused, never reported with late contacts
(validation/rear_camera.py; ``make bench-rear-camera`` prints the whole sweep).

Truth: the synthetic runner's pelvis roll (9 / 4 deg) and its model's foot strikes; the pelvis
turns +/-5 deg, so the two tapes sit at different depths. Tolerances: the drop within 1.5 deg
(the issue's target); strikes within 35 ms (the rear detector reads strikes 28 ms early on the
orthographic render, its level set on Fukuchi's force plates).
"""

import pytest
from benchmarks.validation.rear_camera import Shot, measure


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("rear_camera")


LOW = [Shot(0.0, 3.0), Shot(0.0, 5.0), Shot(0.25, 5.0), Shot(-0.2, 5.0), Shot(1.0, 12.0, overground=True)]


@pytest.mark.parametrize("shot", LOW)
def test_a_low_lens_reads_the_drop_and_the_contacts(folder, shot):
    r = measure(shot, folder)
    assert r["found_share"] > (0.7 if shot.overground else 0.95)  # running away: 6 px of tape at 18 m
    assert r["check"] == "ok"
    assert abs(r["strike_error_ms"]) <= 35
    assert abs(r["left_error_deg"]) <= 1.5 and abs(r["right_error_deg"]) <= 1.5


@pytest.mark.parametrize("shot", [Shot(1.0, 3.0), Shot(0.5, 3.0), Shot(0.5, 5.0), Shot(1.5, 5.0)])
def test_a_lens_above_the_belt_is_refused(folder, shot):
    """The stance foot slides towards the lens and keeps dropping in the picture: strikes come
    out 60-160 ms late and the drop under-reads; the contact-timing check refuses the clip."""
    r = measure(shot, folder)
    assert r["strike_error_ms"] > 50  # the failure the check exists for
    assert r["check"] == "fail"


def test_a_runner_moving_away_over_plain_ground_is_measured_right_or_refused_for_the_setting(tmp_path, settings):
    """The rendered runner running away 6-18 m from a lens 1 m high, through the pose model (as
    ``make bench-accuracy``'s rear-away row). It sits on an edge: two renders of it (the same
    frames; the H.264 files differed between processes) were once refused (strikes through the
    model's labels 60-220 ms off, only 2.3 s steady) and once measured from the steps found
    without the labels (cadence 170.8 against 170, drop 8.9 / 4.8 against 9 / 4). Either is
    right; what must never happen is a wrong number, or a refusal for a drawn line, which the
    plain ground between the legs read as (0.72 torso lengths) before the overlay check compared
    a still run with the scene beside it. Tolerances: the drop within 1.5 deg (the issue's
    target, as above); cadence within 2 steps/min (the rear detector's error on these renders)."""
    from benchmarks.validation.rear_camera import DROP_DEG, FPS, camera, runner

    from backstride.app.pipeline import analyse_clip
    from backstride.errors import ClipRefused
    from backstride.metrics.compute import summarise
    from backstride.synth.clip import render_clip

    clip = tmp_path / "away.mp4"
    render_clip(runner(overground=True), camera(Shot(1.0, 12.0, True)), clip, fps=FPS * 2, duration_s=4.0)
    try:
        analysis = analyse_clip(clip, role="rear", settings=settings)
    except ClipRefused as err:
        said = str(err)
        assert "line drawn" not in said
        assert "away from a camera standing still" in said and "a friend following 3-5 m behind" in said
        return
    assert abs(analysis.gait.cadence_spm - 170.0) <= 2.0
    drop = summarise(analysis.metrics["pelvic_drop_deg"], analysis.gait.steps)
    for foot, true_deg in DROP_DEG.items():
        got = drop.foot(foot).median
        assert got is not None and abs(got - true_deg) <= 1.5, (foot, got)
