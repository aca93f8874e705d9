"""Side-view event primitives on signals with exact answers."""

import numpy as np
import pytest

from backstride.events.side import step_anchors, strike_time, toe_off_time, velocity_level


def test_strike_on_a_linear_falling_edge_is_exact():
    t = np.arange(0, 1, 1 / 30)
    level = np.clip(1 - (t - 0.3) / 0.2, 0, 1)  # falls from 1 at 0.3 s to 0 at 0.5 s
    # level 0.15 is reached at 0.3 + 0.85 * 0.2 = 0.47 s, between frames 14 (0.467) and 15 (0.5)
    assert strike_time(t, level, 12, at_level=0.15, fit_levels=(0.1, 0.6)) == pytest.approx(0.47, abs=1e-9)


def test_toe_off_is_the_last_rise_before_the_swing_peak():
    t = np.arange(0, 1, 1 / 100)
    level = np.where(t < 0.6, 0.0, (t - 0.6) / 0.2)
    level[30] = 0.2  # a bump on the plateau must not count
    assert toe_off_time(t, level, 10, 80, at_level=0.15) == pytest.approx(0.63, abs=1e-9)


def test_one_anchor_per_stride_despite_plateau_noise():
    fs, stride = 60.0, 0.7
    t = np.arange(0, 7, 1 / fs)
    pos = 0.5 * np.sin(2 * np.pi * t / stride) + np.random.default_rng(1).normal(0, 0.02, len(t))
    anchors = step_anchors(pos, min_distance=int(0.6 * stride * fs), prominence_leg=0.2)
    assert len(anchors) == 10  # 7 s / 0.7 s


def test_level_is_zero_on_plateau_and_one_at_peak():
    v = np.concatenate([np.full(40, -2.0), np.full(10, 4.0), np.linspace(-2, 4, 50)])
    level = velocity_level(v)
    assert level[:40] == pytest.approx(0.0) and level[40:50] == pytest.approx(1.0)
