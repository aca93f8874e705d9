"""Form check of the glute bridge, from the side (pure: a trajectory in, a result out).

Lying on the back, knees bent, feet flat: each repetition lifts the hips until the shoulders, hips
and knees are in one line. The angle read is how far the thigh (hip to knee) points above the
trunk's line (shoulder to hip) carried on: 0 in one line, + with the hips below it, - past it
(a phone's roll turns both lines alike, so it cancels). Criteria, as for the back extension
(bodycheck/form.py), with the bridge's words:
* ``arched``: the hips pushed past the line by more than ``over_max_deg`` (the lower back arching
  to get them higher);
* ``short``: the top more than ``short_of_line_deg`` below the line;
* ``rushed``: the lift or the lowering (10-90 % of the range) quicker than ``min_phase_s``.
Whether the lower back or the hips made the movement is not visible in a skeleton: said so.
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import GLUTE_BRIDGE
from backstride.bodycheck.form import judge, verdict
from backstride.bodycheck.reps import find_reps
from backstride.bodycheck.segments import elevation_deg, midpoint, seen_midpoint
from backstride.bodycheck.sorensen import require_side_view
from backstride.core.bodycheck import FormResult, RepVerdict
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import BodyCheckSettings

SETTINGS = BodyCheckSettings()
FAULTS = {
    "arched": (
        "you pushed your hips past the line of your shoulders and knees by arching your lower back",
        "stop when shoulders, hips and knees are in one line, ribs down",
    ),
    "short": (
        "your hips stopped below the line of your shoulders and knees",
        "squeeze your buttocks to lift them into line",
    ),
    "rushed": ("the movement was rushed", "take about 2 seconds up and 2 seconds down, pausing at the top"),
}
NOT_CHECKED = (
    "whether the lift came from your hips or your lower back: a skeleton does not show the curve of the lower back; "
    "keep the ribs down and squeeze the buttocks",
)


def hips_below_line_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the thigh's elevation above the trunk's line carried on (+: the hips below it)."""
    shoulders, hips, knees = (seen_midpoint(traj, part) for part in ("shoulder", "hip", "knee"))
    return elevation_deg(knees - hips) - elevation_deg(hips - shoulders)


def measure_glute_bridge(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> FormResult:
    _require_on_the_back(traj, name, settings)
    rule = settings.bridge
    timings = find_reps(traj.time_s, hips_below_line_deg(traj), rule)
    if not timings:
        raise NotAsGuidedError(
            f"{name}: no bridge seen: lying on your back, knees bent and feet flat, lift your hips until your "
            "shoulders, hips and knees are in one line, and lower them, several times"
        )
    reps = tuple(
        RepVerdict(i, r.start_s, r.top_s, r.end_s, r.top_deg, r.lift_s, r.lower_s, judge(r, rule))
        for i, r in enumerate(timings, 1)
    )
    return FormResult(GLUTE_BRIDGE.name, reps, verdict(reps, FAULTS), NOT_CHECKED)


def _require_on_the_back(traj: Trajectory, name: str, settings: BodyCheckSettings) -> None:
    """Refuse a clip from the front or behind, a body upright, or one not on its back with the knees up."""
    require_side_view(traj, name, settings)
    trunk = elevation_deg(midpoint(traj, "shoulder") - midpoint(traj, "hip"))
    knees_up = np.nanmedian(midpoint(traj, "hip")[:, 1] - midpoint(traj, "knee")[:, 1])
    if np.nanmedian(np.abs(trunk)) > settings.upright_deg or not knees_up > 0:
        raise NotAsGuidedError(
            f"{name}: the body is not lying on its back with the knees up: for the glute bridge lie on your back, "
            "knees bent and feet flat on the floor (see the guide: backstride check --guide --test glute-bridge)"
        )
