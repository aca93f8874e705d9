"""Slow motion: the factor from the flag or the file's metadata, and the refusal of an unstated one."""

from pathlib import Path

import pytest

from backstride.errors import CaptureError
from backstride.quality.slowmo import TimeScale, check_running_cadence, suggest_factors, time_scale
from backstride.settings import DEFAULT, QualitySettings
from backstride.video import probe
from tests.clips import grey_frames, write_video

LIMITS = QualitySettings()


def test_android_capture_rate_in_the_metadata_gives_the_factor(tmp_path: Path):
    clip = write_video(tmp_path / "slowmo.mp4", grey_frames(10), fps=30, metadata={"com.android.capture.fps": "120.0"})
    info = probe(clip, DEFAULT.video)
    assert info.capture_fps == 120.0
    scale = time_scale(info)
    assert scale.factor == pytest.approx(4.0) and scale.source == "metadata"
    assert "120 fps" in scale.describe()
    assert time_scale(info, 2.0).source == "flag"  # the user's flag wins


def test_no_metadata_and_normal_rate_mean_real_time(tmp_path: Path):
    info = probe(write_video(tmp_path / "plain.mp4", grey_frames(10), fps=30), DEFAULT.video)
    assert info.capture_fps is None and time_scale(info).factor == 1.0
    same = probe(
        write_video(tmp_path / "same.mp4", grey_frames(10), fps=30, metadata={"com.android.capture.fps": "30.0"}),
        DEFAULT.video,
    )
    assert time_scale(same).factor == 1.0  # captured at the rate it plays: not slow motion


def test_a_slowed_running_clip_is_refused_with_the_factor():
    none = TimeScale(1.0, "none")
    with pytest.raises(CaptureError) as err:
        check_running_cadence(84.0, none, Path("clip.mp4"), LIMITS)
    msg = str(err.value)
    assert "looks like 2x slow motion" in msg and "84 steps/min in video time" in msg
    assert "--slowmo 2 (168 steps/min)" in msg and "130-300" in msg


def test_a_running_cadence_outside_the_range_is_never_reported():
    flag = TimeScale(2.0, "flag")
    with pytest.raises(CaptureError, match="after the 2x slow-motion factor"):
        check_running_cadence(84.0, flag, Path("clip.mp4"), LIMITS)  # 42 in the file: try 4
    with pytest.raises(CaptureError, match="outside"):
        check_running_cadence(340.0, flag, Path("clip.mp4"), LIMITS)
    check_running_cadence(168.9, flag, Path("clip.mp4"), LIMITS)  # a runner's cadence passes


def test_suggested_factors_give_running_cadences():
    assert [k for k, _ in suggest_factors(42.0, LIMITS)] == [4, 5, 6, 7]  # 168, 210, 252, 294: nearest 170 first
    assert suggest_factors(10.0, LIMITS) == [(16, 160.0), (15, 150.0), (14, 140.0), (13, 130.0)]


def test_a_sprints_cadence_reached_through_a_factor_is_said_not_accepted_silently():
    """257 steps/min "running" after an 8x factor warns and names the factor that gives a usual
    cadence (5x: 161); the same cadence in real time (a sprint start) is not this check's business."""
    from backstride.quality.measurement import cadence_after_factor

    slowed = cadence_after_factor(257.0, 8.0, LIMITS)
    assert slowed.status == "warn" and "sprint's cadence" in slowed.why and "5x would give about 161" in slowed.advice
    assert cadence_after_factor(257.0, 1.0, LIMITS).status == "not measured"
    assert cadence_after_factor(169.0, 6.0, LIMITS).status == "ok"
