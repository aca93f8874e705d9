"""mediapipe's pose loop (pose_landmark_cpu.pbtxt) around two LiteRT interpreters: find the person
with the detector, then follow the region the last frame's auxiliary landmarks give, and detect
again only when the landmark model says the pose is lost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from backstride.pose.blazepose import detector, landmarks
from backstride.pose.blazepose.crop import crop_tensor
from backstride.pose.blazepose.filters import OneEuro
from backstride.pose.blazepose.models import ModelFiles
from backstride.pose.blazepose.rects import (
    Rect,
    object_scale_px,
    pad_to_aspect,
    rect_from_points,
    square_long_scaled,
    to_pixels,
)
from backstride.pose.native_output import quiet_native_output

#: mediapipe's Python solution stamps frames 33,333 us apart whatever the clip's rate; the region's
#: filter sees those times, so they are kept for the same regions.
FRAME_STEP_NS = 33_333_000


@dataclass(frozen=True)
class Segmentation:
    """The landmark model's person mask for one frame: logits on its input grid, and where that grid
    lies in the frame (the region and its letterbox)."""

    logits: np.ndarray  # [n, n], > 0: the person
    roi: Rect
    letterbox: tuple[float, float]

    def grid_px(self, size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
        """Each mask cell's centre in frame pixels ``[n * n, 2]`` and its logit ``[n * n]``."""
        n = self.logits.shape[0]
        cells = (np.stack(np.meshgrid(np.arange(n), np.arange(n)), -1).reshape(-1, 2) + 0.5) / n
        xy = landmarks.project(landmarks.remove_letterbox(cells, self.letterbox), self.roi)
        return xy * np.asarray(size, dtype=float), self.logits.reshape(-1)


class BlazePoseTracker:
    """One clip's frames in order; ``process`` gives the 33 body landmarks in pixels or None.
    ``keep_segmentation``: the last frame's person mask is kept in ``segmentation`` (for measuring the
    body's outline; the pose itself does not use it)."""

    def __init__(
        self, files: ModelFiles, *, min_detection_confidence: float, min_tracking_confidence: float, threads: int,
        keep_segmentation: bool = False,
    ) -> None:  # fmt: skip
        self._detector = _interpreter(files.detector, threads)
        self._landmarker = _interpreter(files.landmarks, threads)
        self._min_detection = min_detection_confidence
        self._min_tracking = min_tracking_confidence
        self._roi: Rect | None = None
        self._filter = OneEuro()
        self._time_ns = 0
        self._keep_segmentation = keep_segmentation
        self.segmentation: Segmentation | None = None

    def process(self, rgb: np.ndarray) -> landmarks.Landmarks | None:
        h, w = rgb.shape[:2]
        self._time_ns += FRAME_STEP_NS
        roi = self._roi if self._roi is not None else self._detect(rgb)
        found = None if roi is None else self._landmarks(rgb, roi)
        if found is None:
            self._roi = None
            self._filter.reset()
            return None
        size = np.array([w, h], dtype=np.float32)
        aux = found.xy[landmarks.AUX]
        scale_px = object_scale_px(rect_from_points(aux[0], aux[1], (w, h)), (w, h))
        steady = self._filter.apply(aux * size, self._time_ns, scale_px) / size
        self._roi = square_long_scaled(rect_from_points(steady[0], steady[1], (w, h)), (w, h))
        return found

    def _detect(self, rgb: np.ndarray) -> Rect | None:
        h, w = rgb.shape[:2]
        size = (detector.INPUT_SIZE, detector.INPUT_SIZE)
        roi, letterbox = pad_to_aspect(to_pixels(None, (w, h)), size)
        tensor = crop_tensor(rgb, roi, size, value_range=(-1.0, 1.0), zero_border=True)
        boxes, scores = _run(self._detector, tensor)
        found = detector.decode(boxes, scores, letterbox, self._min_detection)
        if found is None:
            return None
        return square_long_scaled(rect_from_points(found.keypoints[0], found.keypoints[1], (w, h)), (w, h))

    def _landmarks(self, rgb: np.ndarray, roi: Rect) -> landmarks.Landmarks | None:
        h, w = rgb.shape[:2]
        size = (landmarks.INPUT_SIZE, landmarks.INPUT_SIZE)
        crop, letterbox = pad_to_aspect(to_pixels(roi, (w, h)), size)
        tensor = crop_tensor(rgb, crop, size, value_range=(0.0, 1.0), zero_border=False)
        raw, flag, segmentation, heatmap, _world = _run(self._landmarker, tensor)
        if self._keep_segmentation:
            self.segmentation = Segmentation(np.asarray(segmentation).reshape(segmentation.shape[1:3]), roi, letterbox)
        score = float(np.asarray(flag).reshape(-1)[0])
        if score < self._min_tracking:
            return None
        return landmarks.decode(raw, heatmap, roi, score, letterbox)

    def close(self) -> None:
        self._detector = self._landmarker = None


def _interpreter(path: Any, threads: int) -> Any:
    """A LiteRT interpreter for one model; its start-up line ("Created TensorFlow Lite XNNPACK
    delegate") kept off the terminal."""
    from ai_edge_litert.interpreter import Interpreter

    with quiet_native_output():
        interpreter = Interpreter(model_path=str(path), num_threads=threads)
        interpreter.allocate_tensors()
    return interpreter


def _run(interpreter: Any, tensor: np.ndarray) -> list[np.ndarray]:
    """The model's outputs in the model's own order (``Identity``, ``Identity_1``, ...), as
    mediapipe's inference step hands them on (not the tensors' indices, which differ)."""
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], tensor)
    interpreter.invoke()
    return [interpreter.get_tensor(d["index"]) for d in interpreter.get_output_details()]
