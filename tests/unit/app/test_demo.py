"""The demo's verdict column: within the issue's target, or not, with the largest error."""

from backstride.app.demo import verdict


def test_verdict_uses_the_worst_foot_against_the_target():
    assert verdict("trunk_lean_deg", [3.3, 4.5], [6.0, 6.0]) == "yes (2.7 <= 3)"
    assert verdict("pelvic_drop_deg", [2.4, -0.2], [9.0, 4.0]) == "NO (6.6 > 1.5)"
    assert verdict("overstride_pct_leg", [34.3, 30.7], [30.4, 30.4]) == "3.9 off"  # no target for it
    assert verdict("foot_strike_angle_deg", [None, 18.0], [18.0, 18.0]) == "not measured"
