"""Follow one runner: find where the tracked body jumps to someone else, keep the longest track.

A single-person pose model (mediapipe's legacy pose) re-detects whoever is most prominent when
it loses its person, so in a crowded shot the keypoints can jump between people. A jump of
the torso centre by more than ``max_jump_body_heights`` torso lengths between consecutive
detections, or a change of torso size by more than half, starts a new track, but only when
the change is sustained: a body that jumps for a frame or two and comes back to where it was
is a glitch (one keypoint thrown to a corner, a marker dropout at the origin), and those
frames are blanked for the gap filler instead of cutting the clip.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.core.trajectory import Trajectory
from backstride.settings import CleanSettings


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


def median_torso_px(traj: Trajectory) -> float:
    """The runner's median torso length over the clip, in pixels (NaN where never seen)."""
    size = torso(traj)[1]
    return float(np.nanmedian(size)) if np.isfinite(size).any() else float("nan")


def _same_body(centre: np.ndarray, size: np.ndarray, a: int, b: int, limits: CleanSettings) -> bool:
    """Frames ``a`` and ``b`` hold the same body (allowing for the frames between them)."""
    jump = np.linalg.norm(centre[b] - centre[a]) / size[a]
    ratio = max(size[a], size[b]) / min(size[a], size[b])
    return bool(jump <= limits.max_jump_body_heights * abs(b - a) ** 0.5 and ratio <= limits.max_person_size_ratio)


def glitch_frames(traj: Trajectory, limits: CleanSettings) -> np.ndarray:
    """Boolean ``[frame]``: frames where the body jumps away and comes back within ``limits.glitch_max_s``."""
    centre, size = torso(traj)
    seen = np.flatnonzero(np.isfinite(size) & (size > 0))
    out = np.zeros(traj.n_frames, dtype=bool)
    reach = max(1, int(round(limits.glitch_max_s * traj.sample_rate_hz)))
    i = 0
    while i < len(seen) - 1:
        prev, cur = int(seen[i]), int(seen[i + 1])
        if _same_body(centre, size, prev, cur, limits):
            i += 1
            continue
        back = next(
            (
                j
                for j in range(i + 2, min(len(seen), i + 2 + reach))
                if _same_body(centre, size, prev, int(seen[j]), limits)
            ),
            None,
        )
        if back is None:  # sustained: a change of person, left to split_tracks
            i += 1
            continue
        out[seen[i + 1 : back]] = True
        i = back
    return out


def drop_glitches(traj: Trajectory, limits: CleanSettings) -> tuple[Trajectory, int]:
    """The trajectory with glitch frames blanked (missing, for the gap filler), and how many."""
    bad = glitch_frames(traj, limits)
    if not bad.any():
        return traj, 0
    xy, vis = traj.xy_px.copy(), traj.visibility.copy()
    xy[bad], vis[bad] = np.nan, 0.0
    return traj.with_(xy_px=xy, visibility=vis), int(bad.sum())


def split_tracks(traj: Trajectory, limits: CleanSettings) -> list[Track]:
    """Contiguous runs of frames that hold the same person (frames without anyone are skipped)."""
    centre, size = torso(traj)
    seen = np.flatnonzero(np.isfinite(size) & (size > 0))
    if len(seen) == 0:
        return []
    tracks, begin = [], int(seen[0])
    for prev, cur in zip(seen[:-1], seen[1:]):
        if not _same_body(centre, size, int(prev), int(cur), limits):
            tracks.append(_track(traj, begin, int(prev) + 1))
            begin = int(cur)
    tracks.append(_track(traj, begin, int(seen[-1]) + 1))
    return tracks


def _track(traj: Trajectory, start: int, stop: int) -> Track:
    return Track(start, stop, float(traj.time_s[start]), float(traj.time_s[stop - 1]))


def longest_track(traj: Trajectory, limits: CleanSettings) -> tuple[Trajectory, list[Track], int]:
    """The trajectory with glitches blanked and cut to its longest single-person track, all the
    tracks found, and the number of glitch frames blanked."""
    traj, n_glitch = drop_glitches(traj, limits)
    tracks = split_tracks(traj, limits)
    if len(tracks) <= 1:
        return traj, tracks, n_glitch
    best = max(tracks, key=lambda t: t.stop - t.start)
    return traj.slice_frames(best.start, best.stop), tracks, n_glitch
