"""The Biering-Sorensen hold measured from a side view (pure: a trajectory in, a result out)."""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import SORENSEN
from backstride.bodycheck.hold import Hold, HoldRule, find_hold
from backstride.bodycheck.segments import elevation_deg, hip_separation_px, legs_px, length_px, trunk_below_legs_deg
from backstride.core.bodycheck import HoldResult
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError, ViewError

RULE = HoldRule(start_within_deg=5.0, end_beyond_deg=10.0, settle_s=1.0, end_for_s=0.5, cutoff_hz=2.0)
MIN_SIDE_RATIO = 3.0  # trunk length over hip separation: a side view shows the hips nearly on top of each other
UPRIGHT_DEG = 60.0  # legs steeper than this against the image's horizontal: the body is upright, not lying
ROLL_WARN_DEG = 5.0  # the legs' line this far from level: the bench or the phone is tilted
SHORTEST_HOLD_S = 2.0


def measure_sorensen(traj: Trajectory, name: str) -> HoldResult:
    """The hold in ``traj`` (one person's keypoints, gated by visibility); ``name``: the clip's,
    for the refusals."""
    legs_elev = elevation_deg(legs_px(traj))
    _require_side_view(traj, name)
    if np.nanmedian(np.abs(legs_elev)) > UPRIGHT_DEG:
        raise NotAsGuidedError(
            f"{name}: the body is upright, not lying: for this test lie face down with your hips at the edge "
            "of a bench, your legs held down (see the guide: backstride check --guide sorensen)"
        )
    found = find_hold(traj.time_s, trunk_below_legs_deg(traj), RULE)
    if not isinstance(found, Hold):
        raise NotAsGuidedError(
            f"{name}: the upper body never came in line with the legs for a second (nearest: "
            f"{found.nearest_deg:.0f} degrees below the line); lift it until it is level with your legs and hold it"
        )
    if found.ended and found.seconds < SHORTEST_HOLD_S:
        raise NotAsGuidedError(
            f"{name}: the position was held only {found.seconds:.1f} s; film the whole test: hold as long as you can"
        )
    held = (traj.time_s >= found.start_s) & (traj.time_s <= found.end_s)
    roll = float(np.nanmedian(-elevation_deg(-legs_px(traj))[held]))
    return HoldResult(
        test=SORENSEN.name, seconds=found.seconds, start_s=found.start_s, end_s=found.end_s, ended=found.ended,
        best_off_position_deg=found.best_deg, picture_time_s=found.end_s, camera_roll_deg=roll,
        warnings=_warnings(found, roll),
    )  # fmt: skip


def _require_side_view(traj: Trajectory, name: str) -> None:
    ratio = np.nanmedian(length_px(traj.point("left_shoulder") - traj.point("left_hip"))) / max(
        float(np.nanmedian(hip_separation_px(traj))), 1.0
    )
    if not ratio >= MIN_SIDE_RATIO:
        raise ViewError(
            f"{name}: this looks filmed from in front or behind (the hips {1 / ratio:.0%} of the trunk's length "
            "apart); film this test from the side, the phone level with the bench"
        )


def _warnings(hold: Hold, roll_deg: float) -> tuple[str, ...]:
    notes = []
    if not hold.ended:
        notes.append(
            f"the clip ended (or the body left the picture) before the position was lost: you held at least "
            f"{hold.seconds:.0f} s; film until you stop next time"
        )
    if abs(roll_deg) > ROLL_WARN_DEG:
        notes.append(
            f"the legs' line is {abs(roll_deg):.0f} degrees from level: the bench or the phone is tilted; the "
            "time is measured against the legs, so it holds, but level the phone next time"
        )
    return tuple(notes)
