import numpy as np
import pytest

from backstride.core.trajectory import KEYPOINTS, Trajectory


def make(n=10):
    return Trajectory(
        xy_px=np.zeros((n, len(KEYPOINTS), 2)), visibility=np.ones((n, len(KEYPOINTS))), time_s=np.arange(n) / 30.0
    )


def test_arrays_are_read_only():
    traj = make()
    with pytest.raises(ValueError):
        traj.xy_px[0, 0, 0] = 1.0


def test_shapes_and_time_are_validated():
    with pytest.raises(ValueError):
        Trajectory(xy_px=np.zeros((3, 2, 2)), visibility=np.ones((3, len(KEYPOINTS))), time_s=np.arange(3.0))
    with pytest.raises(ValueError):
        Trajectory(
            xy_px=np.zeros((3, len(KEYPOINTS), 2)),
            visibility=np.ones((3, len(KEYPOINTS))),
            time_s=np.array([0.0, 0.1, 0.1]),
        )


def test_slicing_keeps_source_frame_numbers():
    part = make(30).slice_time(0.2, 0.5)
    assert part.frame_index[0] == 6 and part.nearest_frame(0.3) == 9
    assert part.sample_rate_hz == pytest.approx(30.0)
