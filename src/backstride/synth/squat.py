"""The synthetic body doing single-leg squats, filmed from behind, with the frontal-plane faults
the test looks for injected at known repetitions: the knee diving in and the pelvis dropping on
the free side.

The sagittal movement is a :class:`~backstride.synth.posture.Posture` (the standing foot flat
and still, the knee bending to ``knee_flexion_deg``, the trunk leaning a little forward, the free
leg held forward with its knee bent); the frontal faults are then built into the 3-D points, so
each is exact as a camera straight behind sees it:

* Knee in (valgus), as the frontal-plane projection angle (FPPA, Willson 2006): the standing knee
  moves towards the midline until the angle between the hip-knee and knee-ankle lines, seen from
  behind, is ``knee_in_deg`` at the bottom (the foot and the hip stay put).
* Pelvic drop: the pelvis rolls about the standing hip until the free side's hip is
  ``pelvis_drop_deg`` below it at the bottom; the free leg comes down with it.

Each repetition: down over ``down_s``, up over ``up_s``, standing on the one leg for ``pause_s``
before the next; both feet on the floor at the start and between the legs (the pelvis's level
reference).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.kinematics import psis_points
from backstride.synth.model import LEGS, Body, smoothstep
from backstride.synth.posture import Posture, points_of, unit

STANCE_SHANK_SHARE = 0.45  # of the knee's flexion, taken by the ankle (the shank leans forward)
TRUNK_LEAN_SHARE = 0.35  # of the hip's flexion, taken by the trunk leaning forward
FREE_THIGH_DEG, FREE_KNEE_DEG = 60.0, 50.0  # the free leg held forward: hip and knee flexion
FREE_FOOT_DEG = -30.0


@dataclass(frozen=True)
class SquatRep:
    down_s: float = 1.6
    up_s: float = 1.6
    pause_s: float = 0.8
    knee_flexion_deg: float = 60.0  # at the bottom
    knee_in_deg: float = 2.0  # the FPPA at the bottom (+ the knee inside the hip-ankle line)
    pelvis_drop_deg: float = 1.0  # the free side's hip below the standing side's, at the bottom


@dataclass(frozen=True)
class SingleLegSquatParams:
    """The left leg's set, then the right's: ``(leg, reps)`` in the order done."""

    sets: tuple[tuple[str, tuple[SquatRep, ...]], ...] = (
        ("left", (SquatRep(), SquatRep(), SquatRep())),
        ("right", (SquatRep(), SquatRep(), SquatRep())),
    )
    start_s: float = 1.2  # both feet on the floor first
    lift_s: float = 0.7  # the free foot lifted (and put down after the set)
    between_s: float = 1.5  # both feet down between the sets
    height_m: float = 1.78

    def timeline(self) -> list[tuple[str, float, float, list[tuple[float, float, float]]]]:
        """Per set: the leg, the lift's start, the set's end (foot down), each rep's (start, bottom, end)."""
        out, t = [], self.start_s
        for leg, reps in self.sets:
            lift_at = t
            t += self.lift_s
            times = []
            for r in reps:
                times.append((t, t + r.down_s, t + r.down_s + r.up_s))
                t += r.down_s + r.up_s + r.pause_s
            out.append((leg, lift_at, t, times))
            t += self.lift_s + self.between_s
        return out

    @property
    def duration_s(self) -> float:
        return self.timeline()[-1][2] + self.lift_s + 1.0


def _other(leg: str) -> str:
    return "right" if leg == "left" else "left"


@dataclass(frozen=True)
class SquatState:
    """Per frame: which leg stands (None: both feet down), how far the free leg is lifted (0-1),
    and the depth's share of the bottom (0-1) with the rep's targets."""

    stance: list[str | None]
    lift: np.ndarray
    depth: np.ndarray
    knee_flexion_deg: np.ndarray
    knee_in_deg: np.ndarray
    pelvis_drop_deg: np.ndarray


def state(t: np.ndarray, p: SingleLegSquatParams) -> SquatState:
    n = len(t)
    stance: list[str | None] = [None] * n
    lift, depth = np.zeros(n), np.zeros(n)
    flex, knee_in, drop = np.zeros(n), np.zeros(n), np.zeros(n)
    for (leg, reps), (_, lift_at, end, times) in zip(p.sets, p.timeline(), strict=True):
        on = (t >= lift_at) & (t < end + p.lift_s)
        up = smoothstep((t - lift_at) / p.lift_s) * (1 - smoothstep((t - end) / p.lift_s))
        lift = np.where(on, up, lift)
        for i in np.flatnonzero(on):
            stance[i] = leg
        for r, (start, bottom, stop) in zip(reps, times, strict=True):
            inside = (t >= start) & (t < stop)
            d = smoothstep((t - start) / r.down_s) * (1 - smoothstep((t - bottom) / r.up_s))
            depth = np.where(inside, d, depth)
            flex = np.where(inside, r.knee_flexion_deg, flex)
            knee_in = np.where(inside, r.knee_in_deg, knee_in)
            drop = np.where(inside, r.pelvis_drop_deg, drop)
    return SquatState(stance, lift, depth, flex, knee_in, drop)


def posture(t: np.ndarray, p: SingleLegSquatParams, s: SquatState) -> Posture:
    """The sagittal movement: the standing foot still at x = 0, the free leg lifted forward."""
    n, body = len(t), Body(p.height_m)
    k = s.depth * s.knee_flexion_deg
    ankle_tilt = STANCE_SHANK_SHARE * k
    hip_flex = k - ankle_tilt
    thigh = {leg: np.full(n, -90.0) for leg in LEGS}
    shank = {leg: np.full(n, -90.0) for leg in LEGS}
    foot = {leg: np.zeros(n) for leg in LEGS}
    for i, leg in enumerate(s.stance):
        if leg is None:
            continue
        free = _other(leg)
        thigh[leg][i], shank[leg][i] = -90.0 + hip_flex[i], -90.0 - ankle_tilt[i]
        thigh[free][i] = -90.0 + s.lift[i] * FREE_THIGH_DEG
        shank[free][i] = thigh[free][i] - s.lift[i] * FREE_KNEE_DEG
        foot[free][i] = s.lift[i] * FREE_FOOT_DEG
    # the pelvis above the standing foot (both feet down: above both)
    standing = np.array([leg or "left" for leg in s.stance])
    th = np.where(standing == "left", thigh["left"], thigh["right"])
    sh = np.where(standing == "left", shank["left"], shank["right"])
    ankle = np.column_stack([np.zeros(n), np.full(n, body.ankle_height)])
    pelvis = ankle - body.shank * unit(sh) - body.thigh * unit(th)
    hang = {leg: np.full(n, -95.0) for leg in LEGS}
    return Posture(
        pelvis_xy_m=pelvis,
        trunk_deg=90.0 - TRUNK_LEAN_SHARE * hip_flex,
        thigh_deg=thigh,
        shank_deg=shank,
        foot_deg=foot,
        upper_arm_deg=hang,
        forearm_deg={leg: np.full(n, -75.0) for leg in LEGS},
    )


def _frontal_angle_deg(hip: np.ndarray, knee: np.ndarray, ankle: np.ndarray, medial: float) -> np.ndarray:
    """The FPPA seen from behind (z across, y up): + when the knee is medial of the hip-ankle line;
    ``medial``: the direction of the midline in z (-1 for the left leg)."""
    a = np.column_stack([knee[:, 2] - hip[:, 2], knee[:, 1] - hip[:, 1]])
    b = np.column_stack([ankle[:, 2] - knee[:, 2], ankle[:, 1] - knee[:, 1]])
    turn = np.degrees(np.arctan2(a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0], (a * b).sum(axis=1)))
    return turn * (1.0 if medial < 0 else -1.0)


def _knee_shift_m(hip: np.ndarray, knee: np.ndarray, ankle: np.ndarray, fppa_deg: np.ndarray) -> np.ndarray:
    """How far towards the midline to move the knee (the hip and ankle straight above each other in
    z) for ``fppa_deg``: atan(m / thigh drop) + atan(m / shank drop) = fppa, solved by bisection."""
    thigh_v, shank_v = hip[:, 1] - knee[:, 1], knee[:, 1] - ankle[:, 1]
    lo, hi = np.zeros(len(fppa_deg)), np.full(len(fppa_deg), 0.5)
    target = np.radians(fppa_deg)
    for _ in range(60):
        mid = (lo + hi) / 2
        too_far = np.arctan2(mid, thigh_v) + np.arctan2(mid, shank_v) > target
        hi, lo = np.where(too_far, mid, hi), np.where(too_far, lo, mid)
    return (lo + hi) / 2


def points(t: np.ndarray, p: SingleLegSquatParams) -> tuple[dict[str, np.ndarray], SquatState]:
    """The renderer's points with the frontal faults built in, and the state they came from."""
    s = state(t, p)
    pts = points_of(posture(t, p, s), p.height_m)
    body = Body(p.height_m)
    for leg in LEGS:
        rows = np.array([st == leg for st in s.stance])
        if not rows.any():
            continue
        medial = -1.0 if leg == "left" else 1.0
        hip, knee, ankle = (pts[f"{leg}_{part}"][rows] for part in ("hip", "knee", "ankle"))
        shift = _knee_shift_m(hip, knee, ankle, s.knee_in_deg[rows] * s.depth[rows])
        pts[f"{leg}_knee"][rows, 2] += medial * shift
        drop = np.radians(s.pelvis_drop_deg[rows] * s.depth[rows])
        free = _other(leg)
        dy = -body.pelvis_width * np.sin(drop)
        dz = -medial * body.pelvis_width * (np.cos(drop) - 1.0)  # the free hip swings in a little
        for part in ("hip", "knee", "ankle", "heel", "foot_index"):
            pts[f"{free}_{part}"][rows, 1] += dy
            pts[f"{free}_{part}"][rows, 2] -= dz
    pts |= _psis(pts, s, body)
    return pts, s


def _psis(pts: dict[str, np.ndarray], s: SquatState, body: Body) -> dict[str, np.ndarray]:
    """Tape over the PSIS (the guide asks for it), rolled with the pelvis: + roll = left side up."""
    left, right = pts["left_hip"], pts["right_hip"]
    mid = (left + right) / 2
    roll = np.degrees(np.arctan2(left[:, 1] - right[:, 1], left[:, 2] - right[:, 2]))
    tape = psis_points(np.zeros(len(mid)), roll, body)
    return {name: xyz + mid * np.array([1.0, 1.0, 1.0]) for name, xyz in tape.items()}


@dataclass(frozen=True)
class SquatRepTruth:
    leg: str
    number: int  # within the leg's set
    bottom_s: float
    knee_in_deg: float  # the FPPA at the bottom, from the rendered points
    pelvis_drop_deg: float


def truth(p: SingleLegSquatParams, fps: float) -> list[SquatRepTruth]:
    """Each repetition's bottom and its frontal angles, read off the points a render draws."""
    t = np.arange(0.0, p.duration_s, 1.0 / fps)
    pts, _ = points(t, p)
    out = []
    for leg, _, _, times in p.timeline():
        medial = -1.0 if leg == "left" else 1.0
        fppa = _frontal_angle_deg(pts[f"{leg}_hip"], pts[f"{leg}_knee"], pts[f"{leg}_ankle"], medial)
        stance_hip, free_hip = pts[f"{leg}_hip"], pts[f"{_other(leg)}_hip"]
        drop = np.degrees(np.arctan2(stance_hip[:, 1] - free_hip[:, 1], np.abs(stance_hip[:, 2] - free_hip[:, 2])))
        for number, (_, bottom, _) in enumerate(times, start=1):
            i = int(np.argmin(np.abs(t - bottom)))
            out.append(SquatRepTruth(leg, number, float(t[i]), float(fppa[i]), float(drop[i])))
    return out
