"""Rear-view (frontal plane) form metrics, per step, evaluated over that foot's contact.

Frontal-plane frame: lateral +x to the runner's right, up +y (a front view is mirrored back).
"""

from __future__ import annotations

import numpy as np

from backstride.core.trajectory import Trajectory, View
from backstride.metrics.registry import EVENT_MIN_FPS, NotMeasured, StepContext, metric
from backstride.metrics.video_limits import PELVIC_DROP
from backstride.video.markers import NAMES as MARKERS


def frontal_point(ctx: StepContext, name: str, t_s: float) -> np.ndarray:
    """A keypoint in the frontal-plane frame (lateral to the runner's right, up), pixels."""
    p = ctx.traj.point(name)[ctx.index_at(t_s)]
    if not np.isfinite(p).all():
        raise NotMeasured(f"{name.replace('_', ' ')} not seen at {t_s:.2f} s")
    mirror = -1.0 if ctx.traj.view is View.FRONT else 1.0
    return np.array([mirror * p[0], -p[1]])


def _stance_times(ctx: StepContext) -> np.ndarray:
    t = ctx.traj.time_s
    times = t[(t >= ctx.step.strike_s) & (t <= ctx.step.toe_off_s)]
    if len(times) < 2:
        raise NotMeasured("contact shorter than two frames")
    return times


def _other(foot: str) -> str:
    return "right" if foot == "left" else "left"


def _pelvis_angle_deg(ctx: StepContext, t_s: float, stance: str) -> float:
    """How far the swing side's hip is below the stance side's, as an angle (deg)."""
    hs, hw = frontal_point(ctx, f"{stance}_hip", t_s), frontal_point(ctx, f"{_other(stance)}_hip", t_s)
    return float(np.degrees(np.arctan2(hs[1] - hw[1], abs(hs[0] - hw[0]))))


#: Bands for pelvic drop (deg): Bramah 2018 (AJSM 46:3023) found 3.7 +/- 1.9 deg in healthy runners
#: and 6.4 +/- 2.1 in injured ones; the 2-D smallest detectable difference is 2.7-2.8 deg (Dingenen
#: 2018). "Level" is nearer the healthy mean than the injured one; "pronounced" reaches the
#: injured group's mean; the bands are a reading aid, not a diagnosis.
PELVIC_DROP_BANDS = ((5.0, "level"), (6.4, "moderate"), (float("inf"), "pronounced"))
PELVIC_DROP_SDD_DEG = 2.7
#: Longest flight before a contact read for the marker line's reference angle (s).
REFERENCE_WINDOW_S = 0.2


def pelvic_drop_band(drop_deg: float) -> str:
    return next(name for upper, name in PELVIC_DROP_BANDS if drop_deg < upper)


@metric(
    "pelvic_drop_deg",
    label="Pelvic drop",
    unit="deg",
    view="rear",
    min_fps=EVENT_MIN_FPS,
    definition="Contralateral pelvic drop: peak, over this foot's contact, of how far the swing side sits below "
    "the stance side. With tape over both PSIS (the filming guide): the tilt of the line between the two "
    "markers, relative to its angle at initial contact (the flight just before it), which cancels camera "
    "roll and a marker placed a little high on one side (Dingenen 2018's 2-D protocol). Without markers: "
    "the hip keypoints' line relative to its median angle in flight, which under-reads: "
    f"{PELVIC_DROP.text()} ({PELVIC_DROP.how}), so a value inside the range does not rule a drop out. "
    "Bands: level below 5 deg, moderate 5-6.4, pronounced from 6.4 (Bramah 2018's injured-group mean)",
    normal_range=(None, PELVIC_DROP_BANDS[0][0]),
    categorise=pelvic_drop_band,
    error=PELVIC_DROP_SDD_DEG,  # the 2-D marker protocol's smallest detectable difference
    source="Bramah 2018 (AJSM 46:3023): 3.7 +/- 1.9 deg healthy vs 6.4 +/- 2.1 injured runners; smallest "
    "detectable difference 2.7-2.8 deg in 2-D (Dingenen 2018); the band edges are a reading aid",
)
def pelvic_drop_deg(ctx: StepContext) -> float:
    from_markers = marker_drop_deg(ctx)
    if from_markers is not None:
        return from_markers
    angles = [_pelvis_angle_deg(ctx, float(t), ctx.step.foot) for t in _stance_times(ctx)]
    return float(np.max(angles) - _neutral_pelvis_angle(ctx))


def has_markers(traj: Trajectory) -> bool:
    return all(m in traj.keypoints for m in MARKERS)


def line_left_up_deg(traj: Trajectory, names: tuple[str, str]) -> np.ndarray:
    """The angle per frame of the line from ``names[0]`` (the runner's left) to ``names[1]``: + when
    the left point is higher; NaN where either is not seen."""
    left, right = traj.point(names[0]), traj.point(names[1])
    mirror = -1.0 if traj.view is View.FRONT else 1.0
    return np.degrees(np.arctan2(-(left[:, 1] - right[:, 1]), np.abs(mirror * (right[:, 0] - left[:, 0]))))


def marker_drop_deg(ctx: StepContext) -> float | None:
    """Pelvic drop from the two markers, or None without markers (or with too few frames of them)."""
    if not has_markers(ctx.traj):
        return None
    angle = line_left_up_deg(ctx.traj, MARKERS)
    t = ctx.traj.time_s
    stance = (t >= ctx.step.strike_s) & (t <= ctx.step.toe_off_s)
    if stance.sum() < 2 or np.isfinite(angle[stance]).mean() < 0.6:
        return None
    ic = ctx.index_at(ctx.step.strike_s)
    before = (t < t[ic]) & (t >= t[ic] - REFERENCE_WINDOW_S) & np.isfinite(angle)
    if ctx.flight is not None:
        before &= ctx.flight
    ref = float(np.median(angle[before])) if before.any() else float(angle[ic])
    if not np.isfinite(ref):
        return None
    sign = 1.0 if ctx.step.foot == "left" else -1.0  # left stance: the right side drops, left side up
    return float(np.nanmax(sign * (angle[stance] - ref)))


def _neutral_pelvis_angle(ctx: StepContext) -> float:
    """Neutral hip-line angle (left hip above right, +), in the stance foot's sign: its median
    over the flight phases (no foot loaded), or over the whole clip when there is no flight."""
    left, right = ctx.traj.point("left_hip"), ctx.traj.point("right_hip")
    ok = np.isfinite(left).all(axis=1) & np.isfinite(right).all(axis=1)
    if ctx.flight is not None and (ok & ctx.flight).sum() >= 3:
        ok &= ctx.flight
    if ok.sum() < 3:
        raise NotMeasured("hips not seen")
    mirror = -1.0 if ctx.traj.view is View.FRONT else 1.0
    dy = -(left[ok, 1] - right[ok, 1])  # left hip above right: +
    dx = np.abs(mirror * (left[ok, 0] - right[ok, 0]))
    neutral_left_up = float(np.median(np.degrees(np.arctan2(dy, dx))))
    return neutral_left_up if ctx.step.foot == "left" else -neutral_left_up


@metric(
    "step_width_pct_pelvis",
    label="Step width (% of hip width)",
    unit="% hip width",
    view="rear",
    definition="Sideways distance of the foot (ankle) from the body's midline (hip midpoint) at midstance, "
    "in % of the distance between the hips; negative = the foot lands across the midline "
    "(crossover)",
    normal_range=(0.0, None),
    source="Souza 2016: from behind, the feet should not cross the midline; 29.5 % of healthy runners "
    "cross over (Iskandar 2023)",
)
def step_width_pct_pelvis(ctx: StepContext) -> float:
    t = (ctx.step.strike_s + ctx.step.toe_off_s) / 2
    f = ctx.step.foot
    lh, rh = frontal_point(ctx, "left_hip", t), frontal_point(ctx, "right_hip", t)
    width = abs(rh[0] - lh[0])
    if width < 1e-6:
        raise NotMeasured("hips overlap: not a rear view here")
    own_side = 1.0 if f == "right" else -1.0
    lateral = frontal_point(ctx, f"{f}_ankle", t)[0] - (lh[0] + rh[0]) / 2
    return 100.0 * own_side * lateral / width


def crossover(step_width_pct: float) -> bool:
    return step_width_pct < 0.0


#: Bands for the 2-D knee angle seen from behind (deg, + = knee inside the hip-ankle line): wider
#: than 2-D angle noise (3-8 deg within a day, Damsted 2015), so only a clear lean reads as one.
KNEE_ALIGNMENT_BAND_DEG = 10.0


def knee_alignment(angle_deg: float) -> str:
    if angle_deg > KNEE_ALIGNMENT_BAND_DEG:
        return "knee inside the hip-ankle line"
    if angle_deg < -KNEE_ALIGNMENT_BAND_DEG:
        return "knee outside the hip-ankle line"
    return "in line"


@metric(
    "knee_frontal_projection_deg",
    label="Knee alignment (2-D)",
    unit="deg",
    view="rear",
    definition="Where the stance knee sits against the line from hip to ankle, seen from behind at midstance "
    "(180 deg minus the 2-D hip-knee-ankle angle; + = inside the line), reported as a category: in line "
    f"within +/- {KNEE_ALIGNMENT_BAND_DEG:g} deg, else inside or outside the line. Not knee valgus: a 2-D "
    "angle mixes knee flexion, hip rotation and abduction, and tracks 3-D knee abduction poorly",
    normal_range=None,
    source="Straub & Powers 2022 (IJSPT 17:1259): the 2-D frontal projection angle explained 0-64 % of 3-D "
    "knee valgus across tasks, limits of agreement -30 to +17 deg; no validated running norm",
    categorise=knee_alignment,
    show_value=False,
)
def knee_frontal_projection_deg(ctx: StepContext) -> float:
    t = (ctx.step.strike_s + ctx.step.toe_off_s) / 2
    f = ctx.step.foot
    hip, knee, ankle = (frontal_point(ctx, f"{f}_{j}", t) for j in ("hip", "knee", "ankle"))
    u, v = hip - knee, ankle - knee
    inner = np.degrees(np.arccos(np.clip(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)), -1, 1)))
    # medial = towards the midline: for the left leg that is +x (to the runner's right)
    medial = 1.0 if f == "left" else -1.0
    line_x = hip[0] + (ankle[0] - hip[0]) * (knee[1] - hip[1]) / (ankle[1] - hip[1])
    sign = 1.0 if medial * (knee[0] - line_x) > 0 else -1.0
    return float(sign * (180.0 - inner))


@metric(
    "trunk_lateral_lean_deg",
    label="Sideways trunk lean",
    unit="deg",
    view="rear",
    definition="Sideways lean of the trunk (hip midpoint to shoulder midpoint) from vertical at midstance; "
    "+ = towards the stance side",
    normal_range=(-5.0, 5.0),
    source="no validated cut-off; range is the size of 2-D angle error (Damsted 2015)",
)
def trunk_lateral_lean_deg(ctx: StepContext) -> float:
    t = (ctx.step.strike_s + ctx.step.toe_off_s) / 2
    sh = (frontal_point(ctx, "left_shoulder", t) + frontal_point(ctx, "right_shoulder", t)) / 2
    hp = (frontal_point(ctx, "left_hip", t) + frontal_point(ctx, "right_hip", t)) / 2
    toward_stance = 1.0 if ctx.step.foot == "right" else -1.0
    d = sh - hp
    return float(toward_stance * np.degrees(np.arctan2(d[0], d[1])))
