"""Pelvic drop from two PSIS markers seen from behind, against the 3-D pelvis (Fukuchi RBDS001).

The 2-D measure the rear view makes: the line between the two PSIS markers projected to a rear
camera (orthographic: lateral Z and vertical Y), its tilt over each stance relative to its angle
in the flight just before contact. The 3-D counterpart: the pelvis's mediolateral axis (the mean
of the ASIS-ASIS and PSIS-PSIS directions) against the horizontal plane (obliquity), read the
same way. Pelvic rotation about the vertical axis (transverse plane) shortens the projected PSIS
line by cos(rotation) but does not change the height difference, so the 2-D tilt reads
atan(tan(obliquity) / cos(rotation)); anterior tilt of the pelvis moves the two PSIS together
and cancels in the line.

Measured on RBDS001 (scored by tests/realdata/test_pelvis_markers.py): the projection itself costs
nothing (2-D and 3-D PSIS line within 0.1 deg per stance; the pelvis turns about 3 deg per
stance, a 0.1 % shortening), but the PSIS line reads more drop than the four-marker pelvis axis
(+2.7 +/- 0.3 deg at 2.5 m/s, +3.9 +/- 2.6 at 3.5 m/s): the two PSIS markers sit 7.6 cm apart
and move on the skin independently of the ASIS markers (their lines' tilts correlate at 0.23),
so a short skin-marker line exaggerates the drop that the whole pelvis makes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.validation import fukuchi


def _left_up_deg(left: np.ndarray, right: np.ndarray, *, in_3d: bool) -> np.ndarray:
    d = right - left  # lab: X along the belt, Y up, Z to the runner's right
    across = np.linalg.norm(d[:, [0, 2]], axis=1) if in_3d else np.abs(d[:, 2])
    return np.degrees(np.arctan2(-d[:, 1], across))


def pelvis_angles(raw: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per frame: the 2-D PSIS line's tilt, the 3-D pelvis obliquity (both + = left side up) and
    the pelvis's rotation about the vertical (deg)."""
    two_d = _left_up_deg(raw["L.PSIS"], raw["R.PSIS"], in_3d=False)
    axis = (raw["R.ASIS"] - raw["L.ASIS"] + raw["R.PSIS"] - raw["L.PSIS"]) / 2
    three_d = np.degrees(np.arctan2(-axis[:, 1], np.linalg.norm(axis[:, [0, 2]], axis=1)))
    rotation = np.degrees(np.arctan2(axis[:, 0], axis[:, 2]))
    return two_d, three_d, rotation


def _drop(angle: np.ndarray, ic: int, to: int, before: int, sign: float) -> float:
    ref = float(np.nanmedian(angle[before:ic])) if ic > before else float(angle[ic])
    return float(np.nanmax(sign * (angle[ic : to + 1] - ref)))


def pinhole_left_up_deg(raw: dict[str, np.ndarray], height_m: float, distance_m: float, side_m: float = 0.0):
    """The PSIS line's tilt (left up: +) in a pinhole camera behind the runner, ``distance_m`` behind
    the pelvis, ``height_m`` above the floor and ``side_m`` to the runner's right, aimed at the
    pelvis (lab: X along the belt, Y up, Z to the right; mm)."""
    left, right = raw["L.PSIS"] / 1000.0, raw["R.PSIS"] / 1000.0
    target = np.nanmean((left + right) / 2, axis=0)
    floor_y = 0.0  # the lab's floor (Y up from it)
    cam = target + np.array([-distance_m, 0.0, side_m])
    cam[1] = floor_y + height_m
    forward = (target - cam) / np.linalg.norm(target - cam)
    rightward = np.cross(forward, [0.0, 1.0, 0.0])
    rightward /= np.linalg.norm(rightward)
    up = np.cross(rightward, forward)

    def image(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        rel = p - cam
        depth = rel @ forward
        return rel @ rightward / depth, rel @ up / depth

    (ul, vl), (ur, vr) = image(left), image(right)
    return np.degrees(np.arctan2(vl - vr, np.abs(ur - ul)))


def camera_effect(folder: Path, trial: str, height_m: float, distance_m: float, side_m: float = 0.0) -> pd.DataFrame:
    """Per stance: the drop a pinhole camera reads against the ideal rear projection (deg)."""
    raw = fukuchi.read_raw(folder, trial)
    ideal = _left_up_deg(raw["L.PSIS"], raw["R.PSIS"], in_3d=False)
    seen = pinhole_left_up_deg(raw, height_m, distance_m, side_m)
    return _per_stance(folder, trial, {"ideal_deg": ideal, "camera_deg": seen})


def _per_stance(
    folder: Path, trial: str, angles: dict[str, np.ndarray], spans: dict[str, np.ndarray] | None = None
) -> pd.DataFrame:
    """One row per force-plate stance: foot, contact time, each angle's drop (from the flight
    before contact) and each span's range over the stance."""
    ev = fukuchi.load_events(folder, trial).sort_values("time_s")
    rate, n = fukuchi.MARKER_RATE_HZ, len(next(iter(angles.values())))
    rows = []
    for foot in ("left", "right"):
        other = "right" if foot == "left" else "left"
        ics = ev[(ev.foot == foot) & (ev.event == "IC")].time_s.to_numpy()
        tos = ev[(ev.foot == foot) & (ev.event == "TO")].time_s.to_numpy()
        other_tos = ev[(ev.foot == other) & (ev.event == "TO")].time_s.to_numpy()
        for t_ic in ics:
            after, prior = tos[tos > t_ic], other_tos[other_tos < t_ic]
            if not len(after) or not len(prior):
                continue
            ic, to, before = (int(round(t * rate)) for t in (t_ic, after[0], prior[-1]))
            if to >= n or to - ic < 3:
                continue
            sign = 1.0 if foot == "left" else -1.0  # left stance: the right side drops, the left side up
            rows.append(
                {
                    "foot": foot,
                    "ic_s": float(t_ic),
                    **{k: _drop(a, ic, to, before, sign) for k, a in angles.items()},
                    **{k: float(np.ptp(a[ic : to + 1])) for k, a in (spans or {}).items()},
                }
            )
    return pd.DataFrame(rows)


def marker_drop_vs_3d(folder: Path, trial: str) -> pd.DataFrame:
    """One row per stance: foot, contact time, the drop of the 2-D PSIS line, of the same line in
    3-D and of the 3-D pelvis axis (deg), and the pelvis's rotation range over the stance (deg)."""
    raw = fukuchi.read_raw(folder, trial)
    two_d, three_d, rotation = pelvis_angles(raw)
    psis_3d = _left_up_deg(raw["L.PSIS"], raw["R.PSIS"], in_3d=True)  # the same two markers, in 3-D
    angles = {"drop_2d_deg": two_d, "drop_3d_deg": three_d, "drop_psis_3d_deg": psis_3d}
    return _per_stance(folder, trial, angles, {"rotation_range_deg": rotation})
