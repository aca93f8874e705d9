"""What the side-view tape finders share (video/spine_tape.py, video/leg_tape.py): frames sampled
over the clip to find the tape's colour (the hue bin whose blobs make the tape's pattern in the most
of them; nothing is assumed about the colour, only that it differs from the clothes), then one pass
following the pattern frame by frame, each piece's centre read to a fraction of a pixel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from backstride.video.markers import HUE_BINS, SAMPLE_FRAMES, _hsv, _hue_range
from backstride.video.probe import Probe
from backstride.video.reader import feed, iter_frames

S = TypeVar("S")
Blob = tuple[float, float, int]  # centre (full-frame px) and area
#: The blobs of one hue range in a frame's search: (hsv, search, lo, hi) -> blobs of a piece's size.
BlobsOf = Callable[[np.ndarray, S, int, int], list[Blob]]
#: The tape's pieces among a frame's blobs, in their order ``[n, 2]``, or None; the third argument is
#: the pieces found in the frame before (None at the start).
Pick = Callable[[list[Blob], S, np.ndarray | None], np.ndarray | None]
SOFT_HUE = 46.0  # OpenCV hue units: a pixel this far from the tape's hue holds none of it (refined)
CORE_HUE = 8.0  # the tape's own pixels: this near its hue (their saturation and value are the tape's)


@dataclass(frozen=True)
class Tape:
    """Per decoded frame: ``xy_px[frame, piece, 2]`` (NaN where not found)."""

    xy_px: np.ndarray
    hue: int  # OpenCV hue (0-179)
    found_share: float  # of the frames with a person


def pose_midpoint(xy: np.ndarray, keypoints: tuple[str, ...], part: str) -> np.ndarray:
    """One frame's left and right ``part`` midpoint where both are seen, else the one seen (from the
    side the far one is often hidden)."""
    both = np.stack([xy[keypoints.index(f"left_{part}")], xy[keypoints.index(f"right_{part}")]])
    seen = np.isfinite(both).all(axis=1)
    return both[seen].mean(axis=0) if seen.any() else np.full(2, np.nan)


def sampled(info: Probe, found: list[S | None]) -> list[tuple[np.ndarray, S]]:
    """Up to SAMPLE_FRAMES frames (HSV) spread over those with a search, each with its search: one pass
    up to the last of them."""
    seen = [i for i, s in enumerate(found) if s is not None]
    if len(seen) < 3:
        return []
    picks = np.linspace(0, len(seen) - 1, min(SAMPLE_FRAMES, len(seen))).astype(int)
    sample_at = set(np.array(seen)[picks].tolist())
    out = []
    for frame in iter_frames(info.path, rotation_deg=info.rotation_deg):
        s = found[frame.index] if frame.index < len(found) else None
        if frame.index in sample_at and s is not None:
            out.append((_hsv(frame.rgb), s))
        if frame.index >= max(sample_at):
            break
    return out


def best_hue(
    samples: list[tuple[np.ndarray, S]], is_tape: Callable[[np.ndarray, S, int, int], bool]
) -> tuple[int, float] | None:
    """The hue bin (its centre, OpenCV 0-179) whose blobs ``is_tape(hsv, search, lo, hi)`` in the most
    samples, and that share; None when no bin does in any."""
    width = 180 // HUE_BINS
    counts = np.zeros(HUE_BINS)
    for hsv, s in samples:
        for b in range(HUE_BINS):
            if is_tape(hsv, s, b * width, b * width + width - 1):
                counts[b] += 1
    if not samples or counts.max() == 0:
        return None
    best = int(np.argmax(counts))
    return best * width + width // 2, float(counts[best] / len(samples))


def refined(hsv: np.ndarray, xy: np.ndarray, area_px: float, hue: int) -> np.ndarray:
    """A piece's centre to a fraction of a pixel: the centroid of the pixels around the blob, each
    weighted by the share of it the tape covers. That share is the least of three estimates, each
    linear in it for one kind of neighbour: the value against the tape's own (a dark neighbour keeps
    the hue and the saturation), the saturation against the tape's (a grey one keeps the hue), the hue's
    distance (a coloured one: a half-and-half mix with a blue shirt sits ``SOFT_HUE`` / 2 away). A
    binary mask's edge sits wherever a threshold cuts the mixed pixels, differently against each
    neighbour: on renders that put a spine strip by the shorts 1 px off and the bend 5 deg."""
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


class TapeTracker(Generic[S]):
    """Follows the tape's pieces frame by frame (:func:`backstride.video.reader.feed`)."""

    def __init__(self, found: list[S | None], hue: int, blobs_of: BlobsOf, pick: Pick, pieces: int):
        self.found, self.hue, self.blobs_of, self.pick = found, hue, blobs_of, pick
        self.xy = np.full((len(found), pieces, 2), np.nan)
        self.lo, self.hi = _hue_range(hue)
        self.last: np.ndarray | None = None

    def add(self, i: int, rgb: np.ndarray) -> None:
        s = self.found[i] if i < len(self.found) else None
        if s is None:
            return
        hsv = _hsv(rgb)
        blobs = self.blobs_of(hsv, s, self.lo, self.hi)
        chosen = self.pick(blobs, s, self.last)
        if chosen is None:
            return
        self.last = chosen
        areas = {(b[0], b[1]): b[2] for b in blobs}
        self.xy[i] = [
            refined(hsv, xy, areas[(float(xy[0]), float(xy[1]))], self.hue) if np.isfinite(xy).all() else xy
            for xy in chosen
        ]  # a piece the pick left NaN (hidden in this frame) stays so


def scan_tape(
    info: Probe, found: list[S | None], blobs_of: BlobsOf, pick: Pick, pieces: int, min_share: float
) -> Tape | None:
    """The tape in every frame: its hue from sampled frames (one pass up to the last sample), then one
    pass following it; None when it is seen in fewer than ``min_share`` of the frames with a search."""
    hue = best_hue(sampled(info, found), lambda hsv, s, lo, hi: pick(blobs_of(hsv, s, lo, hi), s, None) is not None)
    if hue is None or hue[1] < min_share:
        return None
    tracker = TapeTracker(found, hue[0], blobs_of, pick, pieces)
    feed(info.path, [tracker], rotation_deg=info.rotation_deg)
    share = float(np.isfinite(tracker.xy[:, 0, 0]).sum() / max(sum(s is not None for s in found), 1))
    return Tape(tracker.xy, hue[0], share) if share >= min_share else None
