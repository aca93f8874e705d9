"""What the tape finders share (video/spine_tape.py, video/leg_tape.py): frames sampled over the clip
to find the tape's colour, and the hue bin whose blobs make the tape's pattern in the most of them.
Nothing is assumed about the colour, only that it differs from the clothes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np

from backstride.video.markers import HUE_BINS, SAMPLE_FRAMES, _hsv
from backstride.video.probe import Probe
from backstride.video.reader import iter_frames

S = TypeVar("S")


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
