"""Frame buffers reused in a Dask worker: glibc's malloc thresholds set back for video work.

Dask's nanny starts every worker process with ``MALLOC_TRIM_THRESHOLD_=65536`` (its default
``distributed.nanny.pre-spawn-environ``, meant to hand freed memory back to the system). Setting
any malloc threshold turns off glibc's dynamic mmap threshold (mallopt(3), "M_MMAP_THRESHOLD"):
every allocation over 128 KiB, so every decoded frame and every frame-sized array, becomes a
fresh mmap that the kernel zero-fills page by page and unmaps when it is freed. On the treadmill
clip that is 4-5 s more CPU in a 15 s assessment. This plugin sets the thresholds to the values
glibc's dynamic rule grows to by itself on a 64-bit machine (32 MiB for mmap, twice that for
trimming), so a frame's buffer is reused. Any worker, of a LocalCluster or one started by hand,
gets it when the client registers the plugin; on other C libraries it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

from distributed.diagnostics.plugin import WorkerPlugin

from backstride.settings import BatchSettings

M_TRIM_THRESHOLD = -1  # glibc's malloc.h
M_MMAP_THRESHOLD = -3


def keep_frame_buffers(mmap_threshold_bytes: int, trim_threshold_bytes: int) -> bool:
    """Set glibc's mmap and trim thresholds in this process; False where this is not glibc."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    mmap_set = mallopt(M_MMAP_THRESHOLD, mmap_threshold_bytes)
    return bool(mmap_set) and bool(mallopt(M_TRIM_THRESHOLD, trim_threshold_bytes))


class FrameBuffers(WorkerPlugin):
    """Registered on every worker of the cluster backstride runs on (see the module's docstring)."""

    name = "backstride-frame-buffers"

    def __init__(self, mmap_threshold_bytes: int, trim_threshold_bytes: int) -> None:
        self.mmap_threshold_bytes = mmap_threshold_bytes
        self.trim_threshold_bytes = trim_threshold_bytes

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        keep_frame_buffers(self.mmap_threshold_bytes, self.trim_threshold_bytes)


def register(client, batch: BatchSettings) -> None:  # noqa: ANN001 - distributed.Client
    """Every worker of ``client``'s cluster, now and started later, reuses its frame buffers."""
    client.register_plugin(FrameBuffers(batch.worker_mmap_threshold_bytes, batch.worker_trim_threshold_bytes))
