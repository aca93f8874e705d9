"""The synthetic body doing glute bridges, repetition by repetition, with faults injected at known
repetitions, and the truth the form check is held to.

Lying on the back on a mat, the head behind (-x), knees bent and feet flat on the floor; each
repetition lifts the pelvis until the shoulders, hips and knees are in one line, holds a moment and
lowers it. The shoulders stay on the floor and the feet stay put; the knee follows from the thigh
and shank lengths (two-link). A repetition's faults: ``over_deg`` past the line at the top (the
hips pushed up by arching the lower back), ``short_deg`` below it (a partial repetition), and its
lift and lowering times (rushed).

The angle the check reads, ``hips_below_line_deg``: how far the thigh (hip to knee) points above the
trunk's line (shoulder to hip) carried on: 0 in one line, + with the hips below it, - past it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.leg_raise import MAT_HIP_HEIGHT_M
from backstride.synth.model import LEGS, Body, smoothstep
from backstride.synth.posture import Posture

FEET_AHEAD_SHARE = 0.62  # the ankles ahead of the hips at rest, share of the leg's length (knees ~100 deg)


@dataclass(frozen=True)
class BridgeRep:
    lift_s: float = 1.8
    lower_s: float = 1.8
    hold_s: float = 0.5
    over_deg: float = 0.0  # past the line at the top
    short_deg: float = 0.0  # below the line at the top
    pause_s: float = 0.8  # on the floor before the next


@dataclass(frozen=True)
class BridgeParams:
    reps: tuple[BridgeRep, ...] = (BridgeRep(), BridgeRep(), BridgeRep())
    start_s: float = 1.2
    height_m: float = 1.78

    def rep_times(self) -> list[tuple[float, float, float, float]]:
        """Each repetition's start, top reached, top left, end (seconds)."""
        out, t = [], self.start_s
        for r in self.reps:
            out.append((t, t + r.lift_s, t + r.lift_s + r.hold_s, t + r.lift_s + r.hold_s + r.lower_s))
            t += r.lift_s + r.hold_s + r.lower_s + r.pause_s
        return out

    @property
    def duration_s(self) -> float:
        return self.rep_times()[-1][3] + 1.2


def _geometry(p: BridgeParams) -> tuple[Body, np.ndarray, np.ndarray]:
    """The body, the shoulders' point on the floor and the ankles' point (x, y metres)."""
    body = Body(p.height_m)
    shoulders = np.array([-body.trunk, MAT_HIP_HEIGHT_M])
    ankles = np.array([FEET_AHEAD_SHARE * (body.thigh + body.shank), body.ankle_height])
    return body, shoulders, ankles


def _knee(hip: np.ndarray, ankle: np.ndarray, thigh: float, shank: float) -> np.ndarray:
    """The knee above the hip-ankle line, from the two lengths (rows: frames)."""
    d = ankle - hip
    dist = np.clip(np.linalg.norm(d, axis=1), 1e-6, thigh + shank - 1e-6)
    along = (thigh**2 - shank**2 + dist**2) / (2 * dist)
    up = np.sqrt(np.clip(thigh**2 - along**2, 0.0, None))
    u = d / dist[:, None]
    normal = np.column_stack([-u[:, 1], u[:, 0]])
    normal *= np.where(normal[:, 1:2] >= 0, 1.0, -1.0)  # the knee points up
    return hip + along[:, None] * u + up[:, None] * normal


def _rise_for(below_deg: float, p: BridgeParams) -> float:
    """The trunk's rise (deg above the floor, shoulders to hips) at which the hips are ``below_deg``
    below the shoulders-knees line (0: in line; negative: past it), by bisection."""
    lo, hi = 0.0, 70.0
    for _ in range(50):
        mid = (lo + hi) / 2
        below = float(hips_below_line_deg(*_pose(np.array([mid]), p))[0])
        lo, hi = (mid, hi) if below > below_deg else (lo, mid)
    return (lo + hi) / 2


def _pose(rise_deg: np.ndarray, p: BridgeParams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    body, shoulders, ankles = _geometry(p)
    a = np.radians(rise_deg)
    hip = shoulders + body.trunk * np.column_stack([np.cos(a), np.sin(a)])
    knee = _knee(hip, np.broadcast_to(ankles, hip.shape), body.thigh, body.shank)
    return np.broadcast_to(shoulders, hip.shape), hip, knee


def hips_below_line_deg(shoulders: np.ndarray, hip: np.ndarray, knee: np.ndarray) -> np.ndarray:
    trunk, thigh = hip - shoulders, knee - hip
    return np.degrees(np.arctan2(thigh[:, 1], thigh[:, 0]) - np.arctan2(trunk[:, 1], trunk[:, 0]))


def rise_deg(t: np.ndarray, p: BridgeParams) -> np.ndarray:
    """The trunk's rise over time: 0 on the floor; the rise of the line plus or minus each rep's fault."""
    rise = np.zeros(len(t))
    for r, (start, _top, leave, _end) in zip(p.reps, p.rep_times(), strict=True):
        peak = _rise_for(r.short_deg - r.over_deg, p)
        s = smoothstep((t - start) / r.lift_s) * (1 - smoothstep((t - leave) / r.lower_s))
        rise = np.where((t >= start) & (t < leave + r.lower_s + r.pause_s), peak * s, rise)
    return rise


def bridge(t: np.ndarray, p: BridgeParams) -> Posture:
    body, _, ankles = _geometry(p)
    shoulders, hip, knee = _pose(rise_deg(t, p), p)
    n = len(t)
    thigh = np.degrees(np.arctan2(*(knee - hip).T[::-1]))
    shank = np.degrees(np.arctan2(*(ankles - knee).T[::-1]))
    trunk = np.degrees(np.arctan2(*(shoulders - hip).T[::-1]))
    return Posture(
        pelvis_xy_m=hip,
        trunk_deg=trunk,
        thigh_deg={leg: thigh for leg in LEGS},
        shank_deg={leg: shank for leg in LEGS},
        foot_deg={leg: np.zeros(n) for leg in LEGS},  # flat on the floor
        # arms crossed on the chest (an arm along the floor by the hip read as a thigh on the renders)
        upper_arm_deg={leg: trunk - 145.0 for leg in LEGS},  # the elbows above the chest...
        forearm_deg={leg: trunk + 15.0 for leg in LEGS},  # ...the hands back on the chest
    )


def bridge_truth(p: BridgeParams) -> list[float]:
    """Each repetition's angle at its top (``hips_below_line_deg``)."""
    tops = np.array([top + 0.5 * r.hold_s for r, (_, top, _, _) in zip(p.reps, p.rep_times(), strict=True)])
    return [float(v) for v in hips_below_line_deg(*_pose(rise_deg(tops, p), p))]
