"""mediapipe 0.10.21 over a clip's frames, written to an .npz: run by the reference environment's
Python (make reference: mediapipe pins numpy<2 and has no Python 3.13 wheel, so it lives apart).

    .venv-mediapipe/bin/python tests/realdata/mediapipe_reference.py CLIP OUT.npz [--noise-seed N]

Each frame is decoded by backstride's own reader (the same PyAV version as the main environment,
both locks pin it), and its digest is written beside mediapipe's keypoints, so the test can check
that both environments saw the same pixels. With ``--noise-seed`` a second mediapipe sees each frame
with +/-1 grey level of noise: how far mediapipe moves from itself on invisible changes.
"""

from __future__ import annotations

import argparse
import hashlib

import numpy as np

from backstride.pose.mediapipe_backend import MediapipeBackend
from backstride.settings import VideoSettings
from backstride.video import iter_frames, probe

KEYPOINTS = 33


def frame_digest(rgb: np.ndarray) -> bytes:
    """Eight bytes that tell two decodings of a frame apart (shape included)."""
    h = hashlib.blake2b(digest_size=8)
    h.update(repr(rgb.shape).encode())
    h.update(np.ascontiguousarray(rgb).tobytes())
    return h.digest()


def add_noise(rgb: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return np.clip(rgb.astype(np.int16) + rng.integers(-1, 2, rgb.shape), 0, 255).astype(np.uint8)


class Recorder:
    """One mediapipe, its answers per frame: keypoints (NaN without a person) and visibility."""

    def __init__(self) -> None:
        self.backend = MediapipeBackend()
        self.xy: list[np.ndarray] = []
        self.visibility: list[np.ndarray] = []

    def feed(self, rgb: np.ndarray) -> None:
        found = self.backend.process(rgb)
        self.xy.append(np.full((KEYPOINTS, 2), np.nan) if found is None else found[0])
        self.visibility.append(np.full(KEYPOINTS, np.nan) if found is None else found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clip")
    parser.add_argument("out")
    parser.add_argument("--noise-seed", type=int, default=None)
    args = parser.parse_args()
    info = probe(args.clip, VideoSettings())
    clean, noisy = Recorder(), Recorder() if args.noise_seed is not None else None
    rng = np.random.default_rng(args.noise_seed)
    digests = []
    for frame in iter_frames(info.path, rotation_deg=info.rotation_deg):
        digests.append(np.frombuffer(frame_digest(frame.rgb), dtype=np.uint8))
        clean.feed(frame.rgb)
        if noisy is not None:
            noisy.feed(add_noise(frame.rgb, rng))
    arrays = {"digest": np.array(digests), "xy": np.array(clean.xy), "visibility": np.array(clean.visibility)}
    if noisy is not None:
        arrays |= {"noisy_xy": np.array(noisy.xy), "noisy_visibility": np.array(noisy.visibility)}
    np.savez(args.out, **arrays)


if __name__ == "__main__":
    main()
