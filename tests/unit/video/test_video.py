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


def test_the_frame_scan_is_cached_for_the_keypoints_it_was_given(tmp_path: Path):
    """The scan reads the runner's box from the keypoints (sharpness inside it, the bones of the
    overlay map): a clip scanned with one pose model's keypoints and then another's gets the second
    its own scan, not the first's from the cache (the heavy model's run once reused the full's)."""
    from backstride.video.scene import scan_scene

    rng = np.random.default_rng(4)
    clip = write_video(tmp_path / "c.mp4", [rng.integers(0, 256, (240, 320, 3), dtype=np.uint8) for _ in range(20)])
    info = probe(clip, DEFAULT.video)
    nobody = np.full((20, 33, 2), np.nan)
    someone = np.tile(rng.uniform(80, 200, (1, 33, 2)), (20, 1, 1))
    cache = tmp_path / "cache"
    first = scan_scene(info, nobody, 50.0, cache_dir=cache)
    assert np.isnan(first.sharpness).all()
    second = scan_scene(info, someone, 50.0, cache_dir=cache)
    fresh = scan_scene(info, someone, 50.0)
    assert np.isfinite(second.sharpness).any() and np.array_equal(second.sharpness, fresh.sharpness, equal_nan=True)
    again = scan_scene(info, someone, 50.0, cache_dir=cache)  # and a repeat is still served from the cache
    assert np.array_equal(again.sharpness, fresh.sharpness, equal_nan=True) and len(list(cache.iterdir())) == 2
