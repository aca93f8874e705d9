"""The single-leg deadlift filmed from behind: is the pelvis square to the floor at the bottom? (pure:
a trajectory in, a result out).

The fault a coach looks for from behind is the pelvis turning about the trunk's long axis, the free
leg's side coming up ("opening the hip"). It is read from two squares of tape over the PSIS (the
dimples at the top of the buttocks; video/markers.py, the box reaching the shoulders and the tape
foreshortened as the body tips forward): the tapes' line at each repetition's bottom against its
median while standing upright, so a rolled phone cancels. The pose model's hip points are not used:
on renders of a tipped body seen from behind they read -17 to +14 deg against turns of 0 to 20 deg.

The repetitions come from how short the back looks: from behind the trunk's length in the picture
(the pose model's shoulders to its hips) is its upright length times the cosine of the tip, so the tip
is ``acos(length / upright length)`` (the upright length: the clip's 95th percentile); a repetition is
a tip past ``hinged_deg`` between two stands under ``upright_deg`` (the side view's rule), its bottom
the middle of its frames past ``hinged_deg``, and its figures are medians over ``window_s`` around that.
Criteria: ``pelvis turned`` (more than ``max_pelvis_tilt_deg``) and ``rushed`` (as from the side). The
back's and the free leg's line and the lower back's curve are seen from the side: said not checked.
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import SINGLE_LEG_DEADLIFT
from backstride.bodycheck.deadlift import FAULTS, FULL_HINGE_DEG, repetitions
from backstride.bodycheck.form import verdict
from backstride.bodycheck.reps import RepTiming
from backstride.bodycheck.segments import seen_midpoint
from backstride.core.bodycheck import FormResult, RepVerdict
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import BodyCheckSettings
from backstride.video.markers import NAMES as TAPE

SETTINGS = BodyCheckSettings()
UPRIGHT_PERCENTILE = 95.0
NOT_CHECKED = (
    "whether your back and your free leg stay in one line, and whether your lower back rounds: those are seen "
    "from the side (film a set from the side too)",
)
NO_TAPE = (
    "{name}: no tape over the dimples of your lower back was found: put two pieces of bright tape (a colour your "
    "clothes do not have), each about 4 cm square, on the two dimples at the top of your buttocks, and film again "
    "(backstride check --guide --test single-leg-deadlift)"
)


def tip_from_behind_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` how far the trunk tips forward, from how short it looks (see the module's note)."""
    length = np.linalg.norm(seen_midpoint(traj, "shoulder") - seen_midpoint(traj, "hip"), axis=1)
    upright = np.nanpercentile(length, UPRIGHT_PERCENTILE) if np.isfinite(length).any() else np.nan
    return np.degrees(np.arccos(np.clip(length / upright, 0.0, 1.0)))


def pelvis_tilt_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the tapes' line against the picture's horizontal, + the runner's left side up (from
    behind the picture's left is the runner's left)."""
    left, right = traj.point(TAPE[0]), traj.point(TAPE[1])
    return np.degrees(np.arctan2(right[:, 1] - left[:, 1], right[:, 0] - left[:, 0]))


def has_pelvis_tape(traj: Trajectory) -> bool:
    return all(n in traj.keypoints for n in TAPE) and bool(np.isfinite(traj.point(TAPE[0])[:, 0]).any())


def measure_single_leg_deadlift_from_behind(
    traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS
) -> FormResult:
    rule = settings.deadlift
    if not has_pelvis_tape(traj):
        raise NotAsGuidedError(NO_TAPE.format(name=name))
    tip = tip_from_behind_deg(traj)
    timings = repetitions(traj.time_s, tip, name, settings)
    tilt = pelvis_tilt_deg(traj)
    standing = (tip < rule.upright_deg) & np.isfinite(tilt)
    if not standing.any():
        raise NotAsGuidedError(
            f"{name}: you were never filmed standing upright with the tape in sight: stand tall for a second before "
            "the first repetition"
        )
    turned = tilt - float(np.median(tilt[standing]))
    reps = tuple(_rep(i, _at_deep_middle(r, traj.time_s, tip, rule.hinged_deg), traj.time_s, turned, settings)
                 for i, r in enumerate(timings, 1))  # fmt: skip
    return FormResult(SINGLE_LEG_DEADLIFT.name, reps, verdict(reps, faults_for(reps)), NOT_CHECKED)


def _at_deep_middle(r: RepTiming, time_s: np.ndarray, tip: np.ndarray, hinged_deg: float) -> RepTiming:
    """The repetition with its bottom at the middle of its frames tipped past ``hinged_deg``: the tip read
    from the trunk's length is flat and noisy near the bottom (its deepest frame came 0.6 s early on a
    render), the middle of a movement down and up is not."""
    from dataclasses import replace

    deep = (time_s >= r.start_s) & (time_s <= r.end_s) & (tip >= hinged_deg)
    if not deep.any():
        return r
    return replace(r, top_s=float((time_s[deep].min() + time_s[deep].max()) / 2))


def _rep(i: int, r: RepTiming, time_s: np.ndarray, turned: np.ndarray, settings: BodyCheckSettings) -> RepVerdict:
    rule = settings.deadlift
    near = (np.abs(time_s - r.top_s) <= rule.window_s) & np.isfinite(turned)
    tilt = float(np.median(turned[near])) if near.any() else None
    faults = []
    if tilt is not None and abs(tilt) > rule.max_pelvis_tilt_deg:
        faults.append("pelvis turned")
    if min(r.lift_s, r.lower_s) < rule.min_phase_s:
        faults.append("rushed")
    return RepVerdict(
        i, r.start_s, r.top_s, r.end_s, FULL_HINGE_DEG - r.top_deg, r.lower_s, r.lift_s, tuple(faults),
        pelvis_tilt_deg=tilt,
    )  # fmt: skip


def faults_for(reps: tuple[RepVerdict, ...]) -> dict[str, tuple[str, str]]:
    """What each fault means and its fix; the side that came up named from the turned repetitions."""
    ups = [r.pelvis_tilt_deg for r in reps if "pelvis turned" in r.faults and r.pelvis_tilt_deg is not None]
    side = "one" if not ups or (min(ups) < 0 < max(ups)) else ("its left" if ups[0] > 0 else "its right")
    return {
        "pelvis turned": (f"your pelvis turned, {side} side up (its hip opened)", FAULTS["pelvis turned"][1]),
        "rushed": FAULTS["rushed"],
    }
