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
