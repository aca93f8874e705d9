"""The synthetic body doing a self-test hold, with the truth the measurement is held to.

Biering-Sorensen (back-extensor endurance): face down on a bench, the pelvis at its edge, the
legs held down, the arms crossed on the chest; the trunk rises from resting on a chair to the
horizontal, holds it with a small sway, sags slowly as the muscles tire, then drops at a known
second. The truth is taken from the generator's exact trunk angle with the measurement's own
definitions (:class:`backstride.bodycheck.hold.HoldRule`): the hold starts when the trunk first
comes within ``start_within_deg`` of the horizontal and ends when it falls more than
``end_below_deg`` below it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.model import LEGS, Body, smoothstep
from backstride.synth.posture import Posture, trunk_below_horizontal_deg

REST_TRUNK_DEG = -50.0  # resting on a chair before the test, and after the drop
RISE_AT_S, RISE_S = 1.0, 1.2
SWAY_DEG, SWAY_PERIOD_S = 1.5, 3.7
SAG_S, SAG_DEG = 4.0, 6.0  # the last seconds before the drop: the trunk sinks this far, still held
DROP_S = 1.0
BENCH_TOP_BELOW_HIP_M = 0.09  # the thighs' thickness under the hip joints


@dataclass(frozen=True)
class SorensenParams:
    drop_at_s: float = 12.0  # when the trunk starts to fall (after the sag)
    height_m: float = 1.78
    bench_height_m: float = 0.6
    sway_deg: float = SWAY_DEG
    held_at_deg: float = 0.0  # where the trunk is held (0: in line with the legs; -25: never lifted that far)


def _lying_legs(n: int) -> dict[str, np.ndarray]:
    return {leg: np.full(n, 180.0) for leg in LEGS}  # pointing backwards, along the bench


def sorensen_trunk_deg(t: np.ndarray, p: SorensenParams) -> np.ndarray:
    """The trunk's direction (0: horizontal, head forward; negative: below) over time."""
    rise = smoothstep((t - RISE_AT_S) / RISE_S)
    held = p.held_at_deg + p.sway_deg * np.sin(2 * np.pi * (t - RISE_AT_S - RISE_S) / SWAY_PERIOD_S)
    sag = -SAG_DEG * np.clip((t - (p.drop_at_s - SAG_S)) / SAG_S, 0.0, 1.0)
    drop = smoothstep((t - p.drop_at_s) / DROP_S)
    holding = REST_TRUNK_DEG + (held - REST_TRUNK_DEG) * rise + sag
    return holding + (REST_TRUNK_DEG - holding) * drop


def sorensen(t: np.ndarray, p: SorensenParams) -> Posture:
    n = len(t)
    trunk = sorensen_trunk_deg(t, p)
    hip_y = p.bench_height_m + BENCH_TOP_BELOW_HIP_M * p.height_m / 1.78
    arms = {"upper": trunk - 120.0, "fore": trunk + 55.0}  # crossed on the chest
    return Posture(
        pelvis_xy_m=np.column_stack([np.zeros(n), np.full(n, hip_y)]),
        trunk_deg=trunk,
        thigh_deg=_lying_legs(n),
        shank_deg=_lying_legs(n),
        foot_deg=_lying_legs(n),
        upper_arm_deg={leg: arms["upper"] for leg in LEGS},
        forearm_deg={leg: arms["fore"] for leg in LEGS},
    )


def bench_box_m(p: SorensenParams) -> tuple[float, float, float, float]:
    """The bench's side as x0, x1, y0, y1 (metres): under the legs, its end at the hip joints."""
    body = Body(p.height_m)
    return -(body.thigh + body.shank + 0.25), 0.02, 0.0, p.bench_height_m


@dataclass(frozen=True)
class HoldTruth:
    start_s: float
    end_s: float

    @property
    def seconds(self) -> float:
        return self.end_s - self.start_s


def sorensen_truth(p: SorensenParams, start_within_deg: float, end_below_deg: float) -> HoldTruth:
    """The hold's start and end on a 1 ms grid of the generator's exact trunk angle."""
    t = np.arange(0.0, p.drop_at_s + DROP_S + 1.0, 0.001)
    below = trunk_below_horizontal_deg(sorensen(t, p))
    start = int(np.argmax(below <= start_within_deg))
    end = start + int(np.argmax(below[start:] > end_below_deg))
    return HoldTruth(float(t[start]), float(t[end]))


def standing(t: np.ndarray, height_m: float = 1.78) -> Posture:
    """Standing still, arms hanging: a clip of someone not doing the test."""
    n = len(t)
    body = Body(height_m)
    down = {leg: np.full(n, -90.0) for leg in LEGS}
    hip_y = body.thigh + body.shank + body.ankle_height
    return Posture(
        pelvis_xy_m=np.column_stack([np.zeros(n), np.full(n, hip_y)]),
        trunk_deg=np.full(n, 90.0),
        thigh_deg=down,
        shank_deg=down,
        foot_deg={leg: np.zeros(n) for leg in LEGS},
        upper_arm_deg=down,
        forearm_deg={leg: np.full(n, -80.0) for leg in LEGS},
    )


FLEXOR_HOLD_DEG = 60.0  # McGill's position: the trunk 60 degrees up from the floor behind
FLEXOR_LEAN_AT_S, FLEXOR_LEAN_S = 1.0, 1.5
FLEXOR_THIGH_DEG, FLEXOR_SHANK_DEG = 45.0, -50.5  # knees up, about 90 degrees, feet flat on the floor
SITTING_HIP_HEIGHT_M = 0.1


@dataclass(frozen=True)
class FlexorParams:
    """McGill's trunk-flexor test: sitting, knees bent, feet held, the trunk leaning back to
    ``held_at_deg`` from the floor, falling back at ``drop_at_s``."""

    drop_at_s: float = 10.0
    held_at_deg: float = FLEXOR_HOLD_DEG
    height_m: float = 1.78
    sway_deg: float = SWAY_DEG


def flexor_trunk_up_deg(t: np.ndarray, p: FlexorParams) -> np.ndarray:
    """The trunk's angle up from the floor behind the runner (90: sitting upright)."""
    lean = smoothstep((t - FLEXOR_LEAN_AT_S) / FLEXOR_LEAN_S)
    held = p.held_at_deg + p.sway_deg * np.sin(2 * np.pi * (t - FLEXOR_LEAN_AT_S) / SWAY_PERIOD_S)
    sag = -SAG_DEG * np.clip((t - (p.drop_at_s - SAG_S)) / SAG_S, 0.0, 1.0)
    holding = 90.0 + (held - 90.0) * lean + sag
    fall = smoothstep((t - p.drop_at_s) / DROP_S)
    return holding + (20.0 - holding) * fall  # falls back towards the floor


def flexor(t: np.ndarray, p: FlexorParams) -> Posture:
    n = len(t)
    trunk = 180.0 - flexor_trunk_up_deg(t, p)  # the feet forward (+x): leaning back points up and back
    return Posture(
        pelvis_xy_m=np.column_stack([np.zeros(n), np.full(n, SITTING_HIP_HEIGHT_M * p.height_m / 1.78)]),
        trunk_deg=trunk,
        thigh_deg={leg: np.full(n, FLEXOR_THIGH_DEG) for leg in LEGS},
        shank_deg={leg: np.full(n, FLEXOR_SHANK_DEG) for leg in LEGS},
        foot_deg={leg: np.zeros(n) for leg in LEGS},
        upper_arm_deg={leg: trunk - 120.0 for leg in LEGS},
        forearm_deg={leg: trunk + 55.0 for leg in LEGS},
    )


def flexor_truth(p: FlexorParams, position_deg: float, start_within_deg: float, end_beyond_deg: float) -> HoldTruth:
    """The hold on a 1 ms grid, with the measurement's definitions on the generator's exact points:
    the trunk's angle up from the legs' line (hips to ankles) carried on behind the runner."""
    from backstride.synth.posture import points_of

    t = np.arange(0.0, p.drop_at_s + DROP_S + 1.0, 0.001)
    pts = points_of(flexor(t, p), p.height_m)

    def elevation(v: np.ndarray) -> np.ndarray:
        return np.degrees(np.arctan2(v[:, 1], np.abs(v[:, 0])))

    hip = (pts["left_hip"] + pts["right_hip"])[:, :2] / 2
    trunk = (pts["left_shoulder"] + pts["right_shoulder"])[:, :2] / 2 - hip
    back = hip - (pts["left_ankle"] + pts["right_ankle"])[:, :2] / 2
    off = position_deg - (elevation(trunk) - float(np.median(elevation(back))))
    start = int(np.argmax(np.abs(off) <= start_within_deg))
    end = start + int(np.argmax(off[start:] > end_beyond_deg))
    return HoldTruth(float(t[start]), float(t[end]))
