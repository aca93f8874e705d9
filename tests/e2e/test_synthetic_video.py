"""The synthetic runner rendered to video and analysed through mediapipe, end to end.

Truth: the generator's own kinematics (cadence, events, foot-strike angle, knee flexion at
contact, trunk lean, step width, pelvic drop). Targets from the issue at 60 fps: cadence
within 1 step/min, foot strikes within 1 frame, foot-strike angle within 3 deg, knee within
5 deg, trunk lean within 3 deg, pelvic drop within 2 deg, crossover found when present.
Measured (default runner, 4 s, deterministic encoding): cadence 169.8 vs 170; strikes -9..-1
ms; foot-strike angle 16.8/17.3 vs 15 deg; knee at contact 16.2/13.7 vs 15 deg; trunk lean
3.0/4.9 vs 6 deg; step width 24.8/21.9 vs 23.5 % and -14.8/-16.0 vs -17.6 % (crossover).
Toe-offs come out 12-23 ms late (13-16 ms even from perfect keypoints: the model's foot rolls
off the toe more slowly than a real one) and mediapipe's hips barely follow the rendered
pelvis roll (1.7/-1.7 vs 9/4 deg, xfail below): those two targets are not met yet.
"""

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from backstride.metrics.compute import summarise
from backstride.pipeline import analyse_clip
from backstride.synth.clip import render_clip
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera

pytestmark = pytest.mark.slow
FPS = 60.0
SECONDS = 4.0


def render_and_analyse(tmp_path: Path, params: RunnerParams, view: str, settings):
    clip = tmp_path / f"{view}.mp4"
    truth = json.loads(render_clip(params, Camera(view), clip, fps=FPS, duration_s=SECONDS).read_text())
    fresh = replace(settings, pose=replace(settings.pose, cache_dir=None))
    analysis = analyse_clip(clip, role="side" if view.startswith("side") else "rear", settings=fresh)
    med = {k: summarise(r, analysis.gait.steps) for k, r in analysis.metrics.items()}
    return analysis, truth, med


@pytest.fixture(scope="module")
def side(tmp_path_factory, settings):
    return render_and_analyse(tmp_path_factory.mktemp("synth"), RunnerParams(), "side-left", settings)


def test_side_video_cadence_strikes_and_angles(side):
    analysis, truth, med = side
    assert abs(analysis.gait.cadence_spm - truth["cadence_spm"]) <= 1.0
    frame_s = 1 / FPS
    for foot in ("left", "right"):
        true = np.array(truth["events"][foot]["foot_strike_s"])
        found = np.array(analysis.gait.events[foot].foot_strike_s)
        assert len(found) >= len(true) - 1
        assert np.max(np.abs([f - true[np.argmin(np.abs(true - f))] for f in found])) <= frame_s
        steps = [s for s in truth["steps"] if s["foot"] == foot]
        assert abs(med["foot_strike_angle_deg"][foot]["median"] - steps[0]["foot_strike_angle_deg"]) <= 3.0
        assert abs(med["knee_flexion_contact_deg"][foot]["median"] - steps[0]["knee_flexion_contact_deg"]) <= 5.0
        assert abs(med["trunk_lean_deg"][foot]["median"] - steps[0]["trunk_lean_deg"]) <= 3.0


@pytest.mark.parametrize("step_width_m", [0.08, -0.06])
def test_rear_video_step_width_and_crossover(tmp_path, settings, step_width_m):
    _, truth, med = render_and_analyse(tmp_path, RunnerParams(step_width_m=step_width_m), "rear", settings)
    for foot in ("left", "right"):
        width = med["step_width_pct_pelvis"][foot]["median"]
        true = [s["step_width_pct_pelvis"] for s in truth["steps"] if s["foot"] == foot][0]
        assert abs(width - true) <= 10.0
        assert (width < 0) == (step_width_m < 0)  # crossover found when present, not when absent


@pytest.mark.xfail(strict=True, reason="mediapipe's hip keypoints barely follow the rendered pelvis roll")
def test_rear_video_pelvic_drop(tmp_path, settings):
    params = RunnerParams(pelvic_drop_deg=4.0, asymmetry={"left": {"pelvic_drop_deg": 9.0}})
    _, truth, med = render_and_analyse(tmp_path, params, "rear", settings)
    for foot in ("left", "right"):
        true = [s["pelvic_drop_deg"] for s in truth["steps"] if s["foot"] == foot][0]
        assert abs(med["pelvic_drop_deg"][foot]["median"] - true) <= 2.0
