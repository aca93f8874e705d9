"""Visibility gating, resampling onto a uniform time grid, and gap filling."""

from __future__ import annotations

import numpy as np

from backstride.clean.filter import finite_runs
from backstride.core.trajectory import Trajectory

#: Timestamps whose spacing varies less than this (relative) count as constant frame rate.
UNIFORM_TOLERANCE = 0.02


def gate_by_visibility(traj: Trajectory, /, *, min_visibility: float) -> Trajectory:
    """Positions whose visibility is below ``min_visibility`` become missing (NaN)."""
    xy = traj.xy_px.copy()
    xy[traj.visibility < min_visibility] = np.nan
    return traj.with_(xy_px=xy)


def resample_uniform(traj: Trajectory) -> Trajectory:
    """Put a variable-frame-rate trajectory on a uniform grid at its median rate.

    Constant-rate clips are returned unchanged. Positions are interpolated linearly in time
    between the true frame timestamps; a sample between a seen and a missing frame is missing.
    """
    dt = np.diff(traj.time_s)
    if len(dt) == 0 or np.ptp(dt) <= UNIFORM_TOLERANCE * np.median(dt):
        return traj
    step = float(np.median(dt))
    grid = traj.time_s[0] + step * np.arange(int(np.floor((traj.time_s[-1] - traj.time_s[0]) / step + 1e-9)) + 1)
    flat = traj.xy_px.reshape(traj.n_frames, -1)
    out = np.column_stack([_interp_keep_nan(grid, traj.time_s, flat[:, c]) for c in range(flat.shape[1])])
    vis = np.column_stack([np.interp(grid, traj.time_s, traj.visibility[:, k]) for k in range(len(traj.keypoints))])
    assert traj.frame_index is not None
    frames = np.interp(grid, traj.time_s, traj.frame_index)
    return traj.with_(
        xy_px=out.reshape(len(grid), len(traj.keypoints), 2),
        visibility=vis,
        time_s=grid,
        frame_index=frames,
        fps_nominal=1.0 / step,
    )


def _interp_keep_nan(grid: np.ndarray, t: np.ndarray, y: np.ndarray) -> np.ndarray:
    ok = np.isfinite(y)
    if ok.sum() < 2:
        return np.full(len(grid), np.nan)
    out = np.interp(grid, t[ok], y[ok])
    # a grid point is missing where either neighbouring source sample is missing
    idx = np.clip(np.searchsorted(t, grid), 1, len(t) - 1)
    out[~(ok[idx] & ok[idx - 1])] = np.nan
    return out


def fill_gaps(data: np.ndarray, /, sampling_rate_hz: float, *, max_gap_s: float) -> np.ndarray:
    """Linear fill of interior NaN runs up to ``max_gap_s`` long, along axis 0."""
    flat = np.asarray(data, dtype=float).reshape(len(data), -1).copy()
    max_gap = int(round(max_gap_s * sampling_rate_hz))
    for col in range(flat.shape[1]):
        x = flat[:, col]
        runs = finite_runs(x)
        for (_, stop), (start, _) in zip(runs[:-1], runs[1:]):
            gap = start - stop
            if 0 < gap <= max_gap:
                x[stop - 1 : start + 1] = np.linspace(x[stop - 1], x[start], gap + 2)
    return flat.reshape(np.shape(data))
