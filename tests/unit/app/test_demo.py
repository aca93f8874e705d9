"""The demo's verdict column: within the issue's target, or not, with the largest error."""

from backstride.app.demo import verdict


def test_verdict_uses_the_worst_foot_against_the_target():
    assert verdict("trunk_lean_deg", [3.3, 4.5], [6.0, 6.0]) == "yes (2.7 <= 3)"
    assert verdict("pelvic_drop_deg", [2.4, -0.2], [9.0, 4.0]) == (
        "NO (6.6 > 1.5): beyond the measurement error, +/-2.7 deg (its smallest detectable difference)"
    )
    knee = verdict("knee_flexion_peak_stance_deg", [44.4, 37.2], [39.3, 39.3])  # the demo's miss through mediapipe
    assert knee == (
        "NO (5.1 > 5): within the pose model's measured error on real footage (mediapipe against RTMPose, the leg "
        "the camera sees: up to 8 deg)"
    )
    assert verdict("trunk_lean_deg", [10.0, 6.0], [6.0, 6.0]) == (
        "NO (4.0 > 3): within the measurement error, +/-5 deg (2-D video angles, Damsted 2015: prediction "
        "intervals 3-8 deg)"
    )
    assert verdict("overstride_pct_leg", [34.3, 30.7], [30.4, 30.4]) == "3.9 off"  # no target for it
    assert verdict("foot_strike_angle_deg", [None, 18.0], [18.0, 18.0]) == "not measured"
