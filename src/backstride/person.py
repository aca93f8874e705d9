"""Follow one runner: find where the tracked body jumps to someone else, keep the longest track.

A single-person pose model (mediapipe's legacy pose) re-detects whoever is most prominent when
it loses its person, so in a crowded shot the keypoints can jump between people. A jump of
the torso centre by more than ``max_jump_body_heights`` torso lengths between consecutive
detections, or a change of torso size by more than half, starts a new track.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.trajectory import Trajectory

MAX_SIZE_CHANGE = 1.5


@dataclass(frozen=True)
class Track:
    start: int  # first frame (inclusive)
    stop: int  # last frame (exclusive)
    start_s: float
    stop_s: float


def torso(traj: Trajectory) -> tuple[np.ndarray, np.ndarray]:
    """Torso centre ``[frame, 2]`` and torso length ``[frame]`` (shoulder mid to hip mid)."""
    sh = (traj.point("left_shoulder") + traj.point("right_shoulder")) / 2
    hp = (traj.point("left_hip") + traj.point("right_hip")) / 2
    return (sh + hp) / 2, np.linalg.norm(sh - hp, axis=1)


def split_tracks(traj: Trajectory, *, max_jump_body_heights: float) -> list[Track]:
    """Contiguous runs of frames that hold the same person (frames without anyone are skipped)."""
    centre, size = torso(traj)
    seen = np.flatnonzero(np.isfinite(size) & (size > 0))
    if len(seen) == 0:
        return []
    tracks, begin = [], int(seen[0])
    for prev, cur in zip(seen[:-1], seen[1:]):
        jump = np.linalg.norm(centre[cur] - centre[prev]) / size[prev]
        ratio = max(size[cur], size[prev]) / min(size[cur], size[prev])
        if jump > max_jump_body_heights * (cur - prev) ** 0.5 or ratio > MAX_SIZE_CHANGE:
            tracks.append(_track(traj, begin, int(prev) + 1))
            begin = int(cur)
    tracks.append(_track(traj, begin, int(seen[-1]) + 1))
    return tracks


def _track(traj: Trajectory, start: int, stop: int) -> Track:
    return Track(start, stop, float(traj.time_s[start]), float(traj.time_s[stop - 1]))


def longest_track(traj: Trajectory, *, max_jump_body_heights: float) -> tuple[Trajectory, list[Track]]:
    """The trajectory cut to its longest single-person track, and all tracks found."""
    tracks = split_tracks(traj, max_jump_body_heights=max_jump_body_heights)
    if len(tracks) <= 1:
        return traj, tracks
    best = max(tracks, key=lambda t: t.stop - t.start)
    return traj.slice_frames(best.start, best.stop), tracks
