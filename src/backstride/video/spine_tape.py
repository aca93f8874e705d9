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

import numpy as np

from backstride.video.markers import _blobs, _Box
from backstride.video.probe import Probe
from backstride.video.tape import Blob, Tape, pose_midpoint, scan_tape

NAMES = ("spine_sacrum", "spine_l3", "spine_t12")  # their names in a Trajectory, from the hips up
ALONG_TRUNKS = (-0.3, 0.75)  # where the strips may be along the hips-shoulders line, in trunk lengths
ACROSS_TRUNKS = 0.4  # and how far from it
AREA_TRUNKS = (0.001, 0.03)  # a strip's patch, in squared trunk lengths (3.5 x 4.5 cm on a 52 cm trunk: 0.006)
MAX_SPACING_RATIO = 2.0  # the longer of the two gaps over the shorter
MIN_SPAN_TRUNKS = 0.12  # sacrum to T12
MIN_FOUND_SHARE = 0.5
MIN_FILL = 0.35  # of a blob's bounding box: a strip seen at 45 degrees fills half of it


@dataclass(frozen=True)
class _Search:
    box: _Box
    hip_px: np.ndarray
    up: np.ndarray  # unit vector, hips to shoulders
    trunk_px: float


def searches(pose_xy_px: np.ndarray, keypoints: tuple[str, ...], size: tuple[int, int]) -> list[_Search | None]:
    """Each frame's search around the lower trunk (None where the hips or shoulders are not seen)."""
    out: list[_Search | None] = []
    w, h = size
    for xy in pose_xy_px:
        hip, shoulder = pose_midpoint(xy, keypoints, "hip"), pose_midpoint(xy, keypoints, "shoulder")
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


def _triples(blobs: list[Blob], s: _Search) -> list[np.ndarray]:
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


def _spine_blobs(hsv: np.ndarray, s: _Search, lo: int, hi: int) -> list[Blob]:
    area = (AREA_TRUNKS[0] * s.trunk_px**2, AREA_TRUNKS[1] * s.trunk_px**2)
    return _blobs(hsv, s.box, lo, hi, area, MIN_FILL)


def _pick(blobs: list[Blob], s: _Search, last: np.ndarray | None) -> np.ndarray | None:
    """The spine's three: nearest the last frame's, or at the start the most evenly spaced."""
    trios = _triples(blobs, s)
    if not trios:
        return None
    if last is None:
        return min(trios, key=_evenness)
    return min(trios, key=lambda xy: float(np.linalg.norm(xy - last)))


def _evenness(xy: np.ndarray) -> float:
    gaps = np.linalg.norm(np.diff(xy, axis=0), axis=1)
    return float(gaps.max() / max(gaps.min(), 1e-6))


def scan_spine_tape(info: Probe, pose_xy_px: np.ndarray, keypoints: tuple[str, ...]) -> Tape | None:
    """The three strips in every frame (:data:`NAMES`' order); None when the clip has none."""
    found = searches(pose_xy_px, keypoints, (info.width, info.height))
    return scan_tape(info, found, _spine_blobs, _pick, len(NAMES), MIN_FOUND_SHARE)
