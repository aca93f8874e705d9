"""The rotated region of interest, normalised to the image, as mediapipe's graph computes it.

mediapipe does this arithmetic in 32-bit floats, and the landmark model is sensitive enough to its
region that float64 here drifted from mediapipe's landmarks by 1.5 px (median) over the treadmill
clip, against 0.0001 px for the same region; so each step below rounds where mediapipe stores a
``float`` (``F``), following its calculators line by line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

F = np.float32
#: Both regions (from a detection and from the last landmarks) are turned so that the line from the
#: hips' centre to the scale point points up, and grown by 1.25 into a square (pose_detection_to_roi
#: and pose_landmarks_to_roi, mediapipe 0.8.4 onwards).
TARGET_ANGLE_RAD = F(math.pi * 90 / 180.0)
ROI_SCALE = F(1.25)


@dataclass(frozen=True)
class Rect:
    """Centre, size (fractions of the image's width and height) and rotation (radians)."""

    x_center: np.float32
    y_center: np.float32
    width: np.float32
    height: np.float32
    rotation: np.float32


def normalize_radians(angle: np.float32) -> np.float32:
    a = float(angle)
    return F(a - 2 * math.pi * math.floor((a + math.pi) / (2 * math.pi)))


def rect_from_points(center_xy: np.ndarray, scale_xy: np.ndarray, image_wh: tuple[int, int]) -> Rect:
    """``AlignmentPointsRectsCalculator``: a square twice the centre-to-scale-point distance, turned
    so that the vector from centre to scale point is at ``TARGET_ANGLE_RAD`` (points normalised)."""
    w, h = F(image_wh[0]), F(image_wh[1])
    x0, y0 = F(center_xy[0]) * w, F(center_xy[1]) * h
    x1, y1 = F(scale_xy[0]) * w, F(scale_xy[1]) * h
    dx, dy = x1 - x0, y1 - y0
    box = F(np.sqrt(dx * dx + dy * dy) * F(2.0))
    rotation = normalize_radians(TARGET_ANGLE_RAD - np.arctan2(-dy, dx))
    return Rect(x0 / w, y0 / h, box / w, box / h, rotation)


def square_long_scaled(rect: Rect, image_wh: tuple[int, int], scale: np.float32 = ROI_SCALE) -> Rect:
    """``RectTransformationCalculator`` with ``square_long`` and no shift: the long side in pixels
    for both, times ``scale``."""
    w, h = F(image_wh[0]), F(image_wh[1])
    long_px = max(rect.width * w, rect.height * h)
    return Rect(rect.x_center, rect.y_center, (long_px / w) * scale, (long_px / h) * scale, rect.rotation)


def object_scale_px(rect: Rect, image_wh: tuple[int, int]) -> np.float32:
    """``GetObjectScale`` of a region: the mean of its width and height in pixels."""
    return (rect.width * F(image_wh[0]) + rect.height * F(image_wh[1])) / F(2.0)


@dataclass(frozen=True)
class PixelRect:
    """A rotated rectangle in pixels (``RotatedRect`` of mediapipe's image-to-tensor step)."""

    cx: np.float32
    cy: np.float32
    width: np.float32
    height: np.float32
    rotation: np.float32


def to_pixels(rect: Rect | None, image_wh: tuple[int, int]) -> PixelRect:
    """The region in pixels; None: the whole image."""
    w, h = F(image_wh[0]), F(image_wh[1])
    if rect is None:
        return PixelRect(F(0.5) * w, F(0.5) * h, w, h, F(0.0))
    return PixelRect(rect.x_center * w, rect.y_center * h, rect.width * w, rect.height * h, rect.rotation)


def pad_to_aspect(roi: PixelRect, out_wh: tuple[int, int]) -> tuple[PixelRect, tuple[float, float]]:
    """``PadRoi`` with ``keep_aspect_ratio``: the region grown to the tensor's shape; returns it and
    the letterbox padding ``(horizontal, vertical)``, each side's share of the grown region."""
    tensor_aspect = F(out_wh[1]) / F(out_wh[0])
    roi_aspect = roi.height / roi.width
    one, two = F(1.0), F(2.0)
    if tensor_aspect > roi_aspect:
        grown = PixelRect(roi.cx, roi.cy, roi.width, roi.width * tensor_aspect, roi.rotation)
        return grown, (0.0, float((one - roi_aspect / tensor_aspect) / two))
    grown = PixelRect(roi.cx, roi.cy, roi.height / tensor_aspect, roi.height, roi.rotation)
    return grown, (float((one - tensor_aspect / roi_aspect) / two), 0.0)
