"""Side view of the real treadmill clip: our pose model (mediapipe) against RTMPose-Halpe26
keypoints of the same clip from another project, both measured at our contacts. There is no
ground truth for the angles here; two models bound each other.

Measured (ours - RTMPose, near left leg | far right leg): foot-strike angle -4.9 | +13.0 deg,
overstride -0.3 | -3.9 % leg, shank -1.0 | -2.7 deg, knee at contact -4.6 | -10.4 deg, knee
stance peak -5.2 | -13.1 deg, thigh extension -1.1 | +9.8 deg, trunk lean -5.8 | -5.9 deg,
vertical oscillation -0.2 | -0.2 % leg. Bounds for the near leg: 8 deg for angles (upper end
of 2-D angle error within a day, Damsted 2015), 3 % of leg length for distances. The far leg,
half hidden by the treadmill console, disagrees by up to 13 deg: the analysis says so.
"""

import pytest

from backstride.validation.compare import compare_with_gaitlab

pytestmark = pytest.mark.slow

ANGLES = ("foot_strike_angle_deg", "shank_angle_deg", "knee_flexion_contact_deg", "knee_flexion_peak_stance_deg",
          "thigh_extension_toe_off_deg", "trunk_lean_deg")
DISTANCES = ("overstride_pct_leg", "vertical_oscillation_pct_leg")


def test_near_leg_metrics_agree_with_rtmpose(shared_data, settings):
    clip, table = compare_with_gaitlab(shared_data / "videos" / "treadmill_side_30fps.mp4",
                                       shared_data / "keypoints" / "treadmill_side_30fps.rtmpose_halpe26.json",
                                       ANGLES + DISTANCES, settings)
    for name in ANGLES + DISTANCES:
        ours, theirs = table[name]["left"]  # the near leg
        assert ours is not None and theirs is not None, name
        assert abs(ours - theirs) <= (8.0 if name in ANGLES else 3.0), (name, ours, theirs)
    assert any("right leg is the far leg" in w for w in clip.warnings)
