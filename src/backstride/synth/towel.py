"""The synthetic body doing the towel hamstring stretch, filmed from the side of the stretched leg,
with faults injected at known holds, and the truth the form check is held to.

Lying on the back on a mat, a towel round the foot of the leg nearer the phone, the hands pulling
the straight leg up towards the head and holding it (the plan: 2 x 30 s each side), the other leg flat
on the floor. Per hold: the raise (the leg's hip-ankle line above the floor's), the knee's bend (the
fault: the stretch leaves the hamstrings), the floor leg's thigh lifted (the fault: the pelvis
tucks under, taking the stretch away), and how long it is held. Three squares of tape on the stretched
leg's outer side (as in the Thomas test: synth/thomas.py): what its angles are read from; a fourth on
the inner side of the other knee, facing the phone once the near leg is up (the renderer draws it
before the near leg, which hides it while both lie flat).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.leg_raise import MAT_HIP_HEIGHT_M
from backstride.synth.model import Body, in_turn, smoothstep
from backstride.synth.posture import Posture, points_of
from backstride.synth.thomas import LEG_TAPES

OTHER_KNEE_TAPE = "tape_other_knee"  # a fourth square, on the inner side of the other knee
UP_S, DOWN_S = 2.0, 1.5  # raising the leg to the stretch and lowering it


@dataclass(frozen=True)
class TowelHold:
    raise_deg: float = 70.0  # the leg's hip-ankle line above the floor, held
    hold_s: float = 32.0
    knee_bend_deg: float = 0.0
    floor_thigh_deg: float = 0.0  # the other leg's thigh lifted off the floor (its knee bending as it comes up)
    rest_s: float = 3.0  # lying flat before the next


#: Faults at known holds: the knee bent 30 deg (hold 2), the other leg's thigh up 30 deg (hold 3), a
#: short hold of 14 s (hold 4).
FAULTED_HOLDS = (
    TowelHold(),
    TowelHold(knee_bend_deg=30.0),
    TowelHold(floor_thigh_deg=30.0),
    TowelHold(hold_s=14.0),
)


@dataclass(frozen=True)
class TowelParams:
    holds: tuple[TowelHold, ...] = (TowelHold(), TowelHold())
    leg: str = "left"  # the stretched leg, nearer the phone
    start_s: float = 2.0
    height_m: float = 1.78

    def hold_times(self) -> list[tuple[float, float, float]]:
        """Each hold's start of the raise, the moment it is reached, and the end of the lowering."""
        times = in_turn(self.start_s, [(UP_S, h.hold_s, DOWN_S + h.rest_s) for h in self.holds])
        return [(s, reached, held + DOWN_S) for s, reached, held in times]

    @property
    def duration_s(self) -> float:
        return self.hold_times()[-1][2] + 2.0


def _amount(t: np.ndarray, p: TowelParams) -> tuple[np.ndarray, np.ndarray]:
    """How far into each hold's raise the leg is (0 on the floor, 1 held) and the hold's index (-1 none)."""
    amount, which = np.zeros(len(t)), np.full(len(t), -1)
    for k, (start, _, end) in enumerate(p.hold_times()):
        inside = (t >= start) & (t <= end)
        up = smoothstep((t - start) / UP_S) * (1 - smoothstep((t - (end - DOWN_S)) / DOWN_S))
        amount = np.where(inside, up, amount)
        which = np.where(inside, k, which)
    return amount, which


def _per_hold(p: TowelParams, which: np.ndarray, field: str) -> np.ndarray:
    return np.array([getattr(h, field) for h in p.holds] + [0.0])[which]


def towel_stretch(t: np.ndarray, p: TowelParams) -> Posture:
    n = len(t)
    amount, which = _amount(t, p)
    lift = _per_hold(p, which, "raise_deg") * amount
    bend = _per_hold(p, which, "knee_bend_deg") * amount
    floor_thigh = _per_hold(p, which, "floor_thigh_deg") * amount
    other = "right" if p.leg == "left" else "left"
    # the stretched leg's thigh rises so that its hip-ankle line is at ``lift`` with the knee bent ``bend``
    body = Body(p.height_m)
    thigh = lift + _thigh_offset_deg(bend, body.thigh, body.shank)
    floor_shank = -floor_thigh * 0.9  # the other knee bends as its thigh lifts, the heel on the floor
    reach = thigh + 0.6 * (90.0 - thigh)  # the arms reach up along the leg towards the towel
    return Posture(
        pelvis_xy_m=np.column_stack([np.zeros(n), np.full(n, MAT_HIP_HEIGHT_M)]),
        trunk_deg=np.full(n, 180.0),  # lying on the back, the head away from the feet
        thigh_deg={p.leg: thigh, other: floor_thigh},
        shank_deg={p.leg: thigh - bend, other: floor_shank},
        foot_deg={p.leg: thigh - bend + 90.0, other: floor_shank + 90.0},
        upper_arm_deg={p.leg: reach, other: reach},
        forearm_deg={p.leg: reach - 10.0, other: reach - 10.0},
    )


def _thigh_offset_deg(bend_deg: np.ndarray, thigh_m: float, shank_m: float) -> np.ndarray:
    """How far the thigh points above the hip-ankle line with the knee bent ``bend_deg`` (the knee
    bends towards the floor's side of the raised leg: its shank turns clockwise from the thigh)."""
    b = np.radians(bend_deg)
    ankle = np.column_stack([thigh_m + shank_m * np.cos(b), -shank_m * np.sin(b)])
    return -np.degrees(np.arctan2(ankle[:, 1], ankle[:, 0]))


def points(t: np.ndarray, p: TowelParams) -> dict[str, np.ndarray]:
    """The renderer's points with the three tapes on the stretched leg's outer side."""
    pts = points_of(towel_stretch(t, p), p.height_m)
    out_z = (1.0 if p.leg == "left" else -1.0) * 0.06 * p.height_m / 1.78
    for name, joint in LEG_TAPES:
        xyz = pts[f"{p.leg}_{joint}"].copy()
        xyz[:, 2] += out_z
        pts[name] = xyz
    other = "right" if p.leg == "left" else "left"
    inner = pts[f"{other}_knee"].copy()
    inner[:, 2] += out_z * 0.8  # the other knee's inner side, facing the phone (seen once the near leg is up)
    pts[OTHER_KNEE_TAPE] = inner
    return pts


@dataclass(frozen=True)
class TowelTruth:
    """Per hold, from the exact points at its middle: the raise (the stretched leg's hip-ankle line
    against the trunk's line carried on past the hips), the knee's bend, the floor leg's thigh off the
    trunk's line, and the time the leg is within 1 deg of its held raise."""

    middle_s: tuple[float, ...]
    raise_deg: tuple[float, ...]
    knee_bend_deg: tuple[float, ...]
    floor_thigh_deg: tuple[float, ...]
    held_s: tuple[float, ...]


def truth(p: TowelParams, band_deg: float) -> TowelTruth:
    spans = [_held_span(p, k, band_deg) for k in range(len(p.holds))]
    plateau = np.array([(r + e - DOWN_S) / 2 for _, r, e in p.hold_times()])  # where every angle is held
    pts = points_of(towel_stretch(plateau, p), p.height_m)
    other = "right" if p.leg == "left" else "left"
    trunk = pts["left_hip"][:, :2] - pts["left_shoulder"][:, :2]
    leg = pts[f"{p.leg}_ankle"][:, :2] - pts[f"{p.leg}_hip"][:, :2]
    thigh = pts[f"{p.leg}_knee"][:, :2] - pts[f"{p.leg}_hip"][:, :2]
    shank = pts[f"{p.leg}_ankle"][:, :2] - pts[f"{p.leg}_knee"][:, :2]
    floor = pts[f"{other}_knee"][:, :2] - pts[f"{other}_hip"][:, :2]
    return TowelTruth(
        tuple((a + b) / 2 for a, b in spans),
        tuple(float(v) for v in _between_deg(trunk, leg)),
        tuple(float(v) for v in _between_deg(thigh, shank)),
        tuple(float(v) for v in _between_deg(trunk, floor)),
        tuple(b - a for a, b in spans),
    )


def _held_span(p: TowelParams, k: int, band_deg: float) -> tuple[float, float]:
    """When hold ``k``'s raise first and last is within ``band_deg`` of its held value (1 ms steps,
    exact points)."""
    start, _, end = p.hold_times()[k]
    t = np.arange(start, end, 0.001)
    pts = points_of(towel_stretch(t, p), p.height_m)
    trunk = pts["left_hip"][:, :2] - pts["left_shoulder"][:, :2]
    raised = _between_deg(trunk, pts[f"{p.leg}_ankle"][:, :2] - pts[f"{p.leg}_hip"][:, :2])
    inside = t[raised >= p.holds[k].raise_deg - band_deg]
    return float(inside[0]), float(inside[-1])


def _between_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    cross = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]
    return np.degrees(np.abs(np.arctan2(cross, np.einsum("ij,ij->i", a, b))))
