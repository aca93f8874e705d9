"""Silence the C++ log lines native runtimes (mediapipe, TF Lite, LiteRT) print straight to file
descriptors 1 and 2, for the length of one call: the descriptors point at /dev/null and are put
back after it (microseconds). The CLI's progress bars write to their own copy of the terminal."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def quiet_native_output() -> Iterator[None]:
    """Silence the C++ log lines mediapipe and TFLite print to file descriptors 1 and 2."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        _libc_fflush()  # C stdio buffers would otherwise print after the descriptors come back
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def _libc_fflush() -> None:
    libc = _libc()
    if libc is not None:
        libc.fflush(None)


@functools.cache
def _libc() -> Any:
    try:
        import ctypes

        return ctypes.CDLL(None)
    except OSError:
        return None
