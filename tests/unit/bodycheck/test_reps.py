"""Repetitions and their verdicts from the back extension generator's exact trunk angle (noise-free:
only sampling and the 3 Hz low-pass stand between them), and the verdict's wording."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.bodycheck.form import judge, verdict
from backstride.bodycheck.reps import find_reps
from backstride.core.bodycheck import RepVerdict
from backstride.settings import DEFAULT
from backstride.synth.exercises import BackExtensionParams, Rep, trunk_deg

RULE = DEFAULT.bodycheck.rep
SMOOTHSTEP_10_90 = 0.6084  # smoothstep(s) = 0.1 at s = 0.1958, 0.9 at 0.8042: the share of a phase timed
FAULTY = BackExtensionParams(
    reps=(Rep(), Rep(over_deg=22), Rep(lift_s=0.7, lower_s=0.7), Rep(over_deg=-25), Rep(lift_s=3.0, lower_s=2.5))
)
INJECTED = [(), ("arched",), ("rushed",), ("short",), ()]


def _reps(p: BackExtensionParams, fps: float = 30.0):
    t = np.arange(0.0, p.duration_s, 1 / fps)
    return find_reps(t, -trunk_deg(t, p), RULE)  # below the legs' line: + (the legs lie level)


def test_every_repetition_is_found_with_its_top_and_times():
    found = _reps(FAULTY)
    assert len(found) == len(FAULTY.reps)
    for rep, truth, (_, top_s, _) in zip(found, FAULTY.reps, FAULTY.rep_times(), strict=True):
        assert rep.top_deg == pytest.approx(-truth.over_deg, abs=0.5)
        assert rep.top_s == pytest.approx(top_s, abs=0.1)
        assert rep.lift_s == pytest.approx(SMOOTHSTEP_10_90 * truth.lift_s, abs=0.08)
        assert rep.lower_s == pytest.approx(SMOOTHSTEP_10_90 * truth.lower_s, abs=0.08)


def test_every_repetitions_verdict_is_the_injected_fault():
    assert [judge(r, RULE) for r in _reps(FAULTY)] == INJECTED


def test_a_movement_that_never_reaches_the_top_or_the_bottom_is_no_repetition():
    shallow = BackExtensionParams(reps=(Rep(bottom_deg=25.0), Rep(bottom_deg=25.0)))  # never 38 deg below
    assert _reps(shallow) == []


def _rep(n: int, *faults: str) -> RepVerdict:
    return RepVerdict(n, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, faults)


def test_the_verdict_groups_repetitions_in_the_runners_words():
    reps = (_rep(1), _rep(2), _rep(3, "arched"), _rep(4, "arched"), _rep(5, "arched", "rushed"), _rep(6))
    assert verdict(reps) == (
        "Reps 3-5: you arched past the line of your legs at the top; stop when your body is straight, in line "
        "with your legs.",
        "Rep 5: the movement was rushed; take about 2 seconds up and 2 seconds down.",
        "Reps 1-2 and 6: done right.",
    )
