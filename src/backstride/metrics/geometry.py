"""2-D sagittal geometry in a ground-aligned frame: forward +x, up +y, angles in degrees."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from backstride.metrics.registry import NotMeasured, StepContext

if TYPE_CHECKING:
    from backstride.core.trajectory import Trajectory


def point(ctx: StepContext, name: str, t_s: float) -> np.ndarray:
    """A keypoint at a time, in the runner's frame: forward +x, up +y, ground level, pixels."""
    i = ctx.index_at(t_s)
    p = ctx.traj.point(name)[i]
    if not np.isfinite(p).all():
        raise NotMeasured(f"{name.replace('_', ' ')} not seen at {t_s:.2f} s")
    c, s = np.cos(-ctx.tilt_rad), np.sin(-ctx.tilt_rad)
    x, y = p[0], -p[1]  # y up
    x, y = c * x - s * y, s * x + c * y  # undo the camera's tilt
    return np.array([ctx.facing * x, y])


def metres(ctx: StepContext, length_px: float) -> float:
    """A length in the image in metres, from the scale the runner's height gives."""
    if ctx.metres_per_px is None:
        raise NotMeasured("needs the runner's height (--height-cm)")
    return length_px * ctx.metres_per_px


def angle_to_vertical_deg(top: np.ndarray, bottom: np.ndarray) -> float:
    """Angle of the segment bottom->top from vertical; positive when top is ahead of bottom."""
    d = top - bottom
    return float(np.degrees(np.arctan2(d[0], d[1])))


def angle_to_horizontal_deg(back: np.ndarray, front: np.ndarray) -> float:
    """Angle of back->front above horizontal; positive when the front end is higher."""
    d = front - back
    return float(np.degrees(np.arctan2(d[1], d[0])))


def flexion_deg(a: np.ndarray, joint: np.ndarray, b: np.ndarray) -> float:
    """180 minus the inner angle at ``joint``: 0 for a straight limb."""
    u, v = a - joint, b - joint
    cosang = np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
    return float(180.0 - np.degrees(np.arccos(np.clip(cosang, -1.0, 1.0))))


#: Share of each contact left out at either end (landing and push-off move the foot's lowest point).
STANCE_EDGE_SHARE = 0.3
#: Both feet's ground lines must agree within this (deg) for the tilt to count as measured.
MAX_FEET_DISAGREEMENT_DEG = 2.0
#: A foot's contacts must spread this far (leg lengths) along the image for a slope.
MIN_GROUND_SPAN_LEG = 0.5


def ground_tilt_rad(traj: Trajectory, contacts: list[tuple[str, float, float]], leg_px: float) -> float | None:
    """Angle of the ground line in the image (y up, counter-clockwise positive).

    Each contact gives one point: the median position of the foot's lowest point (heel or
    toe, whichever is lower) over the middle 40 % of the contact, where the foot is flat.
    For each foot a line is fitted through its contacts; overground, a static camera sees
    them at new places along the ground each step. The two feet must both give a line and
    agree within ``MAX_FEET_DISAGREEMENT_DEG``, else the tilt is not measurable and None is
    returned (the camera is then taken as level). On a treadmill every contact lands at about
    the same place, so there is no line: the foot sliding back along the belt is not used,
    because pose models place the heel and toe a little higher as the foot goes behind the
    body (6 deg of false tilt on the synthetic runner).
    """
    per_foot = []
    for foot in sorted({c[0] for c in contacts}):
        pts = np.array(
            [p for c in contacts if c[0] == foot for p in [_contact_point(traj, foot, c[1], c[2])] if p is not None]
        )
        if len(pts) >= 3 and np.ptp(pts[:, 0]) >= MIN_GROUND_SPAN_LEG * leg_px:
            per_foot.append(float(np.arctan(np.polyfit(pts[:, 0], -pts[:, 1], 1)[0])))
    if len(per_foot) < 2 or abs(per_foot[0] - per_foot[1]) > np.radians(MAX_FEET_DISAGREEMENT_DEG):
        return None
    return float(np.mean(per_foot))


def _contact_point(traj: Trajectory, foot: str, strike: float, off: float) -> np.ndarray | None:
    edge = STANCE_EDGE_SHARE * (off - strike)
    sel = (traj.time_s >= strike + edge) & (traj.time_s <= off - edge)
    heel, toe = traj.point(f"{foot}_heel")[sel], traj.point(f"{foot}_foot_index")[sel]
    low = np.where((heel[:, 1] >= toe[:, 1])[:, None], heel, toe)
    low = low[np.isfinite(low).all(axis=1)]
    return np.median(low, axis=0) if len(low) else None
