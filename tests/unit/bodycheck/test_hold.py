"""A hold's start and end from an angle series: against the generator's exact trunk angle
(synth/holds.py, truth found on a 1 ms grid) and hand-built series whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.bodycheck.hold import Hold, NoHold, find_hold
from backstride.settings import DEFAULT, HoldRule
from backstride.synth.holds import SorensenParams, sorensen, sorensen_truth
from backstride.synth.posture import trunk_below_horizontal_deg

FPS = 30.0
FRAME_S = 1 / FPS


def _series(p: SorensenParams, seconds: float, fps: float = FPS) -> tuple[np.ndarray, np.ndarray]:
    t = np.arange(0.0, seconds, 1 / fps)
    return t, trunk_below_horizontal_deg(sorensen(t, p))


@pytest.mark.parametrize("drop_at_s", [6.0, 30.0, 95.0])
def test_the_generators_hold_is_found_within_a_frame(drop_at_s):
    """Noise-free input: only the sampling and the 2 Hz low-pass stand between the two; one frame."""
    p = SorensenParams(drop_at_s=drop_at_s)
    truth = sorensen_truth(p, DEFAULT.bodycheck.hold.start_within_deg, DEFAULT.bodycheck.hold.end_beyond_deg)
    hold = find_hold(*_series(p, drop_at_s + 3.0), DEFAULT.bodycheck.hold)
    assert isinstance(hold, Hold) and hold.ended
    assert hold.start_s == pytest.approx(truth.start_s, abs=FRAME_S)
    assert hold.end_s == pytest.approx(truth.end_s, abs=FRAME_S)


def test_a_wobble_past_the_line_is_not_the_end():
    t = np.arange(0.0, 20.0, FRAME_S)
    y = np.where((t > 8.0) & (t < 8.3), 14.0, 0.0)  # 0.3 s beyond 10 deg: shorter than end_for_s
    y = np.where(t > 15.0, 40.0, y)
    hold = find_hold(t, y, HoldRule(cutoff_hz=15.0))
    assert isinstance(hold, Hold)
    assert hold.end_s == pytest.approx(15.0, abs=2 * FRAME_S)


def test_a_clip_that_ends_during_the_hold_says_so():
    p = SorensenParams(drop_at_s=40.0)
    t, y = _series(p, 25.0)
    hold = find_hold(t, y, DEFAULT.bodycheck.hold)
    assert isinstance(hold, Hold) and not hold.ended
    assert hold.end_s == pytest.approx(t[-1])


def test_a_short_gap_is_bridged_and_a_body_gone_ends_the_hold_unended():
    p = SorensenParams(drop_at_s=20.0)
    truth = sorensen_truth(p, DEFAULT.bodycheck.hold.start_within_deg, DEFAULT.bodycheck.hold.end_beyond_deg)
    t, y = _series(p, 23.0)
    gap = y.copy()
    gap[(t > 8.0) & (t < 8.5)] = np.nan  # half a second unseen
    bridged = find_hold(t, gap, DEFAULT.bodycheck.hold)
    assert isinstance(bridged, Hold) and bridged.end_s == pytest.approx(truth.end_s, abs=FRAME_S)
    gone = y.copy()
    gone[t > 12.0] = np.nan  # left the picture for good
    hold = find_hold(t, gone, DEFAULT.bodycheck.hold)
    assert isinstance(hold, Hold) and not hold.ended
    assert hold.end_s == pytest.approx(12.0, abs=FRAME_S)


def test_a_position_never_reached_is_no_hold_with_the_nearest_angle():
    t = np.arange(0.0, 10.0, FRAME_S)
    y = 25.0 + 3.0 * np.sin(t)  # never nearer than 22 deg
    found = find_hold(t, y, DEFAULT.bodycheck.hold)
    assert isinstance(found, NoHold)
    assert found.nearest_deg == pytest.approx(22.0, abs=0.3)
