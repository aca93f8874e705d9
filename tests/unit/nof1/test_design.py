"""The self-experiment's designs: how many schedules each could draw, the smallest p-value that
allows, the refusal of designs that can never show an effect, and schedules drawn as promised.

Truth: counts by enumeration and by the figures in ../shared/reference/nof1.md (28 runs, at most
2 in a row, balanced: 337,878 schedules; 8 one-week phases in AB/BA pairs: 16, p >= 0.0625)."""

from itertools import product

import numpy as np
import pytest

from backstride.nof1.design import Design, DesignError, balanced_runs_count, plan, sample_balanced_runs


def _brute_count(n: int, max_run: int) -> int:
    ok = 0
    for seq in product((0, 1), repeat=n):
        runs = max(len(r) for r in "".join(map(str, seq)).replace("01", "0 1").replace("10", "1 0").split())
        ok += sum(seq) == n // 2 and runs <= max_run
    return ok


@pytest.mark.parametrize("n", [4, 6, 8, 10, 12])
def test_the_count_of_balanced_schedules_matches_enumeration(n):
    assert balanced_runs_count(n, 2) == _brute_count(n, 2)


def test_the_designs_counts_and_smallest_p():
    assert balanced_runs_count(28) == 337_878
    shoes = plan("new_shoes", seed=1)
    assert (shoes.count, shoes.smallest_p) == (128, 1 / 128)  # 7 pairs of 4-day phases
    # 56 days, each phase at least 8 days: 41 start days, p >= 0.024 (under 0.025)
    assert plan("back_extensions", seed=1).weaker and plan("back_extensions", seed=1).count == 41
    with pytest.raises(DesignError, match="16 possible schedules.*0.0625.*never show an effect"):
        Design("phases", 56, phase_days=7).check()
    with pytest.raises(DesignError, match="unknown change"):
        plan("magnets")


def test_a_schedule_is_balanced_never_three_in_a_row_and_reproducible_from_its_seed():
    d = plan("cadence_cue", seed=42)
    s = d.schedule()
    assert s.sum() == len(s) // 2 and np.array_equal(s, plan("cadence_cue", seed=42).schedule())
    text = "".join(map(str, s))
    assert "000" not in text and "111" not in text


def test_schedules_are_drawn_uniformly():
    """6 runs: 14 allowed schedules; 14,000 draws give each 1,000 +/- 4 SD."""
    rng = np.random.default_rng(0)
    draws = [tuple(sample_balanced_runs(6, 2, rng)) for _ in range(14_000)]
    counts = np.array([draws.count(k) for k in set(draws)])
    assert len(counts) == balanced_runs_count(6) == 14
    assert np.all(np.abs(counts - 1000) < 4 * np.sqrt(1000))


def test_phase_designs_leave_the_washout_days_out():
    d = plan("new_shoes", seed=3)
    analysed = d.analysed()
    assert analysed.sum() == d.units * 3 // 4  # 1 of every 4 days
    assert not analysed[0] and analysed[1:4].all()


def test_longer_phases_for_a_change_that_carries_over_need_more_weeks():
    """7-day phases leave 3 days out; 8 weeks give 4 pairs (16 schedules, p >= 0.0625: refused), 10 weeks
    5 pairs (32, p >= 0.031: refused at 0.025 each way), 12 weeks 6 pairs (64, p >= 0.016)."""

    longer = plan("new_shoes", weeks=12, phase_days=7, seed=1)
    assert (longer.units, longer.count, longer.washout_days) == (84, 64, 3)
    assert longer.analysed().sum() == 12 * 4  # 4 of each 7 days analysed
    for weeks in (8, 10):
        with pytest.raises(DesignError, match="can never show an effect.*6 pairs \\(12 weeks\\)"):
            plan("new_shoes", weeks=weeks, phase_days=7, seed=1)


def test_the_plan_says_when_the_expected_missing_logs_make_not_enough_data_likely():
    """Issue 25: at 20 % missing 41-50 % of simulated runners heard "not enough data" (make bench-nof1:
    47.7 % run by run, 45.3 % phases, 43.5 % AB); the binomial tail the plan gives agrees within 3 points."""
    from datetime import date

    from backstride.nof1.analysis import not_enough_risk
    from backstride.nof1.plan import make_plan, missing_advice

    for change, simulated in (("insoles", 0.477), ("new_shoes", 0.453), ("back_extensions", 0.435)):
        assert not_enough_risk(plan(change, seed=0), 0.2) == pytest.approx(simulated, abs=0.03)
    at_20 = make_plan("insoles", plan("insoles", seed=0), date(2027, 1, 4), 8, expected_missing=0.2)
    assert "No length fixes that: log every run" in missing_advice(at_20, 8)  # 20 % is the limit itself
    at_15 = make_plan("insoles", plan("insoles", seed=0), date(2027, 1, 4), 8, expected_missing=0.15)
    advice = missing_advice(at_15, 8)
    assert advice.startswith("With 15 % of the logs missing, 24 % of such plans")
    assert "A 13-week plan brings it to 14 %" in advice  # 16 weeks reach 12 %: 13 is within 2 points
    at_5 = make_plan("insoles", plan("insoles", seed=0), date(2027, 1, 4), 8, expected_missing=0.05)
    assert missing_advice(at_5, 8) is None


@pytest.mark.simulation
@pytest.mark.parametrize("missing", [0.1, 0.3])
@pytest.mark.parametrize("change", ["insoles", "new_shoes"])
def test_the_not_enough_data_risk_matches_simulated_runners_at_other_missing_shares(change, missing):
    """Issue 25: the binomial tail the plan states, against 600 simulated runners who lose that share of
    their logs at random (the verdict's own rule decides "not enough data"): within 3 Monte Carlo
    standard errors (at most 1.8 points at 50 %), plus half a point for the simulation's pain model."""
    import math

    from backstride.nof1.analysis import not_enough_risk
    from backstride.nof1.simulate import Runner, rates

    design, n = plan(change, seed=0), 600
    stated = not_enough_risk(design, missing)
    simulated = rates(design, Runner(effect=0.0, sd=2.0, phi=0.4, missing_share=missing), n, seed=7).not_enough
    assert abs(simulated - stated) <= 3 * math.sqrt(stated * (1 - stated) / n) + 0.005, (stated, simulated)
