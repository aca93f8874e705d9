"""Left/right leg swap repair by temporal continuity.

Pose models often trade the labels of the near and the far leg in side views, sometimes for
several frames. The labelling of each frame (kept or swapped) is chosen by dynamic programming
(Viterbi over two states) to minimise the total frame-to-frame travel of the leg keypoints, with
a small cost for swapping so that a clean clip keeps its labels. A run of swapped frames costs
two large jumps (in and out) under the raw labels and none once repaired.

Where the feet cross, their travel costs both labellings alike, and position alone once labelled
the feet the other way for two strides between two crossings (the treadmill clip cropped to 600
px: cadence 170.1 steps/min against 168.9; and a 5-frame swap put in beside two crossings was
"repaired" at the crossings instead). So the feet also pay for how far each ankle lies from its
own knee's usual distance (the shank's length; 145-176 px as labelled there, 67-235 exchanged),
in side views only: from behind, a runner whose feet cross the midline keeps no such cue in the
picture (the rendered crossover's steps fell out of rhythm with it: a step-time spread of 71 %).
"""

from __future__ import annotations

import numpy as np

from backstride.core.trajectory import LEG_PARTS, Trajectory

#: Cost of labelling a frame as swapped, in leg lengths (breaks ties in favour of the model).
SWAP_PRIOR_LEG = 0.02
#: Cost of a keypoint appearing on a leg that had no position yet, in leg lengths.
APPEAR_COST_LEG = 0.5
#: Weight of the feet's shank cue: how far each ankle lies from its own knee's usual distance, in
#: leg lengths (where the feet cross, their travel costs both labellings alike; the shank does not).
SHANK_WEIGHT = 0.5


#: Keypoint groups repaired independently: pose models swap the feet alone as often as whole legs.
GROUPS = (("hip", "knee"), ("ankle", "heel", "foot_index"))


def leg_columns(traj: Trajectory, parts: tuple[str, ...] = LEG_PARTS) -> tuple[list[int], list[int]]:
    left = [traj.index(f"left_{p}") for p in parts]
    right = [traj.index(f"right_{p}") for p in parts]
    return left, right


def swap_states(
    traj: Trajectory, /, *, leg_length_px: float, parts: tuple[str, ...] = LEG_PARTS, knees: Trajectory | None = None
) -> np.ndarray:
    """Boolean ``[frame]``: True where the labels of ``parts`` should be exchanged. With ``knees``
    (the trajectory whose knees the feet hang from), the feet also pay the shank's misfit.

    The cost is each keypoint's distance from its last seen position under each hypothesis.
    (A constant-velocity prediction was tried and rejected: on real 30 fps keypoints the
    velocity is too noisy and it made more swaps than it repaired. Where the two feet pass
    each other in the image the swing foot is higher than the stance foot, which keeps the
    position cost unambiguous.)
    """
    left, right = leg_columns(traj, parts)
    a = traj.xy_px[:, left, :] / leg_length_px  # as labelled
    b = traj.xy_px[:, right, :] / leg_length_px
    n = traj.n_frames
    if n == 0:
        return np.zeros(0, dtype=bool)
    shank = _shank_misfit(knees, traj, leg_length_px) if knees is not None and "ankle" in parts else None
    cost = np.array([0.0, SWAP_PRIOR_LEG])
    if shank is not None:
        cost += SHANK_WEIGHT * shank[0]
    back = np.zeros((n, 2), dtype=np.int8)
    tracks = [_Track((a[0], b[0])), _Track((b[0], a[0]))]
    for t in range(1, n):
        cur = [(a[t], b[t]), (b[t], a[t])]
        new_cost, new_tracks = np.empty(2), []
        for s in range(2):
            steps = [cost[p] + tracks[p].miss(cur[s]) for p in range(2)]
            p_best = int(np.argmin(steps))
            back[t, s] = p_best
            new_cost[s] = steps[p_best] + s * SWAP_PRIOR_LEG + (0.0 if shank is None else SHANK_WEIGHT * shank[t, s])
            new_tracks.append(tracks[p_best].advance(cur[s]))
        cost, tracks = new_cost, new_tracks
    states = np.zeros(n, dtype=bool)
    s = int(np.argmin(cost))
    for t in range(n - 1, -1, -1):
        states[t] = bool(s)
        s = back[t, s]
    return states


def _shank_misfit(knees: Trajectory, feet: Trajectory, leg_length_px: float) -> np.ndarray:
    """``[frame, (as labelled, exchanged)]``: how far each ankle lies from its knee's usual distance
    (the median over the clip, each side's own), summed over the two sides, in leg lengths; 0 where
    a knee or an ankle is missing."""
    knee = {side: knees.point(f"{side}_knee") for side in ("left", "right")}
    ankle = {side: feet.point(f"{side}_ankle") for side in ("left", "right")}
    usual = {side: np.nanmedian(np.linalg.norm(ankle[side] - knee[side], axis=1)) for side in knee}

    def misfit(side: str, foot: np.ndarray) -> np.ndarray:
        off = np.abs(np.linalg.norm(foot - knee[side], axis=1) - usual[side]) / leg_length_px
        return np.nan_to_num(off, nan=0.0)

    kept = misfit("left", ankle["left"]) + misfit("right", ankle["right"])
    exchanged = misfit("left", ankle["right"]) + misfit("right", ankle["left"])
    return np.column_stack([kept, exchanged])


class _Track:
    """Last seen positions of the (left, right) keypoints under one hypothesis."""

    __slots__ = ("pos",)

    def __init__(self, pos: tuple[np.ndarray, ...]) -> None:
        self.pos = pos

    def miss(self, cur: tuple[np.ndarray, ...]) -> float:
        """Summed keypoint travel; a keypoint appearing where none was ever seen costs a fixed jump."""
        total = 0.0
        for p, c in zip(self.pos, cur):
            d = np.linalg.norm(c - p, axis=1)
            total += float(d[np.isfinite(d)].sum())
            total += APPEAR_COST_LEG * int((np.isfinite(c[:, 0]) & ~np.isfinite(p[:, 0])).sum())
        return total

    def advance(self, cur: tuple[np.ndarray, ...]) -> _Track:
        return _Track(tuple(np.where(np.isfinite(c), c, p) for p, c in zip(self.pos, cur)))


def repair_swaps(traj: Trajectory, /, *, leg_length_px: float) -> tuple[Trajectory, int]:
    """The trajectory with swapped labels exchanged back, and the number of frames fixed."""
    xy, vis = traj.xy_px.copy(), traj.visibility.copy()
    fixed = np.zeros(traj.n_frames, dtype=bool)
    side_view = traj.view.is_side
    for parts in GROUPS:  # the hips and knees first: the feet's shank cue uses the repaired knees
        knees = (traj.with_(xy_px=xy) if fixed.any() else traj) if side_view else None
        states = swap_states(traj, leg_length_px=leg_length_px, parts=parts, knees=knees)
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


def near_side_identity(traj: Trajectory) -> tuple[Trajectory, bool]:
    """Side view: make the leg nearer the camera carry the runner's label for that side.

    A runner facing image-left is filmed from their left, so their left leg is the near one
    (and image-right: their right). The near leg is seen better: its keypoints' median
    visibility is higher. Pose models label legs from appearance and, with no face turned to
    the camera, may call the near leg "right" for a whole clip; continuity cannot see that, so
    all left/right labels are exchanged when the better-seen leg carries the far side's label.
    (A mirrored selfie video would fool this; gait clips come from the main camera.)
    """
    if not traj.view.is_side:
        return traj, False
    near = "left" if traj.view.value == "side-left" else "right"
    far = "right" if near == "left" else "left"
    parts = ("knee", "ankle", "heel", "foot_index")
    cols = {side: [traj.index(f"{side}_{p}") for p in parts] for side in (near, far)}
    if any(np.isfinite(traj.xy_px[:, c, 0]).mean() < 0.5 for c in cols.values()):
        return traj, False  # one leg hardly seen: nothing to compare
    vis = {side: float(np.nanmedian(traj.visibility[:, c])) for side, c in cols.items()}
    if vis[near] >= vis[far] - NEAR_SIDE_MARGIN:
        return traj, False
    order = [traj.index(_mirror(name)) for name in traj.keypoints]
    return traj.with_(xy_px=traj.xy_px[:, order].copy(), visibility=traj.visibility[:, order].copy()), True


#: The near leg must be seen worse than the far one by this much before labels are exchanged.
NEAR_SIDE_MARGIN = 0.05


def _mirror(name: str) -> str:
    if name.startswith("left_"):
        return "right_" + name[5:]
    if name.startswith("right_"):
        return "left_" + name[6:]
    return name.replace("left", "@").replace("right", "left").replace("@", "right")
