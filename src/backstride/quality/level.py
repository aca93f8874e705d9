"""Level a rolled camera: from the ground line under the feet, else the room's straight edges."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.core.trajectory import Trajectory, rotate_image
from backstride.events import detect_events
from backstride.events.cycles import pair_contacts
from backstride.metrics.geometry import ground_tilt_rad
from backstride.quality.camera import MIN_TEXTURE_POINTS, edge_roll_deg
from backstride.settings import Settings
from backstride.video.scene import Scene

GROUND_LINE = "the ground line under the feet"


@dataclass(frozen=True)
class Levelled:
    """A trajectory levelled, the roll removed (deg, None: not measured), how it was measured, and
    how far the ground line under the feet disagreed with the room's verticals (None: not both read)."""

    traj: Trajectory
    roll_deg: float | None
    how: str
    oblique_deg: float | None = None

    @property
    def oblique(self) -> bool:
        """The ground line disagreed with the room's verticals, which levelled the clip."""
        return self.oblique_deg is not None and self.how != GROUND_LINE


def level_camera(traj: Trajectory, *, leg_px: float, settings: Settings, scene: Scene | None = None) -> Levelled:
    """Rotate a tilted view level; returns the levelled trajectory, the roll removed (deg) or None,
    and how the roll was measured (or why it was not).

    Overground in a side view, a first pass of event detection finds the contacts and the ground
    line through the stance feet gives the roll (:func:`~backstride.metrics.geometry.ground_tilt_rad`).
    Where there is none (a treadmill: the feet land in one place; a rear view), the straight
    edges of the room give it (:func:`~backstride.quality.camera.edge_roll_deg`). Where both are
    read they must agree: a ground line that tilts against level verticals is a camera aimed at an
    angle across the runner's path (or a sloping ground), not a roll, so the verticals level it and
    the disagreement is kept (``oblique_deg``) for the capture check. Events are then detected
    again on the levelled keypoints, so "forward" and "up" are the runner's, not the camera's.
    None where nothing can be measured: the camera is then taken as level.
    """
    why = "a rear or front view has no ground line"
    ground_deg = None
    if traj.view.is_side:
        first = detect_events(traj, leg_px=leg_px, settings=settings.events)
        contacts = [(f, s, o) for f, ev in first.items() for s, o in pair_contacts(ev)]
        tilt = ground_tilt_rad(traj, contacts, leg_px)
        if tilt is not None:
            ground_deg = float(np.degrees(tilt))
        why = "no ground line: the feet land in one place " + (
            "(a treadmill)"
            if _camera_known(scene)
            else "(a treadmill, or a camera that followed the runner against a background too plain to show it)"
        )
    roll, how = edge_roll_deg(scene) if scene is not None else (None, "")
    if ground_deg is not None and (roll is None or abs(ground_deg - roll) <= settings.quality.roll_agree_deg):
        agreed = None if roll is None else ground_deg - roll
        return Levelled(rotate_image(traj, -np.radians(ground_deg)), ground_deg, GROUND_LINE, agreed)
    if roll is None:
        return Levelled(traj, None, f"{why}; {how}" if how else why)
    oblique = None if ground_deg is None else ground_deg - roll  # beyond the agreement: oblique, not rolled
    if oblique is not None:
        how = f"{how}; the ground line under the feet tilts {ground_deg:+.1f} deg against them"
    return Levelled(rotate_image(traj, -np.radians(roll)), roll, how, oblique)


def _camera_known(scene: Scene | None) -> bool:
    """Whether the frame scan could see if the camera moved (a background with texture)."""
    return scene is not None and float(np.median(scene.n_features)) >= MIN_TEXTURE_POINTS
