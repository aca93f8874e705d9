"""The modified Thomas test end to end through the pose model and the leg-tape finder, on renders of
the synthetic body (synth/thomas.py): lying on the back at a bench's end, the far knee hugged, the
near leg hanging with three squares of tape on its outer side.

Truth: the generator's thigh below the bench's line and knee bend (``truth``). Goal from the issue:
angles within 3 deg. Without the tape the pose model put the hanging knee on the hugged thigh and
the ankle at the knee (10-14 deg off on an earlier render, the test not shipped); the tape is read
instead. Measured (30 fps, 1920 x 1080, 560 px a metre, the default BlazePose backend): see the test.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backstride.app.check import check_clip
from backstride.core.bodycheck import AngleResult
from backstride.synth.posture_clip import Box, render_points
from backstride.synth.render import Camera
from backstride.synth.thomas import ThomasParams, bench_box_m, points, truth

pytestmark = pytest.mark.slow
FPS = 30.0
ANGLE_DEG = 3.0  # the goal


@pytest.mark.parametrize(
    ("p", "camera"),
    [
        (ThomasParams(thigh_below_deg=8.0, knee_deg=80.0), Camera("side-left", width=1920, height=1080, px_per_m=560.0,
                                                                   ground_row=0.9)),
        (ThomasParams(thigh_below_deg=-10.0, knee_deg=55.0, hanging="right"),
         Camera("side-right", width=1920, height=1080, px_per_m=560.0, ground_row=0.9, tilt_deg=6.0)),
    ],
    ids=["left-long", "right-short-rolled"],
)  # fmt: skip
def test_the_hanging_thigh_and_knee_are_the_renders_within_3_degrees(tmp_path: Path, p, camera):
    """Measured: 8.0 / 80.0 deg read 7.9 / 79.9; -10.0 / 55.0 from the right with the phone rolled 6 deg:
    -11.7 / 54.9 (the trunk's line runs from the pose model's shoulders to the hip's tape)."""
    clip = tmp_path / "thomas.mp4"
    t = np.arange(0.0, p.settle_s + 4.0, 1 / FPS)
    render_points(points(t, p), camera, clip, fps=FPS, height_m=p.height_m, furniture=(Box(*bench_box_m(p)),),
                  markers=True, bare_thighs=True)  # fmt: skip
    result = check_clip(clip, "thomas").result
    assert isinstance(result, AngleResult)
    below, bend = truth(p)
    (leg,) = result.legs
    assert leg.leg == p.hanging
    assert leg.angle_deg == pytest.approx(below, abs=ANGLE_DEG)
    assert leg.knee_flexion_deg == pytest.approx(bend, abs=ANGLE_DEG)
