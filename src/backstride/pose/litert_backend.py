"""BlazePose without the mediapipe package: mediapipe's networks run by LiteRT, its tracking loop
written here (:mod:`backstride.pose.blazepose`). Same landmarks, same order, as
:mod:`backstride.pose.mediapipe_backend`."""

from __future__ import annotations

import numpy as np

from backstride.core.trajectory import KEYPOINTS
from backstride.pose.blazepose.landmarks import BODY
from backstride.pose.blazepose.models import SHA256, find_models


class LiteRTBackend:
    """Opens the interpreters at the first frame (a cache hit never pays for them)."""

    keypoints = KEYPOINTS

    def __init__(
        self,
        *,
        model_complexity: int = 1,
        min_detection_confidence: float = 0.5,
        min_tracking_confidence: float = 0.5,
        threads: int = 1,
    ) -> None:
        self._files = find_models(model_complexity)  # a missing model is said before any work
        self._options = (model_complexity, min_detection_confidence, min_tracking_confidence)
        self._threads = threads
        self._tracker: object | None = None

    @property
    def cache_key(self) -> str:
        complexity, detection, tracking = self._options
        weights = SHA256[self._files.landmarks.name][:8]
        return f"blazepose-litert-{weights}-c{complexity}-d{detection}-t{tracking}"

    def process(self, rgb: np.ndarray, /) -> tuple[np.ndarray, np.ndarray] | None:
        from backstride.pose.blazepose.tracker import BlazePoseTracker

        if self._tracker is None:
            self._tracker = BlazePoseTracker(
                self._files,
                min_detection_confidence=self._options[1],
                min_tracking_confidence=self._options[2],
                threads=self._threads,
            )
        assert isinstance(self._tracker, BlazePoseTracker)
        found = self._tracker.process(rgb)
        if found is None:
            return None
        h, w = rgb.shape[:2]
        return found.xy[:BODY] * (w, h), found.visibility[:BODY]

    def close(self) -> None:
        self._tracker = None
