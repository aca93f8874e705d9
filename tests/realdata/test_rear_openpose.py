"""Rear view of a real overground run: our pose model against the supplied OpenPose keypoints,
both measured at the same contacts (there is no ground truth for this clip; the two models
bound each other).

Measured (ours / OpenPose, left | right): pelvic drop 5.2 / 1.5 | 0.3 / 1.7 deg; step width
35 / 46 | 3 / 14 % of hip distance (neither crosses over); trunk lateral lean -2.8 / -3.5 |
4.9 / 4.5 deg. Bounds: 5 deg for angles (2-D error, Damsted 2015) and 15 % of hip distance.
"""

from dataclasses import replace

import pytest
from benchmarks.validation.compare import compare_with_openpose

from backstride.app.pipeline import analyse_clip
from backstride.errors import MeasurementError

pytestmark = pytest.mark.slow


def test_rear_clip_steps_are_not_credible_and_it_is_refused(shared_data, settings):
    """~3 strides seen from behind: the steps found through mediapipe include step times of
    32-67 ms beside 352-687 ms (a spread of 134 % against a 26 % limit at 30 fps), so the
    clip is refused with the figure rather than reported."""
    with pytest.raises(MeasurementError, match="step time spread"):
        analyse_clip(shared_data / "videos" / "overground_rear_overlay.mp4", role="rear", settings=settings)


def test_rear_metrics_agree_with_openpose(shared_data, settings):
    """The two models at the same contacts, with the refusal switched off (a comparison of pose
    models, not a result for a runner): the verdict stays "refused"."""
    lenient = replace(settings, quality=replace(settings.quality, refuse=False))
    clip, table = compare_with_openpose(
        shared_data / "videos" / "overground_rear_overlay.mp4",
        shared_data / "keypoints" / "overground_rear_openpose",
        lenient,
    )
    assert clip.view.view.value == "rear" and clip.quality.verdict == "refused"
    for foot in ("left", "right"):
        ours, theirs = table["pelvic_drop_deg"][foot]
        assert ours is not None and theirs is not None and abs(ours - theirs) <= 5.0
        ours, theirs = table["step_width_pct_pelvis"][foot]
        assert abs(ours - theirs) <= 15.0 and (ours < 0) == (theirs < 0)  # same crossover verdict
        ours, theirs = table["trunk_lateral_lean_deg"][foot]
        assert abs(ours - theirs) <= 5.0
