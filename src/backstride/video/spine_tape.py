"""Three strips of bright tape across the spine (the sacrum, the third lumbar vertebra, the twelfth
thoracic), found in a side view: the lower back's curve, which a skeleton does not have.

The guide asks for strips about 4 cm wide laid across the spine and round the side facing the phone,
so from the side each shows as a patch on the back's outline. Method (OpenCV, the PSIS tape's
helpers, video/markers.py):

1. A search box around the lower trunk from the pose: the hips-to-shoulders line from
   ``ALONG_TRUNKS[0]`` to ``ALONG_TRUNKS[1]`` trunk lengths, ``ACROSS_TRUNKS`` either side.
2. The tape's colour, found once per clip: the hue bin whose blobs come as a spine's three (below)
   in the most frames sampled over the clip. Nothing is assumed about the colour.
3. Every frame: blobs of that hue of a strip's size; the three that lie on one side of the trunk's
   line (the back), in order along it, evenly enough spaced (``MAX_SPACING_RATIO``) and at least
   ``MIN_SPAN_TRUNKS`` from the first to the last; the three nearest the last frame's, or at the
   start the most evenly spaced. Ordered from the hips up: sacrum, L3, T12.

A clip where the three are found in fewer than ``MIN_FOUND_SHARE`` of the frames with a person is
taken as having no tape (the form check then says the lower back was not checked).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from backstride.video.markers import _blobs, _Box, _hsv, _hue_range
from backstride.video.probe import Probe
from backstride.video.reader import feed
from backstride.video.tape import best_hue, sampled

if TYPE_CHECKING:
    from backstride.core.trajectory import Trajectory

NAMES = ("spine_sacrum", "spine_l3", "spine_t12")  # their names in a Trajectory, from the hips up
ALONG_TRUNKS = (-0.3, 0.75)  # where the strips may be along the hips-shoulders line, in trunk lengths
ACROSS_TRUNKS = 0.4  # and how far from it
AREA_TRUNKS = (0.001, 0.03)  # a strip's patch, in squared trunk lengths (3.5 x 4.5 cm on a 52 cm trunk: 0.006)
MAX_SPACING_RATIO = 2.0  # the longer of the two gaps over the shorter
MIN_SPAN_TRUNKS = 0.12  # sacrum to T12
MIN_FOUND_SHARE = 0.5
MIN_FILL = 0.35  # of a blob's bounding box: a strip seen at 45 degrees fills half of it
SOFT_HUE = 46.0  # OpenCV hue units: a pixel this far from the tape's hue holds none of it (refined)
CORE_HUE = 8.0  # the tape's own pixels: this near its hue (their saturation and value are the tape's)


@dataclass(frozen=True)
class SpineTape:
    """Per decoded frame: ``xy_px[frame, (sacrum, L3, T12), 2]`` (NaN where not found)."""

    xy_px: np.ndarray
    hue: int  # OpenCV hue (0-179)
    found_share: float  # of the frames with a person


@dataclass(frozen=True)
class _Search:
    box: _Box
    hip_px: np.ndarray
    up: np.ndarray  # unit vector, hips to shoulders
    trunk_px: float


def _midpoint(xy: np.ndarray, keypoints: tuple[str, ...], part: str) -> np.ndarray:
    """The midpoint of a left and right point where both are seen, else the one seen (from the side
    the far one is often hidden)."""
    both = np.stack([xy[keypoints.index(f"left_{part}")], xy[keypoints.index(f"right_{part}")]])
    seen = np.isfinite(both).all(axis=1)
    return both[seen].mean(axis=0) if seen.any() else np.full(2, np.nan)


def searches(pose_xy_px: np.ndarray, keypoints: tuple[str, ...], size: tuple[int, int]) -> list[_Search | None]:
    """Each frame's search around the lower trunk (None where the hips or shoulders are not seen)."""
    out: list[_Search | None] = []
    w, h = size
    for xy in pose_xy_px:
        hip, shoulder = _midpoint(xy, keypoints, "hip"), _midpoint(xy, keypoints, "shoulder")
        trunk = float(np.linalg.norm(shoulder - hip)) if np.isfinite([hip, shoulder]).all() else 0.0
        if trunk < 8.0:
            out.append(None)
            continue
        up = (shoulder - hip) / trunk
        across = np.array([-up[1], up[0]])
        corners = [hip + up * a * trunk + across * c * ACROSS_TRUNKS * trunk for a in ALONG_TRUNKS for c in (-1, 1)]
        x0, y0 = np.min(corners, axis=0)
        x1, y1 = np.max(corners, axis=0)
        box = _Box(int(max(0, x0)), int(max(0, y0)), int(min(w, x1)), int(min(h, y1)), trunk)
        ok = box.x1 - box.x0 > 4 and box.y1 - box.y0 > 4
        out.append(_Search(box, hip, up, trunk) if ok else None)
    return out


def _triples(blobs: list[tuple[float, float, int]], s: _Search) -> list[np.ndarray]:
    """Every three blobs that can be the spine's strips, ``[3, 2]`` from the hips up."""
    across_u = np.array([-s.up[1], s.up[0]])
    out = []
    for trio in combinations(blobs, 3):
        xy = np.array([b[:2] for b in trio])
        rel = xy - s.hip_px
        along, across = rel @ s.up / s.trunk_px, rel @ across_u / s.trunk_px
        if not (np.all(along >= ALONG_TRUNKS[0]) and np.all(along <= ALONG_TRUNKS[1])):
            continue
        if not (np.all(across > 0) or np.all(across < 0)) or np.any(np.abs(across) > ACROSS_TRUNKS):
            continue
        xy = xy[np.argsort(along)]
        gaps = np.linalg.norm(np.diff(xy, axis=0), axis=1)
        even = gaps.max() <= MAX_SPACING_RATIO * max(gaps.min(), 1e-6)
        if even and np.linalg.norm(xy[2] - xy[0]) >= MIN_SPAN_TRUNKS * s.trunk_px:
            out.append(xy)
    return out


def _spine_blobs(hsv: np.ndarray, s: _Search, lo: int, hi: int) -> list[tuple[float, float, int]]:
    area = (AREA_TRUNKS[0] * s.trunk_px**2, AREA_TRUNKS[1] * s.trunk_px**2)
    return _blobs(hsv, s.box, lo, hi, area, MIN_FILL)


def refined(hsv: np.ndarray, xy: np.ndarray, area_px: float, hue: int) -> np.ndarray:
    """A strip's centre to a fraction of a pixel: the centroid of the pixels around the blob, each
    weighted by the share of it the tape covers. That share is the least of three estimates, each
    linear in it for one kind of neighbour: the value against the tape's own (a dark neighbour keeps
    the hue and the saturation), the saturation against the tape's (a grey one keeps the hue), the hue's
    distance (a coloured one: a half-and-half mix with a blue shirt sits ``SOFT_HUE`` / 2 away). A
    binary mask's edge sits wherever a threshold cuts the mixed pixels, differently against each
    neighbour: on renders that put the strip by the shorts 1 px off and the bend 5 deg."""
    half = int(np.ceil(np.sqrt(area_px))) + 2
    h, w = hsv.shape[:2]
    x0, y0 = max(0, int(xy[0]) - half), max(0, int(xy[1]) - half)
    x1, y1 = min(w, int(xy[0]) + half + 1), min(h, int(xy[1]) + half + 1)
    win = hsv[y0:y1, x0:x1].astype(float)
    off_hue = np.abs((win[..., 0] - hue + 90.0) % 180.0 - 90.0)
    core = (off_hue < CORE_HUE) & (win[..., 1] > 0)
    if not core.any():
        return xy
    sat, val = (float(np.percentile(win[..., k][core], 90)) for k in (1, 2))
    share = np.minimum.reduce([1.0 - off_hue / SOFT_HUE, win[..., 1] / max(sat, 1.0), win[..., 2] / max(val, 1.0)])
    weight = np.clip(share, 0.0, 1.0)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    return np.array([(weight * xx).sum() / weight.sum(), (weight * yy).sum() / weight.sum()])


def _evenness(xy: np.ndarray) -> float:
    gaps = np.linalg.norm(np.diff(xy, axis=0), axis=1)
    return float(gaps.max() / max(gaps.min(), 1e-6))


def find_hue(samples: list[tuple[np.ndarray, _Search]]) -> tuple[int, float] | None:
    """The hue bin whose blobs form the spine's three in the most sampled frames, and that share."""
    return best_hue(samples, lambda hsv, s, lo, hi: bool(_triples(_spine_blobs(hsv, s, lo, hi), s)))


class SpineTapeTracker:
    """Follows the three strips frame by frame (:func:`backstride.video.reader.feed`)."""

    def __init__(self, found: list[_Search | None], hue: int, n_seen: int):
        self.found, self.hue, self.n_seen = found, hue, n_seen
        self.xy = np.full((len(found), 3, 2), np.nan)
        self.lo, self.hi = _hue_range(hue)
        self.last: np.ndarray | None = None

    def add(self, i: int, rgb: np.ndarray) -> None:
        s = self.found[i] if i < len(self.found) else None
        if s is None:
            return
        hsv = _hsv(rgb)
        blobs = _spine_blobs(hsv, s, self.lo, self.hi)
        trios = _triples(blobs, s)
        if not trios:
            return
        last = self.last
        pick = min(trios, key=_evenness if last is None else (lambda xy: float(np.linalg.norm(xy - last))))
        self.last = pick
        areas = {(b[0], b[1]): b[2] for b in blobs}
        self.xy[i] = [refined(hsv, xy, areas[(float(xy[0]), float(xy[1]))], self.hue) for xy in pick]

    def result(self) -> SpineTape | None:
        share = float(np.isfinite(self.xy[:, 0, 0]).sum() / max(self.n_seen, 1))
        return SpineTape(self.xy, self.hue, share) if share >= MIN_FOUND_SHARE else None


def spine_tape_tracker(info: Probe, pose_xy_px: np.ndarray, keypoints: tuple[str, ...]) -> SpineTapeTracker | None:
    """The tape's colour from frames sampled over the clip (one pass up to the last sample), and a
    tracker for it; None when no such tape is seen."""
    found = searches(pose_xy_px, keypoints, (info.width, info.height))
    hue = find_hue(sampled(info, found))
    if hue is None or hue[1] < MIN_FOUND_SHARE:
        return None
    return SpineTapeTracker(found, hue[0], sum(s is not None for s in found))


def scan_spine_tape(info: Probe, pose_xy_px: np.ndarray, keypoints: tuple[str, ...]) -> SpineTape | None:
    """The three strips in every frame; None when the clip has none."""
    tracker = spine_tape_tracker(info, pose_xy_px, keypoints)
    if tracker is None:
        return None
    feed(info.path, [tracker], rotation_deg=info.rotation_deg)
    return tracker.result()


def with_spine_tape(traj: Trajectory, tape: SpineTape) -> Trajectory:
    """The trajectory with the three strips as three more keypoints (:data:`NAMES`)."""
    return traj.with_points(NAMES, tape.xy_px)
