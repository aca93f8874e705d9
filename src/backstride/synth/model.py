"""A running body with exactly known kinematics (metres, seconds), for the synthetic runner.

Axes: x forward, y up, z to the runner's left; the ground is y = 0. The runner runs on a
treadmill (the pelvis stays near x = 0; a foot in stance slides back at belt speed).

How each controlled quantity is built in, so the truth is exact:

* Events: foot strike at phase 0 of a leg's stride, toe-off at ``duty_factor``; the right
  leg runs half a stride behind the left. Cadence = 2 strides per stride period.
* Overstride: the ankle lands ``overstride_m`` ahead of the hip joint centre.
* Knee flexion at contact: the pelvis height at contact is set so that the hip-ankle
  distance gives exactly that flexion (two-link leg, thigh and shank lengths fixed).
* Peak knee flexion: the pelvis's lowest point at midstance is set likewise.
* Foot-strike angle: the foot's pitch at contact (toes up +), flattening over the first
  quarter of stance; the foot's lowest point stays on the ground through stance.
* Trunk lean, trunk lateral lean: the shoulder line's angle from vertical.
* Pelvic drop: the pelvis rolls about the forward axis, the swing side's hip lowest at
  midstance of the other leg, by ``pelvic_drop_deg`` (per leg through ``asymmetry``).
* PSIS markers: two points at the back of the pelvis, ``psis_spacing`` apart and
  ``psis_height`` above the hip joint centres, rolling with the pelvis: their line's angle is
  the pelvis roll exactly.
* Pelvis rotation (about the vertical, transverse plane): ``pelvis_rotation_deg`` either way,
  each side furthest forward at its own foot strike; it moves the hips and the PSIS, never
  their heights, so the pelvic drop (the roll) is unchanged. Zero by default.
* Step width: the ankle's sideways position at contact from the midline; negative = lands
  across the midline (crossover).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

LEGS = ("left", "right")
#: The parameters each leg may set for itself (``RunnerParams.asymmetry``).
PER_LEG = (
    "overstride_m",
    "knee_flexion_contact_deg",
    "knee_flexion_peak_deg",
    "foot_strike_angle_deg",
    "pelvic_drop_deg",
    "step_width_m",
)


@dataclass(frozen=True)
class RunnerParams:
    cadence_spm: float = 170.0
    duty_factor: float = 0.36
    speed_ms: float = 3.0
    overstride_m: float = 0.25
    knee_flexion_contact_deg: float = 15.0
    knee_flexion_peak_deg: float = 40.0
    foot_strike_angle_deg: float = 15.0
    trunk_lean_deg: float = 6.0
    trunk_lateral_lean_deg: float = 0.0
    pelvic_drop_deg: float = 4.0
    step_width_m: float = 0.08
    height_m: float = 1.78
    overground: bool = False  # True: the runner moves past a static camera instead of a treadmill
    pelvis_markers: bool = False  # True: bright tape over both PSIS, drawn in a rear view
    pelvis_rotation_deg: float = 0.0  # transverse-plane rotation either way (left side forward: +)
    #: per-leg overrides, e.g. {"right": {"pelvic_drop_deg": 9.0, "overstride_m": 0.2}}
    asymmetry: dict = field(default_factory=dict)

    def for_leg(self, leg: str, name: str) -> float:
        return float(self.asymmetry.get(leg, {}).get(name, getattr(self, name)))

    @property
    def stride_s(self) -> float:
        return 120.0 / self.cadence_spm


@dataclass(frozen=True)
class Body:
    """Segment proportions from height (Winter 2009, Fig. 4.1)."""

    height_m: float

    @property
    def thigh(self) -> float:
        return 0.245 * self.height_m

    @property
    def shank(self) -> float:
        return 0.246 * self.height_m

    @property
    def ankle_height(self) -> float:
        return 0.039 * self.height_m

    @property
    def pelvis_width(self) -> float:
        return 0.191 * self.height_m / 2  # hip joint centres, ~half the bi-trochanteric width

    @property
    def psis_spacing(self) -> float:
        return 0.052 * self.height_m  # the two posterior superior iliac spines, ~9 cm apart

    @property
    def psis_height(self) -> float:
        return 0.045 * self.height_m  # above the hip joint centres

    @property
    def trunk(self) -> float:
        return 0.288 * self.height_m  # hip joint to shoulder

    @property
    def foot_back(self) -> float:
        return 0.045 * self.height_m  # ankle to heel, horizontally

    @property
    def foot_front(self) -> float:
        return 0.107 * self.height_m  # ankle to toe tip


def knee_flexion_from_distance(d: np.ndarray, thigh: float, shank: float) -> np.ndarray:
    """Knee flexion (deg) of a two-link leg whose hip-ankle distance is ``d``."""
    cos_k = (d**2 - thigh**2 - shank**2) / (2 * thigh * shank)
    return np.degrees(np.arccos(np.clip(cos_k, -1, 1)))


def distance_from_knee_flexion(flexion_deg: float, thigh: float, shank: float) -> float:
    return float(np.sqrt(thigh**2 + shank**2 + 2 * thigh * shank * np.cos(np.radians(flexion_deg))))


def hermite(s: np.ndarray, p0: float, p1: float, v0: float, v1: float) -> np.ndarray:
    """Cubic Hermite from p0 (slope v0) to p1 (slope v1) over s in [0, 1] (slopes per unit s)."""
    h00, h10 = 2 * s**3 - 3 * s**2 + 1, s**3 - 2 * s**2 + s
    h01, h11 = -2 * s**3 + 3 * s**2, s**3 - s**2
    return h00 * p0 + h10 * v0 + h01 * p1 + h11 * v1


def in_turn(start_s: float, phases: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Repetitions one after another: each (first half, second half, pause after) in seconds -> each
    repetition's start, turning point and end."""
    out, t = [], start_s
    for first, second, pause in phases:
        out.append((t, t + first, t + first + second))
        t += first + second + pause
    return out


def smoothstep(s: np.ndarray) -> np.ndarray:
    s = np.clip(s, 0, 1)
    return s * s * (3 - 2 * s)
