"""A body in any posture in the sagittal plane, from its segments' angles: the synthetic body of
the self-tests and exercises (lying, leaning over a bench, hinging), drawn by
:func:`backstride.synth.render.draw_frame` like the synthetic runner.

Angles are directions in the sagittal plane, in degrees anticlockwise from the forward axis
(x forward, y up): a standing trunk points at 90, a trunk lying face down with the head forward
at 0, a standing thigh (hip to knee) at -90. The face looks 90 degrees clockwise of the trunk
(forward when standing, down when lying face down, up when lying on the back with the head
backwards, at 180). Segment lengths are the synthetic runner's (:class:`~backstride.synth.model.Body`).
Every point is exact, so a render's truth (a trunk's angle, a hold's length) is exact too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.model import LEGS, Body

UPPER_ARM_SHARE = 0.186  # of height (upper.py)
FOREARM_SHARE = 0.146
SHOULDER_HALF_SHARE = 0.1
HEAD_SHARE = 0.12  # neck to the head's centre


@dataclass(frozen=True)
class Posture:
    """Per frame (arrays ``[frame]``): where the pelvis is and where each segment points."""

    pelvis_xy_m: np.ndarray  # [frame, 2]: the hip joints' midpoint, x forward, y up
    trunk_deg: np.ndarray  # pelvis -> shoulders
    thigh_deg: dict[str, np.ndarray]  # hip -> knee, per leg
    shank_deg: dict[str, np.ndarray]  # knee -> ankle
    foot_deg: dict[str, np.ndarray]  # heel -> toes (0: flat on the floor, standing)
    upper_arm_deg: dict[str, np.ndarray]  # shoulder -> elbow
    forearm_deg: dict[str, np.ndarray]  # elbow -> wrist

    @property
    def n_frames(self) -> int:
        return len(self.trunk_deg)


def unit(deg: np.ndarray) -> np.ndarray:
    """``[frame, 2]`` unit vectors of directions in degrees."""
    a = np.radians(deg)
    return np.column_stack([np.cos(a), np.sin(a)])


def _in_plane(xy: np.ndarray, z: float) -> np.ndarray:
    return np.column_stack([xy, np.full(len(xy), z)])


def points_of(posture: Posture, height_m: float) -> dict[str, np.ndarray]:
    """The renderer's named points (``[frame, 3]`` metres) of a body of ``height_m`` in ``posture``."""
    body = Body(height_m)
    pelvis = posture.pelvis_xy_m
    trunk_u = unit(posture.trunk_deg)
    face_u = unit(posture.trunk_deg - 90.0)
    neck = pelvis + body.trunk * trunk_u
    head = neck + HEAD_SHARE * height_m * trunk_u
    k = height_m / 1.78
    out: dict[str, np.ndarray] = {"head_centre": _in_plane(head, 0.0), "nose": _in_plane(head + 0.09 * k * face_u, 0.0)}
    for leg in LEGS:
        z = (1.0 if leg == "left" else -1.0) * body.pelvis_width / 2
        knee = pelvis + body.thigh * unit(posture.thigh_deg[leg])
        ankle = knee + body.shank * unit(posture.shank_deg[leg])
        forward, up = unit(posture.foot_deg[leg]), unit(posture.foot_deg[leg] + 90.0)
        heel = ankle - body.foot_back * forward - body.ankle_height * up
        toe = ankle + body.foot_front * forward - body.ankle_height * up
        sz = (1.0 if leg == "left" else -1.0) * SHOULDER_HALF_SHARE * height_m
        elbow = neck + UPPER_ARM_SHARE * height_m * unit(posture.upper_arm_deg[leg])
        wrist = elbow + FOREARM_SHARE * height_m * unit(posture.forearm_deg[leg])
        named = {"hip": pelvis, "knee": knee, "ankle": ankle, "heel": heel, "foot_index": toe}
        named |= {"shoulder": neck, "elbow": elbow, "wrist": wrist}
        for part, xy in named.items():
            out[f"{leg}_{part}"] = _in_plane(xy, sz if part in ("shoulder", "elbow", "wrist") else z)
        sign = 1.0 if leg == "left" else -1.0
        out[f"{leg}_eye"] = _in_plane(head + 0.075 * k * face_u + 0.03 * k * trunk_u, sign * 0.035 * k)
        out[f"{leg}_ear"] = _in_plane(head + 0.01 * k * trunk_u, sign * 0.075 * k)
    return out


def trunk_below_horizontal_deg(posture: Posture) -> np.ndarray:
    """The trunk's angle below the horizontal (down +), whichever way the head points."""
    d = unit(posture.trunk_deg)
    return np.degrees(np.arctan2(-d[:, 1], np.abs(d[:, 0])))
