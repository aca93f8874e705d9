"""The pose-model interface: one RGB frame in, keypoints in pixels with visibility out.

A new model (a user-supplied ONNX or .task file) is added by writing one class with this
shape and registering it in :data:`BACKENDS`.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np


class PoseBackend(Protocol):
    #: Names of the keypoints returned, in order (mapped onto ``trajectory.KEYPOINTS``).
    keypoints: tuple[str, ...]

    @property
    def cache_key(self) -> str:
        """Identifies model and settings, so cached keypoints are never reused across models."""
        ...

    def process(self, rgb: np.ndarray, /) -> tuple[np.ndarray, np.ndarray] | None:
        """``(xy_px[keypoint, 2], visibility[keypoint])`` for the runner, or None (no person)."""
        ...

    def close(self) -> None: ...


def create_backend(name: str, **options: object) -> PoseBackend:
    """Instantiate a registered backend by name."""
    if name not in BACKENDS:
        raise ValueError(f"unknown pose backend {name!r}; known: {', '.join(sorted(BACKENDS))}")
    module_name, class_name = BACKENDS[name]
    import importlib

    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(**options)


BACKENDS: dict[str, tuple[str, str]] = {
    # mediapipe's BlazePose networks run by LiteRT, mediapipe's tracking written here
    "blazepose": ("backstride.pose.litert_backend", "LiteRTBackend"),
    # the same networks inside the mediapipe 0.10.21 package, for comparison
    "mediapipe": ("backstride.pose.mediapipe_backend", "MediapipeBackend"),
}
