"""Joint positions over time for :class:`~backstride.synth.model.RunnerParams`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.synth.model import (
    LEGS,
    Body,
    RunnerParams,
    distance_from_knee_flexion,
    hermite,
    smoothstep,
)

FIRST_STRIKE_S = 0.1  # the left foot's first contact
HEEL_RISE_DEG = -35.0  # foot pitch at toe-off (toes down)
SWING_LIFT_M = 0.22
G = 9.81


@dataclass(frozen=True)
class Kinematics:
    time_s: np.ndarray
    points: dict[str, np.ndarray]  # keypoint name -> [frame, 3] metres (x fwd, y up, z left)
    strikes_s: dict[str, tuple[float, ...]]
    toe_offs_s: dict[str, tuple[float, ...]]
    pelvic_roll_deg: np.ndarray  # + = left hip higher than right


def leg_phase(t: np.ndarray, leg: str, stride_s: float) -> np.ndarray:
    offset = 0.0 if leg == "left" else 0.5
    return ((t - FIRST_STRIKE_S) / stride_s - offset) % 1.0


def foot_offsets(pitch_deg: np.ndarray, body: Body) -> tuple[np.ndarray, np.ndarray]:
    """Heel and toe relative to the ankle in the sagittal plane (x fwd, y up), ``[frame, 2]``."""
    p = np.radians(pitch_deg)[:, None]

    def rot(v: tuple[float, float]) -> np.ndarray:
        return np.column_stack(
            [
                np.cos(p[:, 0]) * v[0] - np.sin(p[:, 0]) * v[1],
                np.sin(p[:, 0]) * v[0] + np.cos(p[:, 0]) * v[1],
            ]
        )

    return rot((-body.foot_back, -body.ankle_height)), rot((body.foot_front, -body.ankle_height))


def grounded_ankle_height(pitch_deg: np.ndarray, body: Body) -> np.ndarray:
    heel, toe = foot_offsets(pitch_deg, body)
    return -np.minimum(heel[:, 1], toe[:, 1])


def foot_pitch(phase: np.ndarray, p: RunnerParams, leg: str) -> np.ndarray:
    """Foot pitch (deg, toes up +): flattens after contact, then the heel rises ever faster.

    Plantar flexion is fastest at toe-off in running (the foot is still rolling over the toe
    when it leaves the ground), so the heel rise accelerates into toe-off and the swing
    starts at that angular speed; the foot then swings back to its strike angle and holds it
    through terminal swing.
    """
    fsa, df = p.for_leg(leg, "foot_strike_angle_deg"), p.duty_factor
    stance = phase < df
    tau = phase / df
    s = np.clip((phase - df) / (1 - df), 0, 1)
    u = np.clip((tau - HEEL_RISE_FROM) / (1 - HEEL_RISE_FROM), 0, 1)
    in_stance = np.where(tau < HEEL_RISE_FROM, fsa * (1 - smoothstep(tau / 0.25)), HEEL_RISE_DEG * u**HEEL_RISE_POWER)
    slope_s = HEEL_RISE_DEG * HEEL_RISE_POWER * (1 - df) / ((1 - HEEL_RISE_FROM) * df)  # deg per unit s
    r = np.clip(s / SWING_SETTLED_FROM, 0, 1)  # the foot holds its strike angle in terminal swing
    in_swing = hermite(r, HEEL_RISE_DEG, fsa, slope_s * SWING_SETTLED_FROM, 0.0)
    return np.where(stance, in_stance, in_swing)


#: How the heel rise accelerates (pitch grows as the share of heel-rise time to this power).
HEEL_RISE_POWER = 2.0
#: Share of swing after which the foot holds its strike angle (terminal swing).
SWING_SETTLED_FROM = 0.7
#: Share of stance after which the heel rises (the foot then rolls over the toe).
HEEL_RISE_FROM = 0.6


def stance_ankle_x(tau: np.ndarray, p: RunnerParams, leg: str, body: Body) -> np.ndarray:
    """Ankle x in stance (``tau`` seconds after contact) for a foot that does not slip on the belt.

    The heel is fixed to the belt while the foot flattens (it rotates about the heel); the
    toe is fixed to the belt once the heel rises (it rotates about the toe); both move back
    at belt speed. Overstride sets the ankle at contact.
    """
    tc = p.duty_factor * p.stride_s
    v = p.speed_ms
    fsa = p.for_leg(leg, "foot_strike_angle_deg")
    pitch = foot_pitch(tau / p.stride_s, p, leg)
    heel_ic, _ = foot_offsets(np.array([fsa]), body)
    heel_belt = p.for_leg(leg, "overstride_m") + heel_ic[0, 0] - v * tau  # heel's place on the belt
    heel_now, toe_now = foot_offsets(pitch, body)
    heel0, toe0 = foot_offsets(np.array([0.0]), body)
    t_rise = HEEL_RISE_FROM * tc
    toe_belt = p.for_leg(leg, "overstride_m") + heel_ic[0, 0] - v * t_rise + (toe0 - heel0)[0, 0] - v * (tau - t_rise)
    return np.where(tau < t_rise, heel_belt - heel_now[:, 0], toe_belt - toe_now[:, 0])


def ankle_sagittal(phase: np.ndarray, p: RunnerParams, leg: str, body: Body) -> np.ndarray:
    """Ankle (x, y) relative to the hip's mean position; the foot's lowest point on the ground in stance."""
    stride, df = p.stride_s, p.duty_factor
    tc, ts = df * stride, (1 - df) * stride
    v = p.speed_ms
    x_ic = p.for_leg(leg, "overstride_m")
    edge = np.array([tc - 1e-3, tc])
    x_edge = stance_ankle_x(edge, p, leg, body)
    x_to, v_to = x_edge[1], (x_edge[1] - x_edge[0]) / 1e-3
    pitch = foot_pitch(phase, p, leg)
    y_ground = grounded_ankle_height(pitch, body)
    y_ic = grounded_ankle_height(np.array([p.for_leg(leg, "foot_strike_angle_deg")]), body)[0]
    y_to = grounded_ankle_height(np.array([HEEL_RISE_DEG]), body)[0]
    tau = phase * stride
    s = np.clip((phase - df) / (1 - df), 0, 1)
    # the foot already moves back at contact, at ~70 % of belt speed (as the Fukuchi markers do)
    x_swing = hermite(s, x_to, x_ic, v_to * ts, -0.7 * v * ts)
    y_swing = hermite(s, y_to, y_ic, 0.6 * ts, -0.5 * ts) + SWING_LIFT_M * np.sin(np.pi * s) ** 1.5 * (1 - 0.4 * s)
    stance = phase < df
    return np.column_stack(
        [np.where(stance, stance_ankle_x(tau, p, leg, body), x_swing), np.where(stance, y_ground, y_swing)]
    )


def pelvis_height(t: np.ndarray, p: RunnerParams, body: Body) -> np.ndarray:
    """Hip joint centre height: set by the stance leg's knee at contact and at midstance."""
    df, stride = p.duty_factor, p.stride_s
    step = stride / 2
    tc = df * stride
    out = np.empty_like(t)
    for leg, other in (("left", "right"), ("right", "left")):
        phase = leg_phase(t, leg, stride)
        tau = phase * stride
        here = tau < step  # this leg's step: its contact and the flight that follows
        h_ic, h_mid = _stance_heights(p, leg, body)
        h_next = _stance_heights(p, other, body)[0]
        in_stance = h_mid + (h_ic - h_mid) * (1 + np.cos(2 * np.pi * tau / tc)) / 2  # lowest at midstance
        u = np.clip((tau - tc) / (step - tc), 0, 1)
        apex = G * (step - tc) ** 2 / 8
        in_flight = h_ic + (h_next - h_ic) * u + 4 * apex * u * (1 - u)
        out = np.where(here, np.where(tau < tc, in_stance, in_flight), out)
    return out


def _stance_heights(p: RunnerParams, leg: str, body: Body) -> tuple[float, float]:
    """Hip height above the ground at this leg's contact and at its midstance."""
    x_ic = p.for_leg(leg, "overstride_m")
    x_mid = x_ic - p.speed_ms * p.duty_factor * p.stride_s / 2
    y_ic = grounded_ankle_height(np.array([p.for_leg(leg, "foot_strike_angle_deg")]), body)[0]
    dz = body.pelvis_width / 2 - p.for_leg(leg, "step_width_m") / 2
    d_ic = distance_from_knee_flexion(p.for_leg(leg, "knee_flexion_contact_deg"), body.thigh, body.shank)
    d_mid = distance_from_knee_flexion(p.for_leg(leg, "knee_flexion_peak_deg"), body.thigh, body.shank)
    h_ic = y_ic + np.sqrt(d_ic**2 - x_ic**2 - dz**2)
    h_mid = body.ankle_height + np.sqrt(max(d_mid**2 - x_mid**2 - dz**2, 0.01))
    return float(h_ic), float(h_mid)


def knee_position(hip: np.ndarray, ankle: np.ndarray, body: Body) -> np.ndarray:
    """Two-link inverse kinematics; the knee bends forward (+x) in the plane of hip, ankle and x."""
    d_vec = ankle - hip
    d = np.linalg.norm(d_vec, axis=1)
    d = np.minimum(d, body.thigh + body.shank - 1e-6)
    along = (body.thigh**2 - body.shank**2 + d**2) / (2 * d)
    perp = np.sqrt(np.maximum(body.thigh**2 - along**2, 0))
    unit = d_vec / np.linalg.norm(d_vec, axis=1, keepdims=True)
    fwd = np.array([1.0, 0.0, 0.0]) - unit * unit[:, :1]  # forward, made perpendicular to the leg
    fwd /= np.linalg.norm(fwd, axis=1, keepdims=True)
    return hip + unit * along[:, None] + fwd * perp[:, None]


def pelvic_roll_deg(t: np.ndarray, p: RunnerParams) -> np.ndarray:
    """Pelvis roll: the swing side's hip drops, peaking at the stance leg's midstance."""
    roll = np.zeros_like(t)
    for leg, sign in (("left", 1.0), ("right", -1.0)):
        phase = leg_phase(t, leg, p.stride_s)
        stance = phase < p.duty_factor
        drop = p.for_leg(leg, "pelvic_drop_deg") * np.sin(np.pi * phase / p.duty_factor)
        roll = np.where(stance, sign * drop, roll)  # left stance: right hip drops, left higher
    return roll


def pelvic_yaw_deg(t: np.ndarray, p: RunnerParams) -> np.ndarray:
    """Pelvis rotation about the vertical (left side forward: +), each side furthest forward at
    its own foot strike (the right leg runs half a stride behind, so one cosine serves both)."""
    return p.pelvis_rotation_deg * np.cos(2 * np.pi * leg_phase(t, "left", p.stride_s))


def yawed(points: dict[str, np.ndarray], yaw_deg: np.ndarray) -> dict[str, np.ndarray]:
    """Turn points about the vertical axis through x = z = 0 (the pelvis centre): a point on the
    left (z > 0) moves forward (x +) for a positive yaw; heights are untouched."""
    a = np.radians(yaw_deg)
    out = {}
    for name, v in points.items():
        x, z = v[:, 0], v[:, 2]
        out[name] = np.column_stack([x * np.cos(a) + z * np.sin(a), v[:, 1], z * np.cos(a) - x * np.sin(a)])
    return out


def psis_points(pelvis_y: np.ndarray, roll_deg: np.ndarray, body: Body) -> dict[str, np.ndarray]:
    """The two PSIS, rotated with the pelvis about the forward axis (x): y = up cos r + z sin r,
    z = z cos r - up sin r, so their line tilts by the roll (+ = left side up) exactly."""
    r = np.radians(roll_deg)
    up, out = {}, body.psis_height
    for side, sign in (("left", 1.0), ("right", -1.0)):
        z0 = sign * body.psis_spacing / 2
        up[f"{side}_psis"] = np.column_stack(
            [
                np.full(len(r), -0.1 * body.height_m / 1.78),
                pelvis_y + out * np.cos(r) + z0 * np.sin(r),
                z0 * np.cos(r) - out * np.sin(r),
            ]
        )
    return up


def simulate(p: RunnerParams, time_s: np.ndarray) -> Kinematics:
    """Joint positions at the given times, and the true events."""
    from backstride.synth.upper import upper_body

    body = Body(p.height_m)
    t = np.asarray(time_s, dtype=float)
    n = len(t)
    h = pelvis_height(t, p, body)
    roll = pelvic_roll_deg(t, p)
    yaw = pelvic_yaw_deg(t, p)
    pts: dict[str, np.ndarray] = {}
    for leg in LEGS:
        side = 1.0 if leg == "left" else -1.0
        hz = side * body.pelvis_width / 2
        hip = np.column_stack([np.zeros(n), h + hz * np.sin(np.radians(roll)), np.full(n, hz)])
        hip = yawed({"hip": hip}, yaw)["hip"]
        phase = leg_phase(t, leg, p.stride_s)
        xy = ankle_sagittal(phase, p, leg, body)
        ankle = np.column_stack([xy[:, 0], xy[:, 1], np.full(n, side * p.for_leg(leg, "step_width_m") / 2)])
        heel2, toe2 = foot_offsets(foot_pitch(phase, p, leg), body)
        pts[f"{leg}_hip"], pts[f"{leg}_ankle"] = hip, ankle
        pts[f"{leg}_knee"] = knee_position(hip, ankle, body)
        pts[f"{leg}_heel"] = ankle + np.column_stack([heel2, np.zeros(n)])
        pts[f"{leg}_foot_index"] = ankle + np.column_stack([toe2, np.zeros(n)])
    pts.update(upper_body(t, p, body, pts))
    pts.update(yawed(psis_points(h, roll, body), yaw))
    if p.overground:  # a static camera: everything moves forward at running speed
        shift = np.column_stack([p.speed_ms * (t - t.mean()), np.zeros(n), np.zeros(n)])
        pts = {k: v + shift for k, v in pts.items()}
    strikes, offs = _events(t, p)
    return Kinematics(t, pts, strikes, offs, roll)


def _events(t: np.ndarray, p: RunnerParams) -> tuple[dict, dict]:
    strikes, offs = {}, {}
    for leg in LEGS:
        first = FIRST_STRIKE_S + (0.0 if leg == "left" else 0.5 * p.stride_s)
        k = np.arange(-1, int((t[-1] - first) / p.stride_s) + 2)
        ic = first + k * p.stride_s
        to = ic + p.duty_factor * p.stride_s
        strikes[leg] = tuple(float(x) for x in ic if t[0] <= x <= t[-1])
        offs[leg] = tuple(float(x) for x in to if t[0] <= x <= t[-1])
    return strikes, offs
