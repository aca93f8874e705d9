"""The synthetic body holding McGill's side bridge, filmed from behind, with the moment it fails.

Lying on the right side, the right forearm on the floor under the shoulder (the upper arm vertical),
the feet stacked: the hips lift until the body is one straight line, hold with a small sway, sag
in the last seconds and drop to the floor at ``drop_at_s``. Built from the standing body's points
(synth/posture.py): the upper body and the legs turn about the hips' axis (x, forward) by half the
bend each, so the hips sit ``bend`` degrees below the line from the feet to the shoulders; then the
whole body turns onto its side about the same axis until the right elbow and the right ankle are
both on the floor. The truth is read back off the points (``bend_deg``), so it is exact as a camera
straight behind sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.holds import SWAY_DEG, SWAY_PERIOD_S, standing
from backstride.synth.model import Body, smoothstep
from backstride.synth.posture import FOREARM_SHARE, UPPER_ARM_SHARE, points_of

ON_THE_FLOOR_DEG = 22.0  # the hips resting on the floor: the bend at the hips
LIFT_AT_S, LIFT_S = 1.0, 1.0
SAG_S, SAG_DEG = 3.0, 5.0  # the last seconds before the drop: the hips sink this far, still held
DROP_S = 1.0
UPPER = ("shoulder", "elbow", "wrist")
HEAD = ("head_centre", "nose", "left_eye", "right_eye", "left_ear", "right_ear")
LEGS_PARTS = ("knee", "ankle", "heel", "foot_index")


@dataclass(frozen=True)
class SideBridgeParams:
    drop_at_s: float = 10.0
    height_m: float = 1.78
    sway_deg: float = SWAY_DEG
    side: str = "right"  # the side on the floor (left: the mirror image of lying on the right)


def bend_deg(t: np.ndarray, p: SideBridgeParams) -> np.ndarray:
    """The hips below the feet-shoulders line (deg) over time: on the floor, lifted, held, dropped."""
    lift = smoothstep((t - LIFT_AT_S) / LIFT_S)
    held = p.sway_deg * np.sin(2 * np.pi * (t - LIFT_AT_S - LIFT_S) / SWAY_PERIOD_S)
    sag = SAG_DEG * np.clip((t - (p.drop_at_s - SAG_S)) / SAG_S, 0.0, 1.0)
    holding = ON_THE_FLOOR_DEG + (held - ON_THE_FLOOR_DEG) * lift + sag
    return holding + (ON_THE_FLOOR_DEG - holding) * smoothstep((t - p.drop_at_s) / DROP_S)


def _turn(xyz: np.ndarray, about: np.ndarray, deg: np.ndarray) -> np.ndarray:
    """Rotate ``[frame, 3]`` points about the x axis through ``about`` by ``deg`` (+: y towards +z)."""
    a = np.radians(deg)[:, None]
    rel = xyz - about
    y = rel[:, 1:2] * np.cos(a) - rel[:, 2:3] * np.sin(a)
    z = rel[:, 1:2] * np.sin(a) + rel[:, 2:3] * np.cos(a)
    return np.column_stack([rel[:, 0], y[:, 0], z[:, 0]]) + about


def points(t: np.ndarray, p: SideBridgeParams) -> dict[str, np.ndarray]:
    body = Body(p.height_m)
    pts = points_of(standing(t, p.height_m), p.height_m)
    hips = (pts["left_hip"] + pts["right_hip"]) / 2
    half = bend_deg(t, p) / 2
    for name in list(pts):
        part = name.split("_", 1)[-1]
        if name in HEAD or part in UPPER:
            pts[name] = _turn(pts[name], hips, half)  # the shoulders go left of the hips...
        elif part in LEGS_PARTS:
            pts[name] = _turn(pts[name], hips, -half)  # ...and so do the feet: the hips sit to the right
    # the support arm: the right upper arm straight down to the floor once on the side, the forearm forward
    upper, fore = UPPER_ARM_SHARE * p.height_m, FOREARM_SHARE * p.height_m
    onto_side = _side_angle(pts, hips, upper)
    out = {name: _turn(xyz, hips, onto_side) for name, xyz in pts.items()}
    out["right_elbow"] = out["right_shoulder"] - np.array([0.0, upper, 0.0])
    out["right_wrist"] = out["right_elbow"] + np.array([fore, 0.0, 0.0])
    floor = out["right_ankle"][:, 1] - body.ankle_height * 0.6  # the foot's side on the floor
    lying = {name: xyz - np.column_stack([np.zeros(len(t)), floor, np.zeros(len(t))]) for name, xyz in out.items()}
    return lying if p.side == "right" else _mirrored(lying)


def _mirrored(pts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Left for right: z negated and the left and right names exchanged."""

    def twin(name: str) -> str:
        for a, b in (("left_", "right_"), ("right_", "left_")):
            if name.startswith(a):
                return b + name[len(a) :]
        return name

    return {twin(name): xyz * np.array([1.0, 1.0, -1.0]) for name, xyz in pts.items()}


def _side_angle(pts: dict[str, np.ndarray], hips: np.ndarray, upper: float) -> np.ndarray:
    """Per frame, the turn onto the right side (about -70 to -80 deg) that puts the right shoulder
    ``upper`` above the right ankle's level plus the foot's half-height: elbow and foot on the floor."""
    lo, hi = np.full(len(hips), -90.0), np.full(len(hips), -45.0)
    for _ in range(50):
        mid = (lo + hi) / 2
        shoulder = _turn(pts["right_shoulder"], hips, mid)[:, 1]
        ankle = _turn(pts["right_ankle"], hips, mid)[:, 1]
        too_high = shoulder - ankle > upper
        hi, lo = np.where(too_high, mid, hi), np.where(too_high, lo, mid)
    return (lo + hi) / 2


def measured_bend_deg(pts: dict[str, np.ndarray]) -> np.ndarray:
    """The hips below the line from the ankles' midpoint to the shoulders' (deg), as seen from behind
    (z across, y up), read off the points: the truth."""

    def mid(part: str) -> np.ndarray:
        m = (pts[f"left_{part}"] + pts[f"right_{part}"]) / 2
        return m[:, [2, 1]]

    a, h, s = mid("ankle"), mid("hip"), mid("shoulder")
    legs, trunk = h - a, s - h
    turn = np.degrees(
        np.abs(np.arctan2(legs[:, 0] * trunk[:, 1] - legs[:, 1] * trunk[:, 0], (legs * trunk).sum(axis=1)))
    )
    line = s - a
    at_hips = a[:, 1] + line[:, 1] * (h[:, 0] - a[:, 0]) / line[:, 0]
    return np.where(h[:, 1] <= at_hips, turn, -turn)  # y is up here: the hips lower than the line


def hold_truth(p: SideBridgeParams, fps: float, start_within_deg: float, end_beyond_deg: float) -> tuple[float, float]:
    """The hold's start (the bend first within ``start_within_deg``) and end (first beyond
    ``end_beyond_deg`` after it), seconds."""
    t = np.arange(0.0, p.drop_at_s + 4.0, 0.001)
    bend = measured_bend_deg(points(t, p))
    start = int(np.argmax(np.abs(bend) <= start_within_deg))
    end = start + int(np.argmax(bend[start:] > end_beyond_deg))
    return float(t[start]), float(t[end])
