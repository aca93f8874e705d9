"""Trunk, arms and head of the synthetic runner."""

from __future__ import annotations

import numpy as np

from backstride.synth.model import Body, RunnerParams


def upper_body(t: np.ndarray, p: RunnerParams, body: Body, legs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    n = len(t)
    pelvis = (legs["left_hip"] + legs["right_hip"]) / 2
    lean, lat = np.radians(p.trunk_lean_deg), np.radians(p.trunk_lateral_lean_deg)
    trunk = body.trunk * np.array([np.sin(lean), np.cos(lean) * np.cos(lat), np.sin(lat)])
    neck = pelvis + trunk
    half = 0.1 * p.height_m  # half shoulder width (biacromial ~0.2 H)
    out: dict[str, np.ndarray] = {}
    for arm, lateral, phase0 in (("left", 1.0, 0.5), ("right", -1.0, 0.0)):  # arms swing with the other leg
        sh = neck + np.array([0.0, 0.0, lateral * half])
        swing = np.radians(30.0) * np.sin(2 * np.pi * ((t - 0.1) / p.stride_s - phase0) + np.pi / 2)
        upper = 0.186 * p.height_m
        fore = 0.146 * p.height_m
        elbow = sh + upper * np.column_stack([np.sin(swing), -np.cos(swing), np.zeros(n)])
        fa = swing + np.radians(90.0)
        wrist = elbow + fore * np.column_stack([np.sin(fa), -np.cos(fa), np.zeros(n)])
        out[f"{arm}_shoulder"], out[f"{arm}_elbow"], out[f"{arm}_wrist"] = sh, elbow, wrist
    head = neck + trunk / np.linalg.norm(trunk) * 0.12 * p.height_m
    out["head_centre"] = head
    out["nose"] = head + np.array([0.09, 0.0, 0.0]) * p.height_m / 1.78
    for side, sign in (("left", 1.0), ("right", -1.0)):
        out[f"{side}_eye"] = head + np.array([0.075, 0.03, sign * 0.035]) * p.height_m / 1.78
        out[f"{side}_ear"] = head + np.array([0.0, 0.01, sign * 0.075]) * p.height_m / 1.78
    return out
