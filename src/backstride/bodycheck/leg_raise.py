"""The straight-leg raise (hamstring length) measured from a side view, both legs in one clip
(pure: a trajectory in, a result out).

Each leg's line runs from its hip to its ankle. The angle of a raise is the angle between the
raised leg and the leg resting on the floor (so a phone held at a slant does not change it, and a
raise past the vertical still reads right). A raise is a stretch of at least ``MIN_RAISE_S`` where
the legs are more than ``raise_deg`` apart.

Which leg: from the side a pose model cannot tell a raised near leg from a raised far one (it
swapped them on renders filmed from the runner's right), so the guide fixes the order: the leg
nearer the phone first, then the other, and the raises are named in that order. The near side
follows from the picture: lying on the back (the nose above the shoulders), the head on the
picture's right means the runner's left side faces the phone.
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import STRAIGHT_LEG_RAISE
from backstride.bodycheck.hold import smoothed
from backstride.bodycheck.segments import elevation_deg, midpoint
from backstride.bodycheck.sorensen import require_side_view
from backstride.clean.filter import true_runs
from backstride.core.bodycheck import AngleResult, LegAngle
from backstride.core.trajectory import FEET, Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import BodyCheckSettings

SETTINGS = BodyCheckSettings()


def leg_px(traj: Trajectory, leg: str) -> np.ndarray:
    return traj.point(f"{leg}_ankle") - traj.point(f"{leg}_hip")


def angle_between_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``[frame]`` unsigned angle between two ``[frame, 2]`` vectors (0-180)."""
    cross = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]
    return np.degrees(np.abs(np.arctan2(cross, (a * b).sum(axis=1))))


def knee_flexion_deg(traj: Trajectory, leg: str) -> np.ndarray:
    thigh = traj.point(f"{leg}_knee") - traj.point(f"{leg}_hip")
    shank = traj.point(f"{leg}_ankle") - traj.point(f"{leg}_knee")
    return angle_between_deg(thigh, shank)


def measure_leg_raise(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> AngleResult:
    """Each leg's highest straight-leg raise in ``traj`` (one person's keypoints, gated by visibility)."""
    _require_lying_side_view(traj, name, settings)
    rule = settings.angle
    apart = smoothed(traj.time_s, angle_between_deg(leg_px(traj, "left"), leg_px(traj, "right")), rule)
    raises = _raises(traj.time_s, apart, settings)
    if not raises:
        raise NotAsGuidedError(
            f"{name}: no leg raise seen (the legs were at most {np.nanmax(apart):.0f} degrees apart); lying on your "
            "back, raise one straight leg as high as it goes, lower it, then the other"
        )
    near = near_leg(traj)
    best: dict[str, LegAngle] = {}
    steady = _moving_median(apart, max(1, int(round(settings.peak_hold_s * traj.sample_rate_hz))))
    for k, (a, b) in enumerate(raises):
        peak = a + int(np.nanargmax(steady[a:b]))
        leg = near if k % 2 == 0 else other_leg(near)
        up, _ = raised_and_resting(traj, peak)
        knee = smoothed(traj.time_s, knee_flexion_deg(traj, up), rule)
        found = LegAngle(leg, float(steady[peak]), float(knee[peak]), float(traj.time_s[peak]))
        if leg not in best or found.angle_deg > best[leg].angle_deg:
            best[leg] = found
    legs = tuple(best[leg] for leg in FEET if leg in best)
    roll = _resting_roll_deg(traj, legs)
    return AngleResult(STRAIGHT_LEG_RAISE.name, legs, roll, _warnings(legs, roll, settings))


def _raises(time_s: np.ndarray, apart_deg: np.ndarray, settings: BodyCheckSettings) -> list[tuple[int, int]]:
    """``[start, stop)`` frames of each raise: the legs apart by more than ``raise_deg``, dips shorter
    than ``raise_merge_s`` bridged (the pose model put the resting ankle on the raised leg for a few
    frames on renders), at least ``min_raise_s`` long."""
    merged: list[tuple[int, int]] = []
    for a, b in true_runs(apart_deg > settings.raise_deg):
        if merged and time_s[a] - time_s[merged[-1][1] - 1] < settings.raise_merge_s:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return [(a, b) for a, b in merged if time_s[b - 1] - time_s[a] >= settings.min_raise_s]


def _moving_median(x: np.ndarray, width: int) -> np.ndarray:
    """The median over ``width`` frames centred on each (NaN ignored): a peak must last, a glitch does not."""
    import warnings

    from numpy.lib.stride_tricks import sliding_window_view

    half = width // 2
    padded = np.pad(x, (half, width - 1 - half), mode="edge")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN window stays NaN
        return np.nanmedian(sliding_window_view(padded, width), axis=1)


def other_leg(leg: str) -> str:
    return "right" if leg == "left" else "left"


def near_leg(traj: Trajectory) -> str:
    """The leg nearer the camera of a body lying on its back: its left when the head is on the
    picture's right."""
    head_x = np.nanmedian(midpoint(traj, "shoulder")[:, 0] - midpoint(traj, "hip")[:, 0])
    return "left" if head_x > 0 else "right"


def raised_and_resting(traj: Trajectory, row: int) -> tuple[str, str]:
    """The labels of the raised and the resting leg at frame ``row``, from the picture (the raised
    leg's line is the steeper), not from the raise's order: the pose model's labels may be swapped."""
    steep = {leg: abs(float(elevation_deg(leg_px(traj, leg)[row : row + 1])[0])) for leg in FEET}
    up = max(FEET, key=lambda leg: steep[leg] if np.isfinite(steep[leg]) else -1.0)
    return up, other_leg(up)


def _resting_roll_deg(traj: Trajectory, legs: tuple[LegAngle, ...]) -> float:
    """The resting leg's line against the image's horizontal at each peak (median)."""
    rolls = []
    for found in legs:
        row = int(np.argmin(np.abs(traj.time_s - found.time_s)))
        _, rest = raised_and_resting(traj, row)
        rolls.append(float(elevation_deg(leg_px(traj, rest)[row : row + 1])[0]))
    return float(np.median(rolls)) if rolls else 0.0


def _require_lying_side_view(traj: Trajectory, name: str, settings: BodyCheckSettings) -> None:
    require_side_view(traj, name, settings)
    trunk_up = np.nanmedian(np.abs(elevation_deg(midpoint(traj, "shoulder") - midpoint(traj, "hip"))))
    face_up = np.nanmedian(midpoint(traj, "shoulder")[:, 1] - traj.point("nose")[:, 1]) > 0  # image y: down
    if trunk_up > settings.upright_deg or not face_up:
        how = "upright" if trunk_up > settings.upright_deg else "lying face down"
        raise NotAsGuidedError(
            f"{name}: the body is {how}: for this test lie on your back on the floor or a firm bed "
            "(see the guide: backstride check --guide --test slr)"
        )


def _warnings(legs: tuple[LegAngle, ...], roll_deg: float, settings: BodyCheckSettings) -> tuple[str, ...]:
    notes = [
        f"your {a.leg} knee bent {a.knee_flexion_deg:.0f} degrees at the top: the test needs a straight knee, and a "
        "bent one makes the angle read low; keep it straight and raise only as far as it goes"
        for a in legs
        if a.knee_flexion_deg > settings.max_knee_bend_deg
    ]
    missing = [leg for leg in FEET if leg not in {a.leg for a in legs}]
    if missing:
        notes.append(f"no raise of the {missing[0]} leg was seen: raise both legs, one after the other")
    if abs(roll_deg) > settings.roll_warn_deg:
        notes.append(
            f"the resting leg's line is {abs(roll_deg):.0f} degrees from level: the phone or the floor is tilted; the "
            "angle is measured against the resting leg, so it holds, but level the phone next time"
        )
    return tuple(notes)
