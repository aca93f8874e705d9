"""Left/right leg swap repair by temporal continuity.

Pose models often trade the labels of the near and the far leg in side views, sometimes for
several frames. The labelling of each frame (kept or swapped) is chosen by dynamic programming
(Viterbi over two states) to minimise the total frame-to-frame travel of the leg keypoints, with
a small cost for swapping so that a clean clip keeps its labels. A run of swapped frames costs
two large jumps (in and out) under the raw labels and none once repaired.
"""

from __future__ import annotations

import numpy as np

from backstride.trajectory import LEG_PARTS, Trajectory

#: Cost of labelling a frame as swapped, in leg lengths (breaks ties in favour of the model).
SWAP_PRIOR_LEG = 0.02
#: Cost of a keypoint appearing on a leg that had no position yet, in leg lengths.
APPEAR_COST_LEG = 0.5


#: Keypoint groups repaired independently: pose models swap the feet alone as often as whole legs.
GROUPS = (("hip", "knee"), ("ankle", "heel", "foot_index"))


def leg_columns(traj: Trajectory, parts: tuple[str, ...] = LEG_PARTS) -> tuple[list[int], list[int]]:
    left = [traj.index(f"left_{p}") for p in parts]
    right = [traj.index(f"right_{p}") for p in parts]
    return left, right


def swap_states(traj: Trajectory, /, *, leg_length_px: float, parts: tuple[str, ...] = LEG_PARTS) -> np.ndarray:
    """Boolean ``[frame]``: True where the labels of ``parts`` should be exchanged."""
    left, right = leg_columns(traj, parts)
    a = traj.xy_px[:, left, :] / leg_length_px  # as labelled
    b = traj.xy_px[:, right, :] / leg_length_px
    n = traj.n_frames
    if n == 0:
        return np.zeros(0, dtype=bool)
    cost = np.array([0.0, SWAP_PRIOR_LEG])
    back = np.zeros((n, 2), dtype=np.int8)
    last = [(a[0], b[0]), (b[0], a[0])]  # last seen (left, right) positions under each state
    for t in range(1, n):
        cur = [(a[t], b[t]), (b[t], a[t])]
        new_cost = np.empty(2)
        new_last = []
        for s in range(2):
            steps = [cost[p] + _travel(last[p], cur[s]) for p in range(2)]
            p_best = int(np.argmin(steps))
            back[t, s] = p_best
            new_cost[s] = steps[p_best] + s * SWAP_PRIOR_LEG
            new_last.append(_merge(last[p_best], cur[s]))
        cost, last = new_cost, new_last
    states = np.zeros(n, dtype=bool)
    s = int(np.argmin(cost))
    for t in range(n - 1, -1, -1):
        states[t] = bool(s)
        s = back[t, s]
    return states


def _travel(prev: tuple[np.ndarray, np.ndarray], cur: tuple[np.ndarray, np.ndarray]) -> float:
    """Summed keypoint travel; a keypoint appearing where none was ever seen costs a fixed jump."""
    total = 0.0
    for p, c in zip(prev, cur):
        d = np.linalg.norm(c - p, axis=1)
        total += float(d[np.isfinite(d)].sum())
        appeared = np.isfinite(c[:, 0]) & ~np.isfinite(p[:, 0])
        total += APPEAR_COST_LEG * int(appeared.sum())
    return total


def _merge(prev: tuple[np.ndarray, np.ndarray], cur: tuple[np.ndarray, np.ndarray]):
    """Carry the last seen position of a keypoint over frames where it is missing."""
    return tuple(np.where(np.isfinite(c), c, p) for p, c in zip(prev, cur))


def repair_swaps(traj: Trajectory, /, *, leg_length_px: float) -> tuple[Trajectory, int]:
    """The trajectory with swapped labels exchanged back, and the number of frames fixed."""
    xy, vis = traj.xy_px.copy(), traj.visibility.copy()
    fixed = np.zeros(traj.n_frames, dtype=bool)
    for parts in GROUPS:
        states = swap_states(traj, leg_length_px=leg_length_px, parts=parts)
        if not states.any():
            continue
        left, right = leg_columns(traj, parts)
        rows = np.flatnonzero(states)[:, None]
        xy[rows, left], xy[rows, right] = traj.xy_px[rows, right], traj.xy_px[rows, left]
        vis[rows, left], vis[rows, right] = traj.visibility[rows, right], traj.visibility[rows, left]
        fixed |= states
    if not fixed.any():
        return traj, 0
    return traj.with_(xy_px=xy, visibility=vis), int(fixed.sum())
