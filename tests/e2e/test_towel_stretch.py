"""The towel hamstring stretch end to end through the pose model and the leg-tape finder, on renders of
the synthetic body (synth/towel.py): lying on the back, the near leg pulled up straight and held,
faults injected at known holds (``FAULTED_HOLDS``: the knee bent 30 deg in hold 2, the other thigh
up 30 deg in hold 3, hold 4 held 14 s instead of 32). Truth: the generator's exact points
(``truth``): each hold's raise, knee bend and other thigh, and how long the raise is within the
hold's band. Goals from the issue: angles within 3 deg, hold times within 1 s, every hold's verdict
right. An earlier try without tape (the far leg held up) was not shipped: the pose model lost the
raised leg for about 10 s of a 30 s hold. Here the stretched leg is the near one, read from its
tape, and the other thigh from a fourth square on the other knee's inner side: the pose model read
that flat leg 15-23 deg up in holds 1-2 of this render. Measured (15 fps to keep the render short,
1920 x 1080, 495 px a metre, the default BlazePose backend): see the test.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backstride.app.check import check_clip, write_check
from backstride.core.bodycheck import FormResult
from backstride.settings import DEFAULT
from backstride.synth.posture_clip import render_points
from backstride.synth.render import Camera
from backstride.synth.towel import FAULTED_HOLDS, TowelParams, points, truth

pytestmark = pytest.mark.slow
FPS = 15.0
ANGLE_DEG, HOLD_S = 3.0, 1.0  # the goals


@pytest.mark.parametrize(
    ("leg", "camera"),
    [("left", Camera("side-left", width=1920, height=1080, px_per_m=495.0, ground_row=0.9)),
     ("right", Camera("side-right", width=1920, height=1080, px_per_m=495.0, ground_row=0.9, tilt_deg=5.0))],
)  # fmt: skip
def test_every_holds_figures_and_verdict_from_the_render(tmp_path: Path, leg, camera):
    """Measured, holds 1-4 (truth: raise 70, knee 0/30/0/0, other thigh 0/0/30/0 deg, held 32.8/32.8/32.8/14.8 s):
    from the left raise 70.1, 70.4, 70.4, 70.7; knee 0.1, 30.0, 0.1, 0.1; other thigh 0.2, 0.5, 30.5, 0.7;
    held 32.8, 32.7, 32.8, 14.7. From the right, the phone rolled 5 deg: raise 70.2, 71.1, 70.1, 70.4; knee
    0.1, 30.0, 0.1, 0.1; other thigh 0.3, 1.1, 30.1, 0.4; held 32.7, 32.7, 32.8, 14.7."""
    p = TowelParams(holds=FAULTED_HOLDS, leg=leg)
    clip = tmp_path / f"towel_{leg}.mp4"
    t = np.arange(0.0, p.duration_s, 1 / FPS)
    render_points(points(t, p), camera, clip, fps=FPS, height_m=p.height_m, markers=True, bare_thighs=True)
    checked = check_clip(clip, "towel-stretch")
    result = checked.result
    assert isinstance(result, FormResult)
    want = truth(p, DEFAULT.bodycheck.towel.hold_band_deg)
    assert result.leg == leg
    assert [r.faults for r in result.reps] == [(), ("knee bent",), ("other leg up",), ("short",)]
    for r, raised, bend, other, held in zip(
        result.reps, want.raise_deg, want.knee_bend_deg, want.floor_thigh_deg, want.held_s, strict=True
    ):
        assert r.top_deg == pytest.approx(raised, abs=ANGLE_DEG), r
        assert r.knee_bend_deg == pytest.approx(bend, abs=ANGLE_DEG), r
        assert r.other_thigh_deg == pytest.approx(other, abs=ANGLE_DEG), r
        assert r.held_s == pytest.approx(held, abs=HOLD_S), r
    written = write_check(checked, tmp_path / "out")
    assert any(f.name == "check-hold2.jpg" for f in written)
