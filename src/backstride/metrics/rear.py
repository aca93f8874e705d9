"""Rear-view (frontal plane) form metrics, per step, evaluated over that foot's contact.

Frontal-plane frame: lateral +x to the runner's right, up +y (a front view is mirrored back).
"""

from __future__ import annotations

import numpy as np

from backstride.metrics.registry import EVENT_MIN_FPS, NotMeasured, StepContext, metric
from backstride.metrics.video_limits import PELVIC_DROP
from backstride.trajectory import View


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


@metric(
    "pelvic_drop_deg",
    label="Pelvic drop",
    unit="deg",
    view="rear",
    min_fps=EVENT_MIN_FPS,
    definition="Contralateral pelvic drop: peak, over this foot's contact, of how far the swing side's hip "
    "sits below the stance side's (angle of the hip line), relative to the hip line's median angle "
    "in flight (which removes camera roll and standing pelvic obliquity). Under-read by 2-D "
    f"pose: {PELVIC_DROP.text()} ({PELVIC_DROP.how}), so a value inside the range does "
    "not rule a drop out",
    normal_range=(None, 7.0),
    source="Bramah 2018 (AJSM 46:3023): odds of injury +80 % per degree (knee and shank injuries, "
    "retrospective); group means UNVERIFIED; upper bound is a heuristic",
)
def pelvic_drop_deg(ctx: StepContext) -> float:
    angles = [_pelvis_angle_deg(ctx, float(t), ctx.step.foot) for t in _stance_times(ctx)]
    return float(np.max(angles) - _neutral_pelvis_angle(ctx))


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
    unit="% pelvis width",
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


@metric(
    "knee_frontal_projection_deg",
    label="Knee valgus from behind",
    unit="deg",
    view="rear",
    definition="Frontal-plane projection angle of the stance knee at midstance: 180 deg minus the "
    "hip-knee-ankle angle seen from behind; + = knee inside the hip-ankle line (valgus)",
    normal_range=None,
    source="no validated running norm (2-D FPPA from single-leg squat studies); no cut-off",
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
