"""The synthetic body doing the plan's exercises, repetition by repetition, with faults injected
at known repetitions, and the truth the form check is held to.

Back extension on a bench: face down, the hips at the bench's edge, the legs held down; each
repetition lowers the trunk from in line with the legs to ``bottom_deg`` below it and lifts it
back. A repetition's faults: ``over_deg`` past the legs' line at the top (arched back), its lift
and lowering times (a rushed repetition is short), and with ``spine`` (the lumbar arc and the tape
on it, synth/posture.py) ``lumbar_deg``: the lower back rounding that much beyond neutral on the way
down to the bottom after the repetition, and straightening on the next lift (the movement from the
lower back, not the hips).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.deadlift import NEUTRAL_LUMBAR_DEG
from backstride.synth.holds import BENCH_TOP_BELOW_HIP_M, SorensenParams
from backstride.synth.model import LEGS, in_turn, smoothstep
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
    lumbar_deg: float = 0.0  # the lower back's rounding at the bottom beyond neutral (with ``spine``)


@dataclass(frozen=True)
class BackExtensionParams:
    reps: tuple[Rep, ...] = (Rep(), Rep(), Rep())
    start_s: float = 1.0
    height_m: float = 1.78
    bench_height_m: float = 0.6
    spine: bool = False  # the lumbar arc and its tape (the trunk otherwise one straight segment)

    def rep_times(self) -> list[tuple[float, float, float]]:
        """Each repetition's start, top and end (seconds)."""
        return in_turn(self.start_s, [(r.lift_s, r.lower_s, r.pause_s) for r in self.reps])

    @property
    def duration_s(self) -> float:
        return self.rep_times()[-1][2] + 1.5

    @property
    def bench(self) -> SorensenParams:
        return SorensenParams(height_m=self.height_m, bench_height_m=self.bench_height_m)


def lifted(t: np.ndarray, p: BackExtensionParams) -> tuple[np.ndarray, np.ndarray]:
    """How far up each repetition the trunk is (0 at the bottom, 1 at the top) and the repetition's index
    (-1 before the first)."""
    share, which = np.zeros(len(t)), np.full(len(t), -1)
    for k, (r, (start, top, end)) in enumerate(zip(p.reps, p.rep_times(), strict=True)):
        up = smoothstep((t - start) / r.lift_s)
        down = smoothstep((t - top) / r.lower_s)
        inside = (t >= start) & (t < end + r.pause_s)
        share = np.where(inside, up * (1 - down), share)
        which = np.where(inside, k, which)
    return share, which


def trunk_deg(t: np.ndarray, p: BackExtensionParams) -> np.ndarray:
    """The trunk's direction (0: in line with the legs, head forward; + above it, - below)."""
    share, which = lifted(t, p)
    over = np.array([r.over_deg for r in p.reps] + [0.0])[which]
    bottom = np.array([r.bottom_deg for r in p.reps] + [p.reps[0].bottom_deg])[which]
    return -bottom + (over + bottom) * share


def lumbar_bend_deg(t: np.ndarray, p: BackExtensionParams) -> np.ndarray:
    """The lower back's bend: neutral at the top, ``lumbar_deg`` rounder at the bottom after the repetition
    (and on the lift out of it: a repetition's rounding takes over at its top, where the back is straight)."""
    share, _ = lifted(t, p)
    rounding = np.full(len(t), p.reps[0].lumbar_deg)
    tops = [top for _, top, _ in p.rep_times()]
    for k in range(1, len(p.reps)):
        before, after = p.reps[k - 1].lumbar_deg, p.reps[k].lumbar_deg
        rounding = np.where(
            t >= tops[k] - 0.3, before + (after - before) * smoothstep((t - tops[k] + 0.3) / 0.6), rounding
        )
    return NEUTRAL_LUMBAR_DEG + rounding * (1 - share)


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
        lumbar_bend_deg=lumbar_bend_deg(t, p) if p.spine else None,
    )


@dataclass(frozen=True)
class BackExtensionTruth:
    """Per repetition: its top (the hips-to-shoulders line below the legs' line, past it -) and how much
    rounder the lower back was at the bottom after it than at the top (the tapes' bend)."""

    top_deg: tuple[float, ...]
    lumbar_change_deg: tuple[float, ...]


def back_extension_truth(p: BackExtensionParams) -> BackExtensionTruth:
    from backstride.synth.deadlift import tape_bend_deg
    from backstride.synth.posture import points_of

    times = p.rep_times()
    tops = np.array([top for _, top, _ in times])
    ends = np.array([end for _, _, end in times])
    pts = points_of(back_extension(np.concatenate([tops, ends]), p), p.height_m)
    chord = pts["left_shoulder"][:, :2] - pts["left_hip"][:, :2]
    below = -np.degrees(np.arctan2(chord[:, 1], chord[:, 0]))
    n = len(tops)
    change = list(tape_bend_deg(pts)[n:] - tape_bend_deg(pts)[:n]) if p.spine else [0.0] * n
    return BackExtensionTruth(tuple(float(v) for v in below[:n]), tuple(float(v) for v in change))
