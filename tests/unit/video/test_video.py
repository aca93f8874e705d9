"""Video edge: rotation metadata and variable-frame-rate timestamps are honoured."""

from pathlib import Path

import numpy as np

from backstride.settings import DEFAULT
from backstride.video import iter_frames, probe
from tests.clips import write_video


def marked_frames(n=6, w=64, h=48):
    frames = []
    for _ in range(n):
        rgb = np.zeros((h, w, 3), dtype=np.uint8)
        rgb[:16, :16] = 255  # white block at the stored frame's top-left
        frames.append(rgb)
    return frames


def test_rotation_is_applied(tmp_path: Path):
    clip = write_video(tmp_path / "phone.mp4", marked_frames(), rotation_deg=90)
    info = probe(clip, DEFAULT.video)
    assert info.rotation_deg == 90 and (info.width, info.height) == (48, 64)
    frame = next(iter_frames(clip))
    assert frame.rgb.shape == (64, 48, 3)
    # rotating 90 deg counter-clockwise moves the top-left corner to the bottom-left
    assert frame.rgb[-8, 8].mean() > 200 and frame.rgb[8, 8].mean() < 50


def test_variable_frame_rate_timestamps_are_kept(tmp_path: Path):
    times = [0.0, 0.033, 0.07, 0.1, 0.141, 0.2]
    clip = write_video(tmp_path / "vfr.mp4", marked_frames(len(times)), times_s=times)
    got = [f.time_s for f in iter_frames(clip)]
    assert np.allclose(got, times, atol=1e-4)


def test_picked_frames_are_the_same_pixels_and_times_as_a_full_pass(tmp_path: Path):
    """The report's pictures read a few frames of a rotated, variable-rate clip: each the same
    image and time as the full pass gives it, none other, nothing past the last asked for."""
    from backstride.report.pictures import read_frames

    times = [0.0, 0.033, 0.07, 0.1, 0.141, 0.2, 0.24, 0.27]
    rng = np.random.default_rng(3)
    frames = [rng.integers(0, 256, (48, 64, 3), dtype=np.uint8) for _ in times]
    clip = write_video(tmp_path / "phone.mp4", frames, rotation_deg=90, times_s=times)
    full = {f.index: f for f in iter_frames(clip)}
    picked = list(iter_frames(clip, only=frozenset({2, 5})))
    assert [f.index for f in picked] == [2, 5]
    for f in picked:
        assert f.time_s == full[f.index].time_s and np.array_equal(f.rgb, full[f.index].rgb)
    images = read_frames(clip, [5, 2, 5])
    assert sorted(images) == [2, 5] and all(np.array_equal(images[i], full[i].rgb) for i in images)
    assert list(iter_frames(clip, only=frozenset({99}))) == []  # past the end: nothing, no error
