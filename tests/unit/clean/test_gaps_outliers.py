"""Gap filling, variable-frame-rate resampling and glitch rejection."""

import numpy as np

from backstride.clean.gaps import fill_gaps, resample_uniform
from backstride.clean.outliers import hampel_mask
from backstride.core.trajectory import KEYPOINTS, Trajectory


def test_short_gap_is_filled_linearly_long_gap_is_kept():
    x = np.arange(20, dtype=float)
    x[5:7] = np.nan  # 2 samples = 67 ms at 30 Hz
    x[10:18] = np.nan  # 8 samples = 267 ms
    y = fill_gaps(x, 30.0, max_gap_s=0.15)
    assert np.allclose(y[4:8], [4, 5, 6, 7])
    assert np.isnan(y[10:18]).all()


def test_variable_frame_rate_is_resampled_on_true_timestamps():
    t = np.array([0.0, 0.03, 0.07, 0.1, 0.13, 0.2, 0.23])  # irregular phone timestamps
    n, k = len(t), len(KEYPOINTS)
    xy = np.zeros((n, k, 2))
    xy[:, :, 0] = (100.0 * t)[:, None]  # x moves at 100 px/s
    traj = Trajectory(xy_px=xy, visibility=np.ones((n, k)), time_s=t, fps_nominal=30)
    out = resample_uniform(traj)
    step = np.diff(out.time_s)
    assert np.allclose(step, step[0])
    assert np.allclose(out.xy_px[:, 0, 0], 100.0 * out.time_s)  # linear motion is exact


def test_hampel_removes_a_one_frame_jump_but_keeps_fast_smooth_motion():
    t = np.arange(60) / 30.0
    swing = 300 * np.sin(2 * np.pi * 1.4 * t)  # a foot swinging 300 px at stride frequency
    glitch = swing.copy()
    glitch[30] += 200  # keypoint jumped to the other leg for one frame
    mask = hampel_mask(glitch, half_window=3, n_sigmas=3.0, floor=60.0)
    assert mask[30] and mask.sum() == 1
    assert not hampel_mask(swing, half_window=3, n_sigmas=3.0, floor=60.0).any()


def _swinging_foot(seed):
    """A foot's path through two strides at 30 fps (px), with 3 px of keypoint noise and one glitch."""
    rng = np.random.default_rng(seed)
    t = np.arange(90) / 30.0
    x = 400 + 150 * np.sin(2 * np.pi * 1.4 * t)
    y = 600 - 60 * np.clip(np.sin(2 * np.pi * 1.4 * t + 1.0), 0, None)
    xy = np.stack([x, y], axis=1) + rng.normal(0, 3, size=(len(t), 2))
    xy[45] += [70, -50]  # the keypoint jumped toward the other foot for one frame
    return xy[:, None, :]


def _turned(xy, angle_deg):
    a = np.radians(angle_deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return (xy - [640, 360]) @ rot.T + [640, 360]


def test_glitches_found_are_the_same_whichever_way_the_camera_is_rolled():
    """A camera rolled by a few degrees films the same motion: the frames called glitches must not
    depend on the roll. Judged along the picture's x and y, borderline frames flipped at 5 deg, and
    the treadmill clip's levelled foot-strike angle moved 1.2 deg on this machine's mediapipe
    keypoints (4.7 on the BlazePose port's), failing tests/derived/test_camera.py at the last
    commit that passed elsewhere. Truth: the construction (one glitch, at frame 45)."""
    from backstride.clean.outliers import reject_outliers

    for seed in range(20):
        xy = _swinging_foot(seed)
        level, n = reject_outliers(xy, half_window=3, n_sigmas=3.0, floor_px=20.0)
        assert np.isnan(level[45]).all() and n >= 1
        for angle in (-5.0, 5.0, 30.0):
            rolled, _ = reject_outliers(_turned(xy, angle), half_window=3, n_sigmas=3.0, floor_px=20.0)
            assert np.array_equal(np.isnan(rolled[:, 0, 0]), np.isnan(level[:, 0, 0])), (seed, angle)
