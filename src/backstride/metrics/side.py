"""Side-view form metrics, one pure function each, per step (evaluated at its contact).

Angles are measured in the runner's frame with the camera's tilt removed (forward +x, up +y).
2-D video angles carry several degrees of error: knee and hip angles at foot strike have
prediction intervals 3-8 deg wide within a day and 9-14 deg between days (Damsted 2015,
IJSPT).
"""

from __future__ import annotations

import numpy as np

from backstride.metrics.geometry import angle_to_horizontal_deg, angle_to_vertical_deg, flexion_deg, metres, point
from backstride.metrics.registry import EVENT_MIN_FPS, NotMeasured, PoseBias, StepContext, metric

#: Foot-strike angle cut-offs validated against strike index (Mo et al., Res Sports Med 2021).
RFS_ABOVE_DEG = 7.4
FFS_BELOW_DEG = -0.8


def _foot_angle(ctx: StepContext, t_s: float) -> float:
    f = ctx.step.foot
    return angle_to_horizontal_deg(point(ctx, f"{f}_heel", t_s), point(ctx, f"{f}_foot_index", t_s))


def _midstance_s(ctx: StepContext) -> float:
    return (ctx.step.strike_s + ctx.step.toe_off_s) / 2


@metric(
    "foot_strike_angle_deg",
    label="Foot-strike angle",
    unit="deg",
    view="side",
    min_fps=EVENT_MIN_FPS,
    definition="Angle of the foot (heel to toe) to the ground at initial contact, minus the same "
    "angle at midstance (foot flat), so keypoint offsets on the shoe cancel; + = toes up",
    normal_range=None,
    source="Mo et al. 2021 (Res Sports Med): rearfoot > 7.4 deg, forefoot < -0.8 deg, midfoot between; "
    "no normal range: each pattern is normal",
)
def foot_strike_angle_deg(ctx: StepContext) -> float:
    return _foot_angle(ctx, ctx.step.strike_s) - _foot_angle(ctx, _midstance_s(ctx))


def strike_pattern(angle_deg: float) -> str:
    """Rearfoot, midfoot or forefoot from the foot-strike angle (Mo et al. 2021)."""
    if angle_deg > RFS_ABOVE_DEG:
        return "rearfoot"
    if angle_deg < FFS_BELOW_DEG:
        return "forefoot"
    return "midfoot"


@metric(
    "overstride_pct_leg",
    label="Overstride (% of leg)",
    unit="% leg length",
    view="side",
    min_fps=EVENT_MIN_FPS,
    definition="Horizontal distance the heel lands ahead of the hip at initial contact, in % of leg length",
    normal_range=None,
    source="Lieberman 2015 (J Exp Biol 218:3406): landing position relative to the hip tracks braking; "
    "no validated cut-off",
)
def overstride_pct_leg(ctx: StepContext) -> float:
    f, t = ctx.step.foot, ctx.step.strike_s
    return 100.0 * (point(ctx, f"{f}_heel", t)[0] - point(ctx, f"{f}_hip", t)[0]) / ctx.leg_px


@metric(
    "overstride_cm",
    label="Overstride (cm)",
    unit="cm",
    view="side",
    min_fps=EVENT_MIN_FPS,
    definition="Horizontal distance the heel lands ahead of the hip at initial contact, in cm "
    "(needs the runner's height)",
    normal_range=None,
    source="Lieberman 2015 (J Exp Biol 218:3406); no validated cut-off",
)
def overstride_cm(ctx: StepContext) -> float:
    return 100.0 * metres(ctx, overstride_pct_leg(ctx) / 100.0 * ctx.leg_px)


@metric(
    "shank_angle_deg",
    label="Shank angle at contact",
    unit="deg",
    view="side",
    min_fps=EVENT_MIN_FPS,
    definition="Angle of the shank (ankle to knee) to vertical at initial contact; + = knee ahead "
    "of ankle, 0 = vertical tibia",
    normal_range=(0.0, None),
    source="Lieberman 2015; Souza 2016 (PM&R Clin N Am 27:217): land with a near-vertical tibia; "
    "foot ahead of the knee (negative) is tibial overstride",
)
def shank_angle_deg(ctx: StepContext) -> float:
    f, t = ctx.step.foot, ctx.step.strike_s
    return angle_to_vertical_deg(point(ctx, f"{f}_knee", t), point(ctx, f"{f}_ankle", t))


def _knee_flexion(ctx: StepContext, t_s: float) -> float:
    f = ctx.step.foot
    return flexion_deg(point(ctx, f"{f}_hip", t_s), point(ctx, f"{f}_knee", t_s), point(ctx, f"{f}_ankle", t_s))


#: mediapipe against RTMPose on the shared treadmill clip, at the same contacts: the knee at contact
#: -4.6 / -10.4 deg and its stance peak -5.2 / -13.1 deg (near / far leg; tests/realdata/test_side_rtmpose.py).
MEDIAPIPE_KNEE = PoseBias(
    ("mediapipe", "blazepose"),  # one network (BlazePose full) under either runtime
    13.0,
    "mediapipe reads the knee 5-13 deg below another pose model (RTMPose) on real footage, so this may be normal",
)


@metric(
    "knee_flexion_contact_deg",
    label="Knee bend at contact",
    unit="deg",
    view="side",
    min_fps=EVENT_MIN_FPS,
    definition="Knee flexion (180 deg minus the hip-knee-ankle angle) at initial contact",
    normal_range=(10.0, 30.0),
    source="about 21 deg at contact (a secondary source, not checked against a study); range is +/- the 2-D error",
    low_bias=MEDIAPIPE_KNEE,
)
def knee_flexion_contact_deg(ctx: StepContext) -> float:
    return _knee_flexion(ctx, ctx.step.strike_s)


@metric(
    "knee_flexion_peak_stance_deg",
    label="Knee bend, peak in stance",
    unit="deg",
    view="side",
    min_fps=EVENT_MIN_FPS,
    definition="Largest knee flexion between initial contact and toe-off",
    normal_range=(35.0, None),
    source="about 36 deg at peak stance (secondary source); Souza 2016 heuristic: below ~40-45 deg "
    "may mean reduced shock absorption",
    low_bias=MEDIAPIPE_KNEE,
)
def knee_flexion_peak_stance_deg(ctx: StepContext) -> float:
    t = ctx.traj.time_s
    frames = t[(t >= ctx.step.strike_s) & (t <= ctx.step.toe_off_s)]
    values = []
    for ts in frames:
        try:
            values.append(_knee_flexion(ctx, float(ts)))
        except NotMeasured:
            continue
    if len(values) < max(2, len(frames) // 2):
        raise NotMeasured("knee not seen through most of stance")
    return float(np.max(values))


@metric(
    "thigh_extension_toe_off_deg",
    label="Thigh extension at toe-off",
    unit="deg",
    view="side",
    min_fps=EVENT_MIN_FPS,
    definition="Angle of the thigh (hip to knee) behind vertical at toe-off (2-D stand-in for hip extension)",
    normal_range=(5.0, None),
    source="Souza 2016: optimum elusive, ~10 deg can be normal in slow runners",
)
def thigh_extension_toe_off_deg(ctx: StepContext) -> float:
    f, t = ctx.step.foot, ctx.step.toe_off_s
    return angle_to_vertical_deg(point(ctx, f"{f}_hip", t), point(ctx, f"{f}_knee", t))


@metric(
    "trunk_lean_deg",
    label="Forward trunk lean",
    unit="deg",
    view="side",
    definition="Forward lean of the trunk (hip midpoint to shoulder midpoint) from vertical at midstance",
    normal_range=(2.0, 13.0),
    source="Teng & Powers 2015 (MSSE 47:625): low-lean group 3.6 +/- 2.8 deg, high-lean 10.8 +/- 2.2 deg",
)
def trunk_lean_deg(ctx: StepContext) -> float:
    t = _midstance_s(ctx)
    sh = (point(ctx, "left_shoulder", t) + point(ctx, "right_shoulder", t)) / 2
    hp = (point(ctx, "left_hip", t) + point(ctx, "right_hip", t)) / 2
    return angle_to_vertical_deg(sh, hp)


def _body_heights(ctx: StepContext) -> tuple[np.ndarray, np.ndarray]:
    """Share of the step (0 at this strike, 1 at the next) and the body's height, pixels, tilt removed."""
    end = ctx.step.next_strike_s
    if end is None:
        raise NotMeasured("the step's end (next foot strike) is outside the clip")
    t = ctx.traj.time_s
    times = t[(t >= ctx.step.strike_s) & (t <= end)]
    per_point = []
    for name in TRUNK_POINTS:  # those seen through the whole step (a pose model may lack some)
        try:
            per_point.append([point(ctx, name, float(ts))[1] for ts in times])
        except NotMeasured:
            continue
    if len(per_point) < 2:
        raise NotMeasured("trunk and head keypoints not seen through the step")
    return (times - ctx.step.strike_s) / (end - ctx.step.strike_s), np.mean(per_point, axis=0)


#: Harmonics of the step frequency fitted to the body's height (the rise and fall of one step).
BODY_HARMONICS = 2
#: Keypoints on the trunk and head, which rise and fall together: their mean height is the body's
#: height (through mediapipe on the synthetic runner the hips alone read 3.9 / 6.1 % leg against
#: 5.6, these seven 4.9 / 5.6; the hip keypoints ride up and down with the legs).
TRUNK_POINTS = ("left_hip", "right_hip", "left_shoulder", "right_shoulder", "left_ear", "right_ear", "nose")


def body_range_px(share: np.ndarray, height: np.ndarray) -> float:
    """Peak-to-peak of the body's height over a step, from a fit of the step frequency's first
    harmonics: the range of the raw samples would add the keypoints' frame-to-frame jitter (about
    +1 % of leg length per step through mediapipe); the fit averages it over the whole step."""
    harmonics = min(BODY_HARMONICS, (len(share) - 2) // 2)
    if harmonics < 1:
        raise NotMeasured("too few frames in the step for its vertical motion")
    coef, *_ = np.linalg.lstsq(_fourier_design(share, harmonics), height, rcond=None)
    return float(np.ptp(_fourier_design(np.linspace(0, 1, 200), harmonics) @ coef))


def _fourier_design(x: np.ndarray, harmonics: int) -> np.ndarray:
    cols = [np.ones_like(x)]
    for k in range(1, harmonics + 1):
        cols += [np.cos(2 * np.pi * k * x), np.sin(2 * np.pi * k * x)]
    return np.column_stack(cols)


@metric(
    "vertical_oscillation_pct_leg",
    label="Vertical oscillation (% of leg)",
    unit="% leg length",
    view="side",
    definition="Up-and-down range of the body (mean height of hips, shoulders, ears and nose, which move "
    "up and down together) over one step, in % of leg length; read from a fit of the step "
    "frequency's first two harmonics, so keypoint jitter does not add to it",
    normal_range=None,
    source="no validated threshold has been published",
)
def vertical_oscillation_pct_leg(ctx: StepContext) -> float:
    return 100.0 * body_range_px(*_body_heights(ctx)) / ctx.leg_px


@metric(
    "vertical_oscillation_cm",
    label="Vertical oscillation (cm)",
    unit="cm",
    view="side",
    definition="Up-and-down range of the body over one step (as vertical_oscillation_pct_leg), in cm "
    "(needs the runner's height)",
    normal_range=None,
    source="no validated threshold has been published",
)
def vertical_oscillation_cm(ctx: StepContext) -> float:
    return 100.0 * metres(ctx, body_range_px(*_body_heights(ctx)))
