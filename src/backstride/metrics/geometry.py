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


def ground_tilt_rad(traj, contacts: list[tuple[str, float, float]], leg_px: float) -> float:
    """Angle of the ground line in the image (y up, counter-clockwise positive).

    Fits, for each foot, a line through the foot's lowest point (heel or toe) over the middle
    half of each of its contacts (the foot is flat and on the ground there; on a treadmill it
    slides back along the belt, overground it stands at a new place each step) and averages
    the two feet's slopes (perspective puts the far foot's ground a little higher). Returns 0
    when the points span less than a third of a leg length along the image.
    """
    slopes = []
    for foot in sorted({c[0] for c in contacts}):
        xs, ys = [], []
        for _, strike, off in (c for c in contacts if c[0] == foot):
            quarter = (off - strike) / 4
            sel = (traj.time_s >= strike + quarter) & (traj.time_s <= off - quarter)
            heel, toe = traj.point(f"{foot}_heel")[sel], traj.point(f"{foot}_foot_index")[sel]
            low = np.where((heel[:, 1] >= toe[:, 1])[:, None], heel, toe)
            ok = np.isfinite(low).all(axis=1)
            xs.extend(low[ok, 0])
            ys.extend(-low[ok, 1])
        if len(xs) >= 3 and np.ptp(xs) >= leg_px / 3:
            slopes.append(np.polyfit(xs, ys, 1)[0])
    return float(np.arctan(np.mean(slopes))) if slopes else 0.0
