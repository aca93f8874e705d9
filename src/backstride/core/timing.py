"""Where an analysis spends its time: CPU and wall seconds per stage, recorded only when asked
(``make bench``'s shares); otherwise each stage costs one check of a global.

Stages nest and are counted exclusively: the time of a decode inside the frame scan is the
decode's, not the scan's. CPU time is the process's (every thread of it, so the pose model's
own threads count), which is why shares are recorded in one process (``Settings.processes=1``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Stages:
    """Seconds per stage: ``cpu_s`` and ``wall_s``, each exclusive of the stages inside it."""

    cpu_s: dict[str, float] = field(default_factory=dict)
    wall_s: dict[str, float] = field(default_factory=dict)
    _stack: list[tuple[str, float, float]] = field(default_factory=list)

    def _add(self, name: str, cpu: float, wall: float) -> None:
        self.cpu_s[name] = self.cpu_s.get(name, 0.0) + cpu
        self.wall_s[name] = self.wall_s.get(name, 0.0) + wall


_recording: Stages | None = None


@contextmanager
def recording() -> Iterator[Stages]:
    """Record every :func:`stage` entered inside the block."""
    global _recording
    _recording = Stages()
    try:
        yield _recording
    finally:
        _recording = None


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the block's time to ``name`` (when recording)."""
    rec = _recording
    if rec is None:
        yield
        return
    now_cpu, now_wall = time.process_time(), time.perf_counter()
    if rec._stack:  # the enclosing stage pauses
        outer, cpu0, wall0 = rec._stack[-1]
        rec._add(outer, now_cpu - cpu0, now_wall - wall0)
    rec._stack.append((name, now_cpu, now_wall))
    try:
        yield
    finally:
        _, cpu0, wall0 = rec._stack.pop()
        end_cpu, end_wall = time.process_time(), time.perf_counter()
        rec._add(name, end_cpu - cpu0, end_wall - wall0)
        if rec._stack:  # the enclosing stage resumes
            outer, _, _ = rec._stack[-1]
            rec._stack[-1] = (outer, end_cpu, end_wall)


def timed_iter(name: str, items: Iterator) -> Iterator:
    """Yield from ``items``, counting the time spent producing each to ``name`` (a decoder)."""
    while True:
        with stage(name):
            try:
                item = next(items)
            except StopIteration:
                return
        yield item
