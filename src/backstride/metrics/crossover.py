"""Step width and crossover from behind without trusting the pose model's left and right.

From behind, the pose model draws crossed feet under their own hips and labels the feet by the
side of the image they are on, so a crossover reads as none. Here no foot label is used:

1. Contacts: the lowest foot point of either foot rises and falls once per step (lowest at
   midstance); the step period is the strongest frequency of that signal (130-300 steps/min),
   and one contact is placed per period, in the middle of the signal's peak near the expected
   time (a foot flat on the ground makes a plateau: its middle is midstance).
2. Which foot: contacts alternate, so one choice is left for the whole clip: the first contact
   is the left foot or the right. It is made by the pelvis: the stance side is the higher one at
   midstance (the swing side drops), read from the tape over the PSIS when found, else from the
   hip keypoints. The choice's strength is the alternating tilt's mean over its standard error;
   below ``MIN_IDENTITY_T`` the feet are not told apart and nothing is reported.
3. Where the foot is: the stance foot's column from the image (:mod:`backstride.video.ground`),
   else the lowest foot point, against the pelvis midline (the hips' midpoint),
   over the middle of each contact; in % of the hip width (keypoints), signed by which foot it
   is: + on its own side, - across the midline. Centimetres need a scale the rear view does not
   have (the hip width is the scale).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.core.kinds import IdentityFrom, PositionFrom
from backstride.core.results import MetricSummary
from backstride.core.trajectory import Trajectory, View
from backstride.metrics.compute import foot_value, summary_of
from backstride.metrics.rear import has_markers, line_left_up_deg
from backstride.metrics.registry import MetricSpec
from backstride.video.ground import FEET
from backstride.video.ground import NAME as GROUND
from backstride.video.markers import NAMES as MARKERS

CADENCE_SPM = (130.0, 300.0)
WINDOW_PERIODS = 0.15  # each side of a contact's middle
SEARCH_PERIODS = 0.3  # how far a contact may sit from its expected time
PLATEAU_SHARE = 0.1  # frames within this share of the range below the peak count as the peak
MIN_IDENTITY_T = 3.0
MIN_CONTACTS = 6


@dataclass(frozen=True)
class Contact:
    time_s: float
    foot: str
    width_pct: float  # + on its own side of the midline, - across it


@dataclass(frozen=True)
class Crossover:
    contacts: tuple[Contact, ...]
    step_period_s: float
    identity_from: IdentityFrom
    identity_t: float
    position_from: PositionFrom

    def per_foot(self) -> dict[str, float]:
        return {f: float(np.median([c.width_pct for c in self.contacts if c.foot == f])) for f in ("left", "right")}

    def crossing_pct(self) -> float:
        return 100.0 * float(np.mean([c.width_pct < 0 for c in self.contacts]))


def _lowest_foot(traj: Trajectory) -> tuple[np.ndarray, np.ndarray]:
    feet = np.stack([traj.point(n) for n in FEET], axis=1)
    y = feet[..., 1]
    ok = np.isfinite(y).any(axis=1)
    pick = np.argmax(np.where(np.isfinite(y), y, -np.inf), axis=1)
    low = feet[np.arange(len(feet)), pick]
    low[~ok] = np.nan
    return low[:, 0], low[:, 1]


def step_period_s(y: np.ndarray, fs: float) -> float | None:
    """The strongest step frequency of the lowest-foot signal (zero-padded FFT, 130-300 steps/min)."""
    ok = np.isfinite(y)
    if ok.sum() < fs:
        return None
    yy = np.interp(np.arange(len(y)), np.flatnonzero(ok), y[ok])
    yy = (yy - yy.mean()) * np.hanning(len(yy))
    n = 16 * len(yy)
    f = np.fft.rfftfreq(n, 1 / fs)
    power = np.abs(np.fft.rfft(yy, n))
    band = (f >= CADENCE_SPM[0] / 60) & (f <= CADENCE_SPM[1] / 60)
    if not band.any():
        return None
    return float(1 / f[band][np.argmax(power[band])])


def contact_times(t: np.ndarray, y: np.ndarray, period_s: float) -> list[int]:
    """One contact per period: the lowest-foot signal's peak near each expected time."""
    yy = np.where(np.isfinite(y), y, np.nanmin(y))
    phases = np.linspace(0, period_s, 40, endpoint=False)
    score = [np.sum(np.interp(np.arange(t[0] + ph, t[-1], period_s), t, yy)) for ph in phases]
    out = []
    reach = SEARCH_PERIODS * period_s
    for expected in np.arange(t[0] + phases[int(np.argmax(score))], t[-1], period_s):
        if expected - reach < t[0] or expected + reach > t[-1]:
            continue  # a contact cut by the clip's start or end
        near = np.flatnonzero(np.abs(t - expected) <= reach)
        if len(near):  # the middle of the frames near the peak: a foot flat on the ground is a plateau
            top = yy[near].max() - PLATEAU_SHARE * np.ptp(yy[near])
            out.append(int(round(near[yy[near] >= top].mean())))
    return out


def _pelvis_left_up_deg(traj: Trajectory) -> tuple[np.ndarray, IdentityFrom]:
    """The pelvis's tilt (left side up: +) from the markers when seen in half the frames, else the hips."""
    if has_markers(traj):
        tilt = line_left_up_deg(traj, MARKERS)
        if np.isfinite(tilt).mean() >= 0.5:
            return tilt, "PSIS markers"
    return line_left_up_deg(traj, ("left_hip", "right_hip")), "hip keypoints"


def _midline_x(traj: Trajectory) -> np.ndarray:
    """The hips' midpoint: the pelvis's midline at the height it turns about (the markers sit above
    it, so their midpoint swings sideways with the pelvis's roll)."""
    return (traj.point("left_hip")[:, 0] + traj.point("right_hip")[:, 0]) / 2


def label_free_crossover(traj: Trajectory) -> Crossover | None:
    """Step width per contact without the model's foot labels (see the module's note); None when
    the rhythm or which foot is which cannot be read."""
    t, fs = traj.time_s, traj.sample_rate_hz
    low_x, low_y = _lowest_foot(traj)
    period = step_period_s(low_y, fs)
    if period is None:
        return None
    rows = contact_times(t, low_y, period)
    if len(rows) < MIN_CONTACTS:
        return None
    tilt, identity_from = _pelvis_left_up_deg(traj)
    ground = traj.point(GROUND)[:, 0] if GROUND in traj.keypoints else np.full(len(t), np.nan)
    position_from: PositionFrom = "image" if np.isfinite(ground).mean() >= 0.5 else "foot keypoints"
    foot_x = np.where(np.isfinite(ground), ground, low_x) if position_from == "image" else low_x
    mid = _midline_x(traj)
    hip_w = float(np.nanmedian(np.abs(traj.point("right_hip")[:, 0] - traj.point("left_hip")[:, 0])))
    half = max(1, int(round(WINDOW_PERIODS * period * fs)))
    lateral, tilts = [], []
    stride = max(1, int(round(period * fs)))
    for r in rows:
        w = slice(max(0, r - half), r + half + 1)
        # the midline over a whole stride around the contact: the pose model's hips drift towards
        # the stance side and back (about 2 % of hip width), which a stride's median cancels
        lateral.append(np.nanmedian(foot_x[w]) - np.nanmedian(mid[max(0, r - stride) : r + stride + 1]))
        tilts.append(np.nanmedian(tilt[w]))
    alternating = np.array(tilts) * (-1.0) ** np.arange(len(tilts))
    alternating = alternating[np.isfinite(alternating)]
    if len(alternating) < MIN_CONTACTS or not np.isfinite(hip_w) or hip_w <= 0:
        return None
    t_stat = float(abs(alternating.mean()) / (alternating.std(ddof=1) / np.sqrt(len(alternating)) + 1e-9))
    if t_stat < MIN_IDENTITY_T:
        return None
    first = "left" if alternating.mean() > 0 else "right"  # the stance side is up
    mirror = -1.0 if traj.view is View.FRONT else 1.0
    contacts = []
    for k, (r, lat) in enumerate(zip(rows, lateral)):
        foot = first if k % 2 == 0 else ("right" if first == "left" else "left")
        own = 1.0 if foot == "right" else -1.0  # from behind the runner's right is image-right
        if np.isfinite(lat):
            contacts.append(Contact(float(t[r]), foot, float(100 * own * mirror * lat / hip_w)))
    if len(contacts) < MIN_CONTACTS:
        return None
    return Crossover(tuple(contacts), period, identity_from, t_stat, position_from)


def width_summary(crossover: Crossover, spec: MetricSpec) -> MetricSummary:
    """The step width per foot as read without the pose model's foot labels (one value per foot,
    in place of the labelled one: from behind the labels can draw crossed feet uncrossed)."""
    feet = {
        foot: foot_value([c.width_pct for c in crossover.contacts if c.foot == foot], spec,
                         missing="no contact of this foot found without labels")
        for foot in ("left", "right")
    }  # fmt: skip
    how = (
        f" Read without the pose model's left and right: the foot on the ground from the picture, which foot "
        f"from the alternation of steps and the {crossover.identity_from}."
    )
    return summary_of(spec, feet, how)
