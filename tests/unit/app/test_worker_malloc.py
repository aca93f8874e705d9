"""A Dask worker's frame-sized buffers are reused, not page-faulted afresh for every frame.

Dask's nanny starts each worker process with MALLOC_TRIM_THRESHOLD_=65536 (its default
``distributed.nanny.pre-spawn-environ``). Setting any glibc malloc threshold turns off glibc's
dynamic mmap threshold (mallopt(3)), so every array over 128 KiB, every decoded frame, becomes a
fresh mmap that the kernel zero-fills page by page when it is written and unmaps when it is
freed: measured on the treadmill clip, 4-5 s more CPU for a 15 s assessment (docs/performance.md).
The measure here is the kernel's count of minor page faults while a worker writes and frees the
same frame-sized buffer 50 times: with the buffer reused, the pages are faulted in once.
"""

from __future__ import annotations

import sys

import pytest

from backstride.app.batch import cluster_client
from backstride.settings import BatchSettings

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc: Linux only")

FRAME_BYTES = 1920 * 1080 * 3  # one decoded 1080p RGB frame
TIMES = 50
PAGE_BYTES = 4096


def _faults_writing_frames(frame_bytes: int, times: int) -> int:
    import resource

    import numpy as np

    np.empty(frame_bytes, np.uint8).fill(1)  # the first one may fault its pages in
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    for _ in range(times):
        np.empty(frame_bytes, np.uint8).fill(1)
    return resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before


def test_a_worker_reuses_frame_buffers() -> None:
    fresh_each_time = TIMES * FRAME_BYTES // PAGE_BYTES  # 75,900 faults when every buffer is a new mmap
    with cluster_client(BatchSettings(), workers=1) as client:
        faults = client.submit(_faults_writing_frames, FRAME_BYTES, TIMES, pure=False).result()
    assert faults < fresh_each_time / 10, f"{faults} page faults for {TIMES} frame buffers"
