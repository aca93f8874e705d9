"""One pass over a clip's frames for what the pose model does not see: how the camera moves
(the background's shift outside the runner's box), cuts between shots, blur, and the straight
edges of the room (for the camera's roll), and lines drawn over the video that cross the
runner (:mod:`backstride.video.overlay`).

OpenCV, on greyscale frames scaled to :data:`WORK_WIDTH_PX`: Shi-Tomasi corners outside the
runner tracked by pyramidal Lucas-Kanade optical flow; the median displacement is the
background's shift (Kinovea's camera-motion compensation tracks the background the same way).
Straight edges: Canny and the probabilistic Hough transform on a dozen frames spread over the
clip, leaving out the runner's box and any edge of a black border (a rotated or letterboxed
export). Results are cached beside the pose keypoints, by content hash.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from backstride.video.overlay import OverlayMap, drawn_hues
from backstride.video.probe import Probe
from backstride.video.reader import iter_frames

WORK_WIDTH_PX = 480
MIN_TRACKED_POINTS = 12
INLIER_PX = 1.5  # a background point moving within this of the median moves with the background
MIN_INLIER_SHARE = 0.5
MIN_SPREAD = 0.15  # the background points must spread over this share of the frame (not one object)
REDETECT_FRAMES = 5  # background corners found again this often (and when too few are left)
KEEP_SHARE = 0.6
CUT_HIST_CORRELATION = 0.6  # histograms this different, with no background followed: a cut
LINE_FRAMES = 12
VERSION = "scene-v11"


@dataclass(frozen=True)
class Scene:
    """Per frame of the file: the background's shift since the previous frame (full-size pixels,
    NaN where it could not be followed), cuts, sharpness; and the straight edges found."""

    time_s: np.ndarray
    shift_px: np.ndarray  # [frame, 2]; row 0 is 0
    cut_before: np.ndarray  # [frame] bool
    sharpness: np.ndarray  # [frame] variance of the Laplacian inside the runner's box (NaN: no box)
    lines: np.ndarray  # [line, 5]: x1, y1, x2, y2 (full-size pixels), frame index
    n_features: np.ndarray  # [frame] background corners available
    change: np.ndarray | None = None  # [frame] mean absolute grey difference from the previous frame (0-255)
    width_px: int = 0  # the upright frame's size
    height_px: int = 0
    overlays: np.ndarray = field(default_factory=lambda: np.zeros((0, 5)))  # [line, 5]: see OverlayMap.lines
    drawn_hues: np.ndarray | None = None  # [frame] pure hues in the runner's box (overlay.drawn_hues)


def runner_boxes(xy_px: np.ndarray, margin: float = 0.35) -> np.ndarray:
    """``[frame, 4]`` box (x0, y0, x1, y1) around each frame's keypoints, grown by ``margin``."""
    lo = np.full((len(xy_px), 2), np.nan)
    hi = np.full((len(xy_px), 2), np.nan)
    seen = np.isfinite(xy_px[..., 0]).any(axis=1)
    lo[seen], hi[seen] = np.nanmin(xy_px[seen], axis=1), np.nanmax(xy_px[seen], axis=1)
    size = hi - lo
    return np.concatenate([lo - margin * size, hi + margin * size], axis=1)


def scan_scene(
    info: Probe,
    xy_px: np.ndarray,
    torso_px: float,
    *,
    cache_dir: Path | None = None,
    progress: Callable[[int], object] | None = None,
) -> Scene:
    """Scan every frame; ``xy_px`` is the pose of each decoded frame (NaN where no runner) and
    ``torso_px`` the runner's median torso length."""
    cache = _cache_path(info, cache_dir, xy_px, torso_px)
    if cache is not None and cache.exists():
        try:
            with np.load(cache) as z:
                fields: dict[str, Any] = {
                    k: (int(z[k]) if z[k].ndim == 0 else z[k]) for k in Scene.__dataclass_fields__ if k in z
                }
                return Scene(**fields)
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):  # damaged: scanned again
            pass
    scene = _scan(info, xy_px, torso_px, progress)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp.npz")
            np.savez_compressed(tmp, **{k: getattr(scene, k) for k in Scene.__dataclass_fields__})
            tmp.replace(cache)
        except OSError:
            pass
    return scene


def _cache_path(info: Probe, cache_dir: Path | None, xy_px: np.ndarray, torso_px: float) -> Path | None:
    """By the clip's content and the keypoints the scan was given: the runner's box, the bones the
    overlay map draws and the sharpness inside the box all come from them, so another pose model's
    (or a keypoints file's) scan is never reused."""
    if cache_dir is None:
        return None
    import hashlib

    from backstride.pose.run import content_hash

    given = hashlib.blake2b(np.ascontiguousarray(xy_px, dtype=np.float64).tobytes(), digest_size=8)
    given.update(np.float64(torso_px).tobytes())
    return Path(cache_dir) / f"{content_hash(info.path)}-{given.hexdigest()}-{VERSION}.npz"


def _scan(info: Probe, xy_px: np.ndarray, torso_px: float, progress: Callable[[int], object] | None) -> Scene:
    import cv2

    boxes = runner_boxes(xy_px)
    overlay = OverlayMap(torso_px)
    flow = BackgroundFlow()

    n_est = max(1, info.n_frames or int(round(info.duration_s * info.fps)))
    line_at = set(np.linspace(0, n_est - 1, LINE_FRAMES).round().astype(int).tolist())
    times, shifts, cuts, sharp, feats, change, hues = [], [], [], [], [], [], []
    lines: list[list[float]] = []
    prev = prev_hist = prev_box = None
    scale = 1.0
    size = info.width, info.height
    frames = iter_frames(info.path, rotation_deg=info.rotation_deg, width_px=WORK_WIDTH_PX, full_at=frozenset(line_at))
    for frame in frames:
        small = frame.rgb
        scale = small.shape[1] / size[0]
        gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
        box = np.asarray(boxes[frame.index], dtype=float) * scale if frame.index < len(boxes) else np.full(4, np.nan)
        hues.append(drawn_hues(small, box))
        hist = cv2.calcHist([gray], [0], None, [32], [0, 256])
        if prev is None or prev_hist is None or prev_box is None:
            shift, n, cut = np.zeros(2), 0, False
        else:
            shift, n = flow.shift(prev, gray, prev_box, scale)
            cut = (
                not np.isfinite(shift).all()
                and cv2.compareHist(prev_hist, hist, cv2.HISTCMP_CORREL) < CUT_HIST_CORRELATION
            )
        times.append(frame.time_s)
        shifts.append(shift)
        cuts.append(cut)
        feats.append(n)
        change.append(np.nan if prev is None else _change(prev, gray, box))
        sharp.append(_sharpness(gray, box))
        overlay.add(gray, xy_px[frame.index] if frame.index < len(xy_px) else None, scale, box)
        if frame.full is not None:  # the room's edges from OpenCV's area scaling, which they were set on
            exact = cv2.resize(frame.full, small.shape[1::-1], interpolation=cv2.INTER_AREA)
            edges_gray = cv2.cvtColor(exact, cv2.COLOR_RGB2GRAY)
            lines.extend([*seg, frame.index] for seg in _straight_edges(edges_gray, box, scale))
        prev, prev_hist, prev_box = gray, hist, box
        if progress:
            progress(len(times))
    return Scene(
        np.array(times),
        np.array(shifts, dtype=float).reshape(-1, 2),
        np.array(cuts, dtype=bool),
        np.array(sharp, dtype=float),
        np.asarray(lines, dtype=np.float64).reshape(-1, 5),
        np.array(feats),
        np.array(change, dtype=float),
        *size,
        overlay.lines(scale),
        np.array(hues, dtype=np.int16),
    )


def _mask(shape: tuple[int, int], box: np.ndarray) -> np.ndarray:
    mask = np.full(shape, 255, dtype=np.uint8)
    h, w = shape
    border = int(0.02 * max(h, w))
    mask[:border], mask[-border:], mask[:, :border], mask[:, -border:] = 0, 0, 0, 0
    if np.isfinite(box).all():
        x0, y0, x1, y1 = (int(v) for v in np.clip(box, 0, [w, h, w, h]))
        mask[y0:y1, x0:x1] = 0
    return mask


class BackgroundFlow:
    """Background corners followed from frame to frame (Lucas-Kanade), found again every
    :data:`REDETECT_FRAMES` frames or when fewer than :data:`KEEP_SHARE` of them are left: finding
    corners cost more than following them (3.6 of 16 ms a frame of the scan, before). A scene with
    too few corners to follow (a plain wall) is looked at again after as many frames."""

    def __init__(self) -> None:
        self.points: np.ndarray | None = None  # [n, 1, 2] float32, on the last frame given
        self.found = 0  # corners at the last detection: the scene's texture, reported per frame
        self.age = 0
        self.plain_for = 0  # frames left before a scene with too few corners is looked at again

    def shift(self, prev: np.ndarray, cur: np.ndarray, box: np.ndarray, scale: float) -> tuple[np.ndarray, int]:
        """The background's shift from ``prev`` to ``cur`` (full-size px, NaN if unsure) and the
        corners the scene offers."""
        import cv2

        if self.plain_for > 0:
            self.plain_for -= 1
            return np.full(2, np.nan), self.found
        mask = _mask((prev.shape[0], prev.shape[1]), box)
        pts = self._kept(mask)
        if pts is None:
            pts = cv2.goodFeaturesToTrack(prev, maxCorners=300, qualityLevel=0.01, minDistance=7, mask=mask)
            self.found, self.age = (0 if pts is None else len(pts)), 0
        self.points = None
        if pts is None or len(pts) < MIN_TRACKED_POINTS:
            self.plain_for = REDETECT_FRAMES - 1
            return np.full(2, np.nan), self.found
        shift, tracked = _background_shift(prev, cur, pts, scale)
        if tracked is not None and np.isfinite(shift).all():
            self.points, self.age = tracked, self.age + 1
        return shift, self.found

    def _kept(self, mask: np.ndarray) -> np.ndarray | None:
        """The corners followed so far that are still background, unless it is time to look again."""
        if self.points is None or self.age >= REDETECT_FRAMES:
            return None
        h, w = mask.shape
        xy = np.round(self.points.reshape(-1, 2)).astype(int)
        inside = (xy[:, 0] >= 0) & (xy[:, 0] < w) & (xy[:, 1] >= 0) & (xy[:, 1] < h)
        keep = np.zeros(len(xy), dtype=bool)
        keep[inside] = mask[xy[inside, 1], xy[inside, 0]] > 0
        if keep.sum() < max(MIN_TRACKED_POINTS, KEEP_SHARE * self.found):
            return None
        return self.points[keep]


def _background_shift(
    prev: np.ndarray, cur: np.ndarray, pts: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray | None]:
    """The mean shift of the background corners ``pts`` from ``prev`` to ``cur`` (full-size px),
    NaN if unsure; and where the corners that moved with the background are in ``cur``."""
    import cv2

    nxt, status, _ = cv2.calcOpticalFlowPyrLK(
        prev,
        cur,
        pts,
        None,  # type: ignore[call-overload]
        winSize=(21, 21),
        maxLevel=3,
    )  # (no initial guess: OpenCV takes None)
    ok = status.ravel() == 1
    d = (nxt - pts).reshape(-1, 2)[ok]
    if len(d) < MIN_TRACKED_POINTS:
        return np.full(2, np.nan), None
    med = np.median(d, axis=0)
    inliers = np.linalg.norm(d - med, axis=1) <= INLIER_PX
    spread = np.ptp(pts.reshape(-1, 2)[ok][inliers], axis=0) if inliers.any() else np.zeros(2)
    if inliers.mean() < MIN_INLIER_SHARE or spread.max() < MIN_SPREAD * max(prev.shape):
        return np.full(2, np.nan), None
    return np.mean(d[inliers], axis=0) / scale, nxt[ok][inliers].reshape(-1, 1, 2).astype(np.float32)


def _change(prev: np.ndarray, gray: np.ndarray, box: np.ndarray) -> float:
    """Mean absolute grey difference from the previous frame inside the runner's box (where
    something always moves), or over the whole frame where there is no box."""
    h, w = gray.shape
    if np.isfinite(box).all():
        x0, y0, x1, y1 = (int(v) for v in np.clip(box, 0, [w, h, w, h]))
        if x1 - x0 >= 8 and y1 - y0 >= 8:
            prev, gray = prev[y0:y1, x0:x1], gray[y0:y1, x0:x1]
    import cv2

    return float(cv2.absdiff(prev, gray).mean())


def _sharpness(gray: np.ndarray, box: np.ndarray) -> float:
    import cv2

    if not np.isfinite(box).all():
        return float("nan")
    h, w = gray.shape
    x0, y0, x1, y1 = (int(v) for v in np.clip(box, 0, [w, h, w, h]))
    if x1 - x0 < 8 or y1 - y0 < 8:
        return float("nan")
    return float(cv2.Laplacian(gray[y0:y1, x0:x1], cv2.CV_64F).var())


def _straight_edges(gray: np.ndarray, box: np.ndarray, scale: float) -> list[list[float]]:
    """Long straight edges outside the runner (full-size px); none along a black border."""
    import cv2

    edges = cv2.Canny(cv2.GaussianBlur(gray, (3, 3), 0), 50, 150)
    black = cv2.dilate((gray <= 8).astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    edges[black] = 0
    min_len = 0.08 * max(gray.shape)
    segs = cv2.HoughLinesP(edges, 1, np.pi / 720, threshold=40, minLineLength=min_len, maxLineGap=4)
    out = []
    for x1, y1, x2, y2 in [] if segs is None else segs.reshape(-1, 4):
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        inside = np.isfinite(box).all() and box[0] <= mx <= box[2] and box[1] <= my <= box[3]
        if inside and abs(x2 - x1) < (box[2] - box[0]):  # a body edge, not a deck spanning the box
            continue
        out.append([x1 / scale, y1 / scale, x2 / scale, y2 / scale])
    return out
