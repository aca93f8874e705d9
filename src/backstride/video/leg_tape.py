"""Three squares of bright tape on the outer side of one leg (over the hip joint's greater trochanter,
the outer knee and the outer ankle), found in a side view: the leg's angles where the pose model
loses the leg (in the modified Thomas test it put the hanging leg's knee on the hugged thigh and
its ankle at the knee).

Method (OpenCV, the PSIS tape's helpers, video/markers.py): a search box around the whole body from
the pose, the tape's hue found once per clip (the bin whose blobs form a leg's three in the most
sampled frames), then every frame: the blob nearest the pose's hips is the hip's square, and of the
others the nearer to it the knee's and the further the ankle's, each at least ``MIN_SEGMENT_TRUNKS``
trunk lengths from the one before; each centre read to a fraction of a pixel (video/tape.refined).
The pose model is used for the search box and the hips' rough place only. The towel stretch adds a
fourth square on the inner side of the other knee, lying on the floor: of the blobs off the leg, the one
a thigh's length from the hip's square (seen once the near leg is up).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

import numpy as np

from backstride.video.markers import _blobs, _Box
from backstride.video.probe import Probe
from backstride.video.tape import Blob, Tape, pose_midpoint, scan_tape

NAMES = ("tape_hip", "tape_knee", "tape_ankle")  # their names in a Trajectory
OTHER_KNEE = "tape_other_knee"  # a fourth square on the other knee's inner side (the towel stretch)
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
    """The hip's, the knee's and the ankle's squares ``[3, 2]``, or None: of the shapes a leg can make,
    the hip nearest the pose's hips, then the longest leg (a fourth square on the other knee makes a
    shorter one with the hip and the knee)."""
    if len(blobs) < 3:
        return None
    xy = np.array([b[:2] for b in blobs])
    near_hip = np.linalg.norm(xy - s.hip_px, axis=1)
    best, score = None, (np.inf, 0.0)
    for i, j, k in permutations(range(len(xy)), 3):
        if near_hip[i] > HIP_WITHIN_TRUNKS * s.trunk_px:
            continue
        thigh, shank = (float(np.linalg.norm(xy[b] - xy[a])) / s.trunk_px for a, b in ((i, j), (j, k)))
        if not all(MIN_SEGMENT_TRUNKS <= length <= MAX_SEGMENT_TRUNKS for length in (thigh, shank)):
            continue
        if np.linalg.norm(xy[k] - xy[i]) <= np.linalg.norm(xy[j] - xy[i]):
            continue  # the ankle is further from the hip than the knee
        key = (round(float(near_hip[i]), 3), -float(np.linalg.norm(xy[k] - xy[i])))
        if key < score:
            best, score = xy[[i, j, k]], key
    return best


def _other_knee(blobs: list[Blob], s: _Search, leg: np.ndarray) -> np.ndarray:
    """The square on the other knee's inner side: of the blobs not on the leg, the one a thigh's length
    from the hip's square (NaN where none: hidden by the near leg while both lie flat)."""
    xy = np.array([b[:2] for b in blobs])
    off_leg = np.min(np.linalg.norm(xy[:, None] - leg[None], axis=2), axis=1) > 1.0
    away = np.linalg.norm(xy - leg[0], axis=1) / s.trunk_px
    ok = off_leg & (away >= MIN_SEGMENT_TRUNKS) & (away <= MAX_SEGMENT_TRUNKS)
    return xy[ok][np.argmax(np.linalg.norm(xy[ok] - leg[1], axis=1))] if ok.any() else np.full(2, np.nan)


def _leg_and_other_knee(blobs: list[Blob], s: _Search) -> np.ndarray | None:
    leg = _leg(blobs, s)
    return None if leg is None else np.vstack([leg, _other_knee(blobs, s, leg)])


def scan_leg_tape(
    info: Probe, pose_xy_px: np.ndarray, keypoints: tuple[str, ...], *, other_knee: bool = False
) -> Tape | None:
    """The three squares in every frame (:data:`NAMES`' order), and with ``other_knee`` the fourth
    (:data:`OTHER_KNEE`, NaN where hidden); None without the three."""
    found = searches(pose_xy_px, keypoints, (info.width, info.height))
    if other_knee:
        pick4 = lambda blobs, s, _: _leg_and_other_knee(blobs, s)  # noqa: E731
        return scan_tape(info, found, _blobs_of, pick4, len(NAMES) + 1, MIN_FOUND_SHARE)
    return scan_tape(info, found, _blobs_of, lambda blobs, s, _: _leg(blobs, s), len(NAMES), MIN_FOUND_SHARE)
