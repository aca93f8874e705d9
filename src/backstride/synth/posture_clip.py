"""Render the synthetic body in a posture over time (a self-test or an exercise) to a video file."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from backstride.synth.clip import write_video
from backstride.synth.posture import Posture, points_of
from backstride.synth.render import Camera, background, draw_frame

FURNITURE = (120, 85, 60)  # a wooden bench: darker than skin, unlike the shirt and shorts


@dataclass(frozen=True)
class Box:
    """Furniture seen from the side (a bench, a step), in the sagittal plane: metres."""

    x0_m: float
    x1_m: float
    y0_m: float
    y1_m: float


def with_furniture(base: np.ndarray, camera: Camera, boxes: tuple[Box, ...]) -> np.ndarray:
    import cv2

    img = base.copy()
    for b in boxes:
        corners = np.array([[b.x0_m, b.y0_m, 0.0], [b.x1_m, b.y0_m, 0.0], [b.x1_m, b.y1_m, 0.0], [b.x0_m, b.y1_m, 0.0]])
        cv2.fillConvexPoly(img, camera.project(corners).astype(np.int32), FURNITURE, lineType=cv2.LINE_AA)
    return img


def render_posture(
    posture_at: Callable[[np.ndarray], Posture],
    camera: Camera,
    out: Path,
    *,
    fps: float,
    duration_s: float,
    height_m: float = 1.78,
    furniture: tuple[Box, ...] = (),
    truth: dict | None = None,
    markers: bool = False,
) -> Path:
    """Write ``out`` (H.264 MP4) of the body in ``posture_at(times)``, and ``truth`` (with the
    camera and frame rate added) beside it as ``.truth.json``; returns the truth file's path.
    ``markers``: the tape a test asks for (the PSIS from behind, across the spine from the side)."""
    t = np.arange(0.0, duration_s, 1.0 / fps)
    return render_points(points_of(posture_at(t), height_m), camera, out, fps=fps, height_m=height_m,
                         furniture=furniture, truth=truth, markers=markers)  # fmt: skip


def render_points(
    points: dict[str, np.ndarray],
    camera: Camera,
    out: Path,
    *,
    fps: float,
    height_m: float = 1.78,
    furniture: tuple[Box, ...] = (),
    truth: dict | None = None,
    bare_thighs: bool = False,
    markers: bool = False,
) -> Path:
    """Write ``out`` of the body at ``points`` (the renderer's named ``[frame, 3]`` points, one
    frame per ``1 / fps``) and its truth file, as :func:`render_posture` does."""
    n = len(next(iter(points.values())))
    base = with_furniture(background(camera), camera, furniture)
    out = Path(out)
    frames = (draw_frame(points, i, camera, base, height_m, bare_thighs=bare_thighs, markers=markers) for i in range(n))
    write_video(out, frames, camera, fps)
    truth_path = out.with_suffix(".truth.json")
    made = {"generator": "backstride synth", "fps": fps, "camera": asdict(camera), **(truth or {})}
    truth_path.write_text(json.dumps(made, indent=1))
    return truth_path
