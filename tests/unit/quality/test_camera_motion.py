"""Camera-motion removal (quality/camera.py), tested directly: a friend pans the phone to follow the
synthetic runner past them, so the runner stays mid-frame while the ground slides by. The pan is
known (the camera follows the hip), so the keypoints in the ground's frame are known exactly."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from backstride.errors import CaptureError
from backstride.quality.camera import MIN_TEXTURE_POINTS, remove_camera_motion
from backstride.settings import DEFAULT
from backstride.synth.kinematics import simulate
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.video.scene import Scene
from tests.unit.synth.test_synth import perfect_keypoints

FPS = 60.0


@pytest.fixture(scope="module")
def panned():
    """(keypoints fixed to the ground, the same filmed by a camera that follows the hip, its path)."""
    kin = simulate(RunnerParams(overground=True), np.arange(0, 4, 1 / FPS))
    ground = perfect_keypoints(kin, Camera("side-left"))
    hip_x = ground.point("left_hip")[:, 0]
    camera_x = hip_x - hip_x[0]  # the camera turns with the runner
    path = np.stack([-camera_x, np.zeros_like(camera_x)], axis=1)  # the background slides the other way
    filmed = ground.with_(xy_px=ground.xy_px + path[:, None, :])
    return ground, filmed, path


def _scene(path: np.ndarray, *, features: float = 200.0, lost: np.ndarray | None = None) -> Scene:
    shift = np.vstack([[0.0, 0.0], np.diff(path, axis=0)])
    if lost is not None:
        shift[lost] = np.nan
    n = len(path)
    return Scene(time_s=np.arange(n) / FPS, shift_px=shift, cut_before=np.zeros(n, bool),
                 sharpness=np.full(n, 100.0), lines=np.zeros((0, 5)), n_features=np.full(n, features))  # fmt: skip


def test_a_followed_runner_is_put_back_on_the_ground(panned):
    ground, filmed, path = panned
    back, motion = remove_camera_motion(filmed, _scene(path), DEFAULT.quality)
    assert motion.compensated and motion.measurable and motion.tracked_share == 1.0
    assert motion.range_px == pytest.approx(np.ptp(path[:, 0]))
    assert np.nanmax(np.abs(back.xy_px - ground.xy_px)) < 1e-9  # arithmetic: exact
    assert np.ptp(filmed.point("left_hip")[:, 0]) < 1e-9 < np.ptp(back.point("left_hip")[:, 0])


def test_frames_whose_background_was_lost_take_their_neighbours_shift(panned):
    """One frame in ten not followed (90 % tracked, above the 80 % limit): each lost shift is the
    mean of its neighbours', so a steady pan is rebuilt within a pixel."""
    ground, filmed, path = panned
    lost = np.zeros(len(path), bool)
    lost[5::10] = True
    back, motion = remove_camera_motion(filmed, _scene(path, lost=lost), DEFAULT.quality)
    assert motion.tracked_share == pytest.approx(0.9, abs=0.01) and motion.compensated
    assert np.nanmax(np.abs(back.xy_px - ground.xy_px)) < 1.0


def test_a_pan_followed_in_too_few_frames_is_refused_with_what_to_do(panned):
    _, filmed, path = panned
    lost = np.zeros(len(path), bool)
    lost[::3] = True  # a third of the frames lost: 67 % tracked
    with pytest.raises(CaptureError, match=r"side\.mp4: the camera moves .* film from a tripod"):
        remove_camera_motion(filmed, _scene(path, lost=lost), DEFAULT.quality, clip="side.mp4")


def test_a_plain_wall_or_a_still_camera_leaves_the_keypoints_as_filmed(panned):
    ground, filmed, path = panned
    same, motion = remove_camera_motion(filmed, _scene(path, features=MIN_TEXTURE_POINTS - 1), DEFAULT.quality)
    assert same is filmed and not motion.measurable and not motion.compensated
    still, motion = remove_camera_motion(ground, _scene(np.zeros_like(path)), DEFAULT.quality)
    assert still is ground and motion.measurable and not motion.compensated and motion.range_px == 0.0
    drift = replace(DEFAULT.quality, pan_min_leg=100.0)  # a pan under the limit (12 m run: ~13 legs) stays
    assert remove_camera_motion(filmed, _scene(path), drift)[0] is filmed
