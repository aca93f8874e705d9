"""Two pieces of bright tape over the posterior superior iliac spines (PSIS), found in a rear view.

The validated 2-D pelvic-drop protocols measure the line between two skin markers over the
PSIS (Dingenen 2018), not the pose model's hip joint centres, which follow only a small share of
the pelvis's roll. Method (OpenCV, one pass over the frames):

1. A search box on the lower back from the pose: centred on the hip midpoint, from half a
   torso above the hip line to a tenth below it, as wide as the hips plus a torso's third.
2. The tape's colour, found once per clip: among saturated, bright pixels (HSV), the hue whose
   blobs come as a pair at marker spacing (a third to one hip width apart, nearly level) in
   the most frames sampled over the clip. Nothing is assumed about the colour, only that it
   differs from the clothes.
3. Every frame: blobs of that hue in the box, of a tape's size and square-ish, not running off
   the box's edge (clothing does), in pairs of about the same size; the pair nearest the last
   frame's pair (or, at the start, the most level one at the usual spacing); each marker is its
   blob's centroid. Left is image-left: in a rear view the runner's left.

A clip where the pair is found in fewer than ``MIN_FOUND_SHARE`` of the frames with a runner is
taken as having no markers (the hip keypoints are used instead, and the report says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from backstride.video.probe import Probe
from backstride.video.reader import feed, iter_frames

if TYPE_CHECKING:
    from backstride.core.trajectory import Trajectory

NAMES = ("psis_left", "psis_right")  # their names in a Trajectory
MIN_SATURATION = 110  # OpenCV HSV, 0-255
MIN_VALUE = 110
HUE_BINS = 18  # OpenCV hue runs 0-179: bins of 10 (20 deg)
HUE_HALF_WIDTH = 12
SAMPLE_FRAMES = 40
MIN_FOUND_SHARE = 0.6
SPACING_HIP_WIDTHS = (0.25, 1.1)  # the markers' distance apart, in hip-joint widths
MAX_SLOPE = 0.45  # |dy| / dx of the pair
AREA_HIP_WIDTHS = (0.004, 0.08)  # a blob's area, in squared hip widths (a 3-4 cm square: ~0.04)
MIN_FILL = 0.5  # of its bounding box: a square of tape, not a strip of clothing
MAX_ASPECT = 2.5
MAX_AREA_RATIO = 3.0  # the two pieces are about the same size
#: A body tipped forward (a single-leg deadlift from behind): the tape faces up, away from the phone,
#: and is seen foreshortened (a 3.5 cm square 1.2 cm tall with the pelvis tipped 70 deg), and it rises
#: towards the shoulders' line in the picture: the box reaches the shoulders, the tape may be thinner.
TIPPED_MAX_ASPECT = 4.5
TIPPED_MIN_FILL = 0.35  # a thin strip turned 20 deg fills half its bounding box


@dataclass(frozen=True)
class BlobShape:
    """What a piece of tape's blob looks like: how much of its bounding box it fills, how elongated."""

    min_fill: float = MIN_FILL
    max_aspect: float = MAX_ASPECT


UPRIGHT, TIPPED = BlobShape(), BlobShape(TIPPED_MIN_FILL, TIPPED_MAX_ASPECT)


@dataclass(frozen=True)
class Markers:
    """Per decoded frame: ``xy_px[frame, (left, right), 2]`` (NaN where not found)."""

    xy_px: np.ndarray
    hue: int  # OpenCV hue (0-179) of the tape
    found_share: float  # of the frames with a runner

    @property
    def hue_deg(self) -> float:
        return 2.0 * self.hue


@dataclass(frozen=True)
class _Box:
    x0: int
    y0: int
    x1: int
    y1: int
    hip_width_px: float


def search_boxes(
    pose_xy_px: np.ndarray, keypoints: tuple[str, ...], size: tuple[int, int], *, tipped: bool = False
) -> list[_Box | None]:
    """The lower-back search box of each frame (None where the hips or shoulders are not seen);
    ``tipped``: up to half a hip width above the shoulders' line too (see :data:`TIPPED_MAX_ASPECT`)."""
    idx = {n: keypoints.index(n) for n in ("left_hip", "right_hip", "left_shoulder", "right_shoulder")}
    out: list[_Box | None] = []
    w, h = size
    for xy in pose_xy_px:
        lh, rh, ls, rs = (xy[idx[n]] for n in ("left_hip", "right_hip", "left_shoulder", "right_shoulder"))
        if not np.isfinite([lh, rh, ls, rs]).all():
            out.append(None)
            continue
        mid, hip_w = (lh + rh) / 2, float(np.linalg.norm(rh - lh))
        torso = float(np.linalg.norm((ls + rs) / 2 - mid))
        half = max(hip_w, 0.2 * torso) / 2 + torso / 3
        box = _Box(
            int(max(0, mid[0] - half)),
            int(max(0, min(mid[1] - 0.5 * torso, (ls[1] + rs[1]) / 2 - hip_w / 2 if tipped else np.inf))),
            int(min(w, mid[0] + half)),
            int(min(h, mid[1] + 0.1 * torso)),
            max(hip_w, 0.25 * torso),
        )
        out.append(box if box.x1 - box.x0 > 4 and box.y1 - box.y0 > 4 else None)
    return out


def _blobs(
    hsv: np.ndarray,
    box: _Box,
    hue_lo: int,
    hue_hi: int,
    area_px: tuple[float, float] | None = None,
    min_fill: float = MIN_FILL,
    max_aspect: float = MAX_ASPECT,
) -> list[tuple[float, float, int]]:
    """Centroids (full-frame px) and areas of the blobs of one hue range inside the box, of a tape's
    area (``area_px``; default: :data:`AREA_HIP_WIDTHS` of the box's hip width squared) and filling
    at least ``min_fill`` of their bounding box."""
    import cv2

    roi = hsv[box.y0 : box.y1, box.x0 : box.x1]
    hue = roi[..., 0].astype(int)
    inside = (hue >= hue_lo) & (hue <= hue_hi) if hue_lo <= hue_hi else (hue >= hue_lo) | (hue <= hue_hi)
    mask = (inside & (roi[..., 1] >= MIN_SATURATION) & (roi[..., 2] >= MIN_VALUE)).astype(np.uint8)
    n, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    lo, hi = area_px or tuple(a * box.hip_width_px**2 for a in AREA_HIP_WIDTHS)
    h, w = mask.shape
    out = []
    for k in range(1, n):
        x, y, bw, bh, area = (int(v) for v in stats[k])
        within = x > 0 and y > 0 and x + bw < w and y + bh < h  # a patch of clothing runs off the box
        compact = area >= min_fill * bw * bh and max(bw, bh) <= max_aspect * min(bw, bh)
        if lo <= area <= hi and within and compact:
            out.append((float(centroids[k][0] + box.x0), float(centroids[k][1] + box.y0), area))
    return out


def _pairs(blobs: list[tuple[float, float, int]], hip_width_px: float) -> list[tuple[np.ndarray, np.ndarray]]:
    lo, hi = (a * hip_width_px for a in SPACING_HIP_WIDTHS)
    out = []
    for i, a in enumerate(blobs):
        for b in blobs[i + 1 :]:
            left, right = (a, b) if a[0] <= b[0] else (b, a)
            dx, dy = right[0] - left[0], right[1] - left[1]
            similar = max(a[2], b[2]) <= MAX_AREA_RATIO * min(a[2], b[2])
            if lo <= dx <= hi and abs(dy) <= MAX_SLOPE * dx and similar:
                out.append((np.array(left[:2]), np.array(right[:2])))
    return out


def _hsv(rgb: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)


def _hue_range(centre: int) -> tuple[int, int]:
    return (centre - HUE_HALF_WIDTH) % 180, (centre + HUE_HALF_WIDTH) % 180


def find_tape_hue(samples: list[tuple[np.ndarray, _Box]], shape: BlobShape = UPRIGHT) -> tuple[int, float] | None:
    """The hue bin whose blobs pair up in the most sampled frames, and that share."""
    width = 180 // HUE_BINS
    counts = np.zeros(HUE_BINS)
    for hsv, box in samples:
        for b in range(HUE_BINS):
            found = _blobs(hsv, box, b * width, b * width + width - 1, None, shape.min_fill, shape.max_aspect)
            if _pairs(found, box.hip_width_px):
                counts[b] += 1
    if not samples or counts.max() == 0:
        return None
    best = int(np.argmax(counts))
    return best * width + width // 2, float(counts[best] / len(samples))


def marker_tracker(
    info: Probe, pose_xy_px: np.ndarray, keypoints: tuple[str, ...], *, tipped: bool = False
) -> MarkerTracker | None:
    """The tape's colour from frames sampled over the clip (one pass up to the last sample), and a
    tracker for it; None when no tape is seen (see the module's note; ``tipped``: a body tipped
    forward, :data:`TIPPED_MAX_ASPECT`)."""
    boxes = search_boxes(pose_xy_px, keypoints, (info.width, info.height), tipped=tipped)
    seen = [i for i, b in enumerate(boxes) if b is not None]
    if len(seen) < 3:
        return None
    sample_at = set(np.array(seen)[np.linspace(0, len(seen) - 1, min(SAMPLE_FRAMES, len(seen))).astype(int)].tolist())
    samples = []
    for frame in iter_frames(info.path, rotation_deg=info.rotation_deg):
        if frame.index in sample_at:
            samples.append((_hsv(frame.rgb), boxes[frame.index]))
        if frame.index >= max(sample_at):
            break
    shape = TIPPED if tipped else UPRIGHT
    hue = find_tape_hue(samples, shape)  # type: ignore[arg-type]
    if hue is None or hue[1] < MIN_FOUND_SHARE:
        return None
    return MarkerTracker(boxes, hue[0], len(seen), shape)


class MarkerTracker:
    """Follows the pair of the tape's colour frame by frame (:func:`backstride.video.reader.feed`)."""

    def __init__(self, boxes: list[_Box | None], hue: int, n_seen: int, shape: BlobShape = UPRIGHT):
        self.boxes, self.hue, self.n_seen, self.shape = boxes, hue, n_seen, shape
        self.xy = np.full((len(boxes), 2, 2), np.nan)
        self.lo, self.hi = _hue_range(hue)
        self.last: np.ndarray | None = None

    def add(self, i: int, rgb: np.ndarray) -> None:
        box = self.boxes[i] if i < len(self.boxes) else None
        if box is None:
            return
        found = _blobs(_hsv(rgb), box, self.lo, self.hi, None, self.shape.min_fill, self.shape.max_aspect)
        pairs = _pairs(found, box.hip_width_px)
        if not pairs:
            return
        last = self.last
        if last is None:
            pick = min(pairs, key=lambda p: abs(p[1][1] - p[0][1]) / max(p[1][0] - p[0][0], 1e-6))
        else:
            pick = min(pairs, key=lambda p: float(np.linalg.norm(np.stack(p) - last)))
        self.xy[i] = np.stack(pick)
        self.last = self.xy[i]

    def result(self) -> Markers | None:
        share = float(np.isfinite(self.xy[:, 0, 0]).sum() / max(self.n_seen, 1))
        return Markers(self.xy, self.hue, share) if share >= MIN_FOUND_SHARE else None


def scan_markers(info: Probe, pose_xy_px: np.ndarray, keypoints: tuple[str, ...]) -> Markers | None:
    """Find the two markers in every frame, in passes of their own; None when the clip has none."""
    tracker = marker_tracker(info, pose_xy_px, keypoints)
    if tracker is None:
        return None
    feed(info.path, [tracker], rotation_deg=info.rotation_deg)
    return tracker.result()


def with_markers(traj: Trajectory, markers: Markers) -> Trajectory:
    """The trajectory with the two markers as two more keypoints (:data:`NAMES`)."""
    return traj.with_points(NAMES, markers.xy_px)
