"""Pelvic drop from the two PSIS markers seen from behind, against the 3-D pelvis, on Fukuchi 2017
RBDS001 (force-plate contacts; 150 Hz markers): what a rear camera with tape on the PSIS reads.

Truth and tolerances:
* the projection: the PSIS line seen from behind against the same line in 3-D, per stance, within
  0.1 deg (measured: 0.04 / 0.06 deg at 2.5 / 3.5 m/s; the pelvis turns about 3 deg per stance,
  which shortens the projected line by 0.1 %);
* the line against the whole pelvis (the four-marker axis): the PSIS line reads more drop, by
  +2.7 +/- 0.3 deg at 2.5 m/s and +3.9 +/- 2.6 at 3.5 m/s. Held here as a documented figure (the
  mean difference between 1.5 and 5 deg at both speeds), so a change that moves it is seen: the
  cause is skin motion of markers 7.6 cm apart, not the camera.
"""

import pytest
from benchmarks.validation.pelvis import marker_drop_vs_3d


@pytest.mark.parametrize("trial", ["RBDS001runT25", "RBDS001runT35"])
def test_psis_line_from_behind_against_the_3d_pelvis(shared_data, trial):
    df = marker_drop_vs_3d(shared_data / "mocap" / "fukuchi_rbds001", trial)
    assert len(df) >= 70 and set(df.foot) == {"left", "right"}
    assert (df.drop_2d_deg - df.drop_psis_3d_deg).abs().max() < 0.1  # the projection costs nothing
    assert df.rotation_range_deg.median() == pytest.approx(3.0, abs=1.0)
    over = (df.drop_2d_deg - df.drop_3d_deg).mean()
    assert 1.5 < over < 5.0, over  # the short skin-marker line exaggerates the pelvis's drop
    assert df.drop_3d_deg.median() == pytest.approx(3.0, abs=1.0)  # this runner's pelvis: ~3 deg


@pytest.mark.parametrize(
    "height_m,distance_m,side_m,limit_deg",
    [(1.0, 3.0, 0.0, 0.4), (1.0, 2.0, 0.0, 0.4), (0.5, 2.0, 0.0, 1.5), (1.5, 2.0, 0.0, 1.5), (1.0, 3.0, 0.5, 0.4)],
)
def test_camera_height_distance_and_offset_against_the_ideal_rear_view(shared_data, height_m, distance_m, side_m,
                                                                      limit_deg):  # fmt: skip
    """RBDS001's PSIS markers (3.5 m/s) through a pinhole camera aimed at the pelvis, against the
    ideal rear projection. Measured (largest per-stance difference): at hip height (1.0 m) 0.26 deg
    from 3 m and 0.34 from 2 m; 0.5 m lower or higher from 2 m, 1.12 / 1.27 deg (a camera above
    the hips under-reads by 0.7 deg on average, below over-reads by 0.3); 0.5 m to one side, 0.25.
    Hence the filming guide: camera at hip height, 3 m or more behind."""
    from benchmarks.validation.pelvis import camera_effect

    df = camera_effect(shared_data / "mocap" / "fukuchi_rbds001", "RBDS001runT35", height_m, distance_m, side_m)
    assert len(df) >= 70
    assert (df.camera_deg - df.ideal_deg).abs().max() <= limit_deg
