"""The synthetic body doing the plan's exercises, repetition by repetition, with faults injected
at known repetitions, and the truth the form check is held to.

Back extension on a bench: face down, the hips at the bench's edge, the legs held down; each
repetition lowers the trunk from in line with the legs to ``bottom_deg`` below it and lifts it
back. A repetition's faults: ``over_deg`` past the legs' line at the top (arched back), and its
lift and lowering times (a rushed repetition is short).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.holds import BENCH_TOP_BELOW_HIP_M, SorensenParams
from backstride.synth.model import LEGS, smoothstep
from backstride.synth.posture import Posture


@dataclass(frozen=True)
class Rep:
    """One repetition: lift then lower (seconds), the top (degrees past the legs' line; 0 = in line),
    the bottom (degrees below the line)."""

    lift_s: float = 2.0
    lower_s: float = 2.0
    over_deg: float = 0.0
    bottom_deg: float = 50.0
    pause_s: float = 0.6  # at the bottom before the next


@dataclass(frozen=True)
class BackExtensionParams:
    reps: tuple[Rep, ...] = (Rep(), Rep(), Rep())
    start_s: float = 1.0
    height_m: float = 1.78
    bench_height_m: float = 0.6

    def rep_times(self) -> list[tuple[float, float, float]]:
        """Each repetition's start, top and end (seconds)."""
        out, t = [], self.start_s
        for r in self.reps:
            out.append((t, t + r.lift_s, t + r.lift_s + r.lower_s))
            t += r.lift_s + r.lower_s + r.pause_s
        return out

    @property
    def duration_s(self) -> float:
        return self.rep_times()[-1][2] + 1.5

    @property
    def bench(self) -> SorensenParams:
        return SorensenParams(height_m=self.height_m, bench_height_m=self.bench_height_m)


def trunk_deg(t: np.ndarray, p: BackExtensionParams) -> np.ndarray:
    """The trunk's direction (0: in line with the legs, head forward; + above it, - below)."""
    first_bottom = -p.reps[0].bottom_deg
    angle = np.full(len(t), first_bottom)
    for r, (start, top, end) in zip(p.reps, p.rep_times(), strict=True):
        up = smoothstep((t - start) / r.lift_s)
        down = smoothstep((t - top) / r.lower_s)
        inside = (t >= start) & (t < end + r.pause_s)
        rep = -r.bottom_deg + (r.over_deg + r.bottom_deg) * up * (1 - down)
        angle = np.where(inside, rep, angle)
    return angle


def back_extension(t: np.ndarray, p: BackExtensionParams) -> Posture:
    n = len(t)
    trunk = trunk_deg(t, p)
    hip_y = p.bench_height_m + BENCH_TOP_BELOW_HIP_M * p.height_m / 1.78
    back = {leg: np.full(n, 180.0) for leg in LEGS}
    return Posture(
        pelvis_xy_m=np.column_stack([np.zeros(n), np.full(n, hip_y)]),
        trunk_deg=trunk,
        thigh_deg=back,
        shank_deg=back,
        foot_deg=back,
        upper_arm_deg={leg: trunk - 120.0 for leg in LEGS},
        forearm_deg={leg: trunk + 55.0 for leg in LEGS},
    )
