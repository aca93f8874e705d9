"""McGill's ratios from kept holds: arithmetic on hand-made histories (the answer is the division)."""

from __future__ import annotations

from datetime import date

import pytest

from backstride.bodycheck.ratios import mcgill_ratios, said
from backstride.bodycheck.trend import Measured

DAY, LATER = date(2026, 10, 1), date(2026, 11, 12)


def test_each_ratio_from_the_latest_full_holds():
    history = [
        Measured("sorensen", None, DAY, 80.0),
        Measured("sorensen", None, LATER, 120.0),  # the latest counts
        Measured("flexor", None, LATER, 96.0),
        Measured("side-bridge", "right", LATER, 60.0),
        Measured("side-bridge", "left", LATER, 75.0),
    ]
    got = {r.name: r for r in mcgill_ratios(history)}
    assert got["right / left side bridge"].value == pytest.approx(0.8) and not got["right / left side bridge"].within
    assert got["flexor / back-extensor hold"].value == pytest.approx(0.8) and got["flexor / back-extensor hold"].within
    assert got["right side bridge / back-extensor hold"].value == pytest.approx(0.5)
    assert got["left side bridge / back-extensor hold"].value == pytest.approx(0.625)
    assert got["left side bridge / back-extensor hold"].within
    assert "UNVERIFIED" in said(got["right / left side bridge"])


def test_a_lower_bound_and_a_missing_test_give_no_ratio():
    history = [Measured("side-bridge", "right", DAY, 60.0), Measured("side-bridge", "left", DAY, 40.0, at_least=True)]
    assert mcgill_ratios(history) == []
