"""annotated_<role>.mp4: the clip with the skeleton the pose model saw, foot strikes and toe-offs
marked, and live angles; H.264 in MP4 (PyAV, libx264), every frame of the input at its own time.

``slow`` stretches every timestamp (a slowed copy); ``blur_face`` blurs the head for sharing
(the last head box is held through frames where the pose missed it).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np

from backstride.core.analysis import ClipAnalysis
from backstride.core.trajectory import FEET, Trajectory
from backstride.metrics.geometry import flexion_deg
from backstride.report.pictures import BONES

TIME_BASE = Fraction(1, 90000)
MAX_SIDE_PX = 1280  # the long side is scaled down to this: sharp on a phone, quick to write
EVENT_HOLD_S = 0.15  # an event's label stays this long (real time) so the eye catches it
FOOT_RGB = {"left": (0, 114, 178), "right": (230, 159, 0)}  # blue and orange, colour-blind safe
HEAD = ("nose", "left_eye", "right_eye", "left_ear", "right_ear", "mouth_left", "mouth_right")
CRF = 23


def event_labels(clip: ClipAnalysis) -> list[tuple[float, str, str]]:
    """(real time, foot, "strike" or "toe-off") of every event, in time order."""
    out = []
    for foot in FEET:
        ev = clip.gait.events[foot]
        out += [(t, foot, "strike") for t in ev.foot_strike_s]
        out += [(t, foot, "toe-off") for t in ev.toe_off_s]
    return sorted(out)


def live_angles(traj: Trajectory, t_s: float, side: bool) -> list[str]:
    """Knee bend per leg (side view) or hip-line tilt (rear), from the cleaned keypoints at ``t_s``."""
    i = int(np.argmin(np.abs(traj.time_s - t_s)))
    if abs(traj.time_s[i] - t_s) > 1.0 / traj.sample_rate_hz:
        return ["outside the analysed part"]
    if not side:
        left, right = traj.point("left_hip")[i], traj.point("right_hip")[i]
        if not (np.isfinite(left).all() and np.isfinite(right).all()):
            return []
        tilt = np.degrees(np.arctan2(-(left[1] - right[1]), abs(left[0] - right[0])))
        return [f"hip line: left {'up' if tilt >= 0 else 'down'} {abs(tilt):.0f} deg"]
    out = []
    for foot in FEET:
        pts = [traj.point(f"{foot}_{j}")[i] for j in ("hip", "knee", "ankle")]
        if all(np.isfinite(p).all() for p in pts):
            out.append(f"{foot} knee {flexion_deg(*pts):.0f} deg")
    return out


def _head_box(xy: np.ndarray, names: tuple[str, ...]) -> tuple[int, int, int, int] | None:
    pts = np.array([xy[names.index(n)] for n in HEAD])
    pts = pts[np.isfinite(pts).all(axis=1)]
    if len(pts) < 2:
        return None
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    r = max(float(np.ptp(pts[:, 0])), float(np.ptp(pts[:, 1])), 10.0) * 1.3
    c = (lo + hi) / 2
    return int(c[0] - r), int(c[1] - r), int(c[0] + r), int(c[1] + r)


def _blur(img: np.ndarray, box: tuple[int, int, int, int]) -> None:
    import cv2

    x0, y0 = max(0, box[0]), max(0, box[1])
    x1, y1 = min(img.shape[1], box[2]), min(img.shape[0], box[3])
    if x1 - x0 > 2 and y1 - y0 > 2:
        k = max(3, ((x1 - x0) // 3) | 1)
        img[y0:y1, x0:x1] = cv2.GaussianBlur(img[y0:y1, x0:x1], (k, k), 0)


def _draw_frame(img: np.ndarray, xy: np.ndarray | None, names: tuple[str, ...], lines: list[str], banner: str) -> None:
    import cv2

    if xy is not None:
        for a, b in BONES:
            pa, pb = xy[names.index(a)], xy[names.index(b)]
            if np.isfinite(pa).all() and np.isfinite(pb).all():
                colour = (
                    FOOT_RGB["left"]
                    if a.startswith("left")
                    else FOOT_RGB["right"]
                    if a.startswith("right")
                    else (255, 255, 255)
                )
                cv2.line(img, tuple(int(v) for v in pa), tuple(int(v) for v in pb), colour, 3, cv2.LINE_AA)
    y = 28
    for text in ([banner] if banner else []) + lines:
        cv2.putText(img, text, (12, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 4, cv2.LINE_AA)
        cv2.putText(img, text, (12, y), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (255, 255, 255), 2, cv2.LINE_AA)
        y += 30


def write_annotated(
    clip: ClipAnalysis,
    out: Path,
    *,
    slow: float = 1.0,
    blur_face: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Write the annotated copy of ``clip``'s video to ``out``; returns ``out``."""
    import av
    import cv2

    from backstride.video.reader import iter_frames

    image = clip.image_trajectory
    index = np.arange(0) if image is None or image.frame_index is None else image.frame_index
    rows = {int(round(float(f))): r for r, f in enumerate(index)}
    factor = clip.time_scale.factor
    events = event_labels(clip)
    side = clip.trajectory.view.is_side
    scale = min(1.0, MAX_SIDE_PX / max(clip.probe.width, clip.probe.height))
    size = (int(round(clip.probe.width * scale / 2)) * 2, int(round(clip.probe.height * scale / 2)) * 2)
    head = None
    with av.open(str(out), "w") as container:
        stream = container.add_stream("libx264", rate=Fraction(clip.probe.fps).limit_denominator(1001) or 30)
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        stream.time_base = TIME_BASE
        stream.codec_context.time_base = TIME_BASE
        stream.options = {"crf": str(CRF), "preset": "veryfast", "bf": "0"}
        for n, frame in enumerate(iter_frames(clip.probe.path, rotation_deg=clip.probe.rotation_deg)):
            img = frame.rgb if frame.rgb.flags.writeable else frame.rgb.copy()  # drawn on in RGB
            t_real = frame.time_s / factor
            row = rows.get(frame.index)
            xy = None if row is None or image is None else image.xy_px[row]
            if blur_face and xy is not None:
                head = _head_box(xy, image.keypoints) or head  # type: ignore[union-attr]
            if blur_face and head is not None:
                _blur(img, head)
            now = [f"{foot} {kind}" for t, foot, kind in events if 0 <= t_real - t < EVENT_HOLD_S]
            names = image.keypoints if image is not None else ()
            _draw_frame(img, xy, names, live_angles(clip.trajectory, t_real, side), " | ".join(now).upper())
            if scale < 1.0 or img.shape[1::-1] != size:
                img = cv2.resize(img, size, interpolation=cv2.INTER_AREA)
            out_frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(img, dtype=np.uint8), format="rgb24")
            out_frame.pts = int(round(frame.time_s * slow / TIME_BASE))
            out_frame.time_base = TIME_BASE
            for packet in stream.encode(out_frame):
                container.mux(packet)
            if progress:
                progress(n + 1)
        for packet in stream.encode():
            container.mux(packet)
    return out
