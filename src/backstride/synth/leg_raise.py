"""The synthetic body doing a straight-leg raise (hamstring length), with its truth.

Lying on the back on a mat, the head away from the feet, one leg raised with the knee straight to
a known angle and lowered, then the other: the truth of each raise is its peak angle between the
raised leg and the leg resting on the floor, exactly, and the leg that did it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.model import LEGS, smoothstep
from backstride.synth.posture import Posture

MAT_HIP_HEIGHT_M = 0.1  # the hip joints above the floor, lying on the back
RAISE_S, HOLD_S, LOWER_S, REST_S = 1.6, 1.0, 1.4, 1.0


@dataclass(frozen=True)
class LegRaiseParams:
    peak_deg: tuple[tuple[str, float], ...] = (("left", 72.0), ("right", 84.0))  # in the order raised
    knee_bend_deg: float = 0.0  # the raised leg's knee flexion at the top (a test done badly: > 20)
    height_m: float = 1.78
    first_at_s: float = 1.0

    @property
    def duration_s(self) -> float:
        return self.first_at_s + len(self.peak_deg) * (RAISE_S + HOLD_S + LOWER_S + REST_S)


def raise_angle_deg(t: np.ndarray, p: LegRaiseParams, leg: str) -> np.ndarray:
    """The ``leg``'s angle above the floor over time (0 resting)."""
    angle = np.zeros(len(t))
    cycle = RAISE_S + HOLD_S + LOWER_S + REST_S
    for k, (which, peak) in enumerate(p.peak_deg):
        if which != leg:
            continue
        s = t - (p.first_at_s + k * cycle)
        up = smoothstep(s / RAISE_S)
        down = smoothstep((s - RAISE_S - HOLD_S) / LOWER_S)
        angle += peak * up * (1.0 - down)
    return angle


def leg_raise(t: np.ndarray, p: LegRaiseParams) -> Posture:
    n = len(t)
    thigh = {leg: raise_angle_deg(t, p, leg) for leg in LEGS}
    bend = {leg: p.knee_bend_deg * thigh[leg] / max(max(v for _, v in p.peak_deg), 1.0) for leg in LEGS}
    return Posture(
        pelvis_xy_m=np.column_stack([np.zeros(n), np.full(n, MAT_HIP_HEIGHT_M)]),
        trunk_deg=np.full(n, 180.0),  # lying on the back, the head behind (-x): face up
        thigh_deg=thigh,
        shank_deg={leg: thigh[leg] - bend[leg] for leg in LEGS},
        foot_deg={leg: thigh[leg] - bend[leg] + 90.0 for leg in LEGS},  # toes up, square to the shank
        upper_arm_deg={leg: np.full(n, 0.0) for leg in LEGS},  # along the sides, towards the feet
        forearm_deg={leg: np.full(n, 0.0) for leg in LEGS},
    )


def leg_raise_truth(p: LegRaiseParams) -> tuple[tuple[str, float], ...]:
    """Each raise's leg and its peak angle between the legs (the hip-ankle lines), in order."""
    from backstride.synth.posture import points_of

    t = np.arange(0.0, p.duration_s, 0.001)
    pts = points_of(leg_raise(t, p), p.height_m)
    out = []
    cycle = RAISE_S + HOLD_S + LOWER_S + REST_S
    for k, (leg, _) in enumerate(p.peak_deg):
        other = "right" if leg == "left" else "left"
        window = (t >= p.first_at_s + k * cycle) & (t < p.first_at_s + (k + 1) * cycle)
        up, down = (pts[f"{x}_ankle"][window, :2] - pts[f"{x}_hip"][window, :2] for x in (leg, other))
        between = np.degrees(np.arctan2(up[:, 1], up[:, 0]) - np.arctan2(down[:, 1], down[:, 0]))
        out.append((leg, float(between.max())))
    return tuple(out)
