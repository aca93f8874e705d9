"""Level a rolled camera: from the ground line under the feet, else the room's straight edges."""

from __future__ import annotations

import numpy as np

from backstride.core.trajectory import Trajectory, rotate_image
from backstride.events import detect_events
from backstride.events.cycles import pair_contacts
from backstride.metrics.geometry import ground_tilt_rad
from backstride.quality.camera import MIN_TEXTURE_POINTS, edge_roll_deg
from backstride.settings import Settings
from backstride.video.scene import Scene

GROUND_LINE = "the ground line under the feet"


def level_camera(
    traj: Trajectory, *, leg_px: float, settings: Settings, scene: Scene | None = None
) -> tuple[Trajectory, float | None, str]:
    """Rotate a tilted view level; returns the levelled trajectory, the roll removed (deg) or None,
    and how the roll was measured (or why it was not).

    Overground in a side view, a first pass of event detection finds the contacts and the ground
    line through the stance feet gives the roll (:func:`~backstride.metrics.geometry.ground_tilt_rad`).
    Where there is none (a treadmill: the feet land in one place; a rear view), the straight
    edges of the room give it (:func:`~backstride.quality.camera.edge_roll_deg`). Events are then
    detected again on the levelled keypoints, so "forward" and "up" are the runner's, not the
    camera's. None where nothing can be measured: the camera is then taken as level.
    """
    why = "a rear or front view has no ground line"
    if traj.view.is_side:
        first = detect_events(traj, leg_px=leg_px, settings=settings.events)
        contacts = [(f, s, o) for f, ev in first.items() for s, o in pair_contacts(ev)]
        tilt = ground_tilt_rad(traj, contacts, leg_px)
        if tilt is not None:
            return rotate_image(traj, -tilt), float(np.degrees(tilt)), GROUND_LINE
        why = "no ground line: the feet land in one place " + (
            "(a treadmill)"
            if _camera_known(scene)
            else "(a treadmill, or a camera that followed the runner against a background too plain to show it)"
        )
    if scene is None:
        return traj, None, why
    roll, how = edge_roll_deg(scene)
    if roll is None:
        return traj, None, f"{why}; {how}"
    return rotate_image(traj, -np.radians(roll)), roll, how


def _camera_known(scene: Scene | None) -> bool:
    """Whether the frame scan could see if the camera moved (a background with texture)."""
    return scene is not None and float(np.median(scene.n_features)) >= MIN_TEXTURE_POINTS
