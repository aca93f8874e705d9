"""The Biering-Sorensen hold measured from a side view (pure: a trajectory in, a result out)."""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import SORENSEN
from backstride.bodycheck.hold import Hold, find_hold
from backstride.bodycheck.segments import (
    elevation_deg,
    hip_separation_px,
    legs_elevation_deg,
    legs_px,
    length_px,
    trunk_below_legs_deg,
    trunk_px,
)
from backstride.core.bodycheck import HoldResult
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError, ViewError
from backstride.settings import BodyCheckSettings

SETTINGS = BodyCheckSettings()


def measure_sorensen(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> HoldResult:
    """The hold in ``traj`` (one person's keypoints, gated by visibility); ``name``: the clip's,
    for the refusals."""
    require_on_the_bench(traj, name, settings, SORENSEN.name)
    found = find_hold(traj.time_s, trunk_below_legs_deg(traj), settings.hold)
    if not isinstance(found, Hold):
        raise NotAsGuidedError(
            f"{name}: the upper body never came in line with the legs for a second (nearest: "
            f"{found.nearest_deg:.0f} degrees below the line); lift it until it is level with your legs and hold it"
        )
    if found.ended and found.seconds < settings.shortest_hold_s:
        raise NotAsGuidedError(
            f"{name}: the position was held only {found.seconds:.1f} s; film the whole test: hold as long as you can"
        )
    roll = legs_elevation_deg(traj)
    return HoldResult(
        test=SORENSEN.name, seconds=found.seconds, start_s=found.start_s, end_s=found.end_s, ended=found.ended,
        best_off_position_deg=found.best_deg, picture_time_s=found.end_s, camera_roll_deg=roll,
        warnings=_warnings(found, roll, settings),
    )  # fmt: skip


def require_on_the_bench(traj: Trajectory, name: str, settings: BodyCheckSettings, test: str) -> None:
    """Refuse a clip filmed from the front or behind, or of a body upright (legs steeper than
    ``upright_deg``) instead of lying face down on the bench."""
    require_side_view(traj, name, settings)
    if np.nanmedian(np.abs(elevation_deg(legs_px(traj)))) > settings.upright_deg:
        raise NotAsGuidedError(
            f"{name}: the body is upright, not lying: for this test lie face down with your hips at the edge "
            f"of a bench, your legs held down (see the guide: backstride check --guide --test {test})"
        )


def require_side_view(traj: Trajectory, name: str, settings: BodyCheckSettings) -> None:
    """Refuse a clip filmed from the front or behind: from the side the two hips nearly coincide."""
    ratio = np.nanmedian(length_px(trunk_px(traj))) / max(float(np.nanmedian(hip_separation_px(traj))), 1.0)
    if not ratio >= settings.min_side_ratio:
        raise ViewError(
            f"{name}: this looks filmed from in front or behind (the hips {1 / ratio:.0%} of the trunk's length "
            "apart); film this test from the side, the phone level with the body"
        )


def _warnings(hold: Hold, roll_deg: float, settings: BodyCheckSettings) -> tuple[str, ...]:
    notes = []
    if not hold.ended:
        notes.append(
            f"the clip ended (or the body left the picture) before the position was lost: you held at least "
            f"{hold.seconds:.0f} s; film until you stop next time"
        )
    if abs(roll_deg) > settings.roll_warn_deg:
        notes.append(
            f"the legs' line is {abs(roll_deg):.0f} degrees from level: the bench or the phone is tilted; the "
            "time is measured against the legs, so it holds, but level the phone next time"
        )
    return tuple(notes)
