"""The one-euro filter mediapipe runs on the two auxiliary landmarks before it turns them into the
next frame's region (``LandmarksSmoothingCalculator`` in pixels, reset whenever the pose is lost).

mediapipe 0.10.21's pose_landmark_filtering uses min cutoff 0.01, beta 10, derivative cutoff 1, and
divides the speeds by the size of the region the same two points span (``OBJECT_SCALE_ROI``), not
by the points' bounding box as older releases did: measured against 0.10.21's own graph, the
filtered points match only so. Its low-pass filters keep 32-bit floats (``LowPassFilter``), its
one-euro step doubles; both are followed here. The body's own landmarks are not filtered
(``smooth_landmarks=False``).
"""

from __future__ import annotations

import math

import numpy as np

F = np.float32
MIN_CUTOFF = 0.01
BETA = 10.0
DERIVATIVE_CUTOFF = 1.0
START_FREQUENCY_HZ = 30.0
MIN_OBJECT_SCALE = 1e-6


def _alpha(cutoff: np.ndarray | float, frequency_hz: float) -> np.ndarray:
    te = 1.0 / frequency_hz
    tau = 1.0 / (2 * math.pi * np.asarray(cutoff, dtype=np.float64))
    return np.asarray(1.0 / (1.0 + tau / te), dtype=np.float64)


class _LowPass:
    """``LowPassFilter``: float state, ``alpha * value`` in float, the rest in double."""

    def __init__(self) -> None:
        self.raw: np.ndarray | None = None
        self.stored: np.ndarray | None = None

    def apply(self, value: np.ndarray, alpha: np.ndarray) -> np.ndarray:
        value, a = value.astype(F), alpha.astype(F)
        if self.stored is None:
            result = value
        else:
            result = ((a * value).astype(np.float64) + (1.0 - a.astype(np.float64)) * self.stored).astype(F)
        self.raw, self.stored = value, result
        return result


class OneEuro:
    """One filter for every coordinate of a small point set; ``apply`` takes pixels and a time."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._frequency = START_FREQUENCY_HZ
        self._last_time_ns = 0
        self._x = _LowPass()
        self._dx = _LowPass()

    def apply(self, points_px: np.ndarray, time_ns: int, scale: np.float32) -> np.ndarray:
        """``points_px`` (float32) filtered; ``scale`` (pixels) divides the speeds."""
        if scale < MIN_OBJECT_SCALE or self._last_time_ns >= time_ns:
            return points_px
        value_scale = float(F(1.0) / F(scale))
        if self._last_time_ns != 0 and time_ns != 0:
            self._frequency = 1.0 / ((time_ns - self._last_time_ns) * 1e-9)
        self._last_time_ns = time_ns
        value = points_px.astype(F).astype(np.float64)
        if self._x.raw is None:
            speed = np.zeros_like(value)
        else:
            speed = (value - self._x.raw.astype(np.float64)) * value_scale * self._frequency
        smooth_speed = self._dx.apply(speed, np.full_like(speed, _alpha(DERIVATIVE_CUTOFF, self._frequency)))
        cutoff = MIN_CUTOFF + BETA * np.abs(smooth_speed.astype(np.float64))
        return self._x.apply(value, _alpha(cutoff, self._frequency))
