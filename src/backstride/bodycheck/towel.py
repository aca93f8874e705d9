"""The towel hamstring stretch, from the side of the stretched leg (pure: a trajectory in, a result out).

Lying on the back, a towel round the foot of the leg nearer the phone, the straight leg pulled up and
held, the other leg flat on the floor. The stretched leg is read from three squares of tape on its outer
side (video/leg_tape.py, as in the Thomas test: the pose model loses a leg held up), against the trunk's
line (the shoulders, from the pose, to the hip's square, carried on past the hip: lying on the floor it
is the floor's line, and a phone's roll cancels):
* the raise: the hip-to-ankle squares' line above the trunk's line;
* the knee's bend: between the thigh (hip to knee square) and the shank (knee to ankle square);
* the other thigh off the floor: the hip's square to a fourth square on the other knee's inner side
  (seen once the near leg is up), against the trunk's line; without it the criterion is said not checked
  (the pose model read a flat far leg 15-23 deg up on renders while the near leg was held up).
A stretch is the raise above ``min_raise_deg`` for at least ``min_up_s``; its hold is the frames within
``hold_band_deg`` of its median raise, from the first to the last; the figures are medians over the hold.
Criteria: ``knee bent``, ``other leg up``, ``short`` (held under ``min_hold_s``, the plan's dose).
The stretched leg is the one nearer the phone (its left when the head is on the picture's right).
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import TOWEL_STRETCH
from backstride.bodycheck.form import verdict
from backstride.bodycheck.hold import smoothed
from backstride.bodycheck.leg_raise import angle_between_deg as _angle_deg
from backstride.bodycheck.leg_raise import near_leg
from backstride.bodycheck.segments import seen_midpoint
from backstride.bodycheck.sorensen import require_side_view
from backstride.clean.filter import true_runs
from backstride.core.bodycheck import FormResult, RepVerdict
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import BodyCheckSettings
from backstride.video.leg_tape import NAMES, OTHER_KNEE

SETTINGS = BodyCheckSettings()
FAULTS = {
    "knee bent": (
        "your knee bent, so the stretch left the back of your thigh",
        "keep the knee straight and let the leg come down until it can stay straight",
    ),
    "other leg up": (
        "your other leg came off the floor, tucking your pelvis under",
        "keep the other leg flat on the floor (press the back of its knee down)",
    ),
    "short": ("held under 30 seconds", "hold each stretch 30 seconds, twice each side"),
}
NO_TAPE = (
    "{name}: no tape found on the stretched leg: put three squares of bright tape on its outer side (the bony point "
    "at the side of the hip, the outer knee, the outer ankle) and film again (backstride check --guide --test "
    "towel-stretch); without them the pose model loses a leg held up"
)
NO_OTHER_KNEE = (
    "whether the other leg stayed flat on the floor: put a fourth square of tape on the inner side of the other "
    "knee (the pose model misreads the leg on the floor while the other is up: on renders it read a flat leg "
    "15-23 degrees up)"
)


def _trunk_line(traj: Trajectory) -> np.ndarray:
    """``[frame, 2]`` the trunk's line carried on past the hip's square (shoulders to hip)."""
    return traj.point(NAMES[0]) - seen_midpoint(traj, "shoulder")


def raise_deg(traj: Trajectory) -> np.ndarray:
    hip, ankle = traj.point(NAMES[0]), traj.point(NAMES[2])
    return _angle_deg(_trunk_line(traj), ankle - hip)


def knee_bend_deg(traj: Trajectory) -> np.ndarray:
    hip, knee, ankle = (traj.point(n) for n in NAMES)
    return _angle_deg(knee - hip, ankle - knee)


def other_thigh_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the other thigh (the hip's square to the square on the other knee's inner side) off the
    trunk's line; NaN where that square is hidden (both legs down) or not on."""
    if OTHER_KNEE not in traj.keypoints:
        return np.full(len(traj.time_s), np.nan)
    return _angle_deg(_trunk_line(traj), traj.point(OTHER_KNEE) - traj.point(NAMES[0]))


def measure_towel_stretch(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> FormResult:
    require_side_view(traj, name, settings)
    if not all(n in traj.keypoints for n in NAMES):
        raise NotAsGuidedError(NO_TAPE.format(name=name))
    rule = settings.towel
    raised = raise_deg(traj)
    steady = smoothed(traj.time_s, raised, settings.angle)
    t = traj.time_s
    ups = [(a, b) for a, b in true_runs(steady > rule.min_raise_deg) if t[b - 1] - t[a] >= rule.min_up_s]
    if not ups:
        raise NotAsGuidedError(
            f"{name}: no stretch held: pull the straight leg up with the towel to at least {rule.min_raise_deg:.0f} "
            f"degrees and hold it 30 seconds (backstride check --guide --test towel-stretch)"
        )
    bend, other = knee_bend_deg(traj), other_thigh_deg(traj)
    holds = tuple(_hold(i, a, b, t, steady, raised, bend, other, settings) for i, (a, b) in enumerate(ups, 1))
    not_seen = any(h.other_thigh_deg is None for h in holds)
    return FormResult(
        TOWEL_STRETCH.name, holds, verdict(holds, FAULTS, "hold"),
        (NO_OTHER_KNEE,) if not_seen else (),
        leg=near_leg(traj),
    )  # fmt: skip


def _median(values: np.ndarray) -> float | None:
    seen = values[np.isfinite(values)]
    return float(np.median(seen)) if len(seen) else None


def _hold(
    i: int, a: int, b: int, t: np.ndarray, steady: np.ndarray, raised: np.ndarray, bend: np.ndarray,
    other: np.ndarray, settings: BodyCheckSettings,
) -> RepVerdict:  # fmt: skip
    """Stretch ``i`` (frames ``a`` to ``b``): its hold and the figures over it."""
    rule = settings.towel
    level = float(np.median(steady[a:b]))
    inside = np.flatnonzero(np.abs(steady[a:b] - level) <= rule.hold_band_deg) + a
    first, last = int(inside[0]), int(inside[-1])
    span = slice(first, last + 1)
    held_s = float(t[last] - t[first])
    knee, thigh = _median(bend[span]), _median(other[span])
    faults = []
    if knee is not None and knee > rule.max_knee_bend_deg:
        faults.append("knee bent")
    if thigh is not None and thigh > rule.max_other_thigh_deg:
        faults.append("other leg up")
    if held_s < rule.min_hold_s:
        faults.append("short")
    return RepVerdict(
        i, float(t[first]), float((t[first] + t[last]) / 2), float(t[last]), _median(raised[span]) or level,
        float(t[first] - t[a]), float(t[b - 1] - t[last]), tuple(faults),
        held_s=held_s, knee_bend_deg=knee, other_thigh_deg=thigh,
    )  # fmt: skip
