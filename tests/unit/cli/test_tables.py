"""Terminal tables fit 80 columns without cutting a value (the rear form table cut its normal
ranges and the demo's truth table its truths to "..."): on the generator's runner seen from the
side and from behind (perfect keypoints), rendered at 80 columns."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from backstride.app.pipeline import analyse_trajectory
from backstride.cli.show import _form_table
from backstride.synth.kinematics import simulate
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.video.probe import Probe
from tests.unit.synth.test_synth import perfect_keypoints

FPS = 60.0


@pytest.mark.parametrize("view", ["side-left", "rear"])
def test_the_form_table_fits_80_columns_and_cuts_no_value(view):
    kin = simulate(RunnerParams(pelvic_drop_deg=9.0), np.arange(0, 6, 1 / FPS))
    info = Probe(Path("clip.mp4"), 6.0, FPS, 720, 1280, "h264", 0, len(kin.time_s), 1)
    role = "rear" if view == "rear" else "side"
    clip = analyse_trajectory(perfect_keypoints(kin, Camera(view)), info, role=role, height_cm=None)
    console = Console(width=80, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(_form_table(clip))
    text = console.export_text()
    assert "…" not in text, text
    assert max(len(line) for line in text.splitlines()) <= 80
    for range_text in (">= 0", "-5 to 5") if role == "rear" else (">= 35", "2 to 13"):
        assert range_text in text, text
