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
cadence, contact time and duty factor as close as the noise moves them, or within one frame."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from backstride.app.pipeline import analyse_clip
from backstride.pose.backend import create_backend
from backstride.settings import VideoSettings
from backstride.video import iter_frames, probe

pytest.importorskip("mediapipe", reason="mediapipe 0.10.21 is the reference; not installed here")
pytestmark = pytest.mark.slow

#: The floor is one draw of the noise: 10 % over it is allowed.
FLOOR_MARGIN = 1.10
CLIPS = ["treadmill_side_30fps.mp4", "overground_rear_overlay.mp4", "walking_multi_person.mp4"]


def _keypoints(path, backend_name, noise_seed=None):
    info = probe(path, VideoSettings())
    backend = create_backend(backend_name)
    rng = None if noise_seed is None else np.random.default_rng(noise_seed)
    out = []
    try:
        for frame in iter_frames(info.path, rotation_deg=info.rotation_deg):
            rgb = frame.rgb
            if rng is not None:
                rgb = np.clip(rgb.astype(np.int16) + rng.integers(-1, 2, rgb.shape), 0, 255).astype(np.uint8)
            found = backend.process(rgb)
            out.append(np.full((33, 2), np.nan) if found is None else found[0])
    finally:
        backend.close()
    return np.array(out)


@pytest.fixture(scope="module", params=CLIPS)
def three_runs(request, shared_data):
    path = shared_data / "videos" / request.param
    return request.param, _keypoints(path, "blazepose"), _keypoints(path, "mediapipe"), _keypoints(path, "mediapipe", 0)


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


class NoisyMediapipe:
    """mediapipe fed each frame with +/-1 grey level of noise: how far its own events move."""

    def __init__(self, **options):
        from backstride.pose.mediapipe_backend import MediapipeBackend

        self._inner = MediapipeBackend(**options)
        self._rng = np.random.default_rng(0)
        self.keypoints = self._inner.keypoints

    @property
    def cache_key(self):
        return self._inner.cache_key + "-noise1"

    def process(self, rgb):
        noisy = np.clip(rgb.astype(np.int16) + self._rng.integers(-1, 2, rgb.shape), 0, 255).astype(np.uint8)
        return self._inner.process(noisy)

    def close(self):
        self._inner.close()


def _event_gaps_ms(a, b):
    """Per foot and kind, the time between matching events (same count required), ms."""
    gaps = []
    for foot in ("left", "right"):
        for kind in ("foot_strike_s", "toe_off_s"):
            x, y = np.array(getattr(a.events[foot], kind)), np.array(getattr(b.events[foot], kind))
            assert len(x) == len(y), (foot, kind)
            gaps.extend(np.abs(x - y) * 1000)
    return np.array(gaps)


def test_the_same_events_and_cadence_on_the_treadmill(shared_data, settings, monkeypatch):
    from backstride.pose import backend as registry

    monkeypatch.setitem(registry.BACKENDS, "mediapipe-noise", (__name__, "NoisyMediapipe"))
    path = shared_data / "videos" / "treadmill_side_30fps.mp4"
    gait = {
        name: analyse_clip(
            path, role="side", settings=replace(settings, pose=replace(settings.pose, backend=name))
        ).gait
        for name in ("blazepose", "mediapipe", "mediapipe-noise")
    }
    ours, theirs, noisy = gait["blazepose"], gait["mediapipe"], gait["mediapipe-noise"]
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
