"""The lower back's bend from three strips of tape across the spine (video/spine_tape.py), per frame
(a pure function of a trajectory).

The bend is twice the turn between the two chords (sacrum to L3, L3 to T12): for an even curve that
is the turn of the spine's direction from the sacrum to T12, the quantity the dual-inclinometer
method reads from the tangents at S2 and T12. Flexion +: the middle strip bulges out of the line of
the other two, away from the body (the hips' keypoints are on the body's side of the strips); the
lordosis of a neutral lower back is negative. Only its change within a movement is judged, so the
curve's neutral size (person to person, and where the strips sit) cancels.
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.segments import seen_midpoint
from backstride.core.trajectory import Trajectory
from backstride.settings import BodyCheckSettings
from backstride.video.spine_tape import NAMES


def has_spine_tape(traj: Trajectory) -> bool:
    return all(n in traj.keypoints for n in NAMES)


def lumbar_bend_deg(traj: Trajectory) -> np.ndarray:
    """``[frame]`` the lower back's bend (degrees, flexion +), NaN where a strip or the hips are not seen."""
    sacrum, l3, t12 = (traj.point(n) for n in NAMES)
    a, b = l3 - sacrum, t12 - l3
    turn = np.degrees(np.abs(np.arctan2(_cross(a, b), np.einsum("ij,ij->i", a, b))))
    chord = t12 - sacrum
    bulge = _cross(chord, l3 - sacrum)  # which side of the sacrum-T12 line the middle strip is on
    body = _cross(chord, seen_midpoint(traj, "hip") - sacrum)  # and the body
    return np.where(bulge * body < 0, 2.0 * turn, -2.0 * turn)


def _cross(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]


def tape_too_small(traj: Trajectory, settings: BodyCheckSettings) -> tuple[str, ...]:
    """A warning when the strips are too few pixels apart for the bend to be read within a few degrees
    (the bend turns on a fraction of a pixel: on renders 50 px from the lowest to the highest strip
    read the change within 4.4 deg, 75 px within 1.4)."""
    sacrum, t12 = traj.point(NAMES[0]), traj.point(NAMES[2])
    span = float(np.nanmedian(np.hypot(*(t12 - sacrum).T)))
    if not span < settings.min_tape_span_px:
        return ()
    return (
        f"the strips of tape on your back are only {span:.0f} pixels apart in the picture, so the lower back's "
        f"bend reads a few degrees out: film at 1080p or more, or with the phone nearer (the strips "
        f"{settings.min_tape_span_px:.0f} pixels apart or more)",
    )
