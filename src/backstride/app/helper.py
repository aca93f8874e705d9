"""A second process for an assessment: the rear clip analysed beside the side clip, and its
annotated video written while the report is laid out.

The two views are independent until the results are written, and the pose model, the frame scan
and the video encoder each keep about one core busy, so on a machine with two cores or more the
second view costs no wall time of its own (``make bench`` prints the pair's wall time and the
cores used). The helper is started with ``spawn`` (a fork would copy the pose model's threads);
its progress comes back over a queue and this process calls the caller's callbacks with it, on
its own main thread (between the side clip's frames, and while it waits), where the caller
expects them. A process that may not start others (a daemonic web worker) and
``Settings.processes == 1`` do everything here instead.
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

from backstride.settings import Settings

PUMP_S = 0.05  # how long this process waits for the helper's progress between checks
FRAMES_EVERY = 5  # the helper reports every this many frames (and the last)

_events: Any = None  # the helper's end of the progress queue (set in the helper process)


@contextmanager
def helper_process(settings: Settings) -> Iterator[Helper | None]:
    """A :class:`Helper` for the assessment's lifetime, or None where one process is all there is."""
    if settings.processes < 2 or multiprocessing.current_process().daemon:
        yield None
        return
    context = multiprocessing.get_context("spawn")
    events = context.Queue()
    pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start, initargs=(events,))
    with _main_module_hidden():
        pool.submit(int)  # starts the process now (its imports overlap this process's work)
    try:
        yield Helper(pool, events)
    except BaseException:  # Ctrl+C, a refusal, a bug: the helper's work is not waited for
        _stop(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        events.close()


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the helper now (ProcessPoolExecutor.terminate_workers from Python 3.14)."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """A spawned process runs the parent's main script again before anything else, unless the
    script guards itself with ``if __name__ == "__main__"``; a researcher's script calling the API
    need not: the helper only runs backstride's own functions, so the main script is hidden from
    it while it starts (multiprocessing.spawn.get_preparation_data reads ``__file__`` and
    ``__spec__`` of ``__main__``)."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved_file, saved_spec = main.__dict__.pop("__file__", None), getattr(main, "__spec__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__spec__ = saved_spec
        if saved_file is not None:
            main.__file__ = saved_file


class Helper:
    """Work sent to the helper process; its progress messages pumped back to callbacks here."""

    def __init__(self, pool: ProcessPoolExecutor, events: Any) -> None:
        self._pool, self._events = pool, events
        self._callbacks: dict[str, Callable[..., None]] = {}

    def submit(self, fn: Callable[..., Any], /, *args: Any, **callbacks: Callable[..., None] | None) -> Future:
        """Run ``fn(*args, **progress)`` there; each named callback (e.g. ``on_probe``) is replaced
        by one that sends its arguments back, and called here by :meth:`pump`."""
        names = {}
        for name, callback in callbacks.items():
            if callback is not None:
                key = f"{name}-{len(self._callbacks)}"
                self._callbacks[key] = callback
                names[name] = key
        return self._pool.submit(_run, fn, args, names)

    def pump(self, timeout_s: float | None = None) -> None:
        """Call the callbacks for every progress message the helper has sent so far (waiting up to
        ``timeout_s`` for the first)."""
        while True:
            try:
                key, args = self._events.get(timeout=timeout_s) if timeout_s else self._events.get_nowait()
            except queue_module.Empty:
                return
            self._callbacks[key](*args)
            timeout_s = None

    def wait(self, future: Future) -> Any:
        """``future``'s result, its progress shown while it runs; its exception raised here."""
        while not future.done():
            self.pump(PUMP_S)
        self.pump()
        return future.result()


def _start(events: Any) -> None:
    """In the helper, first: its progress queue; Ctrl+C left to the parent, which ends the helper
    (a terminal sends it to both, and the helper would print a traceback of its own)."""
    import signal

    global _events
    _events = events
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from backstride.core.quiet import quiet_library_warnings

    quiet_library_warnings()


def _run(fn: Callable[..., Any], args: tuple, names: dict[str, str]) -> Any:
    senders = {name: _Sender(key, name == "progress") for name, key in names.items()}
    try:
        return fn(*args, **senders)
    finally:
        for sender in senders.values():
            sender.flush()


class _Sender:
    """A callback that sends its arguments home; frame counts only every :data:`FRAMES_EVERY`,
    and the last one held back when the work ends (:meth:`flush`)."""

    def __init__(self, key: str, counts_frames: bool) -> None:
        self.key, self.counts_frames = key, counts_frames
        self.sent = 0
        self.held: tuple | None = None

    def __call__(self, *args: Any) -> None:
        if self.counts_frames and args and isinstance(args[0], int) and args[0] - self.sent < FRAMES_EVERY:
            self.held = args
            return
        self.held = None
        if self.counts_frames and args and isinstance(args[0], int):
            self.sent = args[0]
        _events.put((self.key, args))

    def flush(self) -> None:
        if self.held is not None:
            _events.put((self.key, self.held))
            self.held = None
