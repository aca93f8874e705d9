"""Which way the camera looks at the runner: side (facing left or right), rear or front.

Notes:
    In a side view the shoulders overlap: their horizontal distance is a small share of the
    torso length (0.16-0.22 on the shared side clips); seen from behind or in front it is
    large (0.65 on the shared rear clip). Seen from behind, the runner's right shoulder is on
    the image's right; from the front, on its left. A side-view runner faces where the toes
    point (toe ahead of heel) and where the nose is ahead of the ears.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.core.trajectory import FEET, Trajectory, View

#: Shoulder width / torso length above which the view is frontal-plane (rear or front).
FRONTAL_SHOULDER_RATIO = 0.4


@dataclass(frozen=True)
class ViewEvidence:
    view: View
    shoulder_ratio: float  # horizontal shoulder distance / torso length
    facing_score: float  # > 0: facing image-right

    def describe(self) -> str:
        return f"{self.view.value} (shoulders {self.shoulder_ratio:.2f} torso lengths apart)"


def detect_view(traj: Trajectory) -> ViewEvidence:
    """The view of a trajectory from its keypoints."""
    ls, rs = traj.point("left_shoulder"), traj.point("right_shoulder")
    lh, rh = traj.point("left_hip"), traj.point("right_hip")
    torso = np.linalg.norm((ls + rs) / 2 - (lh + rh) / 2, axis=1)
    ratio = float(np.nanmedian(np.abs(ls[:, 0] - rs[:, 0]) / torso))
    facing = _facing_score(traj)
    if not np.isfinite(ratio):
        return ViewEvidence(View.UNKNOWN, ratio, facing)
    if ratio > FRONTAL_SHOULDER_RATIO:
        right_on_right = float(np.nanmedian(np.sign(rs[:, 0] - ls[:, 0])))
        return ViewEvidence(View.REAR if right_on_right > 0 else View.FRONT, ratio, facing)
    return ViewEvidence(View.SIDE_RIGHT if facing > 0 else View.SIDE_LEFT, ratio, facing)


def facing_per_frame(traj: Trajectory, *, window_s: float = 2.0) -> np.ndarray:
    """+1 where the runner faces image-right, -1 where image-left, frame by frame.

    A runner overground may turn round within a clip. Each frame votes with the sign of
    toe-ahead-of-heel (both feet) and of nose-ahead-of-ears; the votes are averaged over
    ``window_s`` (a swinging foot kicked up behind can point backwards for a moment).
    """
    from scipy import ndimage

    votes = [traj.point(f"{f}_foot_index")[:, 0] - traj.point(f"{f}_heel")[:, 0] for f in FEET]
    ears = (traj.point("left_ear")[:, 0] + traj.point("right_ear")[:, 0]) / 2
    votes.append(traj.point("nose")[:, 0] - ears)
    signs = np.sign(np.array(votes))
    seen = np.isfinite(signs).any(axis=0)
    if not seen.any():
        return np.ones(traj.n_frames)
    per_frame = np.nanmean(signs[:, seen], axis=0)
    filled = np.interp(np.arange(traj.n_frames), np.flatnonzero(seen), per_frame)
    size = max(3, int(window_s * traj.sample_rate_hz) | 1)
    smooth = ndimage.uniform_filter1d(filled, size=size, mode="reflect")
    return np.where(smooth >= 0, 1.0, -1.0)


def _facing_score(traj: Trajectory) -> float:
    toe_ahead = np.concatenate([traj.point(f"{f}_foot_index")[:, 0] - traj.point(f"{f}_heel")[:, 0] for f in FEET])
    ears = (traj.point("left_ear")[:, 0] + traj.point("right_ear")[:, 0]) / 2
    nose_ahead = traj.point("nose")[:, 0] - ears
    votes = [float(np.mean(np.sign(v[np.isfinite(v)]))) for v in (toe_ahead, nose_ahead) if np.isfinite(v).any()]
    return float(np.mean(votes)) if votes else 0.0  # a pose model without ears or toes votes with what it has
