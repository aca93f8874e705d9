"""A rotated region cut out of a frame and scaled to the network's input, as mediapipe's CPU
image-to-tensor converter does it: OpenCV's perspective warp of the region's corners onto the
tensor's, bilinear on the 8-bit image, then scaled to the network's value range."""

from __future__ import annotations

import math

import numpy as np

from backstride.pose.blazepose.rects import PixelRect


def crop_tensor(
    rgb: np.ndarray,
    roi: PixelRect,
    out_wh: tuple[int, int],
    *,
    value_range: tuple[float, float],
    zero_border: bool,
) -> np.ndarray:
    """``float32[1, out_h, out_w, 3]``; outside the frame is black (``zero_border``) or the edge's
    pixels repeated (mediapipe's default)."""
    import cv2

    out_w, out_h = out_wh
    angle_deg = rotated_rect_angle_deg(roi.rotation)
    corners = cv2.boxPoints(((float(roi.cx), float(roi.cy)), (float(roi.width), float(roi.height)), angle_deg))
    target = np.array([[0, out_h], [0, 0], [out_w, 0], [out_w, out_h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    border = cv2.BORDER_CONSTANT if zero_border else cv2.BORDER_REPLICATE
    warped = cv2.warpPerspective(rgb, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=border)
    low, high = value_range
    scale = (high - low) / 255.0
    return (warped.astype(np.float32) * np.float32(scale) + np.float32(low))[None]


def rotated_rect_angle_deg(rotation_rad: float | np.floating) -> float:
    """The crop's RotatedRect angle as mediapipe computes it: the product in float, the division by
    pi in double. Written out so that numpy 1's and 2's promotion rules give the same bits (numpy 2
    would keep ``float32 / pi`` in float32, which moved the rear clip's keypoints from frame 13 on)."""
    # a float32 or float64 rotation times 180 is exact in double; rounding it once to float32 is the
    # float product either way
    return float(np.float32(float(rotation_rad) * 180.0)) / math.pi
