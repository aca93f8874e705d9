"""McGill's trunk-flexor endurance test measured from a side view (pure: a trajectory in, a result out).

Sitting on the floor, knees bent, feet held, arms crossed, the trunk leaning back to 60 degrees
from the floor and held until it falls back. The floor's line is the legs' (hips to ankles: both
near the floor when sitting), one figure for the clip (their median: the legs do not move), so a
phone at a slant changes nothing. The hold starts within ``flexor_hold.start_within_deg`` of 60
degrees and ends when the trunk has fallen back more than ``end_beyond_deg`` below it.
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import FLEXOR
from backstride.bodycheck.hold import Hold, clip_ended_note, find_hold, require_long_enough
from backstride.bodycheck.segments import elevation_deg, legs_px, trunk_px
from backstride.bodycheck.sorensen import require_side_view
from backstride.core.bodycheck import HoldResult
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import BodyCheckSettings

SETTINGS = BodyCheckSettings()


def floor_elevation_deg(traj: Trajectory) -> float:
    """The floor's line (the legs', from the ankles back towards the hips) against the image's horizontal."""
    return float(np.nanmedian(elevation_deg(-legs_px(traj))))


def trunk_up_from_floor_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the trunk's angle up from the floor behind the runner (90: upright)."""
    return elevation_deg(trunk_px(traj)) - floor_elevation_deg(traj)


def measure_flexor(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> HoldResult:
    require_side_view(traj, name, settings)
    floor = floor_elevation_deg(traj)
    if abs(floor) > settings.sitting_legs_max_deg:
        how = (
            "upright, not sitting"
            if abs(floor) > settings.upright_deg
            else f"not sitting: the legs {abs(floor):.0f} degrees from level"
        )
        raise NotAsGuidedError(
            f"{name}: the body is {how}: for this test sit on the floor with your knees bent and your feet held (see "
            "the guide: backstride check --guide --test flexor)"
        )
    off = settings.flexor_position_deg - trunk_up_from_floor_deg(traj)  # fallen back: +
    found = find_hold(traj.time_s, off, settings.flexor_hold)
    if not isinstance(found, Hold):
        raise NotAsGuidedError(
            f"{name}: the trunk never held near {settings.flexor_position_deg:.0f} degrees from the floor for a second "
            f"(nearest: {settings.flexor_position_deg - found.nearest_deg:.0f}); lean back to it and hold"
        )
    require_long_enough(found, name, settings.shortest_hold_s)
    notes = clip_ended_note(found, "the trunk fell back")
    return HoldResult(
        test=FLEXOR.name, seconds=found.seconds, start_s=found.start_s, end_s=found.end_s, ended=found.ended,
        best_off_position_deg=found.best_deg, picture_time_s=found.end_s, camera_roll_deg=floor, warnings=notes,
    )  # fmt: skip
