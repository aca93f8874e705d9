"""Form metrics from markers projected to a side camera (120 fps, 1 % leg-length noise)
against the 3-D gait-cycle curves of Fukuchi 2017 RBDS001 (RBDS001processed.txt) and the
foot-strike index recorded for this runner (RBDSinfo.txt).

Tolerance: 5 deg, the size of 2-D video angle error within a day (Damsted 2015: prediction
intervals 3-8 deg wide). Measured differences (2-D minus 3-D): knee at contact -0.6 to -2.8,
stance peak -2.8 to -3.7 (2-D reads the knee a little straighter), thigh extension +0.4 to
+2.7 against pelvic tilt minus hip flexion.
"""

import pytest
from benchmarks.validation.form import compare_trial


@pytest.mark.parametrize("speed", ["2.5 m/s", "3.5 m/s"])
def test_knee_and_thigh_angles_match_3d(shared_data, speed):
    rows, _ = compare_trial(shared_data / "mocap" / "fukuchi_rbds001", speed)
    assert len(rows) == 6
    for row in rows:
        assert abs(row.difference) <= 5.0, row


@pytest.mark.parametrize("speed", ["2.5 m/s", "3.5 m/s"])
def test_foot_strike_pattern_against_strike_index(shared_data, speed):
    """RBDSinfo records a forefoot strike index for this runner at every speed. The marker
    foot angle at force-plate contact is +0.0 to +4.8 deg: midfoot by the Mo 2021 cut-offs,
    next to the forefoot line (-0.8 deg). The two classifications agree that it is not a
    rearfoot strike; they disagree on midfoot against forefoot, and the summary says so."""
    _, patterns = compare_trial(shared_data / "mocap" / "fukuchi_rbds001", speed)
    for foot in ("left", "right"):
        assert patterns[foot]["strike_index_pattern"] == "forefoot"
        assert patterns[foot]["pattern"] != "rearfoot"
        assert -0.8 - 3.0 <= patterns[foot]["foot_strike_angle_deg"] <= 7.4
