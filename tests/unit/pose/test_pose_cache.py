"""The pose cache and the backend's manners: a cache hit never opens the model, a damaged
entry is a miss that is replaced and said, and nothing of the process is left changed.

Truth is the construction: a counting stand-in backend over a small grey clip."""

from __future__ import annotations

import os

import numpy as np
import pytest

from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.pose.run import estimate_pose
from backstride.settings import DEFAULT
from backstride.video import probe
from tests.clips import grey_frames, write_video


class CountingBackend:
    """Gives the same pose for every frame and counts the frames it was asked about."""

    keypoints = KEYPOINTS
    cache_key = "counting-v1"

    def __init__(self):
        self.frames = 0

    def process(self, rgb):
        self.frames += 1
        return np.full((len(KEYPOINTS), 2), 10.0 + self.frames), np.full(len(KEYPOINTS), 0.9)

    def close(self):
        pass


@pytest.fixture
def clip(tmp_path):
    return probe(write_video(tmp_path / "grey.mp4", grey_frames(20)), DEFAULT.video)


def test_a_cache_hit_never_runs_the_model(clip, tmp_path):
    first, second = CountingBackend(), CountingBackend()
    pose, hit = estimate_pose(clip, first, cache_dir=tmp_path / "cache")
    again, hit_again = estimate_pose(clip, second, cache_dir=tmp_path / "cache")
    assert (hit, hit_again) == (False, True)
    assert first.frames == 20 and second.frames == 0
    assert np.array_equal(pose.xy_px, again.xy_px) and np.array_equal(pose.time_s, again.time_s)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_cache_entry_is_a_miss_replaced_and_said(clip, tmp_path, damage):
    cache = tmp_path / "cache"
    estimate_pose(clip, CountingBackend(), cache_dir=cache)
    (entry,) = cache.glob("*.npz")
    whole = entry.read_bytes()
    entry.write_bytes({"truncated": whole[: len(whole) // 2], "garbage": b"\x00" * 500, "empty": b""}[damage])
    notes: list[str] = []
    backend = CountingBackend()
    pose, hit = estimate_pose(clip, backend, cache_dir=cache, on_note=notes.append)
    assert not hit and backend.frames == 20  # the model ran again
    assert len(notes) == 1 and "a damaged cache file" in notes[0] and "\n" not in notes[0]
    _, hit = estimate_pose(clip, CountingBackend(), cache_dir=cache)
    assert hit  # and the entry was replaced with a readable one


def _rewrite(entry, **changes) -> None:
    with np.load(entry) as z:
        data = {k: z[k] for k in z.files}
    data.update(changes)
    with open(entry, "wb") as f:
        np.savez_compressed(f, **data)


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        ("half_the_frames", "10 frames for a clip of 20"),  # an entry of another length: a 20-frame clip read as 10
        ("wrong_keypoints", "keypoints"),
        ("wrong_shape", "keypoints"),
        ("other_size", "frame size"),
        ("other_model", "another pose model"),
    ],
)
def test_a_cache_entry_that_does_not_fit_the_clip_is_a_miss_replaced_and_said(clip, tmp_path, damage, said):
    """An entry readable whole but not of this clip and model (a shorter clip's, another model's,
    a file rewritten by hand) is never used: the model runs again and the note says why."""
    cache = tmp_path / "cache"
    estimate_pose(clip, CountingBackend(), cache_dir=cache)
    (entry,) = cache.glob("*.npz")
    with np.load(entry) as z:
        xy, vis, t = z["xy_px"], z["visibility"], z["time_s"]
    _rewrite(entry, **{
        "half_the_frames": {"xy_px": xy[:10], "visibility": vis[:10], "time_s": t[:10]},
        "wrong_keypoints": {"xy_px": xy[:, :17], "visibility": vis[:, :17]},
        "wrong_shape": {"xy_px": xy.reshape(len(t), -1)},
        "other_size": {"size": np.array([1920, 1080])},
        "other_model": {"model": np.array("another-model-v9")},
    }[damage])  # fmt: skip
    notes: list[str] = []
    backend = CountingBackend()
    pose, hit = estimate_pose(clip, backend, cache_dir=cache, on_note=notes.append)
    assert not hit and backend.frames == 20 and pose.xy_px.shape == (20, len(KEYPOINTS), 2)
    assert len(notes) == 1 and said in notes[0] and "\n" not in notes[0], notes
    _, hit = estimate_pose(clip, CountingBackend(), cache_dir=cache)
    assert hit


def test_a_trajectory_copies_the_callers_arrays():
    xy = np.zeros((3, len(KEYPOINTS), 2))
    vis = np.ones((3, len(KEYPOINTS)))
    t = np.arange(3) / 30
    traj = Trajectory(xy_px=xy, visibility=vis, time_s=t)
    assert xy.flags.writeable and vis.flags.writeable and t.flags.writeable  # the caller's stay theirs
    xy[0, 0, 0] = 99.0
    assert traj.xy_px[0, 0, 0] == 0.0  # and changing them later does not change the trajectory
    assert not traj.xy_px.flags.writeable


@pytest.mark.parametrize("name", ["blazepose", "mediapipe"])
def test_opening_the_pose_model_leaves_the_process_as_it_was(name, capfd):
    """The model is opened at the first frame, mediapipe's log variables are put back after its
    start-up, file descriptors 1 and 2 point where they did, and the runtimes' native start-up
    lines ("Created TensorFlow Lite XNNPACK delegate") reach neither."""
    from backstride.pose import create_backend

    if name == "mediapipe":
        pytest.importorskip("mediapipe", reason="the optional comparison backend is not installed")
    before = {k: os.environ.get(k) for k in ("GLOG_minloglevel", "TF_CPP_MIN_LOG_LEVEL")}
    fds = [os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else None for fd in (1, 2)]
    backend = create_backend(name)
    opened = (lambda: backend._pose) if name == "mediapipe" else (lambda: backend._tracker)
    assert opened() is None  # not opened: a cache hit would never pay for it
    try:
        for _ in range(4):
            backend.process(np.zeros((128, 128, 3), dtype=np.uint8))
        assert opened() is not None
        assert {k: os.environ.get(k) for k in before} == before
        assert [os.readlink(f"/proc/self/fd/{fd}") if fds[0] else None for fd in (1, 2)] == fds
    finally:
        backend.close()
    out, err = capfd.readouterr()
    assert "TensorFlow" not in out + err and "INFO" not in out + err
