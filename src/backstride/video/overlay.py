"""Lines drawn over the video: a mark, a plumb line or a player's bar that crosses the runner.

A pixel of the scene that the runner's limbs pass over changes while they cover it: it shows the
body, then the background. A pixel drawn over the video does not change, wherever the body is.
So, over the frame scan, each pixel's grey level spread (standard deviation over the clip) is
kept with how often the pose model's bones (shoulder-hip, thigh, shank, arm; not the foot; drawn
:data:`BONE_WIDTH_TORSO` torso lengths wide, inside the limbs) cross it. A pixel that the bones
cross in a fair share of frames (:data:`BONE_SHARE`) yet stays within :data:`STATIC_GREY` grey
levels lies in front of the runner. Pixels the bones never reach (the background, the gap
between the legs seen from behind) are never counted, so a still background is no overlay.

A drawn line is also seen against the scene beside it: where the runner's box has left the
pixels around a still run, their grey (the scene behind) is compared with the run's own, and a
run within :data:`MIN_CONTRAST_GREY` of it is the scene itself (plain ground seen between the
legs of a runner moving away, which the shanks sweep over as the runner shrinks; the rendered
runner at 6-18 m read 0.72 torso lengths without this). Where the box never leaves the pixels
around a run (a treadmill, a fixed distance), the scene behind it is unknown and the run counts.
A line drawn in the scene's own grey is missed by this: it does not show outside the runner.

Measured at :data:`~backstride.video.scene.WORK_WIDTH_PX`: none of the 22 clips in
../shared/data gives a thin run of such pixels longer than 0.39 torso lengths; a 3-4 px line
drawn over the treadmill clip gives one 1.1 (diagonal over the legs) to 3.0 (vertical through
the body) torso lengths long and 2-3 px thin (tests/derived/test_overlay.py).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from backstride.core.trajectory import KEYPOINTS

#: The foot's own bones are left out: in stance they lie on the ground, whose still lines (a
#: track's lanes, a treadmill's edge, the rendered floor) they would count as drawn over the runner
#: (the rendered ground line under the heavy model's feet read 0.61 torso lengths with them, 0.08 without).
_BONES = (
    ("shoulder", "hip"),
    ("hip", "knee"),
    ("knee", "ankle"),
    ("shoulder", "elbow"),
    ("elbow", "wrist"),
)
BONE_PAIRS = tuple(
    (KEYPOINTS.index(f"{s}_{a}"), KEYPOINTS.index(f"{s}_{b}")) for s in ("left", "right") for a, b in _BONES
)
BONE_WIDTH_TORSO = 0.08  # half a thigh's width or less: the bone stays inside the limb
BONE_SHARE = (0.03, 0.7)  # share of frames a bone covers the pixel: enough to see it change, not always
MIN_BONE_FRAMES = 3
STATIC_GREY = 3.0  # grey-level spread (of 255) of a pixel nothing moves over: video noise only
JOIN_PX = 4
MAX_THICK_PX = 6.0  # an overlay is a thin line: its width (4 sd across it) at the working scale
MIN_CONTRAST_GREY = 12.0  # a drawn line differs from the scene beside it by more than this
RING_PX = (1, 4)  # the scene beside a run: this far from it (px at the working scale)
MIN_SCENE_FRAMES = 3  # frames a pixel was outside the runner's box: its scene grey is known
MIN_KNOWN_SHARE = 0.5  # of the ring's pixels, else the scene beside the run is unknown


class OverlayMap:
    """Per-pixel grey spread and bone cover, accumulated frame by frame at the working scale."""

    def __init__(self, torso_px: float):
        self.torso_px = torso_px
        self.n = 0
        # per pixel: sum of grey, sum of grey squared, frames a bone covered it; sum of grey and
        # frames outside the runner's box (the scene behind); made at the first frame
        self._acc: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None

    def add(
        self, gray: np.ndarray, keypoints_px: np.ndarray | None, scale: float, box: np.ndarray | None = None
    ) -> None:
        """One frame: ``gray`` at the working scale, ``keypoints_px`` the full-size pose (or None),
        ``box`` the runner's box at the working scale (x0, y0, x1, y1; NaN or None: not known)."""
        import cv2

        g = gray.astype(np.float64)
        if self._acc is None or self._acc[0].shape != g.shape:
            count = np.zeros(g.shape, dtype=np.int32)
            self._acc = (np.zeros_like(g), np.zeros_like(g), count, np.zeros_like(g), count.copy())
        total, total2, bones, scene_total, scene_n = self._acc
        total += g
        total2 += g * g
        self.n += 1
        if box is not None and np.isfinite(box).all():
            _add_outside(scene_total, scene_n, g, box)
        if keypoints_px is None or not np.isfinite(self.torso_px):
            return
        width = max(1, int(round(BONE_WIDTH_TORSO * self.torso_px * scale)))
        mask = np.zeros(g.shape, dtype=np.uint8)
        for a, b in BONE_PAIRS:
            pa, pb = keypoints_px[a] * scale, keypoints_px[b] * scale
            if np.isfinite(pa).all() and np.isfinite(pb).all() and np.abs([*pa, *pb]).max() < 1e5:
                cv2.line(
                    mask, (int(round(pa[0])), int(round(pa[1]))), (int(round(pb[0])), int(round(pb[1]))), (1,), width
                )
        bones += mask

    def lines(self, scale: float) -> np.ndarray:
        """``[line, 5]``: each overlay crossing the runner as x1, y1, x2, y2 (full-size px) and its
        length in torso lengths; thin runs only, longest first."""
        if self._acc is None or self.n < 2 * MIN_BONE_FRAMES or not np.isfinite(self.torso_px):
            return np.zeros((0, 5))
        total, total2, bones, _, _ = self._acc
        spread = np.sqrt(np.maximum(total2 / self.n - (total / self.n) ** 2, 0.0))
        lo = max(MIN_BONE_FRAMES, BONE_SHARE[0] * self.n)
        found = (spread < STATIC_GREY) & (bones >= lo) & (bones <= BONE_SHARE[1] * self.n)
        return _thin_runs(found, self.torso_px * scale, scale, self._is_scene)

    def _is_scene(self, run: np.ndarray) -> bool:
        """The still ``run`` (a pixel mask) has the grey of the scene beside it, where that is known."""
        import cv2

        if self._acc is None:
            return False
        total, _, _, scene_total, scene_n = self._acc
        ys, xs = np.nonzero(run)  # the run with its ring, cut out of the frame
        y0, x0 = max(ys.min() - RING_PX[1], 0), max(xs.min() - RING_PX[1], 0)
        window = np.s_[y0 : ys.max() + RING_PX[1] + 1, x0 : xs.max() + RING_PX[1] + 1]
        here = run[window].astype(np.uint8)
        outer = cv2.dilate(here, np.ones((2 * RING_PX[1] + 1,) * 2, np.uint8)) > 0
        inner = cv2.dilate(here, np.ones((2 * RING_PX[0] + 1,) * 2, np.uint8)) > 0
        ring = outer & ~inner
        known = ring & (scene_n[window] >= MIN_SCENE_FRAMES)
        if not ring.any() or known.sum() < MIN_KNOWN_SHARE * ring.sum():
            return False
        beside = float(np.mean(scene_total[window][known] / scene_n[window][known]))
        own = float(np.mean(total[run] / self.n))
        return abs(own - beside) < MIN_CONTRAST_GREY


def _add_outside(scene_total: np.ndarray, scene_n: np.ndarray, g: np.ndarray, box: np.ndarray) -> None:
    """Add the frame ``g`` to the scene's sums where it lies outside the runner's ``box``."""
    h, w = g.shape
    x0, y0 = (int(np.clip(np.floor(v), 0, m)) for v, m in zip(box[:2], (w, h), strict=True))
    x1, y1 = (int(np.clip(np.ceil(v), 0, m)) for v, m in zip(box[2:], (w, h), strict=True))
    scene_total += g
    scene_n += 1
    scene_total[y0:y1, x0:x1] -= g[y0:y1, x0:x1]
    scene_n[y0:y1, x0:x1] -= 1


def _thin_runs(
    found: np.ndarray, torso_work_px: float, scale: float, is_scene: Callable[[np.ndarray], bool] | None = None
) -> np.ndarray:
    """Each run of ``found`` pixels (pieces up to :data:`JOIN_PX` apart joined: a fast limb crosses
    some pixels of a line too rarely to count) as a segment along its main axis, if thin and not
    the scene itself (``is_scene``)."""
    import cv2

    joined = cv2.dilate(found.astype(np.uint8), np.ones((JOIN_PX + 1, JOIN_PX + 1), np.uint8))
    n, labels = cv2.connectedComponents(joined, connectivity=8)
    labels[~found] = 0
    out = []
    for k in range(1, n):
        run = labels == k
        ys, xs = np.nonzero(run)
        if len(xs) < 5:
            continue
        pts = np.column_stack([xs, ys]).astype(float)
        values, vectors = np.linalg.eigh(np.cov((pts - pts.mean(axis=0)).T))
        along = pts @ vectors[:, 1]
        length, thick = float(np.ptp(along)) + 1.0, 4 * np.sqrt(max(values[0], 0.0))
        if thick > max(MAX_THICK_PX, 0.1 * length) or (is_scene is not None and is_scene(run)):
            continue
        across = float(np.mean(pts @ vectors[:, 0]))
        ends = [vectors[:, 1] * a + vectors[:, 0] * across for a in (along.min(), along.max())]
        out.append([*(ends[0] / scale), *(ends[1] / scale), length / torso_work_px])
    out.sort(key=lambda row: -row[4])
    return np.array(out, dtype=float).reshape(-1, 5)


#: A pixel in a colour no camera gives a scene in quantity: fully saturated and bright (HSV, of 255).
PURE_SATURATION, PURE_VALUE = 200, 180
HUE_BINS = 6  # of 30 degrees each
MIN_HUE_PX = 8  # pure pixels of one hue (at the working scale) that count as that hue drawn


def drawn_hues(rgb_small: np.ndarray, box: np.ndarray) -> int:
    """How many of :data:`HUE_BINS` hues appear as pure colour in the runner's ``box`` (working-scale
    pixels): a pose skeleton drawn over the video (OpenPose draws each limb in its own pure hue)
    shows 5-6 in most frames. Measured once over the whole frame: the two clips in ../shared/data
    with a skeleton drawn, 4 or more in 67 % and 80 % of frames; the others and the demo's renders
    (the tape and shoes), 3 at most. The tests hold the drawn clip refused
    (tests/realdata/test_rear_openpose.py) and the counting on drawn limbs (tests/unit/video/test_overlay.py)."""
    import cv2

    if not np.isfinite(box).all():
        return 0
    h, w = rgb_small.shape[:2]
    x0, y0, x1, y1 = (int(v) for v in np.clip(box, 0, [w, h, w, h]))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return 0
    hsv = cv2.cvtColor(np.ascontiguousarray(rgb_small[y0:y1, x0:x1]), cv2.COLOR_RGB2HSV)
    pure = (hsv[..., 1] > PURE_SATURATION) & (hsv[..., 2] > PURE_VALUE)
    counts = np.bincount((hsv[..., 0][pure] // (180 // HUE_BINS)).astype(int), minlength=HUE_BINS)
    return int((counts >= MIN_HUE_PX).sum())
