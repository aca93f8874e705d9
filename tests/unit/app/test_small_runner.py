"""A runner filmed small: the timing is measured, the angles are withheld with the reason, rather
than the whole clip refused at a cliff (a clip 0.3 px under the old 100 px limit was refused).

Truth is the generator's: perfect keypoints of the synthetic runner at 170 steps/min, scaled about
the picture's centre until the runner is 80 px tall (below the 100 px at which angles are refused)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from backstride.app.pipeline import analyse_trajectory
from backstride.quality.capture import runner_height_px
from backstride.settings import DEFAULT
from backstride.synth.kinematics import simulate
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.video.probe import Probe
from tests.unit.synth.test_synth import perfect_keypoints

FPS = 60.0


def test_a_runner_too_small_for_angles_still_gets_the_cadence_with_the_angles_withheld():
    kin = simulate(RunnerParams(cadence_spm=170.0), np.arange(0, 8, 1 / FPS))
    traj = perfect_keypoints(kin, Camera("side-left"))
    tall_px = runner_height_px(traj, DEFAULT.quality)[1]
    centre = np.array([360.0, 640.0])
    small = traj.with_(xy_px=(traj.xy_px - centre) * (80.0 / tall_px) + centre)
    info = Probe(Path("far.mp4"), 8.0, FPS, 720, 1280, "h264", 0, len(kin.time_s), 1)
    clip = analyse_trajectory(small, info, role="side", height_cm=None)
    assert abs(clip.gait.cadence_spm - 170.0) <= clip.gait.cadence_uncertainty_spm + 1.0
    height = next(c for c in clip.quality.checks if c.name == "runner_height")
    assert height.status == "warn" and "timing only" in height.why, height
    assert clip.quality.verdict != "refused"
    angle = clip.metrics["knee_flexion_contact_deg"]
    assert all(v is None for v in angle.values) and "80 px tall" in (angle.reasons[0] or "")
