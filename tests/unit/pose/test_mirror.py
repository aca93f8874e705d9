"""The pose model on the mirror image (pose/mirror.py): points mapped back onto the frame and the
left and right names exchanged, so a model that reads a body the same way from either side gives
the same answer both ways (the answer is known: dots drawn at known pixels)."""

from __future__ import annotations

import numpy as np

from backstride.pose.mirror import MirroredBackend, average, mirror_order

NAMES = ("nose", "left_hip", "right_hip")


class SideModel:
    """A stand-in pose model: the nose is the green dot; the hip further left in the picture is its
    "left_hip" (as a model that takes the body as seen from behind would say)."""

    keypoints = NAMES
    cache_key = "side-model"

    def process(self, rgb: np.ndarray, /):
        def centre(mask: np.ndarray) -> np.ndarray:
            rows, cols = np.nonzero(mask)
            return np.array([cols.mean() + 0.5, rows.mean() + 0.5])

        red = rgb[..., 0] > 200
        hips = sorted((centre(red & (np.arange(rgb.shape[1]) < rgb.shape[1] // 2)),
                       centre(red & (np.arange(rgb.shape[1]) >= rgb.shape[1] // 2))), key=lambda p: p[0])  # fmt: skip
        xy = np.array([centre(rgb[..., 1] > 200), hips[0], hips[1]])
        return xy, np.array([0.9, 0.8, 0.7])

    def close(self) -> None:
        pass


def _frame() -> np.ndarray:
    rgb = np.zeros((60, 100, 3), dtype=np.uint8)
    rgb[20:22, 10:12, 0] = 255  # a hip at x 11, y 21 (pixel centres)
    rgb[30:32, 80:82, 0] = 255  # the other at x 81, y 31
    rgb[5:7, 40:42, 1] = 255  # the nose at x 41, y 6
    return rgb


def test_points_come_back_onto_the_frame_under_their_own_names():
    direct, _ = SideModel().process(_frame())
    mirrored, vis = MirroredBackend(SideModel()).process(_frame())
    np.testing.assert_allclose(mirrored, direct, atol=1e-9)
    np.testing.assert_allclose(direct, [[41.0, 6.0], [11.0, 21.0], [81.0, 31.0]])
    np.testing.assert_allclose(vis, [0.9, 0.7, 0.8])  # each point keeps its own visibility, under its new name


def test_the_twin_of_each_name():
    assert mirror_order(NAMES) == [0, 2, 1]
    assert MirroredBackend(SideModel()).cache_key == "side-model-mirrored"


def test_the_average_keeps_a_point_only_one_reading_saw():
    a = np.array([[[0.0, 0.0], [np.nan, np.nan]]])
    b = np.array([[[2.0, 4.0], [5.0, 6.0]]])
    xy, vis = average(a, np.array([[1.0, 0.0]]), b, np.array([[0.5, 1.0]]))
    np.testing.assert_allclose(xy, [[[1.0, 2.0], [5.0, 6.0]]])
    np.testing.assert_allclose(vis, [[0.75, 0.5]])
