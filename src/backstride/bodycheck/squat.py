"""The single-leg squat filmed from behind: per repetition, how far the standing knee comes inside
the line from the hip to the ankle and how far the pelvis drops on the free side (pure: a
trajectory in, a result out).

* The standing leg: the one whose ankle is lower in the picture by ``lifted_share`` of the leg's
  length. The legs are named by the side of the picture they are on, as seen from behind (the
  guide's view): the pose model's own left and right labels flip on bodies seen from behind (on
  the renders, with knee-length tights it labelled them as if facing the camera).
* A repetition: the pelvis (the hips' midpoint) going down by more than ``bottom_band_pct`` of the
  leg's length below its standing height and back up within ``top_band_pct`` of it
  (:func:`backstride.bodycheck.reps.find_reps_in` on the negated depth).
* Knee: the frontal-plane projection angle (FPPA, Willson 2006) at the bottom: the angle between
  the hip-to-knee and knee-to-ankle lines, + when the knee is inside (towards the other leg) of
  the hip-ankle line (valgus); the median over ``bottom_window_s`` around the deepest frame.
* Pelvis: the free side below the standing side at the bottom, against the pelvis's line while
  standing on both feet (which cancels a rolled phone). From tape over the PSIS when the clip has
  it (the 2-D pelvic-drop protocol, as in the running analysis), else from the pose model's hip
  points, which follow only part of the pelvis's roll and read low (said so).
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import SINGLE_LEG_SQUAT
from backstride.bodycheck.form import numbers
from backstride.bodycheck.reps import Bands, find_reps_in
from backstride.bodycheck.segments import elevation_deg, legs_px
from backstride.core.bodycheck import SquatLeg, SquatRep, SquatResult
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError, ViewError
from backstride.person.view import FRONTAL_SHOULDER_RATIO, detect_view
from backstride.settings import BodyCheckSettings, SquatRule
from backstride.video.markers import NAMES as TAPE

SETTINGS = BodyCheckSettings()
SIDES = ("left", "right")  # as seen from behind: the picture's left is the runner's left
#: Each fault: what went wrong, and what to do instead (in the runner's words).
FAULTS = {
    "knee in": (
        "your knee came inside the line from your hip to your foot",
        "keep the knee over the middle of your foot (push it gently out, towards your little toe)",
    ),
    "pelvis drop": (
        "your pelvis dropped on the side of the lifted leg",
        "keep the hips level: squeeze the buttock of the standing leg, and go less deep until you can",
    ),
}


def measure_single_leg_squat(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> SquatResult:
    rule = settings.squat
    _require_from_behind(traj, name, settings)
    chains = _chains_by_side(traj)
    leg_px = _leg_length_px(traj, chains)
    lift = lift_share(traj, chains, leg_px, rule)
    if not np.nanmax(np.abs(lift), initial=0.0) > rule.lifted_share:
        raise NotAsGuidedError(
            f"{name}: you never stood on one leg: lift one foot off the floor (the guide: backstride check --guide "
            "--test single-leg-squat)"
        )
    depth = depth_pct(traj, leg_px)
    timings = find_reps_in(traj.time_s, -depth, _bands(rule))
    both_feet = (np.abs(lift) < rule.level_share) & (depth < rule.top_band_pct)
    level_deg, from_tape = _pelvis_level(traj, chains, both_feet, rule)
    reps, per_leg = [], dict.fromkeys(SIDES, 0)
    for r in timings:
        inside = (traj.time_s >= r.start_s) & (traj.time_s <= r.end_s) & (depth > rule.top_band_pct)
        leg = leg_of(standing_leg_of(lift, inside), rule)
        if leg is None:
            continue  # a squat on both legs
        per_leg[leg] += 1
        knee = _at_bottom(traj, knee_in_deg(traj, chains, leg), r.top_s, rule)
        reference = (level_deg or 0.0) * (1.0 if leg == "left" else -1.0)
        drop = _at_bottom(traj, pelvis_drop_deg(traj, chains, leg, from_tape) - reference, r.top_s, rule)
        reps.append(
            SquatRep(leg, per_leg[leg], r.start_s, r.top_s, r.end_s, -r.top_deg, knee, drop, _faults(knee, drop, rule))
        )
    if not reps:
        raise NotAsGuidedError(
            f"{name}: no single-leg squat seen: standing on one leg, bend its knee until your hips are a hand lower, "
            "and come back up, several times"
        )
    legs = tuple(_leg_summary(leg, [r for r in reps if r.leg == leg]) for leg in SIDES if per_leg[leg])
    return SquatResult(
        test=SINGLE_LEG_SQUAT.name, reps=tuple(reps), legs=legs, verdict=verdict(tuple(reps)),
        pelvis_from="tape over the PSIS" if from_tape else "the pose model's hip points",
        warnings=_warnings(legs, from_tape, level_deg is not None),
    )  # fmt: skip


def _require_from_behind(traj: Trajectory, name: str, settings: BodyCheckSettings) -> None:
    view = detect_view(traj)
    if not view.shoulder_ratio > FRONTAL_SHOULDER_RATIO:
        raise ViewError(
            f"{name}: this looks filmed from the side (the shoulders {view.shoulder_ratio:.2f} trunk lengths apart); "
            "film the single-leg squat from behind, the phone at hip height, 2-3 m away"
        )
    if np.nanmedian(np.abs(elevation_deg(legs_px(traj)))) < settings.upright_deg:
        raise NotAsGuidedError(
            f"{name}: the body is not upright: the single-leg squat is done standing (backstride check --guide "
            "--test single-leg-squat)"
        )


def _chains_by_side(traj: Trajectory) -> dict[str, str]:
    """The pose model's label ("left_"/"right_") of the leg on each side of the picture."""
    on_left = np.nanmedian(traj.point("left_hip")[:, 0] - traj.point("right_hip")[:, 0]) < 0
    return {"left": "left_", "right": "right_"} if on_left else {"left": "right_", "right": "left_"}


def _p(traj: Trajectory, chains: dict[str, str], side: str, part: str) -> np.ndarray:
    return traj.point(chains[side] + part)


def _leg_length_px(traj: Trajectory, chains: dict[str, str]) -> float:
    lengths = [np.linalg.norm(_p(traj, chains, s, "ankle") - _p(traj, chains, s, "hip"), axis=1) for s in SIDES]
    return float(np.nanpercentile(np.concatenate(lengths), 90))


def lift_share(traj: Trajectory, chains: dict[str, str], leg_px: float, rule: SquatRule) -> np.ndarray:
    """``[frame]`` how much lower the left ankle is than the right, in leg lengths (+: the left
    stands, the right foot is lifted), after a running median over ``lift_median_s`` (the lifted
    ankle's point flickers)."""
    from scipy import ndimage

    raw = (_p(traj, chains, "left", "ankle")[:, 1] - _p(traj, chains, "right", "ankle")[:, 1]) / leg_px
    seen = np.isfinite(raw)
    if not seen.any():
        return raw
    filled = np.interp(np.arange(len(raw)), np.flatnonzero(seen), raw[seen])
    size = max(3, int(rule.lift_median_s * traj.sample_rate_hz) | 1)
    return ndimage.median_filter(filled, size=size, mode="nearest")


def standing_leg_of(lift: np.ndarray, squatting: np.ndarray) -> float:
    """The median lift over a repetition's frames below standing height (``squatting``): the lifted
    foot sinks as the pelvis goes down, so single frames near the bottom are not enough."""
    return float(np.nanmedian(lift[squatting])) if squatting.any() else 0.0


def leg_of(median_lift: float, rule: SquatRule) -> str | None:
    """The standing leg for a median lift beyond ``lifted_share``, else None (a squat on both feet)."""
    if abs(median_lift) < rule.lifted_share:
        return None
    return "left" if median_lift > 0 else "right"


def depth_pct(traj: Trajectory, leg_px: float) -> np.ndarray:
    """How far the pelvis is below its standing height, in % of the leg's length."""
    mid_y = (traj.point("left_hip")[:, 1] + traj.point("right_hip")[:, 1]) / 2
    return (mid_y - np.nanpercentile(mid_y, 5)) / leg_px * 100.0


def _bands(rule: SquatRule) -> Bands:
    # find_reps_in reads tops between bottoms; negated, a squat's deepest point is the "top"
    return Bands(rule.cutoff_hz, -rule.bottom_band_pct, -rule.top_band_pct, rule.rise_share)


def knee_in_deg(traj: Trajectory, chains: dict[str, str], side: str) -> np.ndarray:
    """``[frame]`` the FPPA of ``side``'s knee: + inside the hip-ankle line (towards the other leg)."""
    hip, knee, ankle = (_p(traj, chains, side, part) for part in ("hip", "knee", "ankle"))
    a, b = knee - hip, ankle - knee
    turn = np.degrees(np.arctan2(a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0], (a * b).sum(axis=1)))
    # image y is down: going down the left leg (picture left), a knee inside (to the right) turns the line clockwise
    return turn if side == "left" else -turn


def pelvis_drop_deg(traj: Trajectory, chains: dict[str, str], side: str, from_tape: bool) -> np.ndarray:
    """``[frame]`` the free side's drop below ``side`` (standing), as the pelvis's line's angle."""
    left, right = (traj.point(TAPE[0]), traj.point(TAPE[1])) if from_tape else (
        _p(traj, chains, "left", "hip"), _p(traj, chains, "right", "hip"))  # fmt: skip
    left_up = np.degrees(np.arctan2(left[:, 1] - right[:, 1], np.abs(right[:, 0] - left[:, 0]))) * -1.0
    return left_up if side == "left" else -left_up


def _pelvis_level(
    traj: Trajectory, chains: dict[str, str], both_feet: np.ndarray, rule: SquatRule
) -> tuple[float | None, bool]:
    """The pelvis's line (+ left side up) while standing on both feet (None: not seen for
    ``min_reference_s``), and whether it is read from the tape."""
    from_tape = all(n in traj.keypoints for n in TAPE) and bool(np.isfinite(traj.point(TAPE[0])[:, 0]).any())
    line = pelvis_drop_deg(traj, chains, "left", from_tape)
    seen = both_feet & np.isfinite(line)
    if seen.sum() / traj.sample_rate_hz < rule.min_reference_s:
        return None, from_tape
    return float(np.median(line[seen])), from_tape


def _at_bottom(traj: Trajectory, series: np.ndarray, bottom_s: float, rule: SquatRule) -> float:
    near = np.abs(traj.time_s - bottom_s) <= rule.bottom_window_s
    vals = series[near & np.isfinite(series)]
    return float(np.median(vals)) if len(vals) else float("nan")


def _faults(knee_deg: float, drop_deg: float, rule: SquatRule) -> tuple[str, ...]:
    faults = []
    if knee_deg > rule.knee_in_max_deg:
        faults.append("knee in")
    if drop_deg > rule.pelvis_drop_max_deg:
        faults.append("pelvis drop")
    return tuple(faults)


def _leg_summary(leg: str, reps: list[SquatRep]) -> SquatLeg:
    return SquatLeg(
        leg,
        len(reps),
        float(np.nanmedian([r.knee_in_deg for r in reps])),
        float(np.nanmedian([r.pelvis_drop_deg for r in reps])),
        float(np.nanmedian([r.depth_pct for r in reps])),
    )


def verdict(reps: tuple[SquatRep, ...]) -> tuple[str, ...]:
    """A line per leg and fault naming its repetitions, and the repetitions done right."""
    lines = []
    for leg in SIDES:
        mine = [r for r in reps if r.leg == leg]
        for key, (what, fix) in FAULTS.items():
            ns = [r.number for r in mine if key in r.faults]
            if ns:
                lines.append(f"{leg.capitalize()} leg, {numbers(ns)}: {what}; {fix}.")
        right = [r.number for r in mine if not r.faults]
        if right:
            lines.append(f"{leg.capitalize()} leg, {numbers(right)}: done right.")
    return tuple(lines)


def _warnings(legs: tuple[SquatLeg, ...], from_tape: bool, level_found: bool) -> tuple[str, ...]:
    notes = []
    if len(legs) < 2:
        missing = "right" if legs[0].leg == "left" else "left"
        notes.append(f"no squat on the {missing} leg was seen: film both legs, one after the other")
    if not from_tape:
        notes.append(
            "no tape over the dimples of the lower back was found: the pelvis was read from the pose model's hip "
            "points, which follow only part of a drop (on renders they read 0-2 degrees of a 7-8 degree drop); "
            "put two pieces of bright tape on the dimples (the guide) to measure it"
        )
    if not level_found:
        notes.append(
            "you were not filmed standing on both feet for half a second: the pelvis was read against the picture's "
            "horizontal, so a tilted phone adds to it; stand still on both feet first"
        )
    return tuple(notes)
