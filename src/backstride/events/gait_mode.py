"""Running or walking, from when the pelvis is highest.

Notes:
    Walking vaults over a stiff leg (inverted pendulum): the pelvis is highest at midstance.
    Running bounces on a compressed leg (spring-mass): the pelvis is lowest at midstance
    (Cavagna, Heglund & Taylor 1977, Am J Physiol 233:R243; Farley & Ferris 1998, Exerc
    Sport Sci Rev 26:253). Midstance is taken as the middle of each contact. This does
    not depend on how precisely contact is timed, unlike a duty-factor threshold.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from backstride.core.trajectory import Trajectory


def pelvis_height_leg(traj: Trajectory, leg_px: float, stride_s: float) -> np.ndarray:
    """Pelvis height (up = +) in leg lengths, minus its moving mean over one stride."""
    y = -(traj.point("left_hip")[:, 1] + traj.point("right_hip")[:, 1]) / 2 / leg_px
    ok = np.isfinite(y)
    if not ok.any():
        return y
    y = np.interp(np.arange(len(y)), np.flatnonzero(ok), y[ok])
    size = max(3, int(stride_s * traj.sample_rate_hz))
    return y - ndimage.uniform_filter1d(y, size=size, mode="nearest")


def midstance_indices(contacts: list[tuple[float, float]], time_s: np.ndarray) -> list[int]:
    """Per contact (strike, toe-off): the sample nearest its midpoint."""
    mids = [(a + b) / 2 for a, b in contacts]
    return [int(np.argmin(np.abs(time_s - m))) for m in mids]


def vaulting_score(pelvis_leg: np.ndarray, midstance: list[int]) -> float:
    """Mean pelvis height at midstance over its spread: > 0 walking (vaulting), < 0 running."""
    spread = np.nanstd(pelvis_leg)
    if not midstance or not np.isfinite(spread) or spread == 0:
        return float("nan")
    return float(np.nanmean(pelvis_leg[midstance]) / spread)
