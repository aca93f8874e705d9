"""The synthetic body doing single-leg deadlifts, filmed from the side, with faults injected at
known repetitions, and the truth the form check is held to.

Standing on one leg (the knee soft, bending a little more as the body goes down), the body hinges
forward and the free leg swings back. Per repetition: how far the pelvis hinges (the lumbar arc's
start from vertical), how much the lower back rounds on top of its neutral curve (``lumbar_flex_deg``:
the fault "the movement came from the lower back"), how far the free leg hangs below the back's
line (``leg_drop_deg``), and the lift and lowering times. The arms hang from the shoulders. The
spine is the posture's even lumbar arc with three strips of tape on the back (synth/posture.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.model import Body, in_turn, smoothstep
from backstride.synth.posture import Posture, points_of, unit

NEUTRAL_LUMBAR_DEG = -20.0  # the lower back's neutral curve (lordosis): the arc turns the other way
FREE_KNEE_DEG = 25.0  # the free leg's knee bend standing (its foot off the floor)


@dataclass(frozen=True)
class DeadliftRep:
    """One repetition: lowering then lifting (seconds), the pelvis's hinge at the bottom (degrees
    from upright), the lower back's rounding beyond neutral and the free leg below the back's line
    at the bottom."""

    lower_s: float = 2.0
    lift_s: float = 2.0
    hinge_deg: float = 70.0
    lumbar_flex_deg: float = 0.0
    leg_drop_deg: float = 0.0
    pause_s: float = 0.8  # standing, before the next
    pelvis_open_deg: float = 0.0  # the free side of the pelvis turned up at the bottom (seen from behind)


#: A set filmed from behind with the pelvis opening (the free side turning up) at known repetitions:
#: 20 deg (rep 2), 12 deg (rep 4); 3 deg (rep 3) is within what the check lets pass.
OPENING_SET = (
    DeadliftRep(),
    DeadliftRep(pelvis_open_deg=20.0),
    DeadliftRep(pelvis_open_deg=3.0),
    DeadliftRep(pelvis_open_deg=12.0),
)

#: A set with faults injected at known repetitions (the renders' and the benchmark's): the lower back
#: rounding 30 deg (rep 2), the free leg 30 deg below the back's line (rep 3), rushed (rep 4), a
#: shallower hinge (rep 5).
FAULTED_SET = (
    DeadliftRep(),
    DeadliftRep(lumbar_flex_deg=30.0),
    DeadliftRep(leg_drop_deg=30.0),
    DeadliftRep(lower_s=0.7, lift_s=0.7),
    DeadliftRep(hinge_deg=60.0),
)


@dataclass(frozen=True)
class DeadliftParams:
    reps: tuple[DeadliftRep, ...] = (DeadliftRep(), DeadliftRep(), DeadliftRep())
    stance: str = "left"  # the leg stood on
    start_s: float = 1.0
    height_m: float = 1.78
    knee_soft_deg: float = 10.0  # the standing knee's bend, upright; 10 more at the bottom

    def rep_times(self) -> list[tuple[float, float, float]]:
        """Each repetition's start, bottom and end (seconds)."""
        return in_turn(self.start_s, [(r.lower_s, r.lift_s, r.pause_s) for r in self.reps])

    @property
    def duration_s(self) -> float:
        return self.rep_times()[-1][2] + 1.5


def depth(t: np.ndarray, p: DeadliftParams) -> tuple[np.ndarray, np.ndarray]:
    """How far into each repetition the body is (0 upright, 1 at the bottom) and the repetition's index."""
    amount, which = np.zeros(len(t)), np.full(len(t), -1)
    for k, (r, (start, bottom, end)) in enumerate(zip(p.reps, p.rep_times(), strict=True)):
        inside = (t >= start) & (t <= end)
        down = smoothstep((t - start) / r.lower_s) * (1 - smoothstep((t - bottom) / r.lift_s))
        amount = np.where(inside, down, amount)
        which = np.where(inside, k, which)
    return amount, which


def _per_rep(p: DeadliftParams, which: np.ndarray, field: str) -> np.ndarray:
    values = np.array([getattr(r, field) for r in p.reps] + [0.0])
    return values[which]  # index -1: between repetitions, 0


def single_leg_deadlift(t: np.ndarray, p: DeadliftParams) -> Posture:
    n = len(t)
    amount, which = depth(t, p)
    pelvis_dir = 90.0 + NEUTRAL_LUMBAR_DEG - _per_rep(p, which, "hinge_deg") * amount  # the lumbar arc's start
    bend = NEUTRAL_LUMBAR_DEG + _per_rep(p, which, "lumbar_flex_deg") * amount
    thorax = pelvis_dir - bend  # the arc turns clockwise by the bend from the pelvis's line
    body = Body(p.height_m)
    knee_bend = p.knee_soft_deg * (1 + amount)
    stance_thigh, stance_shank = -90.0 + knee_bend / 2, -90.0 - knee_bend / 2
    ankle = np.column_stack([np.zeros(n), np.full(n, body.ankle_height)])
    pelvis = ankle - body.shank * unit(stance_shank) - body.thigh * unit(stance_thigh)
    posture = _posture(pelvis, thorax, bend, stance_thigh, stance_shank, stance_thigh, stance_shank, p.stance)
    chord = _back_line_deg(posture, p.height_m)
    # the free leg carries on the back's line (hanging down when upright), ``leg_drop_deg`` below it at the bottom
    free = np.degrees(np.unwrap(np.radians(chord + 180.0 + _per_rep(p, which, "leg_drop_deg") * amount)))
    # the foot off the floor standing; the knee straight from halfway down
    free_shank = free - FREE_KNEE_DEG * (1 - smoothstep(2 * amount))
    return _posture(pelvis, thorax, bend, stance_thigh, stance_shank, free, free_shank, p.stance)


def _posture(pelvis, thorax, bend, st_thigh, st_shank, fr_thigh, fr_shank, stance: str) -> Posture:
    n = len(thorax)
    free_leg = "right" if stance == "left" else "left"
    thigh = {
        stance: np.broadcast_to(st_thigh, (n,)).astype(float),
        free_leg: np.broadcast_to(fr_thigh, (n,)).astype(float),
    }
    shank = {
        stance: np.broadcast_to(st_shank, (n,)).astype(float),
        free_leg: np.broadcast_to(fr_shank, (n,)).astype(float),
    }
    foot = {stance: np.zeros(n), free_leg: shank[free_leg] + 90.0}  # the standing foot flat
    down = np.full(n, -90.0)
    return Posture(
        pelvis_xy_m=pelvis,
        trunk_deg=thorax,
        thigh_deg=thigh,
        shank_deg=shank,
        foot_deg=foot,
        upper_arm_deg={leg: down for leg in thigh},
        forearm_deg={leg: down for leg in thigh},
        lumbar_bend_deg=bend,
    )


def _back_line_deg(posture: Posture, height_m: float) -> np.ndarray:
    """The direction of the hips-to-shoulders line (the back's line a skeleton shows)."""
    pts = points_of(posture, height_m)
    d = pts["left_shoulder"][:, :2] - pts["left_hip"][:, :2]
    return np.degrees(np.arctan2(d[:, 1], d[:, 0]))


@dataclass(frozen=True)
class DeadliftTruth:
    """Per repetition at its bottom (:func:`truth`)."""

    bottom_s: tuple[float, ...]
    hinge_deg: tuple[float, ...]  # the back's line against the standing leg's (ankle to hips)
    leg_below_back_deg: tuple[float, ...]  # the free leg's hip-ankle line below the back's line
    lumbar_change_deg: tuple[float, ...]  # the lower back's bend at the bottom minus upright (flexion +)


def truth(p: DeadliftParams) -> DeadliftTruth:
    """The figures the form check reads, from the exact points at each repetition's bottom."""
    bottoms = np.array([b for _, b, _ in p.rep_times()])
    up = np.array([s - 0.2 for s, _, _ in p.rep_times()])
    pts = points_of(single_leg_deadlift(np.concatenate([bottoms, up]), p), p.height_m)
    free = "right" if p.stance == "left" else "left"
    back = pts["left_shoulder"][:, :2] - pts["left_hip"][:, :2]
    leg = pts[f"{free}_ankle"][:, :2] - pts[f"{free}_hip"][:, :2]
    between = np.degrees(np.arctan2(_cross(back, leg), np.einsum("ij,ij->i", back, leg)))
    lumbar = tape_bend_deg(pts)
    stand = p.stance
    hinge = _angle_deg(back, pts[f"{stand}_hip"][:, :2] - pts[f"{stand}_ankle"][:, :2])
    n = len(bottoms)
    return DeadliftTruth(
        tuple(float(v) for v in bottoms),
        tuple(float(v) for v in hinge[:n]),
        tuple(float(180.0 - abs(v)) for v in between[:n]),
        tuple(float(v) for v in lumbar[:n] - lumbar[n:]),
    )


def tape_bend_deg(pts: dict[str, np.ndarray]) -> np.ndarray:
    """The lower back's bend from the three tapes (twice the turn between the two chords: an even
    curve), flexion +: what backstride reads, computed on the exact points."""
    s, m, t = (pts[k][:, :2] for k in ("spine_sacrum", "spine_l3", "spine_t12"))
    a, b = m - s, t - m
    turn = np.degrees(np.arctan2(_cross(a, b), np.einsum("ij,ij->i", a, b)))
    return -2.0 * turn  # the arc turns clockwise (negative) when the back rounds


def _angle_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.degrees(np.abs(np.arctan2(_cross(a, b), np.einsum("ij,ij->i", a, b))))


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]


FREE_PARTS = ("hip", "knee", "ankle", "heel", "foot_index")


def points_from_behind(t: np.ndarray, p: DeadliftParams) -> dict[str, np.ndarray]:
    """The renderer's points with the pelvis opening built in, and tape over the PSIS.

    The pelvis turns about the trunk's long axis through the standing hip (at the bottom nearly the
    forward axis x, the one a camera straight behind looks along), the free side up by
    ``pelvis_open_deg`` at the bottom; the free leg turns with it. The PSIS sit on the pelvis's back
    (``psis_height`` above the hip joints along the pelvis and a tenth of a metre behind, for 1.78 m),
    turned with it; ``psis_facing`` (x: how much the tape faces a camera behind, 0-1) lets the
    renderer draw the tape foreshortened as the body tips forward."""
    from backstride.synth.model import Body

    pts = points_of(single_leg_deadlift(t, p), p.height_m)
    amount, which = depth(t, p)
    opening = np.radians(_per_rep(p, which, "pelvis_open_deg") * amount)
    free = "right" if p.stance == "left" else "left"
    pivot = pts[f"{p.stance}_hip"].copy()
    up_sign = 1.0 if free == "left" else -1.0  # the free side's z (+ is the runner's left)
    for part in FREE_PARTS:
        pts[f"{free}_{part}"] = _turn_about_x(pts[f"{free}_{part}"], pivot, up_sign * opening)
    body = Body(p.height_m)
    tilt = np.radians(_per_rep(p, which, "hinge_deg") * amount)  # the pelvis tips forward with the hinge
    along = np.column_stack([np.sin(tilt), np.cos(tilt)])  # up the pelvis (x forward, y up)
    back = np.column_stack([-np.cos(tilt), np.sin(tilt)])
    mid = (pts["left_hip"] + pts["right_hip"]) / 2  # the free hip already turned up
    behind = 0.1 * p.height_m / 1.78
    for side, sign in (("left", 1.0), ("right", -1.0)):
        flat = np.column_stack(
            [along[:, 0] * body.psis_height + back[:, 0] * behind,
             along[:, 1] * body.psis_height + back[:, 1] * behind,
             np.full(len(t), sign * body.psis_spacing / 2)]
        )  # fmt: skip
        pts[f"{side}_psis"] = _turn_about_x(mid + flat, mid, up_sign * opening)
    pts["psis_facing"] = np.column_stack([np.cos(tilt), np.zeros((len(t), 2))])
    return pts


def _turn_about_x(xyz: np.ndarray, pivot: np.ndarray, angle_rad: np.ndarray) -> np.ndarray:
    """``xyz`` turned about the x axis through ``pivot`` by ``angle_rad`` (+: z towards y)."""
    d = xyz - pivot
    c, s = np.cos(angle_rad), np.sin(angle_rad)
    return pivot + np.column_stack([d[:, 0], c * d[:, 1] + s * d[:, 2], -s * d[:, 1] + c * d[:, 2]])


@dataclass(frozen=True)
class BehindTruth:
    """Per repetition at its bottom, seen from behind: the PSIS tapes' line against its line standing
    upright (+: the runner's left side up)."""

    bottom_s: tuple[float, ...]
    pelvis_tilt_deg: tuple[float, ...]


def truth_from_behind(p: DeadliftParams) -> BehindTruth:
    """The tilt a camera straight behind sees, from the exact PSIS points (y up, z the runner's left)."""
    bottoms = np.array([b for _, b, _ in p.rep_times()])
    up = np.array([s - 0.2 for s, _, _ in p.rep_times()])
    pts = points_from_behind(np.concatenate([bottoms, up]), p)
    d = pts["left_psis"] - pts["right_psis"]
    tilt = np.degrees(np.arctan2(d[:, 1], d[:, 2]))
    n = len(bottoms)
    return BehindTruth(tuple(float(v) for v in bottoms), tuple(float(v) for v in tilt[:n] - tilt[n:]))
