"""mediapipe 0.10.21 legacy BlazePose, model_complexity=1, video (tracking) mode.

Complexity 1 (pose_landmark_full) is the only model whose weights ship inside the wheel;
complexities 0 and 2 download weights at first use and fail offline, so they are refused.
"""

from __future__ import annotations

import contextlib
import os
import sys

import numpy as np

from backstride.trajectory import KEYPOINTS

SHIPPED_COMPLEXITY = 1


class MediapipeBackend:
    keypoints = KEYPOINTS

    def __init__(self, *, model_complexity: int = SHIPPED_COMPLEXITY, min_detection_confidence: float = 0.5,
                 min_tracking_confidence: float = 0.5) -> None:
        if model_complexity != SHIPPED_COMPLEXITY:
            raise ValueError("only model_complexity=1 ships with mediapipe; others download weights")
        os.environ.setdefault("GLOG_minloglevel", "2")  # keep mediapipe's C++ logging quiet
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        # mediapipe and TFLite log from C++ worker threads, at start-up and during the first
        # frames: the process's stdout/stderr descriptors point at /dev/null while the model is
        # open (the CLI's progress bar writes to its own copy of the terminal's stderr).
        self._quiet = _quiet_native_output()
        self._quiet.__enter__()
        try:
            import mediapipe as mp

            self._pose = mp.solutions.pose.Pose(
                static_image_mode=False,
                model_complexity=model_complexity,
                smooth_landmarks=False,  # our own zero-lag filter smooths; theirs lags
                enable_segmentation=False,
                min_detection_confidence=min_detection_confidence,
                min_tracking_confidence=min_tracking_confidence,
            )
        except BaseException:
            self._quiet.__exit__(None, None, None)
            raise
        self._version = mp.__version__
        self._options = (model_complexity, min_detection_confidence, min_tracking_confidence)

    @property
    def cache_key(self) -> str:
        return f"mediapipe-{self._version}-c{self._options[0]}-d{self._options[1]}-t{self._options[2]}-nosmooth"

    def process(self, rgb: np.ndarray, /) -> tuple[np.ndarray, np.ndarray] | None:
        result = self._pose.process(rgb)
        if result.pose_landmarks is None:
            return None
        h, w = rgb.shape[:2]
        lm = result.pose_landmarks.landmark
        xy = np.array([(p.x * w, p.y * h) for p in lm], dtype=float)
        vis = np.array([p.visibility for p in lm], dtype=float)
        return xy, vis

    def close(self) -> None:
        try:
            self._pose.close()
        finally:
            self._quiet.__exit__(None, None, None)


@contextlib.contextmanager
def _quiet_native_output():
    """Silence the C++ log lines mediapipe and TFLite print to file descriptors 1 and 2."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        _libc_fflush()  # C stdio buffers would otherwise print after the descriptors come back
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def _libc_fflush() -> None:
    try:
        import ctypes

        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError):
        pass
