"""A re-test against the first, said against backstride's measurement error (hand-built histories)."""

from datetime import date

from backstride.bodycheck.trend import Measured, changes

ERRORS = {"sorensen": 1.0, "slr": 3.0}
UNITS = {"sorensen": "s", "slr": "deg"}


def test_a_change_beyond_the_error_is_said_with_its_direction_and_one_within_is_not_a_change():
    history = [
        Measured("sorensen", None, date(2026, 10, 1), 62.0),
        Measured("sorensen", None, date(2026, 11, 12), 95.5),
        Measured("slr", "left", date(2026, 10, 1), 70.0),
        Measured("slr", "left", date(2026, 11, 12), 72.5),
        Measured("slr", "right", date(2026, 10, 1), 80.0),  # tested once: no change to say
    ]
    found = {(c.test, c.leg): c for c in changes(history, ERRORS, UNITS)}
    assert set(found) == {("sorensen", None), ("slr", "left")}
    assert found["sorensen", None].change == 33.5
    assert found["sorensen", None].verdict.startswith("up by 33.5 s, beyond backstride's measurement error (1 s)")
    assert found["slr", "left"].verdict == "no change beyond the measurement error (+2.5 deg, error 3 deg)"


def test_a_lower_bound_is_not_compared():
    history = [
        Measured("sorensen", None, date(2026, 10, 1), 40.0, at_least=True),
        Measured("sorensen", None, date(2026, 11, 1), 90.0),
    ]
    assert "lower bound" in changes(history, ERRORS)[0].verdict
