"""Render a synthetic runner to a video file, with its truth beside it as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from fractions import Fraction
from pathlib import Path

import numpy as np

from backstride.synth.kinematics import Kinematics, simulate
from backstride.synth.model import LEGS, Body, RunnerParams
from backstride.synth.render import Camera, background, draw_frame


def render_clip(
    params: RunnerParams, camera: Camera, out: Path, *, fps: float = 60.0, duration_s: float = 6.0, progress=None
) -> Path:
    """Write ``out`` (H.264 MP4) and ``out`` with ``.truth.json``; returns the truth file's path."""

    t = np.arange(0, duration_s, 1.0 / fps)
    kin = simulate(params, t)
    base = background(camera)
    frames = (
        draw_frame(kin.points, i, camera, base, params.height_m, markers=params.pelvis_markers) for i in range(len(t))
    )
    write_video(out, frames, camera, fps, progress)
    truth_path = out.with_suffix(".truth.json")
    truth_path.write_text(json.dumps(truth(params, camera, kin, fps), indent=1))
    return truth_path


def write_video(out: Path, frames: Iterable[np.ndarray], camera: Camera, fps: float, progress=None) -> None:
    """Encode RGB frames of ``camera``'s size to ``out`` (H.264 MP4, settings that repeat byte for byte)."""
    import av

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(out), "w") as container:
        stream = container.add_stream(
            "libx264",
            rate=Fraction(fps).limit_denominator(1001),
            options={"crf": "16", "preset": "veryfast", "threads": "1"},
        )  # deterministic
        stream.width, stream.height, stream.pix_fmt = camera.width, camera.height, "yuv420p"
        for i, rgb in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            frame.pts = i
            for packet in stream.encode(frame):
                container.mux(packet)
            if progress:
                progress(i + 1)
        for packet in stream.encode():
            container.mux(packet)


def truth(params: RunnerParams, camera: Camera, kin: Kinematics, fps: float) -> dict:
    """Events and the controlled quantities, evaluated on the model at the exact event times."""
    body = Body(params.height_m)
    leg_m = body.thigh + body.shank
    steps = []
    for leg in LEGS:
        for strike, off in zip(kin.strikes_s[leg], [o for o in kin.toe_offs_s[leg] if o > kin.strikes_s[leg][0]]):
            at = simulate(params, np.array([strike, (strike + off) / 2]))
            p2 = {k: camera.project(v) for k, v in at.points.items()}
            steps.append(
                {
                    "foot": leg,
                    "strike_s": strike,
                    "toe_off_s": off,
                    "knee_flexion_contact_deg": _flexion(*(p2[f"{leg}_{j}"][0] for j in ("hip", "knee", "ankle"))),
                    "foot_strike_angle_deg": params.for_leg(leg, "foot_strike_angle_deg"),
                    "overstride_pct_leg": 100
                    * float(np.diff([at.points[f"{leg}_hip"][0, 0], at.points[f"{leg}_heel"][0, 0]])[0])
                    / leg_m,
                    **_sagittal_truth(params, leg, strike, off, leg_m),
                    "trunk_lean_deg": params.trunk_lean_deg,
                    "pelvic_drop_deg": params.for_leg(leg, "pelvic_drop_deg"),
                    "step_width_m": params.for_leg(leg, "step_width_m"),
                    "step_width_pct_pelvis": 100 * params.for_leg(leg, "step_width_m") / 2 / body.pelvis_width,
                }
            )
    return {
        "generator": "backstride synth",
        "view": camera.view,
        "fps": fps,
        "camera": asdict(camera),
        "params": asdict(params),
        "cadence_spm": params.cadence_spm,
        "contact_time_ms": 1000 * params.duty_factor * params.stride_s,
        "events": {
            leg: {"foot_strike_s": list(kin.strikes_s[leg]), "toe_off_s": list(kin.toe_offs_s[leg])} for leg in LEGS
        },
        "steps": sorted(steps, key=lambda s: s["strike_s"]),
    }


def _sagittal_truth(params: RunnerParams, leg: str, strike_s: float, off_s: float, leg_m: float) -> dict:
    """Side-view angles as the metrics define them, on the model's exact points (x fwd, y up)."""
    stance = np.arange(strike_s, off_s, 0.001)
    step = np.arange(strike_s, strike_s + params.stride_s / 2, 0.001)  # to the other foot's strike
    at = simulate(params, np.concatenate([[strike_s, off_s], stance, step]))
    xy = {k: v[:, :2] for k, v in at.points.items()}
    hip, knee, ankle = (xy[f"{leg}_{j}"] for j in ("hip", "knee", "ankle"))
    n = len(stance)
    pelvis_y = (xy["left_hip"][2 + n :, 1] + xy["right_hip"][2 + n :, 1]) / 2  # trunk and head ride on it
    return {
        "shank_angle_deg": _to_vertical(knee[0], ankle[0]),
        "knee_flexion_peak_stance_deg": max(_flexion(hip[i], knee[i], ankle[i]) for i in range(2, 2 + n)),
        "thigh_extension_toe_off_deg": _to_vertical(hip[1], knee[1]),
        "vertical_oscillation_pct_leg": 100 * float(np.ptp(pelvis_y)) / leg_m,
    }


def _to_vertical(top: np.ndarray, bottom: np.ndarray) -> float:
    d = top - bottom
    return float(np.degrees(np.arctan2(d[0], d[1])))


def _flexion(hip: np.ndarray, knee: np.ndarray, ankle: np.ndarray) -> float:
    u, v = hip - knee, ankle - knee
    c = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v)))
    return 180.0 - float(np.degrees(np.arccos(np.clip(c, -1, 1))))
