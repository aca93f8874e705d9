"""A rolled camera and a panning camera, made from the shared treadmill clip.

Truth: the same clip through the same encoder untouched (re-encoding alone moves mediapipe's
contact times by up to 17 ms at 30 fps, so the rolled and cropped clips are compared with the
re-encoded one, not with the original file). Rotated by +/-5 deg about the image centre, the
measured roll must move by 5 deg and every side angle stay within 1.5 deg (the issue's
target); contact times within 10 ms. A window that pans over the clip (a triangle, 40 px/s)
must give the cadence and contact times of a fixed window at the same place.
Measured: roll 1.4 / +6.5 / -3.2 deg (unrotated / +5 / -5); see the README for the rest.
"""

from dataclasses import replace

import pytest

from backstride.metrics.compute import foot_medians, summarise
from backstride.pipeline import analyse_clip
from tests.clips import moving_crop, rotated, transform

pytestmark = pytest.mark.slow
SIDE_ANGLES = ("trunk_lean_deg", "foot_strike_angle_deg", "shank_angle_deg", "knee_flexion_contact_deg",
               "knee_flexion_peak_stance_deg", "thigh_extension_toe_off_deg")
ANGLE_TOL_DEG = 1.5
CONTACT_TOL_MS = 10.0


@pytest.fixture(scope="module")
def source(shared_data):
    return shared_data / "videos" / "treadmill_side_30fps.mp4"


@pytest.fixture(scope="module")
def made(source, tmp_path_factory, settings):
    folder = tmp_path_factory.mktemp("derived")

    def analyse(name, fn):
        return analyse_clip(transform(source, folder / f"{name}.mp4", fn), role="side", settings=settings)

    return analyse


@pytest.fixture(scope="module")
def level(made):
    return made("level", lambda i, rgb: rgb)


def medians(clip, name):
    return foot_medians(summarise(clip.metrics[name], clip.gait.steps))


@pytest.mark.parametrize("angle_deg", [5.0, -5.0])
def test_a_rolled_treadmill_clip_is_levelled_from_the_room(made, level, angle_deg):
    clip = made(f"roll{angle_deg:+.0f}", rotated(angle_deg))
    assert level.camera_tilt_deg is not None and clip.camera_tilt_deg is not None
    assert clip.camera_tilt_deg - level.camera_tilt_deg == pytest.approx(angle_deg, abs=0.5)
    roll = next(c for c in clip.quality.checks if c.name == "camera_roll")
    assert roll.status == "ok" and "vertical edges" in roll.why
    for name in SIDE_ANGLES:
        a, b = medians(clip, name), medians(level, name)
        for foot in ("left", "right"):
            assert abs(a[foot] - b[foot]) <= ANGLE_TOL_DEG, (name, foot, a[foot], b[foot])
    for foot in ("left", "right"):
        ct = clip.gait.per_foot[foot]["contact_time_ms"].median
        ref = level.gait.per_foot[foot]["contact_time_ms"].median
        assert abs(ct - ref) <= CONTACT_TOL_MS, (foot, ct, ref)


def test_a_panning_camera_is_followed_and_removed(made):
    """A 560 px window moving 0 -> 160 px and back every 8 s (40 px/s) against a fixed window at
    its middle place."""
    fixed = made("fixed", moving_crop(560, 1280, lambda i: 80))
    panned = made("panned", moving_crop(560, 1280, lambda i: 160 * (1 - abs(((i / 30.0) % 8) / 4 - 1))))
    motion = next(c for c in panned.quality.checks if c.name == "camera_motion")
    assert "panned" in motion.why and motion.value > 0.3
    still = next(c for c in fixed.quality.checks if c.name == "camera_motion")
    assert "fixed camera" in still.why
    assert abs(panned.gait.cadence_spm - fixed.gait.cadence_spm) <= 1.5  # the clip's cadence truth is +/-0.5
    for foot in ("left", "right"):
        a, b = panned.gait.per_foot[foot]["contact_time_ms"], fixed.gait.per_foot[foot]["contact_time_ms"]
        assert abs(a.median - b.median) <= a.uncertainty, (foot, a.median, b.median)


def test_a_camera_that_cannot_be_followed_is_refused(source, tmp_path, settings):
    """A pan over a clip whose background is blanked (nothing to follow) cannot be told from a
    runner moving; with the background there but unfollowable in most frames it is refused."""
    from backstride.errors import CaptureError

    clip = transform(source, tmp_path / "jerky.mp4",
                     moving_crop(560, 1280, lambda i: 0 if (i // 3) % 2 else 160))  # jumps 160 px every 3 frames
    strict = replace(settings, quality=replace(settings.quality, pan_min_tracked_share=0.99))
    with pytest.raises(CaptureError, match="camera moves"):
        analyse_clip(clip, role="side", settings=strict)
