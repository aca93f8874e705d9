"""A clip edited from two shots, as shared on social media: 8 s of the treadmill clip, then 3 s
of the walking clip letterboxed into the same frame. Truth: where the clips were joined (frame
240) and the treadmill clip's pixel-measured cadence (168.9 +/- 0.5 steps/min)."""

import numpy as np
import pytest

from backstride.app.pipeline import analyse_clip
from tests.clips import transform

pytestmark = pytest.mark.slow
JOIN = 240  # 8 s at 30 fps


def test_the_longest_shot_is_analysed_and_the_cut_is_said(shared_data, tmp_path, settings):
    import av
    import cv2

    walking = av.open(str(shared_data / "videos" / "walking_side_30fps.mp4"))
    frames = walking.decode(video=0)

    def edit(i, rgb):
        if i < JOIN:
            return rgb
        other = cv2.resize(next(frames).to_ndarray(format="rgb24"), (720, 405))
        out = np.zeros_like(rgb)
        out[437:842] = other
        return out

    try:
        clip = transform(
            shared_data / "videos" / "treadmill_side_30fps.mp4",
            tmp_path / "edited.mp4",
            lambda i, rgb: edit(i, rgb) if i < JOIN + 90 else None,
        )
    finally:
        walking.close()
    result = analyse_clip(clip, role="side", settings=settings)
    cuts = next(c for c in result.quality.checks if c.name == "cuts")
    assert cuts.status == "warn" and cuts.value == 1.0 and "0.0-8.0 s" in cuts.why
    assert result.trajectory.time_s[-1] <= JOIN / 30.0
    assert abs(result.gait.cadence_spm - 168.9) <= 1.5


def test_a_screen_recording_that_repeats_every_frame_is_said(shared_data, tmp_path, settings):
    """The treadmill clip with every frame shown twice at 60 fps: the repeat is found, the real
    rate (30 fps) named, and the cadence is unchanged (pixel-measured 168.9 +/- 0.5)."""
    from tests.clips import doubled

    clip = doubled(shared_data / "videos" / "treadmill_side_30fps.mp4", tmp_path / "screen.mp4")
    result = analyse_clip(clip, role="side", settings=settings)
    check = next(c for c in result.quality.checks if c.name == "repeated_frames")
    assert check.status == "warn" and check.value == pytest.approx(0.5, abs=0.02) and "about 30 fps" in check.why
    assert abs(result.gait.cadence_spm - 168.9) <= 1.5
