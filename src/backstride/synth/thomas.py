"""The synthetic body in the modified Thomas test, filmed from the side of the hanging leg.

Lying on the back on a bench, the buttocks at its end, the far knee hugged to the chest and the near
leg hanging over the edge: its thigh ``thigh_below_deg`` below the bench's line (+ below: long hip
flexors; - above: short), its knee bent ``knee_deg``. Three squares of tape on the hanging leg's
outer side (the greater trochanter, the outer knee, the outer ankle), as the guide asks: what the
thigh's and the knee's angles are read from. The body settles into the position over the first
``settle_s`` and holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.holds import BENCH_TOP_BELOW_HIP_M
from backstride.synth.model import Body, smoothstep
from backstride.synth.posture import Posture, points_of

#: The tape on the hanging leg: name, and the joint it is over.
LEG_TAPES = (("tape_hip", "hip"), ("tape_knee", "knee"), ("tape_ankle", "ankle"))


@dataclass(frozen=True)
class ThomasParams:
    thigh_below_deg: float = 8.0
    knee_deg: float = 80.0
    hanging: str = "left"  # the leg over the edge, nearer the phone
    settle_s: float = 2.0
    height_m: float = 1.78
    bench_height_m: float = 0.7

    @property
    def pelvis_y_m(self) -> float:
        return self.bench_height_m + BENCH_TOP_BELOW_HIP_M * self.height_m / 1.78


def thomas(t: np.ndarray, p: ThomasParams) -> Posture:
    n = len(t)
    s = smoothstep(t / p.settle_s)  # from the thigh level and the knee at 60 to the held position
    thigh = -(p.thigh_below_deg * s)
    knee = 60.0 + (p.knee_deg - 60.0) * s
    hugged = "right" if p.hanging == "left" else "left"
    full = np.ones(n)
    return Posture(
        pelvis_xy_m=np.column_stack([np.zeros(n), np.full(n, p.pelvis_y_m)]),
        trunk_deg=np.full(n, 180.0),  # lying on the back, the head away from the edge
        thigh_deg={p.hanging: thigh, hugged: 125.0 * full},
        shank_deg={p.hanging: thigh - knee, hugged: -15.0 * full},
        foot_deg={p.hanging: thigh - knee + 90.0, hugged: 75.0 * full},
        upper_arm_deg={p.hanging: 35.0 * full, hugged: 40.0 * full},  # the hands round the hugged knee
        forearm_deg={p.hanging: 15.0 * full, hugged: 20.0 * full},
    )


def points(t: np.ndarray, p: ThomasParams) -> dict[str, np.ndarray]:
    """The renderer's points with the three tapes on the hanging leg's outer side."""
    pts = points_of(thomas(t, p), p.height_m)
    out_z = (1.0 if p.hanging == "left" else -1.0) * 0.06 * p.height_m / 1.78  # the leg's outer surface
    for name, joint in LEG_TAPES:
        xyz = pts[f"{p.hanging}_{joint}"].copy()
        xyz[:, 2] += out_z
        pts[name] = xyz
    return pts


def truth(p: ThomasParams) -> tuple[float, float]:
    """The held position's thigh below the bench's line and knee bend (degrees), from the points."""
    pts = points_of(thomas(np.array([p.settle_s + 1.0]), p), p.height_m)
    hip, knee, ankle = (pts[f"{p.hanging}_{j}"][0, :2] for j in ("hip", "knee", "ankle"))
    thigh, shank = knee - hip, ankle - knee
    below = -np.degrees(np.arctan2(thigh[1], thigh[0]))
    bend = np.degrees(np.arccos(np.dot(thigh, shank) / np.linalg.norm(thigh) / np.linalg.norm(shank)))
    return float(below), float(bend)


def bench_box_m(p: ThomasParams) -> tuple[float, float, float, float]:
    """The bench from under the head to the buttocks' edge (x0, x1, y0, y1)."""
    body = Body(p.height_m)
    return (-body.trunk - 0.5, 0.06, 0.0, p.bench_height_m)
