"""The steps around BlazePose's networks, each against its calculator's arithmetic worked by hand
(mediapipe 0.10.21's graph and calculators; the module docstrings name them).

Truth: constructed tensors and points whose answer follows from the calculator's definition, and,
for the heatmap refinement, a plain transcription of the calculator's C++ loop."""

from __future__ import annotations

import math

import numpy as np
import pytest

from backstride.pose.blazepose import detector, landmarks
from backstride.pose.blazepose.filters import OneEuro
from backstride.pose.blazepose.rects import (
    Rect,
    object_scale_px,
    pad_to_aspect,
    rect_from_points,
    square_long_scaled,
    to_pixels,
)

F = np.float32


def test_anchors_are_mediapipes_2254_in_grid_order():
    a = detector.anchors()
    assert a.shape == (2254, 2)  # 28*28*2 + 14*14*2 + 7*7*6
    assert a[0].tolist() == pytest.approx([0.5 / 28, 0.5 / 28])
    assert a[1].tolist() == a[0].tolist()  # two anchors a cell
    assert a[2].tolist() == pytest.approx([1.5 / 28, 0.5 / 28])  # then along the row
    assert a[1568].tolist() == pytest.approx([0.5 / 14, 0.5 / 14])  # the stride-16 grid starts
    assert a[-1].tolist() == pytest.approx([6.5 / 7, 6.5 / 7])
    assert (a[1960:1966] == a[1960]).all()  # the three stride-32 layers share one grid, 6 anchors a cell


def test_detection_decodes_box_and_keypoints_and_removes_the_letterbox():
    boxes = np.zeros((1, 2254, 12), dtype=F)
    scores = np.full((1, 2254, 1), -10.0, dtype=F)
    i = 1568 + 2 * (7 * 14 + 7)  # stride 16, row 7, column 7: anchor centre (7.5 / 14, 7.5 / 14)
    scores[0, i] = 3.0
    boxes[0, i, :4] = [0.0, 22.4, 44.8, 89.6]  # dx 0, dy 0.1, w 0.2, h 0.4 of the input
    boxes[0, i, 4:6] = [11.2, 0.0]  # keypoint 0: dx 0.05
    found = detector.decode(boxes, scores, (0.25, 0.0), min_score=0.5)
    assert found is not None
    assert found.score == pytest.approx(1 / (1 + math.exp(-3.0)), abs=1e-6)
    cx, cy = 7.5 / 14, 7.5 / 14 + 0.1
    # a 1:2 landscape frame padded to a square: x maps through (x - 0.25) / 0.5
    assert found.box.tolist() == pytest.approx([(cx - 0.1 - 0.25) / 0.5, cy - 0.2, 0.2 / 0.5, 0.4], abs=1e-6)
    assert found.keypoints[0].tolist() == pytest.approx([(7.5 / 14 + 0.05 - 0.25) / 0.5, 7.5 / 14], abs=1e-6)
    assert detector.decode(boxes, scores, (0.25, 0.0), min_score=0.96) is None  # below the confidence asked


def test_weighted_suppression_averages_the_overlapping_boxes_by_score():
    boxes = np.zeros((1, 2254, 12), dtype=F)
    scores = np.full((1, 2254, 1), -100.0, dtype=F)
    for i, (logit, dx) in enumerate([(2.0, 0.0), (1.0, 2.24)]):  # two anchors of one cell, 0.01 apart
        scores[0, i] = logit
        boxes[0, i, :4] = [dx, 0, 44.8, 44.8]
        boxes[0, i, 4] = dx
    found = detector.decode(boxes, scores, (0.0, 0.0), min_score=0.5)
    w1, w2 = 1 / (1 + math.exp(-2.0)), 1 / (1 + math.exp(-1.0))
    assert found is not None and found.score == pytest.approx(w1, abs=1e-6)
    assert found.keypoints[0, 0] == pytest.approx(0.5 / 28 + 0.01 * w2 / (w1 + w2), abs=1e-6)


def test_region_from_points_is_a_square_turned_upright():
    # hips' centre at (100, 200) px, the scale point 50 px straight above: no turn, side 100 px
    r = rect_from_points(np.array([0.25, 0.5]), np.array([0.25, 0.375]), (400, 400))
    assert [r.x_center, r.y_center, r.width, r.height, r.rotation] == pytest.approx([0.25, 0.5, 0.25, 0.25, 0.0])
    # the scale point to the right: the body lies on its side, turned by -90 deg
    turned = rect_from_points(np.array([0.5, 0.5]), np.array([0.625, 0.5]), (400, 400))
    assert turned.rotation == pytest.approx(math.pi / 2, abs=1e-6)
    grown = square_long_scaled(Rect(F(0.5), F(0.5), F(0.2), F(0.5), F(0)), (1000, 200))
    # the long side is 200 px wide and 100 px tall: 200 px both ways, times 1.25
    assert [grown.width, grown.height] == pytest.approx([0.25, 1.25])
    assert object_scale_px(grown, (1000, 200)) == pytest.approx(250.0)


def test_padding_to_the_tensor_shape():
    roi, pad = pad_to_aspect(to_pixels(None, (400, 200)), (224, 224))
    assert [roi.width, roi.height] == [400, 400] and pad == pytest.approx((0.0, 0.25))
    roi, pad = pad_to_aspect(to_pixels(None, (200, 400)), (224, 224))
    assert [roi.width, roi.height] == [400, 400] and pad == pytest.approx((0.25, 0.0))


def _refine_loop(xy, heatmap, kernel=9):
    """RefineLandmarksFromHeatmapCalculator's loop, transcribed as written."""
    hm_h, hm_w, _ = heatmap.shape
    out = xy.astype(F).copy()
    for i in range(len(xy)):
        col, row = int(out[i, 0] * F(hm_w)), int(out[i, 1] * F(hm_h))
        if col < 0 or col >= hm_w or row < 0 or col >= hm_h:
            continue
        off = (kernel - 1) // 2
        total = wc = wr = F(0)
        best = F(0)
        for r in range(max(0, row - off), min(hm_h, row + off + 1)):
            for c in range(max(0, col - off), min(hm_w, col + off + 1)):
                conf = F(1) / (F(1) + np.exp(-F(heatmap[r, c, i])))
                total = F(total + conf)
                best = max(best, conf)
                wc = F(wc + F(c) * conf)
                wr = F(wr + F(r) * conf)
        if best >= F(0.5) and total > 0:
            out[i] = [wc / F(hm_w) / total, wr / F(hm_h) / total]
    return out


def test_heatmap_refinement_is_the_calculators_loop_to_the_last_bit():
    rng = np.random.default_rng(3)
    heatmap = rng.normal(-4, 3, size=(64, 64, 39)).astype(F)
    xy = rng.uniform(-0.1, 1.1, size=(39, 2)).astype(F)  # some outside, some at the edges
    xy[0] = [0.0, 0.0]
    xy[1] = [0.999, 0.999]
    assert np.array_equal(landmarks.refine_from_heatmap(xy, heatmap), _refine_loop(xy, heatmap))


def test_heatmap_refinement_moves_a_landmark_to_its_peak():
    heatmap = np.full((64, 64, 39), -20.0, dtype=F)
    heatmap[30, 40, 5] = 20.0  # one sure cell, two cells right and one down of the landmark's cell
    xy = np.full((39, 2), 0.5, dtype=F)
    xy[5] = [38.5 / 64, 29.5 / 64]
    out = landmarks.refine_from_heatmap(xy, heatmap)
    assert out[5].tolist() == pytest.approx([40 / 64, 30 / 64], abs=1e-6)
    assert out[6].tolist() == pytest.approx([0.5, 0.5])  # nothing sure near it: left where it was


def test_projection_turns_and_scales_into_the_frame():
    roi = Rect(F(0.5), F(0.4), F(0.2), F(0.1), F(math.pi / 2))
    out = landmarks.project(np.array([[1.0, 0.5]], dtype=F), roi)  # the region's right edge
    # turned a quarter: the right edge goes down, scaled by the region's height
    assert out[0].tolist() == pytest.approx([0.5, 0.4 + 0.5 * 0.1], abs=1e-6)


def test_one_euro_holds_still_points_and_follows_a_step_by_its_alpha():
    f = OneEuro()
    still = np.array([[100.0, 200.0], [110.0, 150.0]], dtype=F)
    step = 33_333_000
    for k in range(1, 4):
        assert np.array_equal(f.apply(still, k * step, F(100.0)), still)
    moved = still + F(10.0)
    out = f.apply(moved, 4 * step, F(100.0))
    freq = 1e9 / step
    speed = 10.0 / 100.0 * freq  # px per frame over the object's 100 px, per second
    smoothed = speed / (1 + freq / (2 * math.pi * 1.0))  # the derivative's low-pass, cutoff 1 Hz
    alpha = 1 / (1 + freq / (2 * math.pi * (0.01 + 10.0 * smoothed)))
    assert out[0, 0] == pytest.approx(100.0 + 10.0 * alpha, rel=1e-5)
    f.reset()
    assert np.array_equal(f.apply(moved, 5 * step, F(100.0)), moved)  # after a reset: the raw points


def test_the_ports_arithmetic_does_not_depend_on_numpys_promotion_rules():
    """numpy 2 keeps ``float32 op python-float`` in float32 where numpy 1 went to float64 (NEP 50);
    the rear clip's keypoints moved from frame 13 on until the two sites were written out. Truth:
    the crop angle's division by pi done in Python's double arithmetic (as mediapipe's C++ does it),
    and intersection over union kept in float32 (numpy 1's result type)."""
    from backstride.pose.blazepose.crop import rotated_rect_angle_deg

    rotations = np.random.default_rng(5).uniform(-math.pi, math.pi, 2000).astype(np.float32)
    for r in rotations:
        product = float(np.float32(r * np.float32(180.0)))
        assert rotated_rect_angle_deg(float(r)) == product / math.pi
    boxes = np.array([[0.1, 0.1, 0.5, 0.5], [0.2, 0.2, 0.6, 0.7], [0.9, 0.9, 0.9, 0.9]], dtype=np.float32)
    iou = detector._iou(boxes[0], boxes)
    assert iou.dtype == np.float32 and iou[2] == 0 and abs(float(iou[0]) - 1.0) < 1e-6
