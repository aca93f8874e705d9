"""The person detector's output decoded (pose_detection_cpu.pbtxt): SSD anchors, boxes and four
keypoints per anchor, a sigmoid score, weighted non-maximum suppression, the letterbox removed."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

INPUT_SIZE = 224
#: ``SsdAnchorsCalculator``: 5 layers, strides 8, 16, 32, 32, 32, one aspect ratio plus the
#: interpolated scale (2 anchors a layer), fixed anchor size; layers of one stride share a grid.
STRIDES = (8, 16, 32, 32, 32)
ANCHORS_PER_LAYER = 2
SCORE_CLIP = 100.0
NMS_IOU = 0.3
NUM_KEYPOINTS = 4
F = np.float32


@dataclass(frozen=True)
class Detection:
    """The best detection, normalised to the frame: its score, box ``(xmin, ymin, width, height)`` and
    keypoints (0: the hips' centre, 1: the full body's scale point, 2, 3: the upper body's)."""

    score: float
    box: np.ndarray
    keypoints: np.ndarray


@functools.cache
def anchors() -> np.ndarray:
    """``float32[2254, 2]`` anchor centres, in mediapipe's order (grid rows, columns, anchors)."""
    centres: list[tuple[np.float32, np.float32]] = []
    layer = 0
    while layer < len(STRIDES):
        stride = STRIDES[layer]
        same = sum(1 for s in STRIDES[layer:] if s == stride)
        size = -(-INPUT_SIZE // stride)
        for y in range(size):
            for x in range(size):
                centre = (F(x + 0.5) / F(size), F(y + 0.5) / F(size))
                centres.extend([centre] * (ANCHORS_PER_LAYER * same))
        layer += same
    return np.array(centres, dtype=F)


def decode(
    raw_boxes: np.ndarray, raw_scores: np.ndarray, letterbox: tuple[float, float], min_score: float
) -> Detection | None:
    """The first detection after suppression (what mediapipe's pose graph follows), or None. In
    32-bit floats, as ``TensorsToDetectionsCalculator`` computes (see :mod:`.rects`)."""
    clipped = np.clip(raw_scores.reshape(-1).astype(F), F(-SCORE_CLIP), F(SCORE_CLIP))
    with np.errstate(over="ignore"):  # exp(100) is inf in float32: a score of 0, as in C++
        scores = F(1.0) / (F(1.0) + np.exp(-clipped))
    keep = np.flatnonzero(scores >= F(min_score))
    if keep.size == 0:
        return None
    raw = raw_boxes.reshape(-1, 4 + 2 * NUM_KEYPOINTS)[keep].astype(F) / F(INPUT_SIZE)
    centre = anchors()[keep]
    cx, cy = raw[:, 0] + centre[:, 0], raw[:, 1] + centre[:, 1]
    w, h = raw[:, 2], raw[:, 3]
    xmin, ymin, xmax, ymax = cx - w / F(2), cy - h / F(2), cx + w / F(2), cy + h / F(2)
    boxes = np.stack([xmin, ymin, xmax - xmin, ymax - ymin], axis=1)  # mediapipe keeps xmin, ymin, w, h
    kps = raw[:, 4:].reshape(-1, NUM_KEYPOINTS, 2) + centre[:, None, :]
    score, box, keypoints = _weighted_first(scores[keep], boxes, kps)
    return _remove_letterbox(score, box, keypoints, letterbox)


def _weighted_first(scores: np.ndarray, boxes: np.ndarray, kps: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """``WeightedNonMaxSuppression``'s first output: the best box averaged, weighted by score, with
    every box overlapping it by more than ``NMS_IOU`` (itself included), summed in float in order
    with fused multiply-adds (mediapipe's compiled loop: so its last bits match)."""
    order = np.argsort(-scores, kind="stable")
    best = order[0]
    corners = np.column_stack([boxes[:, 0], boxes[:, 1], boxes[:, 0] + boxes[:, 2], boxes[:, 1] + boxes[:, 3]])
    group = order[_iou(corners[best], corners[order]) > NMS_IOU]
    total, sums, kp_sums = F(0.0), np.zeros(4, dtype=F), np.zeros_like(kps[0], dtype=F)
    for i in group:  # in score order, each product added in one rounding (the compiled loop fuses them)
        weight = np.float64(scores[i])
        total = F(total + scores[i])
        sums = (corners[i].astype(np.float64) * weight + sums).astype(F)
        kp_sums = (kps[i].astype(np.float64) * weight + kp_sums).astype(F)
    xmin, ymin = sums[0] / total, sums[1] / total
    box = np.array([xmin, ymin, sums[2] / total - xmin, sums[3] / total - ymin], dtype=F)
    return float(scores[best]), box, (kp_sums / total).astype(F)


def _iou(one: np.ndarray, many: np.ndarray) -> np.ndarray:
    ix = np.clip(np.minimum(one[2], many[:, 2]) - np.maximum(one[0], many[:, 0]), 0, None)
    iy = np.clip(np.minimum(one[3], many[:, 3]) - np.maximum(one[1], many[:, 1]), 0, None)
    inter = ix * iy
    area = (one[2] - one[0]) * (one[3] - one[1])
    areas = (many[:, 2] - many[:, 0]) * (many[:, 3] - many[:, 1])
    union = area + areas - inter
    return np.where(union > 0, inter / np.where(union > 0, union, F(1)), F(0))  # float32 under any numpy


def _remove_letterbox(
    score: float, box: np.ndarray, keypoints: np.ndarray, letterbox: tuple[float, float]
) -> Detection:
    """``DetectionLetterboxRemovalCalculator``: from the padded square back to the frame."""
    pad_x, pad_y = F(letterbox[0]), F(letterbox[1])
    sx, sy = F(1.0) - (pad_x + pad_x), F(1.0) - (pad_y + pad_y)
    out_box = np.array([(box[0] - pad_x) / sx, (box[1] - pad_y) / sy, box[2] / sx, box[3] / sy], dtype=F)
    out_kps = np.column_stack([(keypoints[:, 0] - pad_x) / sx, (keypoints[:, 1] - pad_y) / sy]).astype(F)
    return Detection(score, out_box, out_kps)
