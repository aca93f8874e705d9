"""A body in any posture in the sagittal plane, from its segments' angles: the synthetic body of
the self-tests and exercises (lying, leaning over a bench, hinging), drawn by
:func:`backstride.synth.render.draw_frame` like the synthetic runner.

Angles are directions in the sagittal plane, in degrees anticlockwise from the forward axis
(x forward, y up): a standing trunk points at 90, a trunk lying face down with the head forward
at 0, a standing thigh (hip to knee) at -90. The face looks 90 degrees clockwise of the trunk
(forward when standing, down when lying face down, up when lying on the back with the head
backwards, at 180). Segment lengths are the synthetic runner's (:class:`~backstride.synth.model.Body`).
Every point is exact, so a render's truth (a trunk's angle, a hold's length) is exact too.

The lower back: without ``lumbar_bend_deg`` the trunk is one straight segment. With it the spine is
an even arc over its lowest :data:`LUMBAR_SHARE` (the pelvis to the 12th thoracic vertebra) that
turns by the bend (flexion +: the back rounds, towards the face; the neutral lordosis is negative),
then straight to the neck in ``trunk_deg`` (the thorax's direction). Three strips of tape sit on
the back over it (:data:`SPINE_TAPES`), as the guide asks for the exercises that check the curve.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.model import LEGS, Body

UPPER_ARM_SHARE = 0.186  # of height (upper.py)
FOREARM_SHARE = 0.146
SHOULDER_HALF_SHARE = 0.1
HEAD_SHARE = 0.12  # neck to the head's centre
LUMBAR_SHARE = 0.35  # of the trunk (hip joints to neck): the lumbar spine, pelvis to T12
TORSO_DEPTH_SHARE = 0.1 / 1.78  # of height: the back's surface from the spine's line (the renderer's torso)
#: The tapes on the back: name, and where along the lumbar arc (0: the sacrum at the pelvis, 1: T12).
SPINE_TAPES = (("spine_sacrum", 0.0), ("spine_l3", 0.5), ("spine_t12", 1.0))
ARC_POINTS = 6  # the lumbar arc's points drawn (spine_arc_0 .. spine_arc_5)


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
    lumbar_bend_deg: np.ndarray | None = None  # the lumbar arc's turn (flexion +); None: a straight trunk

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
    spine: dict[str, np.ndarray] = {}
    if posture.lumbar_bend_deg is not None:
        spine, neck = _lumbar_arc(pelvis, posture.trunk_deg, posture.lumbar_bend_deg, body.trunk, height_m)
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
    return out | {name: _in_plane(xy, 0.0) for name, xy in spine.items()}


def _arc_at(pelvis: np.ndarray, start_deg: np.ndarray, bend_deg: np.ndarray, length_m: float, share: float):
    """The point ``share`` of the way along an even arc from ``pelvis`` leaving in ``start_deg`` and
    turning clockwise by ``bend_deg`` over ``length_m``, and its direction there."""
    turn = np.radians(bend_deg) * share
    a0 = np.radians(start_deg)
    straight = np.abs(turn) < 1e-9
    safe = np.where(straight, 1.0, turn)
    radius = length_m * share / safe
    # clockwise turn: the centre lies to the right of the direction of travel
    dx = np.where(straight, length_m * share * np.cos(a0), radius * (np.sin(a0) - np.sin(a0 - safe)))
    dy = np.where(straight, length_m * share * np.sin(a0), radius * (np.cos(a0 - safe) - np.cos(a0)))
    return pelvis + np.column_stack([dx, dy]), start_deg - np.degrees(turn)


def _lumbar_arc(pelvis, trunk_deg, bend_deg, trunk_m: float, height_m: float):
    """The spine's named points (the arc's, the tapes' on the back's surface) and the neck."""
    lumbar_m = LUMBAR_SHARE * trunk_m
    start = trunk_deg + bend_deg  # the arc turns clockwise (towards the face) by the bend, to the thorax's line
    out = {}
    for k in range(ARC_POINTS):
        out[f"spine_arc_{k}"] = _arc_at(pelvis, start, bend_deg, lumbar_m, k / (ARC_POINTS - 1))[0]
    for name, share in SPINE_TAPES:
        xy, deg = _arc_at(pelvis, start, bend_deg, lumbar_m, share)
        out[f"{name}_axis"] = xy
        out[name] = xy + TORSO_DEPTH_SHARE * height_m * unit(deg + 90.0)  # the back: away from the face
    t12 = out[f"spine_arc_{ARC_POINTS - 1}"]
    return out, t12 + (1.0 - LUMBAR_SHARE) * trunk_m * unit(trunk_deg)


def trunk_below_horizontal_deg(posture: Posture) -> np.ndarray:
    """The trunk's angle below the horizontal (down +), whichever way the head points."""
    d = unit(posture.trunk_deg)
    return np.degrees(np.arctan2(-d[:, 1], np.abs(d[:, 0])))
