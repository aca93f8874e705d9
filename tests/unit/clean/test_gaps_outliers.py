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
