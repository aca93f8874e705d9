"""mediapipe 0.10.21 legacy BlazePose, model_complexity=1, video (tracking) mode: the reference
the default "blazepose" backend (the same networks run by LiteRT,
:mod:`backstride.pose.litert_backend`) is held to, kept for comparison.

Complexity 1 (pose_landmark_full) is the only model whose weights ship inside the wheel;
complexities 0 and 2 download weights at first use and fail offline, so they are refused.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import numpy as np

from backstride.core.trajectory import KEYPOINTS
from backstride.errors import SetupError
from backstride.pose.native_output import quiet_native_output as _quiet_native_output

SHIPPED_COMPLEXITY = 1
NOT_INSTALLED = (
    "the 'mediapipe' pose backend needs mediapipe 0.10.21, which is not installed here: it is the "
    "reference the default backend (blazepose, the same networks) is held to; install it on Python 3.11 "
    "or 3.12 with pip install 'backstride[mediapipe]' (it brings numpy<2), or use make reference's "
    ".venv-mediapipe, or leave out --pose-backend for the default"
)


class MediapipeBackend:
    """Opens the model at its first frame, so a cache hit never pays for it (about 1.5 s).

    mediapipe and TFLite print C++ log lines (absl, which no variable silences) straight to the
    process's file descriptors 1 and 2, while the graph starts and now and then on later frames
    (e.g. "Using NORM_RECT without IMAGE_DIMENSIONS"). So the descriptors point at /dev/null
    only while the model opens, processes a frame or closes, and are put back after each call
    (microseconds); the logging variables set for the import are restored too. Nothing outlasts
    a call. The CLI's progress bars write to their own copy of the terminal's stderr.
    """

    keypoints = KEYPOINTS

    def __init__(
        self,
        *,
        model_complexity: int = SHIPPED_COMPLEXITY,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
    ) -> None:
        if model_complexity != SHIPPED_COMPLEXITY:
            raise ValueError("only model_complexity=1 ships with mediapipe; others download weights")
        from importlib.metadata import PackageNotFoundError, version

        try:
            self._version = version("mediapipe")
        except PackageNotFoundError:
            raise SetupError(NOT_INSTALLED) from None
        self._options = (model_complexity, min_detection_confidence, min_tracking_confidence)
        self._pose: Any = None  # mediapipe's Pose, opened at the first frame

    @property
    def cache_key(self) -> str:
        return f"mediapipe-{self._version}-c{self._options[0]}-d{self._options[1]}-t{self._options[2]}-nosmooth"

    def _open(self) -> Any:
        with _quiet_logging_variables():
            import mediapipe as mp

            return mp.solutions.pose.Pose(
                static_image_mode=False,
                model_complexity=self._options[0],
                smooth_landmarks=False,  # our own zero-lag filter smooths; theirs lags
                enable_segmentation=False,
                min_detection_confidence=self._options[1],
                min_tracking_confidence=self._options[2],
            )

    def process(self, rgb: np.ndarray, /) -> tuple[np.ndarray, np.ndarray] | None:
        with _quiet_native_output():
            if self._pose is None:
                self._pose = self._open()
            result = self._pose.process(rgb)
        if result.pose_landmarks is None:
            return None
        h, w = rgb.shape[:2]
        lm = result.pose_landmarks.landmark
        xy = np.array([(p.x * w, p.y * h) for p in lm], dtype=float)
        vis = np.array([p.visibility for p in lm], dtype=float)
        return xy, vis

    def close(self) -> None:
        if self._pose is not None:
            with _quiet_native_output():
                self._pose.close()
            self._pose = None


_LOG_VARIABLES = {"GLOG_minloglevel": "2", "TF_CPP_MIN_LOG_LEVEL": "3"}


@contextlib.contextmanager
def _quiet_logging_variables() -> Iterator[None]:
    """mediapipe's C++ logging reads these when it loads; they are put back afterwards."""
    before = {k: os.environ.get(k) for k in _LOG_VARIABLES}
    for k, default in _LOG_VARIABLES.items():
        os.environ.setdefault(k, default)
    try:
        yield
    finally:
        for k, was in before.items():
            if was is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = was
