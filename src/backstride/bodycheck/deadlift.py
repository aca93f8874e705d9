"""Form check of the single-leg deadlift, from the side (pure: a trajectory in, a result out).

Standing on one leg, the body hinges forward at the hip while the free leg swings back, the back and
the free leg in one line, and comes back up. Read per frame:
* the hinge: the back's line (hips to shoulders) against the standing leg's (ankle to hips), so a
  phone's roll cancels; the standing ankle is the one nearer the clip's standing spot (the lower
  ankle's median place: the standing foot does not move, the free one swings back and up);
* a repetition: the hinge past ``hinged_deg`` between two stands under ``upright_deg``; its deepest
  point is where the figures are read (medians over ``window_s`` either side);
* the free leg below the back's line carried on past the hips (+ below, towards the standing foot);
* the lower back's bend from three strips of tape on the spine (bodycheck/lumbar.py): its change from
  standing (the median over the clip's frames with the hinge under ``standing_deg``: one figure, the
  runner's own neutral curve) to the deepest point, flexion +.
Criteria, each with what the runner is told: ``lower back`` (the bend grew by more than the lumbar
band: the movement came from the lower back), ``leg low`` (the free leg more than
``max_leg_below_deg`` below the back's line), ``rushed`` (down or up quicker than ``min_phase_s``).
The pelvis's level is seen from behind only (bodycheck/deadlift_behind.py, the same test filmed from
behind): said not checked here.
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import SINGLE_LEG_DEADLIFT
from backstride.bodycheck.form import verdict
from backstride.bodycheck.lumbar import has_spine_tape, lumbar_bend_deg, tape_too_small
from backstride.bodycheck.reps import Bands, RepTiming, find_reps_in
from backstride.bodycheck.segments import seen_midpoint
from backstride.bodycheck.sorensen import require_side_view
from backstride.core.bodycheck import FormResult, RepVerdict
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import BodyCheckSettings

SETTINGS = BodyCheckSettings()
FULL_HINGE_DEG = 90.0  # the back level with the floor: the repetition finder's "top" (0)
FAULTS = {
    "lower back": (
        "the movement came from your lower back, not your hips: it rounded as you went down",
        "push your hips back and keep your lower back's curve as it is when you stand; go only as low as that allows",
    ),
    "leg low": (
        "your free leg hung below the line of your back",
        "keep your back and your free leg in one line, like a see-saw tipping at the hip",
    ),
    "rushed": ("the movement was rushed", "take about 2 seconds down and 2 seconds up"),
    "pelvis turned": (  # from behind (bodycheck/deadlift_behind.py names the side that came up)
        "your pelvis turned, the lifted leg's side up (its hip opened)",
        "keep both hips pointing at the floor: turn the toes of the lifted leg down, and go only as low as you can "
        "with your hips square",
    ),
}
NO_TAPE = (
    "whether the movement came from your hips or your lower back: put three strips of tape across your spine "
    "(see the guide) and film again",
)
ALWAYS_NOT_CHECKED = (
    "whether your pelvis stays square to the floor: that is seen from behind (film a set from behind with tape "
    "on the two dimples at the top of your buttocks: the guide)",
)


def _angle_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``[frame]`` the unsigned angle between two ``[frame, 2]`` vectors."""
    cross = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]
    return np.degrees(np.abs(np.arctan2(cross, np.einsum("ij,ij->i", a, b))))


def ankles(traj: Trajectory) -> tuple[np.ndarray, np.ndarray]:
    """``[frame, 2]`` the standing ankle and the free one (see the module's note)."""
    both = np.stack([traj.point("left_ankle"), traj.point("right_ankle")])
    lower = np.where((both[0, :, 1] >= both[1, :, 1])[:, None], both[0], both[1])
    lower = np.where(np.isfinite(lower), lower, np.where(np.isfinite(both[0]), both[0], both[1]))
    spot = np.nanmedian(lower, axis=0)
    dist = np.linalg.norm(both - spot, axis=2)
    first = np.nan_to_num(dist[0], nan=np.inf) <= np.nan_to_num(dist[1], nan=np.inf)
    standing = np.where(first[:, None], both[0], both[1])
    free = np.where(first[:, None], both[1], both[0])
    return standing, free


def hinge_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the back's line (hips to shoulders) against the standing leg's (ankle to hips): 0 upright."""
    hips, shoulders = seen_midpoint(traj, "hip"), seen_midpoint(traj, "shoulder")
    standing, _ = ankles(traj)
    return _angle_deg(shoulders - hips, hips - standing)


def leg_below_back_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the free leg (hips to ankle) below the back's line carried on past the hips (+ below)."""
    hips, shoulders = seen_midpoint(traj, "hip"), seen_midpoint(traj, "shoulder")
    standing, free = ankles(traj)
    back = hips - shoulders
    angle = _angle_deg(back, free - hips)
    side = _cross(back, free - hips) * _cross(back, standing - hips)
    return np.where(side >= 0, angle, -angle)


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]


def _median_near(time_s: np.ndarray, values: np.ndarray, at_s: float, half_s: float) -> float | None:
    near = (np.abs(time_s - at_s) <= half_s) & np.isfinite(values)
    return float(np.median(values[near])) if near.any() else None


def _rep(
    i: int, r: RepTiming, time_s: np.ndarray, leg_below: np.ndarray, rounder: np.ndarray | None,
    settings: BodyCheckSettings,
) -> RepVerdict:  # fmt: skip
    """One repetition from the clip's series: the free leg below the back's line, and the lower back's
    bend against standing (None: no tape)."""
    rule = settings.deadlift
    leg = _median_near(time_s, leg_below, r.top_s, rule.window_s)
    change = None if rounder is None else _median_near(time_s, rounder, r.top_s, rule.window_s)
    faults = []
    if change is not None and change > settings.lumbar_band_deg:
        faults.append("lower back")
    if leg is not None and leg > rule.max_leg_below_deg:
        faults.append("leg low")
    if min(r.lift_s, r.lower_s) < rule.min_phase_s:
        faults.append("rushed")
    # the finder's "lift" is towards its top (the deepest hinge): the way down
    return RepVerdict(
        i, r.start_s, r.top_s, r.end_s, FULL_HINGE_DEG - r.top_deg, r.lower_s, r.lift_s, tuple(faults),
        lumbar_change_deg=change, leg_below_back_deg=leg,
    )  # fmt: skip


def measure_single_leg_deadlift(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> FormResult:
    require_side_view(traj, name, settings)
    rule = settings.deadlift
    hinge = hinge_deg(traj)
    timings = repetitions(traj.time_s, hinge, name, settings)
    tape = has_spine_tape(traj)
    rounder = _rounder_than_standing(lumbar_bend_deg(traj), hinge, rule.standing_deg) if tape else None
    leg_below = leg_below_back_deg(traj)
    reps = tuple(_rep(i, r, traj.time_s, leg_below, rounder, settings) for i, r in enumerate(timings, 1))
    not_checked = ALWAYS_NOT_CHECKED if tape else NO_TAPE + ALWAYS_NOT_CHECKED
    warnings = tape_too_small(traj, settings) if tape else ()
    return FormResult(SINGLE_LEG_DEADLIFT.name, reps, verdict(reps, FAULTS), not_checked, warnings)


def repetitions(time_s: np.ndarray, hinge: np.ndarray, name: str, settings: BodyCheckSettings) -> list[RepTiming]:
    """The repetitions in a hinge series (0 upright), from the side or from behind; none is a refusal."""
    rule = settings.deadlift
    bands = Bands(rule.cutoff_hz, FULL_HINGE_DEG - rule.hinged_deg, FULL_HINGE_DEG - rule.upright_deg, rule.rise_share)
    timings = find_reps_in(time_s, FULL_HINGE_DEG - hinge, bands)
    if not timings:
        raise NotAsGuidedError(
            f"{name}: no repetition seen: standing on one leg, tip your body forward from the hips at least "
            f"{rule.hinged_deg:.0f} degrees while the other leg swings back, and come back up, several times "
            "(see the guide: backstride check --guide --test single-leg-deadlift)"
        )
    return timings


def _rounder_than_standing(bend: np.ndarray, hinge: np.ndarray, standing_deg: float) -> np.ndarray | None:
    """``[frame]`` the bend against its median while standing (the hinge under ``standing_deg``: the
    runner's own neutral curve); None without a standing frame."""
    upright = (hinge < standing_deg) & np.isfinite(bend)
    return bend - float(np.median(bend[upright])) if upright.any() else None
