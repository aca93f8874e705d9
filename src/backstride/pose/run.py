"""Run a pose backend over a whole clip, streamed, with an on-disk cache by content hash."""

from __future__ import annotations

import functools
import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from backstride.errors import InputFileError
from backstride.pose.backend import PoseBackend
from backstride.video import Probe, iter_frames

ProgressFn = Callable[[int], None]  # called with the number of frames done so far


@dataclass(frozen=True)
class RawPose:
    """Keypoints as the model gave them, one row per decoded frame (NaN where no person)."""

    xy_px: np.ndarray
    visibility: np.ndarray
    time_s: np.ndarray
    width: int
    height: int
    model: str | None = None  # the backend's cache key, where a cache entry says


def content_hash(path: Path, chunk_bytes: int = 1 << 20) -> str:
    """SHA-256 of a file's bytes; remembered for the same path, size and modification time, so the
    pose cache and the frame scan's cache read a clip once between them."""
    st = Path(path).stat()
    return _hash(str(Path(path).resolve()), st.st_size, st.st_mtime_ns, chunk_bytes)


@functools.lru_cache(maxsize=64)
def _hash(path: str, size: int, mtime_ns: int, chunk_bytes: int) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(chunk_bytes):
            digest.update(chunk)
    return digest.hexdigest()


def estimate_pose(
    probe: Probe,
    backend: PoseBackend,
    *,
    cache_dir: Path | None,
    progress: ProgressFn | None = None,
    max_duration_s: float = float("inf"),
    on_note: Callable[[str], None] | None = None,
) -> tuple[RawPose, bool]:
    """Keypoints of every frame; returns ``(pose, from_cache)``. The cache is read before the
    model runs (the backend opens its model at its first frame). A cache entry that cannot be
    read (truncated by a full disk or a sync tool) is a miss: the model runs and the entry is
    replaced, and ``on_note`` is told in one line."""
    cache_file = None
    if cache_dir is not None:
        cache_file = Path(cache_dir) / f"{content_hash(probe.path)}-{backend.cache_key}.npz"
        if cache_file.exists():
            cached = _load(cache_file)
            misfit = "a damaged cache file" if cached is None else cache_misfit(cached, probe, backend)
            if cached is not None and misfit is None:
                if progress:
                    progress(len(cached.time_s))
                return cached, True
            if on_note:
                on_note(
                    f"the cached keypoints of {probe.path.name} could not be used ({misfit}): "
                    "the pose model ran again and the cache entry was replaced"
                )
    pose = _run(probe, backend, progress, max_duration_s)
    if cache_file is not None:
        _save(cache_file, pose, backend.cache_key)
    return pose, False


def _run(probe: Probe, backend: PoseBackend, progress: ProgressFn | None, max_duration_s: float) -> RawPose:
    k = len(backend.keypoints)
    xys, viss, times = [], [], []
    width = height = 0
    for frame in iter_frames(probe.path, rotation_deg=probe.rotation_deg):
        if frame.time_s > max_duration_s:  # the container understated its length
            raise InputFileError(
                f"{probe.path}: longer than the {max_duration_s / 60:.0f} min limit "
                "(trim the clip to the running you want analysed)"
            )
        height, width = frame.rgb.shape[:2]
        found = backend.process(frame.rgb)
        xy, vis = found if found is not None else (np.full((k, 2), np.nan), np.zeros(k))
        xys.append(xy)
        viss.append(vis)
        times.append(frame.time_s)
        if progress:
            progress(len(times))
    return RawPose(
        xy_px=np.array(xys, dtype=float).reshape(-1, k, 2),
        visibility=np.array(viss, dtype=float).reshape(-1, k),
        time_s=np.array(times, dtype=float),
        width=width,
        height=height,
    )


def _save(path: Path, pose: RawPose, model: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(
            tmp,
            xy_px=pose.xy_px,
            visibility=pose.visibility,
            time_s=pose.time_s,
            size=np.array([pose.width, pose.height]),
            model=np.array(model),
        )
        tmp.replace(path)
    except OSError:
        pass  # a cache that cannot be written only costs time


def _load(path: Path) -> RawPose | None:
    """A cache entry, or None where it cannot be read whole."""
    try:
        with np.load(path) as z:
            w, h = (int(v) for v in z["size"])
            model = str(z["model"]) if "model" in z.files else None
            return RawPose(z["xy_px"], z["visibility"], z["time_s"], w, h, model=model)
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        return None


def cache_misfit(cached: RawPose, probe: Probe, backend: PoseBackend) -> str | None:
    """Why a readable cache entry is not this clip's keypoints from this model, or None: its
    arrays' shapes, its frame count against the container's (within :data:`FRAME_SLACK`), its
    frame size, and the model that wrote it."""
    n, k = len(cached.time_s), len(backend.keypoints)
    if cached.xy_px.shape != (n, k, 2) or cached.visibility.shape != (n, k):
        return f"keypoints of shape {cached.xy_px.shape} where this model gives ({n}, {k}, 2)"
    expected = probe.n_frames or round(probe.duration_s * probe.fps)
    if expected and abs(n - expected) > max(FRAME_SLACK[0], FRAME_SLACK[1] * expected):
        return f"{n} frames for a clip of {expected}"
    if (cached.width, cached.height) != (probe.width, probe.height):
        return f"frame size {cached.width} x {cached.height} for a clip of {probe.width} x {probe.height}"
    if cached.model is not None and cached.model != backend.cache_key:
        return f"written by another pose model ({cached.model})"
    return None


#: Frames a cache entry may differ from the container's count (frames, share): containers round
#: their duration and some skip a frame at an edit; a cache of another length is another clip.
FRAME_SLACK = (2, 0.02)
