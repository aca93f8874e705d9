"""Cadence and step metrics on event times whose answers are known by arithmetic."""

import numpy as np
import pytest

from backstride.core.trajectory import GaitEvents
from backstride.events.cycles import alternation_ratio, build_steps, full_cycles, pair_contacts
from backstride.metrics.spatiotemporal import cadence_spm, cadence_uncertainty_spm, per_foot


def regular_events(step_s=60 / 170, contact_s=0.25, n_steps=20):
    strikes = np.arange(n_steps) * step_s
    left = GaitEvents("left", tuple(strikes[0::2]), tuple(strikes[0::2] + contact_s))
    right = GaitEvents("right", tuple(strikes[1::2]), tuple(strikes[1::2] + contact_s))
    return {"left": left, "right": right}


def test_cadence_of_regular_steps():
    ev = regular_events()
    strikes = {f: list(e.foot_strike_s) for f, e in ev.items()}
    assert cadence_spm(strikes) == pytest.approx(170.0)
    # each foot: 9 strides of 2 x 60/170 s = 6.35 s; one frame at 30 fps: 170 * (1/30) / 6.35 = 0.892
    assert cadence_uncertainty_spm(strikes, 1 / 30) == pytest.approx(170 / 30 / (9 * 120 / 170), rel=1e-6)


def test_cadence_is_immune_to_a_left_right_offset():
    ev = regular_events()
    late = {"left": list(ev["left"].foot_strike_s), "right": [s + 0.1 for s in ev["right"].foot_strike_s]}
    assert cadence_spm(late) == pytest.approx(170.0)


def test_cadence_ignores_a_gap_such_as_a_turn():
    left = list(np.arange(5) * 1.0) + list(10 + np.arange(5) * 1.0)  # 1 s strides, a 6 s pause
    right = [s + 0.5 for s in left]
    assert cadence_spm({"left": left, "right": right}) == pytest.approx(120.0)


def test_steps_contact_flight_and_duty_factor():
    ev = regular_events(step_s=0.35, contact_s=0.25)
    steps = build_steps(ev, frame_of=lambda t: int(round(t * 30)))
    stats = per_foot(steps, "left", 1 / 30)
    assert stats["contact_time_ms"].median == pytest.approx(250.0)
    assert stats["flight_time_ms"].median == pytest.approx(100.0)
    assert stats["step_time_ms"].median == pytest.approx(350.0)
    assert stats["duty_factor_pct"].median == pytest.approx(100 * 0.25 / 0.70)
    assert stats["contact_time_ms"].uncertainty == pytest.approx(1000 / 30)
    assert full_cycles(ev["left"]) == 9 and alternation_ratio(ev) == 1.0


def test_toe_off_pairs_with_its_own_strike_only():
    ev = GaitEvents("left", (1.0, 2.0, 3.0), (1.25, 3.25))  # the toe-off after 2.0 was missed
    assert pair_contacts(ev) == [(1.0, 1.25), (3.0, 3.25)]
