"""BlazePose run by LiteRT with the tracking written here, against mediapipe 0.10.21 itself on the
shared clips: the same keypoints, the same frames with a person, the same events and cadence.

Truth and tolerance: mediapipe's own keypoints. On the first frame with a person the port matches
to 0.1 px: 0.01 px on the treadmill clip, 0.06 px on the rear clip, where the networks' outputs
(LiteRT 2.3 against mediapipe's own TF Lite) differ in their last bits; given mediapipe's region,
the landmark network alone matched to 0.0001 px (median) over the treadmill clip. After that the region
each frame is cut from follows the last landmarks, and a difference of one float bit grows (the
cut is sampled on a 1/32 px grid); so the tolerance is mediapipe against itself fed the same frames
with noise of +/-1 grey level (invisible; less than the codec's own), measured here each run: the
port may differ from mediapipe by no more than mediapipe differs from itself. Measured when written
(median px, port / mediapipe with noise): treadmill side 1.47 / 1.44, overground rear 0.97 / 1.31,
several people walking 0.41 / 0.92. Events on the treadmill clip (34 strikes, 34 toe-offs): 2.4 ms
apart (median; 36.8 ms at most), where the noise moved mediapipe's own by 3.0 ms (234 ms at most);
cadence, contact time and duty factor as close as the noise moves them, or within one frame.

mediapipe runs in its own environment (make reference; it pins numpy<2 and has no Python 3.13
wheel): tests/realdata/mediapipe_reference.py writes its keypoints with each frame's digest, and
its answers are replayed here through the same analysis, each frame checked to be the same pixels."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from backstride.app.pipeline import analyse_clip
from backstride.pose.backend import create_backend
from backstride.settings import VideoSettings
from backstride.video import iter_frames, probe
from tests.realdata import mediapipe_reference as reference

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_PYTHON = Path(os.environ.get("BACKSTRIDE_MEDIAPIPE_PYTHON", ROOT / ".venv-mediapipe" / "bin" / "python"))
#: The floor is one draw of the noise: 10 % over it is allowed.
FLOOR_MARGIN = 1.10
CLIPS = ["treadmill_side_30fps.mp4", "overground_rear_overlay.mp4", "walking_multi_person.mp4"]
NOISE_SEED = 0


@pytest.fixture(scope="module")
def mediapipe_runs(tmp_path_factory):
    """clip name -> mediapipe's recording (clean and with noise), made once per clip."""
    if not REFERENCE_PYTHON.exists():
        pytest.skip(f"mediapipe 0.10.21, the reference, is not installed ({REFERENCE_PYTHON}: make reference)")
    folder, runs = tmp_path_factory.mktemp("mediapipe"), {}

    def run(path: Path):
        if path.name not in runs:
            out = folder / f"{path.stem}.npz"
            command = [str(REFERENCE_PYTHON), str(Path(reference.__file__)), str(path), str(out)]
            subprocess.run([*command, "--noise-seed", str(NOISE_SEED)], cwd=ROOT, check=True, timeout=900)
            runs[path.name] = dict(np.load(out))
        return runs[path.name]

    return run


def _keypoints(path, backend_name):
    """The backend's keypoints per frame (NaN without a person) and each frame's digest."""
    info = probe(path, VideoSettings())
    backend = create_backend(backend_name)
    out, digests = [], []
    try:
        for frame in iter_frames(info.path, rotation_deg=info.rotation_deg):
            digests.append(np.frombuffer(reference.frame_digest(frame.rgb), dtype=np.uint8))
            found = backend.process(frame.rgb)
            out.append(np.full((33, 2), np.nan) if found is None else found[0])
    finally:
        backend.close()
    return np.array(out), np.array(digests)


@pytest.fixture(scope="module", params=CLIPS)
def three_runs(request, shared_data, mediapipe_runs):
    path = shared_data / "videos" / request.param
    recorded = mediapipe_runs(path)
    ours, digests = _keypoints(path, "blazepose")
    assert np.array_equal(digests, recorded["digest"]), f"{request.param}: the two environments decoded other frames"
    return request.param, ours, recorded["xy"], recorded["noisy_xy"]


def _median_px(a, b):
    return float(np.nanmedian(np.linalg.norm(a - b, axis=2)))


def test_keypoints_within_mediapipes_own_noise(three_runs):
    name, ours, mediapipe, noisy = three_runs
    assert len(ours) == len(mediapipe)
    first = np.flatnonzero(np.isfinite(mediapipe[:, 0, 0]))[0]
    assert _median_px(ours[first : first + 1], mediapipe[first : first + 1]) <= 0.1, name  # the same arithmetic
    port, floor = _median_px(ours, mediapipe), _median_px(noisy, mediapipe)
    assert port <= FLOOR_MARGIN * floor, f"{name}: {port:.2f} px from mediapipe; mediapipe from itself {floor:.2f}"


def test_the_same_frames_have_a_person(three_runs):
    name, ours, mediapipe, noisy = three_runs
    differ = int((np.isnan(ours[:, 0, 0]) != np.isnan(mediapipe[:, 0, 0])).sum())
    floor = int((np.isnan(noisy[:, 0, 0]) != np.isnan(mediapipe[:, 0, 0])).sum())
    assert differ <= floor + 1, f"{name}: a person in {differ} frames only one of them saw (noise: {floor})"


def replay(recorded: dict, prefix: str) -> type:
    """A pose backend that answers with mediapipe's recorded keypoints, frame by frame, after
    checking each frame is the one mediapipe was given (its digest)."""
    xy, visibility, digests = recorded[f"{prefix}xy"], recorded[f"{prefix}visibility"], recorded["digest"]

    class Replay:
        keypoints = reference.MediapipeBackend.keypoints
        cache_key = f"mediapipe-0.10.21-replay-{prefix or 'clean'}{reference.frame_digest(xy).hex()}"

        def __init__(self, **options):
            self._next = 0

        def process(self, rgb):
            i, self._next = self._next, self._next + 1
            assert reference.frame_digest(rgb) == digests[i].tobytes(), f"frame {i} is not the one mediapipe saw"
            return None if np.isnan(xy[i, 0, 0]) else (xy[i], visibility[i])

        def close(self):
            pass

    return Replay


def _event_gaps_ms(a, b):
    """Per foot and kind, the time between matching events (same count required), ms."""
    gaps = []
    for foot in ("left", "right"):
        for kind in ("foot_strike_s", "toe_off_s"):
            x, y = np.array(getattr(a.events[foot], kind)), np.array(getattr(b.events[foot], kind))
            assert len(x) == len(y), (foot, kind)
            gaps.extend(np.abs(x - y) * 1000)
    return np.array(gaps)


def test_the_same_events_and_cadence_on_the_treadmill(shared_data, settings, monkeypatch, mediapipe_runs):
    from backstride.pose import backend as registry

    path = shared_data / "videos" / "treadmill_side_30fps.mp4"
    recorded = mediapipe_runs(path)
    for name, prefix in (("mediapipe-replay", ""), ("mediapipe-noise-replay", "noisy_")):
        monkeypatch.setattr(reference, name.replace("-", "_"), replay(recorded, prefix), raising=False)
        monkeypatch.setitem(registry.BACKENDS, name, (reference.__name__, name.replace("-", "_")))
    gait = {
        name: analyse_clip(
            path, role="side", settings=replace(settings, pose=replace(settings.pose, backend=name))
        ).gait
        for name in ("blazepose", "mediapipe-replay", "mediapipe-noise-replay")
    }
    ours, theirs, noisy = gait["blazepose"], gait["mediapipe-replay"], gait["mediapipe-noise-replay"]
    port, floor = _event_gaps_ms(ours, theirs), _event_gaps_ms(noisy, theirs)
    assert abs(ours.cadence_spm - theirs.cadence_spm) <= max(0.5, 1.1 * abs(noisy.cadence_spm - theirs.cadence_spm))
    assert np.median(port) <= FLOOR_MARGIN * np.median(floor) + 1.0  # ms
    assert port.max() <= max(FLOOR_MARGIN * floor.max(), 1000 / 30)  # or within a frame at 30 fps
    # the medians: within what the noise moved them, or within one frame (33 ms; as a share of the stride)
    frame_ms = 1000 / 30
    one_frame = {"contact_time_ms": frame_ms, "duty_factor_pct": 100 * frame_ms / (2 * 60_000 / theirs.cadence_spm)}
    for foot in ("left", "right"):
        for metric, frame in one_frame.items():
            a, b, c = (g.per_foot[foot][metric].median for g in (ours, theirs, noisy))
            assert abs(a - b) <= max(FLOOR_MARGIN * abs(c - b), frame), (foot, metric)
