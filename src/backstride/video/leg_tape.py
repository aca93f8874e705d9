"""Three squares of bright tape on the outer side of one leg (over the hip joint's greater trochanter,
the outer knee and the outer ankle), found in a side view: the leg's angles where the pose model
loses the leg (in the modified Thomas test it put the hanging leg's knee on the hugged thigh and
its ankle at the knee).

Method (OpenCV, the PSIS tape's helpers, video/markers.py): a search box around the whole body from
the pose, the tape's hue found once per clip (the bin whose blobs form a leg's three in the most
sampled frames), then every frame: the blob nearest the pose's hips is the hip's square, and of the
others the nearer to it the knee's and the further the ankle's, each at least ``MIN_SEGMENT_TRUNKS``
trunk lengths from the one before; each centre read to a fraction of a pixel (video/tape.refined).
The pose model is used for the search box and the hips' rough place only.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

import numpy as np

from backstride.video.markers import _blobs, _Box
from backstride.video.probe import Probe
from backstride.video.tape import Blob, Tape, pose_midpoint, scan_tape

NAMES = ("tape_hip", "tape_knee", "tape_ankle")  # their names in a Trajectory
MARGIN_TRUNKS = 1.2  # the search box: the pose's keypoints' box and this much around it (the model may put
# the hanging leg's ankle at its knee, a shank short of where it is)
AREA_TRUNKS = (0.0008, 0.03)  # a square's area in squared trunk lengths (3.5 cm on a 52 cm trunk: 0.0045)
HIP_WITHIN_TRUNKS = 0.45  # the hip's square this near the pose's hips
MIN_SEGMENT_TRUNKS = 0.45  # thigh and shank at least this long (each is about 0.8 trunk lengths)
MAX_SEGMENT_TRUNKS = 1.3
MIN_FOUND_SHARE = 0.5
MIN_FILL = 0.5


@dataclass(frozen=True)
class _Search:
    box: _Box
    hip_px: np.ndarray
    trunk_px: float


def searches(pose_xy_px: np.ndarray, keypoints: tuple[str, ...], size: tuple[int, int]) -> list[_Search | None]:
    out: list[_Search | None] = []
    w, h = size
    for xy in pose_xy_px:
        hip, shoulder = pose_midpoint(xy, keypoints, "hip"), pose_midpoint(xy, keypoints, "shoulder")
        seen = xy[np.isfinite(xy).all(axis=1)]
        if not np.isfinite([hip, shoulder]).all() or len(seen) < 3:
            out.append(None)
            continue
        trunk = float(np.linalg.norm(shoulder - hip))
        lo, hi = seen.min(axis=0) - MARGIN_TRUNKS * trunk, seen.max(axis=0) + MARGIN_TRUNKS * trunk
        box = _Box(int(max(0, lo[0])), int(max(0, lo[1])), int(min(w, hi[0])), int(min(h, hi[1])), trunk)
        ok = trunk > 8.0 and box.x1 - box.x0 > 4 and box.y1 - box.y0 > 4
        out.append(_Search(box, hip, trunk) if ok else None)
    return out


def _blobs_of(hsv: np.ndarray, s: _Search, lo: int, hi: int) -> list[Blob]:
    area = (AREA_TRUNKS[0] * s.trunk_px**2, AREA_TRUNKS[1] * s.trunk_px**2)
    return _blobs(hsv, s.box, lo, hi, area, MIN_FILL)


def _leg(blobs: list[Blob], s: _Search) -> np.ndarray | None:
    """The hip's, the knee's and the ankle's squares ``[3, 2]``, or None."""
    if len(blobs) < 3:
        return None
    xy = np.array([b[:2] for b in blobs])
    near_hip = np.linalg.norm(xy - s.hip_px, axis=1)
    best, score = None, np.inf
    for i, j, k in permutations(range(len(xy)), 3):
        if near_hip[i] > HIP_WITHIN_TRUNKS * s.trunk_px:
            continue
        thigh, shank = (float(np.linalg.norm(xy[b] - xy[a])) / s.trunk_px for a, b in ((i, j), (j, k)))
        if not all(MIN_SEGMENT_TRUNKS <= length <= MAX_SEGMENT_TRUNKS for length in (thigh, shank)):
            continue
        if np.linalg.norm(xy[k] - xy[i]) <= np.linalg.norm(xy[j] - xy[i]):
            continue  # the ankle is further from the hip than the knee
        if near_hip[i] < score:
            best, score = xy[[i, j, k]], near_hip[i]
    return best


def scan_leg_tape(info: Probe, pose_xy_px: np.ndarray, keypoints: tuple[str, ...]) -> Tape | None:
    """The three squares in every frame (:data:`NAMES`' order); None without them."""
    found = searches(pose_xy_px, keypoints, (info.width, info.height))
    return scan_tape(info, found, _blobs_of, lambda blobs, s, _: _leg(blobs, s), len(NAMES), MIN_FOUND_SHARE)
