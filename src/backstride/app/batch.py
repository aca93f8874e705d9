"""Many assessments on Dask distributed: each a task that a worker runs whole (it reads the clips
itself, local paths or fsspec URLs, so the scheduler never carries video), writing the same files
as ``analyze`` into its own folder of the batch's output, atomically, with a ``batch.json`` that
says what it was made from.

An assessment whose inputs (the clips' and answers' content) and settings are unchanged since its
folder was written is skipped (a refusal or a failure too: ``retry_failed`` runs failed ones
again). A worker that dies mid-task (killed, out of memory) loses only its task, which Dask's
scheduler runs again on another worker. At the end, :mod:`backstride.app.batch_table` joins every
folder's results into one table.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from backstride.app.batch_record import RECORD_FILE, BatchResult, ClipOutcome, Outcome, Record, Status
from backstride.app.manifest import Assessment, is_url
from backstride.errors import BackstrideError, ClipRefused, Invalid
from backstride.settings import BatchSettings, Settings

if TYPE_CHECKING:
    from distributed import Client

PARTIAL_PREFIX = ".partial-"  # an assessment being written; removed at the end of a batch


def given_clips(a: Assessment) -> dict[str, str]:
    return {"side": a.side, **({"rear": a.rear} if a.rear else {})}


def read_record(folder: Path) -> Record | None:
    try:
        return Record.from_json((folder / RECORD_FILE).read_text())
    except (OSError, ValueError, TypeError, KeyError):
        return None  # none yet, or one from a batch killed mid-write: run it


def run_assessment(a: Assessment, out: str, settings: Settings, report: bool, retry_failed: bool) -> Outcome:
    """One assessment, on a worker: skipped when unchanged, else analysed into its folder of
    ``out`` (replaced whole, atomically). Never raises: a refusal or failure is its record."""
    folder = Path(out) / a.folder
    settings = replace(settings, processes=1)  # a worker is one process; the cluster gives parallelism
    started = time.perf_counter()
    with ExitStack() as stack:
        try:
            local = stack.enter_context(_local_inputs(a))
            key = input_key(a, local, settings, report)
        except BackstrideError as exc:  # unreadable now: results made from them before are kept
            record = Record(a.runner, a.folder, "failed", "", 0.0, files=given_clips(a), reason=str(exc))
            return Outcome(record if read_record(folder) is not None else _replaced(folder, record, None))
        previous = read_record(folder)
        if previous is not None and previous.input_key == key and not (retry_failed and previous.status == "failed"):
            return Outcome(previous, skipped=True)
        work = Path(tempfile.mkdtemp(prefix=f"{PARTIAL_PREFIX}{a.folder}-", dir=out))
        record = _analysed(a, local, work, settings, report, key, started)
        return Outcome(_replaced(folder, record, work))


@contextmanager
def _local_inputs(a: Assessment) -> Iterator[Assessment]:
    """``a`` with each URL fetched into a temporary folder (removed after) and local files checked."""
    with tempfile.TemporaryDirectory(prefix="backstride-inputs-") as tmp:

        def local(path: str | None, name: str) -> str | None:
            if path is None:
                return None
            return _fetched(path, Path(tmp) / name) if is_url(path) else _checked(path, name)

        yield replace(
            a, side=str(local(a.side, "side")), rear=local(a.rear, "rear"), answers=local(a.answers, "answers")
        )


def _checked(path: str, name: str) -> str:
    if not Path(path).is_file():
        raise Invalid(f"{path}: no such {name} file (check the manifest's {name} column)")
    return path


def _fetched(url: str, into: Path) -> str:
    """The file at ``url`` copied to ``into``/its name (the name kept: refusals say it)."""
    import fsspec

    into.mkdir()
    local = into / (url.rstrip("/").rsplit("/", 1)[-1] or "clip")
    try:
        fs, path = fsspec.core.url_to_fs(url)
        fs.get_file(path, str(local))
    except ImportError as exc:  # fsspec names the package a protocol needs (s3fs, gcsfs)
        raise Invalid(f"{url}: {exc}") from None
    except (OSError, ValueError) as exc:
        raise Invalid(f"{url}: could not be read ({exc})") from None
    return str(local)


def input_key(a: Assessment, local: Assessment, settings: Settings, report: bool) -> str:
    """sha256 of the inputs' contents, the numbers given with them, the settings and the version."""
    from backstride import __version__

    contents = {name: _sha256(getattr(local, name)) for name in ("side", "rear", "answers") if getattr(local, name)}
    known = {k: getattr(a, k) for k in ("height_cm", "speed_kmh", "slowmo", "rear_slowmo")}
    neutral = replace(settings, pose=replace(settings.pose, cache_dir=None))  # where the cache is changes nothing
    text = json.dumps([contents, known, report, repr(neutral), __version__], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _analysed(a: Assessment, local: Assessment, work: Path, settings: Settings, report: bool, key: str, started):
    from backstride.app.assess import analyse_and_write, clip_line

    def record(status: Status, **kw) -> Record:
        seconds = round(time.perf_counter() - started, 2)
        return Record(a.runner, a.folder, status, key, seconds, files=given_clips(a), **kw)

    try:
        answers = _answers(local.answers)
        height_cm = a.height_cm if a.height_cm is not None or answers is None else answers.person.height_cm
        assessed = analyse_and_write(
            Path(local.side), Path(local.rear) if local.rear else None, work, settings, height_cm=height_cm,
            speed_kmh=a.speed_kmh, answers=answers, slowmo=a.slowmo_by_role, report=_report(report),
        )  # fmt: skip
    except ClipRefused as exc:
        clips = [ClipOutcome(r.role, _as_given(r.file, a, local), r.reason) for r in exc.refusals] or [
            ClipOutcome(role, given, str(exc)) for role, given in (("side", a.side), ("rear", a.rear)) if given
        ]
        return record("refused", reason=_as_given(str(exc), a, local), refused=clips)
    except BackstrideError as exc:
        return record("failed", reason=_as_given(str(exc), a, local))
    except Exception as exc:  # a bug: the batch goes on, the record keeps the traceback
        return record("failed", reason=f"{type(exc).__name__}: {exc} (a bug: please report it)",
                      detail=traceback.format_exc())  # fmt: skip
    if assessed.partial:
        return record("partial", reason=_as_given("\n".join(clip_line(r) for r in assessed.refused), a, local))
    return record("done")


def _answers(path: str | None):
    if path is None:
        return None
    from backstride.triage import load_answers

    return load_answers(Path(path))


def _report(wanted: bool):
    if not wanted:
        return None
    from backstride.report import ReportOptions

    return ReportOptions()


def _as_given(text: str, a: Assessment, local: Assessment) -> str:
    """``text`` naming each fetched file by its URL, as the manifest gave it."""
    for name in ("side", "rear", "answers"):
        given, here = getattr(a, name), getattr(local, name)
        if given and here and given != here:
            text = text.replace(here, given)
    return text


def _replaced(folder: Path, record: Record, work: Path | None) -> Record:
    """``work`` (made if None) with ``record`` in it put in place of ``folder``, whole: a reader
    sees the old folder or the new one, never a mix (killed between the renames: neither, so the
    assessment runs again)."""
    if work is None:
        work = Path(tempfile.mkdtemp(prefix=f"{PARTIAL_PREFIX}{folder.name}-", dir=folder.parent))
    (work / RECORD_FILE).write_text(record.to_json())
    old = None
    if folder.exists():
        old = folder.with_name(f"{PARTIAL_PREFIX}{folder.name}-old-{os.getpid()}-{time.monotonic_ns()}")
        folder.rename(old)
    work.rename(folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return record


def run_batch(
    assessments: list[Assessment],
    out: Path,
    settings: Settings,
    client: Client,
    *,
    report: bool = False,
    retry_failed: bool = False,
    on_done: Callable[[Outcome], None] | None = None,
) -> BatchResult:
    """Every assessment as a task on ``client``'s cluster; ``on_done`` is called as each
    finishes (in the order they finish); then the table of all of them is written into ``out``."""
    from distributed import as_completed

    from backstride.app.batch_table import write_table

    out = Path(out).resolve()
    _check_out(out)
    run = uuid.uuid4().hex[:8]  # a key of its own each run: a finished run's result is never handed back
    futures = {
        client.submit(
            run_assessment,
            a,
            str(out),
            settings,
            report,
            retry_failed,
            key=f"{a.folder}-{run}",
            priority=frames_to_pose(a, settings),
        ): a  # fmt: skip
        for a in assessments
    }
    outcomes: dict[str, Outcome] = {}
    for future in as_completed(futures):
        a = futures[future]
        outcome = _outcome_of(future, a)
        outcomes[a.folder] = outcome
        if on_done:
            on_done(outcome)
    for leftover in out.glob(f"{PARTIAL_PREFIX}*"):  # from workers killed mid-write
        shutil.rmtree(leftover, ignore_errors=True)
    ordered = [outcomes[a.folder] for a in assessments]
    return BatchResult(ordered, write_table(out, ordered))


def frames_to_pose(a: Assessment, settings: Settings) -> int:
    """The frames an assessment's clips hold (its work, roughly): the longest assessments start
    first, so no long one is left running alone at the end while the other workers idle. A clip by
    URL (not fetched here) or unreadable (it fails fast on its worker) counts as the longest."""
    from backstride.video import probe

    total = 0
    for path in (a.side, a.rear):
        if path is None:
            continue
        if is_url(path):
            return 1_000_000
        try:
            p = probe(Path(path), settings.video)
        except (BackstrideError, OSError):
            return 1_000_000
        total += p.n_frames or round(p.duration_s * p.fps)
    return total


def _outcome_of(future, a: Assessment) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # the task's workers all died (KilledWorker) or it could not be sent
        reason = f"{type(exc).__name__}: {exc}"
        if type(exc).__name__ == "KilledWorker":
            reason = "every worker that ran it died (out of memory? a crash in the pose model?); see the workers' logs"
        return Outcome(Record(a.runner, a.folder, "failed", "", 0.0, files=given_clips(a), reason=reason))


def _check_out(out: Path) -> None:
    from backstride.app.output import check_writable

    check_writable(out)
    out.mkdir(parents=True, exist_ok=True)


def default_workers() -> int:
    """One worker a core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@contextmanager
def cluster_client(batch: BatchSettings, workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler`` (tcp://HOST:8786), or of a LocalCluster started
    here: ``workers`` processes (default one a core), one thread each (each runs one pose model),
    listening on loopback only; its dashboard on loopback where bokeh is installed."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    from backstride.app import worker_malloc

    if scheduler:
        with connect(scheduler, batch) as client:
            yield client
        return
    # One task a worker thread, the rest kept on the scheduler until a worker is free: an
    # assessment runs for many seconds, and one queued behind another on a busy worker (Dask's
    # default saturation, 1.1, gives each worker 2) would leave the other worker idle at the end.
    with dask.config.set({"distributed.scheduler.worker-saturation": batch.worker_saturation}), LocalCluster(
        n_workers=workers or default_workers(), threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=batch.dashboard_address, silence_logs=logging.ERROR,
    ) as cluster, Client(cluster) as client:  # fmt: skip
        worker_malloc.register(client, batch)
        yield client


def connect(scheduler: str, batch: BatchSettings) -> Client:
    """A client of the Dask scheduler at ``scheduler``; one that does not answer is one line."""
    from distributed import Client

    from backstride.app import worker_malloc

    try:
        client = Client(scheduler, timeout=batch.connect_timeout_s)
    except OSError as exc:
        hint = "start one with dask-scheduler, or leave --scheduler out to run on this machine"
        raise Invalid(f"--scheduler {scheduler}: no Dask scheduler answered ({exc}); {hint}") from None
    worker_malloc.register(client, batch)
    return client


def _has_dashboard() -> bool:
    from importlib.util import find_spec

    return find_spec("bokeh") is not None


def dashboard_link(client: Client) -> str | None:
    """The dashboard's address, where the cluster serves one (the scheduler has bokeh)."""
    if not _has_dashboard():
        return None  # the scheduler answers on the port, but with no dashboard without bokeh
    try:
        return client.dashboard_link if client.scheduler_info().get("services", {}).get("dashboard") else None
    except (KeyError, AttributeError):
        return None
