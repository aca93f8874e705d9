"""FootNet example data: treadmill running, 27 consecutive stride windows per foot.

Segment positions at 200 Hz in metres (x sideways, y forward along the belt, z up); stance
labels from vertical ground reaction force (``rlabels``/``llabels``: 1 = stance). The windows
of one foot are consecutive, so they are joined into one continuous recording per foot. The
file holds no pelvis position: on a treadmill the pelvis stays over the belt, so it is held
fixed (its few-centimetre oscillation is ignored, a small error in the relative velocity).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.validation.camera import MarkerSet

RATE_HZ = 200.0
HIP_ABOVE_KNEE_M = 0.45


def load(path: Path) -> dict[str, tuple[MarkerSet, pd.DataFrame]]:
    """Per foot: markers of that foot (and fixed hips) and its force-based events."""
    from scipy.io import loadmat

    mat = loadmat(path)
    out = {}
    for foot, s in (("left", "l"), ("right", "r")):

        def joined(key: str) -> np.ndarray:
            return np.concatenate([np.atleast_2d(w) for w in mat[key][0]], axis=0)

        labels = np.concatenate([w.ravel() for w in mat[f"{s}labels"][0]]).astype(int)
        n = len(labels)
        time_s = np.arange(n) / RATE_HZ
        to_camera = lambda p: p[:, [1, 2, 0]]  # (forward, up, sideways)  # noqa: E731
        knee = to_camera(joined(f"{s}tib_prox"))
        hip = np.tile([0.0, np.median(knee[:, 1]) + HIP_ABOVE_KNEE_M, 0.0], (n, 1))
        points = {
            f"{foot}_heel": to_camera(joined(f"{s}foot_prox")),
            f"{foot}_foot_index": to_camera(joined(f"{s}foot_dist")),
            f"{foot}_ankle": to_camera(joined(f"{s}tib_dist")),
            f"{foot}_knee": knee,
            "left_hip": hip,
            "right_hip": hip,
        }
        out[foot] = (MarkerSet(time_s=time_s, points_m=points), _events(labels, foot))
    return out


def _events(labels: np.ndarray, foot: str) -> pd.DataFrame:
    """Label changes, placed half a sample before the first sample of the new phase (±2.5 ms)."""
    change = np.diff(labels)
    rows = [(i + 0.5) / RATE_HZ for i in np.flatnonzero(change == 1)]
    offs = [(i + 0.5) / RATE_HZ for i in np.flatnonzero(change == -1)]
    df = pd.DataFrame({"time_s": rows + offs, "event": ["IC"] * len(rows) + ["TO"] * len(offs), "foot": foot})
    return df.sort_values("time_s").reset_index(drop=True)
