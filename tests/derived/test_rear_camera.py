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


def test_a_runner_moving_away_over_plain_ground_is_refused_with_advice_for_the_setting(tmp_path, settings):
    """The rendered runner running away 6-18 m from a lens 1 m high, through the pose model (as
    ``make bench-accuracy``'s rear-away row). Its strikes came out 60-220 ms off the model's
    (half a step; the feet start below the frame's edge), so it cannot be measured: it must be
    refused for what it is (too few steady steps, or mistimed contacts, as the runner shrinks),
    with advice for a runner moving away (film at a fixed distance), not for a drawn line, which
    the plain ground between the legs read as (0.72 torso lengths) before the overlay check
    compared a still run with the scene beside it."""
    from benchmarks.validation.rear_camera import FPS, camera, runner

    from backstride.app.pipeline import analyse_clip
    from backstride.errors import ClipRefused
    from backstride.synth.clip import render_clip

    clip = tmp_path / "away.mp4"
    render_clip(runner(overground=True), camera(Shot(1.0, 12.0, True)), clip, fps=FPS * 2, duration_s=4.0)
    with pytest.raises(ClipRefused) as err:
        analyse_clip(clip, role="rear", settings=settings)
    said = str(err.value)
    assert "line drawn" not in said
    assert "away from a camera standing still" in said and "a friend following 3-5 m behind" in said
