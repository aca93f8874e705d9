"""McGill's side-bridge endurance test filmed from behind (pure: a trajectory in, a result out).

Lying on one side on the forearm, feet stacked, the hips lifted until the body is one straight line,
held until the hips drop. The angle is how far the hips sit below the line from the ankles to the
shoulders (the midpoints of each pair), + when they are lower in the picture: it is the body's own
line, so a phone at a slant changes nothing. The hold starts within ``hold.start_within_deg`` of
straight and ends when the hips are more than ``end_beyond_deg`` below it for over half a second.

Which side: filmed from behind, as the guide asks, a runner lying on the right side has the head on
the picture's right. Filmed from in front it would be the other way round; the result says which
side it took, and the guide says to film from behind.
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import SIDE_BRIDGE
from backstride.bodycheck.hold import Hold, clip_ended_note, find_hold, require_long_enough
from backstride.bodycheck.segments import elevation_deg, length_px, midpoint, trunk_px
from backstride.core.bodycheck import HoldResult
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError, ViewError
from backstride.settings import BodyCheckSettings

SETTINGS = BodyCheckSettings()


def hips_below_body_line_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the bend at the hips away from the ankles-shoulders line, + with the hips lower."""
    ankles, hips, shoulders = (midpoint(traj, part) for part in ("ankle", "hip", "shoulder"))
    legs, trunk = hips - ankles, shoulders - hips
    cross = legs[:, 0] * trunk[:, 1] - legs[:, 1] * trunk[:, 0]
    turn = np.degrees(np.abs(np.arctan2(cross, (legs * trunk).sum(axis=1))))
    line = shoulders - ankles
    at_hips = ankles[:, 1] + line[:, 1] * np.where(line[:, 0] != 0, (hips[:, 0] - ankles[:, 0]) / line[:, 0], np.nan)
    return np.where(hips[:, 1] >= at_hips, turn, -turn)  # image y is down: lower is larger


def side_down(traj: Trajectory) -> str:
    """The side lying on the floor, as seen from behind: the head on the picture's right means the right."""
    head = float(np.nanmedian(midpoint(traj, "shoulder")[:, 0] - midpoint(traj, "hip")[:, 0]))
    return "right" if head > 0 else "left"


def measure_side_bridge(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> HoldResult:
    _require_lying_on_the_side(traj, name, settings)
    found = find_hold(traj.time_s, hips_below_body_line_deg(traj), settings.hold)
    if not isinstance(found, Hold):
        raise NotAsGuidedError(
            f"{name}: the body never came into a straight line for a second (nearest: the hips {found.nearest_deg:.0f} "
            "degrees below it); lift the hips until feet, hips and shoulders are in line, and hold"
        )
    require_long_enough(found, name, settings.shortest_hold_s)
    notes = clip_ended_note(found, "the hips dropped")
    return HoldResult(
        test=SIDE_BRIDGE.name, seconds=found.seconds, start_s=found.start_s, end_s=found.end_s, ended=found.ended,
        best_off_position_deg=found.best_deg, picture_time_s=found.end_s, camera_roll_deg=None, warnings=notes,
        side=side_down(traj),
    )  # fmt: skip


def _require_lying_on_the_side(traj: Trajectory, name: str, settings: BodyCheckSettings) -> None:
    """Refuse an upright body, and a body seen along its length or from the side of its trunk (the
    shoulders, stacked one above the other from behind, nearly coincide)."""
    body = midpoint(traj, "shoulder") - midpoint(traj, "ankle")
    if np.nanmedian(np.abs(elevation_deg(body))) > settings.upright_deg:
        raise NotAsGuidedError(
            f"{name}: the body is upright: for the side bridge lie on your side on your forearm, feet stacked (see the "
            "guide: backstride check --guide --test side-bridge)"
        )
    apart = length_px(traj.point("left_shoulder") - traj.point("right_shoulder")) / length_px(trunk_px(traj))
    if not np.nanmedian(apart) >= settings.min_frontal_shoulders:
        raise ViewError(
            f"{name}: the shoulders are {np.nanmedian(apart):.2f} trunk lengths apart, as from above or along the "
            "body; film the side bridge from behind, the phone level with the body, 2-3 m away"
        )
