"""McGill's side bridge from behind, end to end through the pose model, on renders of the synthetic
body (synth/side_bridge.py): lying on the right side, and on the left (its mirror image).

Truth: the hold's start and end found on the generator's exact bend at the hips with the
measurement's own rule (within 5 deg of the feet-shoulders line to start, more than 10 deg below it
for over 0.5 s to end). Goal from the issue: hold times within 1 s.
Measured (30 fps, 1280 x 720, the default BlazePose backend): right side down, 8.64 s read 8.49 s;
left side down, 6.73 s read 6.68 s; each side named right.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from backstride.app.check import check_clip
from backstride.core.bodycheck import HoldResult
from backstride.errors import NotAsGuidedError
from backstride.settings import DEFAULT
from backstride.synth.holds import standing
from backstride.synth.posture import points_of
from backstride.synth.posture_clip import render_points
from backstride.synth.render import Camera
from backstride.synth.side_bridge import SideBridgeParams, hold_truth, points

pytestmark = pytest.mark.slow
FPS = 30.0
HOLD_TOLERANCE_S = 1.0  # the goal
BEHIND = Camera("rear", width=1280, height=720, px_per_m=420.0, ground_row=0.85)


def render(folder: Path, p: SideBridgeParams) -> Path:
    clip = folder / f"side_bridge_{p.side}.mp4"
    t = np.arange(0.0, p.drop_at_s + 3.0, 1 / FPS)
    render_points(points(t, p), BEHIND, clip, fps=FPS, height_m=p.height_m, bare_thighs=True)
    return clip


@pytest.mark.parametrize("side, drop_at_s", [("right", 10.0), ("left", 8.0)])
def test_the_hold_time_and_the_side_are_the_renders(tmp_path, side, drop_at_s):
    p = SideBridgeParams(drop_at_s=drop_at_s, side=side)
    start, end = hold_truth(p, FPS, DEFAULT.bodycheck.hold.start_within_deg, DEFAULT.bodycheck.hold.end_beyond_deg)
    result = check_clip(render(tmp_path, p), "side-bridge").result
    assert isinstance(result, HoldResult) and result.ended
    assert result.seconds == pytest.approx(end - start, abs=HOLD_TOLERANCE_S), (result, start, end)
    assert result.side == side


def test_standing_is_refused_as_upright(tmp_path):
    t = np.arange(0.0, 3.0, 1 / FPS)
    clip = tmp_path / "standing.mp4"
    render_points(points_of(standing(t), 1.78), BEHIND, clip, fps=FPS, bare_thighs=True)
    with pytest.raises(NotAsGuidedError, match="upright"):
        check_clip(clip, "side-bridge")
