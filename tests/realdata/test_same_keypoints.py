"""One clip, the same keypoints three ways: a fresh pose run, a cache hit, and the keypoints
handed back as a keypoint file (analyze --keypoints). Truth: the three must agree exactly, since
the keypoints are the same numbers (the file carries them as JSON, which round-trips floats)."""

import json
from dataclasses import replace

import numpy as np
import pytest

from backstride.app.output import clip_summary
from backstride.app.pipeline import analyse_clip

pytestmark = pytest.mark.slow


def mirrored(name):
    return name.replace("left_", "@").replace("right_", "left_").replace("@", "right_")


def write_gaitlab(path, traj, fps, *, swap_sides=False):
    """A gaitlab.pose/v1 file of all 33 keypoints under their BlazePose names (with
    ``swap_sides``, every left one called right and the reverse, for the whole clip)."""
    names = list(traj.keypoints)
    cols = [traj.index(n) for n in names]
    frames = np.concatenate([traj.xy_px[:, cols], traj.visibility[:, cols, None]], axis=2)
    frames = np.where(np.isfinite(frames), frames, 0.0)
    names_out = [mirrored(n) for n in names] if swap_sides else names
    path.write_text(
        json.dumps(
            {
                "schema": "gaitlab.pose/v1",
                "source": "the same keypoints",
                "fps": fps,
                "keypoint_names": names_out,
                "timestamps": traj.time_s.tolist(),
                "frames": frames.tolist(),
            }
        )
    )
    return path


def signature(clip):
    g = clip.gait
    return (
        g.cadence_spm,
        {f: (ev.foot_strike_s, ev.toe_off_s) for f, ev in g.events.items()},
        {f: g.per_foot[f]["contact_time_ms"].median for f in ("left", "right")},
        clip.warnings,
    )


def test_fresh_cached_and_supplied_keypoints_give_the_same_result(shared_data, tmp_path, settings):
    video = shared_data / "videos" / "treadmill_side_30fps.mp4"
    own = replace(settings, pose=replace(settings.pose, cache_dir=tmp_path / "cache"))
    fresh = analyse_clip(video, role="side", settings=own)
    cached = analyse_clip(video, role="side", settings=own)
    assert (fresh.from_cache, cached.from_cache) == (False, True)
    from backstride.app.pipeline import run_pose, to_trajectory

    raw, hit = run_pose(fresh.probe, own, None)
    assert hit
    file = write_gaitlab(tmp_path / "keypoints.json", to_trajectory(raw, fresh.probe, own), fresh.probe.fps)
    supplied = analyse_clip(video, role="side", settings=own, keypoints=file)
    assert supplied.pose_source == "the same keypoints"
    assert signature(fresh) == signature(cached) == signature(supplied)

    # The pose model calling the near leg by the far side's name for the whole clip: the labels are
    # exchanged back (the near leg is seen best), the results are the same, and it is said.
    swapped = write_gaitlab(
        tmp_path / "swapped.json", to_trajectory(raw, fresh.probe, own), fresh.probe.fps, swap_sides=True
    )
    relabelled = analyse_clip(video, role="side", settings=own, keypoints=swapped)
    assert signature(relabelled)[:3] == signature(fresh)[:3]
    assert not fresh.clean_report.relabelled_near_side and relabelled.clean_report.relabelled_near_side
    assert any("called the near leg by the far side's name" in w for w in relabelled.warnings)
    assert clip_summary(relabelled).cleaning.near_leg_relabelled is True
