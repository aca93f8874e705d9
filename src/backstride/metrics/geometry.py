"""2-D sagittal geometry in a ground-aligned frame: forward +x, up +y, angles in degrees."""

from __future__ import annotations

import numpy as np

from backstride.metrics.registry import NotMeasured, StepContext


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
#: The stance points must span this much (leg lengths) along the image for a slope.
MIN_GROUND_SPAN_LEG = 0.2


def ground_tilt_rad(traj, contacts: list[tuple[str, float, float]], leg_px: float, *, iterations: int = 6) -> float:
    """Angle of the ground line in the image (y up, counter-clockwise positive).

    Fits, for each foot, a line through the foot's lowest point (heel or toe) over the middle
    40 % of each of its contacts (the foot is flat on the ground there; on a treadmill it
    slides back along the belt, overground it stands at a new place each step). Which of heel and
    toe is lowest depends on the tilt itself, so the fit is repeated in the levelled frame.
    The two feet are fitted separately; unless both give a line and they agree within
    ``MAX_FEET_DISAGREEMENT_DEG``, the tilt is not measurable and 0 (level) is returned.
    """
    per_foot = []
    for foot in sorted({c[0] for c in contacts}):
        tilt = 0.0
        for _ in range(iterations):
            tilt = _fit_ground(traj, [c for c in contacts if c[0] == foot], leg_px, tilt)
        per_foot.append(tilt)
    if len(per_foot) < 2 or abs(per_foot[0] - per_foot[1]) > np.radians(MAX_FEET_DISAGREEMENT_DEG):
        return 0.0  # not measurable: the camera is taken as level
    return float(np.mean(per_foot))


def _fit_ground(traj, contacts, leg_px: float, tilt: float) -> float:
    c, s = np.cos(-tilt), np.sin(-tilt)
    slopes = []
    for foot in sorted({ct[0] for ct in contacts}):
        xs, ys = [], []
        for _, strike, off in (ct for ct in contacts if ct[0] == foot):
            edge = STANCE_EDGE_SHARE * (off - strike)
            sel = (traj.time_s >= strike + edge) & (traj.time_s <= off - edge)
            heel, toe = traj.point(f"{foot}_heel")[sel], traj.point(f"{foot}_foot_index")[sel]
            level_y = lambda p: s * p[:, 0] - c * p[:, 1]  # noqa: E731 - height in the levelled frame
            low = np.where((level_y(heel) <= level_y(toe))[:, None], heel, toe)
            ok = np.isfinite(low).all(axis=1)
            xs.extend(low[ok, 0])
            ys.extend(-low[ok, 1])
        if len(xs) >= 3 and np.ptp(xs) >= MIN_GROUND_SPAN_LEG * leg_px:
            slopes.append(np.polyfit(xs, ys, 1)[0])
    return float(np.arctan(np.mean(slopes))) if slopes else 0.0
