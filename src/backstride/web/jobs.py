"""Analyses as jobs: queued with huey (SQLite storage), run in worker processes, their state in
the database.

Why huey: a small, maintained task queue whose SQLite storage needs no server (no Redis, no
broker), so a runner's laptop runs it as it is; its consumer runs each task in a worker process
(the pose model gets its own core and a crash takes only that process down). The database row of
the assessment, not huey's queue, is the truth about a job: a worker claims a job by moving its
row from queued to running in one statement (two workers never run one job), writes its progress
and a heartbeat there, and a server starting up (or noticing a silent worker) puts every job left
running back in the queue, or fails it with the reason after ``max_attempts`` runs.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from backstride.settings import WebSettings
from backstride.store.models import Assessment, Blob, Runner, aware, now

if TYPE_CHECKING:
    from backstride.app.assess import Assessed
    from backstride.core.bodycheck import KeptSelfTests
    from backstride.core.experiments import ExperimentRecord

log = logging.getLogger(__name__)

QUEUE_FILE = "queue.db"
TASK = "backstride.analyse"
HEARTBEAT_S = 5.0
SILENT_S = 60.0  # a running job without a heartbeat for this long lost its worker
PROGRESS_EVERY_S = 0.5


@dataclass(frozen=True)
class Queue:
    """Huey's queue and the analysis task registered on it (the server and the consumer each
    make their own, the same way)."""

    huey: Any
    analyse: Any  # huey's task wrapper: calling it enqueues

    def put(self, assessment_id: str, web: WebSettings) -> None:
        self.analyse(assessment_id, str(web.data_dir), web.url)


@dataclass(frozen=True)
class ClusterQueue:
    """Analyses handed to a Dask cluster (``backstride serve --scheduler``): each put is a task
    that runs :func:`run_job` on a worker, kept by the scheduler if this server stops
    (fire_and_forget). The database stays the truth: a job put twice runs once (the claim)."""

    client: Any  # distributed.Client

    def put(self, assessment_id: str, web: WebSettings) -> None:
        from uuid import uuid4

        from distributed import fire_and_forget

        future = self.client.submit(
            _task, assessment_id, str(web.data_dir), web.url, key=f"analyse-{assessment_id}-{uuid4().hex[:8]}",
            pure=False,
        )  # fmt: skip
        fire_and_forget(future)


def cluster_queue(web: WebSettings) -> ClusterQueue:
    """A queue on the cluster at ``web.scheduler``; a scheduler that does not answer is one line."""
    from backstride.app.batch import connect
    from backstride.settings import BatchSettings

    assert web.scheduler is not None
    return ClusterQueue(connect(web.scheduler, BatchSettings()))


def make_queue(web: WebSettings) -> Queue:
    from huey import SqliteHuey  # type: ignore[import-untyped]

    huey = SqliteHuey("backstride", filename=str(web.data_dir / QUEUE_FILE), results=False, utc=True)
    return Queue(huey, huey.task(name=TASK)(_task))


def _task(assessment_id: str, data_dir: str, database_url: str) -> None:
    web = replace(WebSettings(), data_dir=Path(data_dir), database_url=database_url)
    run_job(assessment_id, web)


def claim(sessions: sessionmaker[Session], assessment_id: str) -> bool:
    """Move the job from queued to running; False when another worker has it or it is gone."""
    with sessions.begin() as s:
        done = s.execute(
            update(Assessment)
            .where(Assessment.id == assessment_id, Assessment.state == "queued")
            .values(
                state="running",
                attempts=Assessment.attempts + 1,
                started_at=now(),
                heartbeat_at=now(),
                stage="starting",
                frames_done=0,
                frames_total=0,
                error=None,
            )
        )
        return getattr(done, "rowcount", 0) == 1


class Progress:
    """Writes a job's stage and frames to its row, at most every ``PROGRESS_EVERY_S``, and a
    heartbeat every ``HEARTBEAT_S`` from a thread while the job runs."""

    def __init__(self, sessions: sessionmaker[Session], assessment_id: str):
        self.sessions, self.id = sessions, assessment_id
        self.done_before = 0  # frames of the clips already analysed
        self.total = 0
        self._last = 0.0
        self._stop = threading.Event()
        self._beat = threading.Thread(target=self._beats, daemon=True)

    def __enter__(self) -> Progress:
        self._beat.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._beat.join(timeout=2 * HEARTBEAT_S)

    def _beats(self) -> None:
        while not self._stop.wait(HEARTBEAT_S):
            self._write(heartbeat_at=now())

    def _write(self, **values) -> None:
        with self.sessions.begin() as s:
            s.execute(update(Assessment).where(Assessment.id == self.id).values(**values))

    def probed(self, role: str, info) -> None:
        self.done_before = self.total
        self.total += info.n_frames or round(info.duration_s * info.fps)
        self._write(stage=f"tracking the body: {role} clip", frames_total=self.total, frames_done=self.done_before)

    def frames(self, role: str, n: int) -> None:
        if self.done_before + n >= self.total:  # the body tracked: the steps and metrics next
            self._write(stage=f"measuring the steps: {role} clip", frames_done=self.total, heartbeat_at=now())
        elif time.monotonic() - self._last >= PROGRESS_EVERY_S:
            self._last = time.monotonic()
            self._write(frames_done=self.done_before + n, heartbeat_at=now())

    def stage(self, text: str) -> None:
        self._write(stage=f"writing {text}", frames_done=self.total, heartbeat_at=now())


def run_job(assessment_id: str, web: WebSettings) -> None:
    """Run one assessment's analysis in this process, if this process can claim it."""
    from backstride.store.db import engine_for
    from backstride.store.db import sessions as make_sessions

    engine = engine_for(web.url)
    sessions = make_sessions(engine)
    try:
        if claim(sessions, assessment_id):
            _run_claimed(sessions, assessment_id, web)
    finally:
        engine.dispose()


def _run_claimed(sessions: sessionmaker[Session], assessment_id: str, web: WebSettings) -> None:
    from backstride.app.assess import clip_line
    from backstride.errors import BackstrideError, ClipRefused

    try:
        with Progress(sessions, assessment_id) as progress:
            assessed = _analyse(sessions, assessment_id, web, progress)
    except ClipRefused as exc:
        finish(sessions, assessment_id, "failed", str(exc), failure="refused")
    except BackstrideError as exc:
        finish(sessions, assessment_id, "failed", str(exc), failure="internal")
    except Exception as exc:  # noqa: BLE001 - a job must end with a state and a reason, whatever broke
        finish(sessions, assessment_id, "failed", f"internal error ({type(exc).__name__}); please report it",
               failure="internal")  # fmt: skip
        log.exception("analysis %s failed", assessment_id)  # the details for the server's log, not the page
    else:
        if assessed is not None and assessed.partial:
            reason = "\n".join(clip_line(r) for r in assessed.refused)
            finish(sessions, assessment_id, "partial", reason, failure="refused")
        else:
            finish(sessions, assessment_id, "done", None)


def _analyse(
    sessions: sessionmaker[Session], assessment_id: str, web: WebSettings, progress: Progress
) -> Assessed | None:
    from backstride.web.storage import Store

    store = Store(web.data_dir)
    with sessions() as s:
        a = s.get(Assessment, assessment_id)
        if a is None:
            return None
        blobs = {
            b.sha256: b for b in s.scalars(select(Blob).where(Blob.sha256.in_([a.side_sha, a.rear_sha, *a.photos])))
        }
        height_cm, answers, options = a.runner.height_cm, a.answers, dict(a.options)
        side = store.blob_path(a.side_sha, blobs[a.side_sha].suffix)
        rear = store.blob_path(a.rear_sha, blobs[a.rear_sha].suffix) if a.rear_sha else None
        photos = tuple(store.blob_path(p, blobs[p].suffix) for p in a.photos)
        experiments = _experiments(s, a.runner)
        from backstride.store.bodychecks import checks_of, filmed_answers, kept_self_tests, with_filmed

        kept = checks_of(s, a.runner)
        self_tests = kept_self_tests(kept)
        if answers:  # the plan uses the runner's filmed self-tests where the questionnaire has none
            answers = with_filmed(answers, filmed_answers(kept))
    out = store.results(assessment_id)
    store.drop_results(assessment_id)  # a run interrupted before: start clean
    with store.named_copies({"side": side, "rear": rear}, assessment_id) as named:
        return _write(out, named, height_cm, answers, options, photos, progress, experiments, self_tests)


def _experiments(s: Session, runner: Runner) -> list[ExperimentRecord]:
    from backstride.store.experiments import report_records
    from backstride.store.logbook import today_of

    return report_records(s, runner, today_of(runner))


def _write(out: Path, named: dict, height_cm, answers, options: dict, photos: tuple, progress: Progress,
           experiments: list[ExperimentRecord], self_tests: KeptSelfTests | None = None) -> Assessed:  # fmt: skip
    from backstride.app.assess import analyse_and_write
    from backstride.report import ReportOptions
    from backstride.settings import from_environment
    from backstride.triage.questionnaire import parse_answers

    return analyse_and_write(
        named["side"],
        named.get("rear"),
        out,
        from_environment(),
        height_cm=height_cm,
        speed_kmh=options.get("speed_kmh"),
        answers=parse_answers(answers, source="the questionnaire") if answers else None,
        slowmo={k: v for k, v in (("side", options.get("slowmo_side")), ("rear", options.get("slowmo_rear"))) if v},
        report=ReportOptions(shoe_photos=photos),
        on_probe=progress.probed,
        on_frames=progress.frames,
        on_stage=progress.stage,
        experiments=experiments,
        self_tests=self_tests,
    )


def finish(
    sessions: sessionmaker[Session], assessment_id: str, state: str, error: str | None, *, failure: str | None = None
) -> None:
    """The job's end: its state, the reason for a person, why (FAILURES) and the version that ran it."""
    from backstride import __version__

    with sessions.begin() as s:
        s.execute(
            update(Assessment)
            .where(Assessment.id == assessment_id)
            .values(
                state=state,
                error=None if error is None else without_folders(error),
                finished_at=now(),
                stage=state,
                failure=failure,
                analysed_with=__version__,
            )  # fmt: skip
        )


_FOLDERS = re.compile(r"(?:[A-Za-z]:)?[/\\](?:[^\s/\\:'\"]+[/\\])+")


def without_folders(text: str) -> str:
    """A job's message for a person: files by their name only, never the server's folders."""
    return _FOLDERS.sub("", text)


def recover(sessions: sessionmaker[Session], web: WebSettings, *, silent_only: bool) -> list[str]:
    """Jobs whose worker is gone: back to the queue, or failed with the reason after
    ``max_attempts`` runs. At start-up every running job is orphaned (``silent_only`` False);
    while serving, only those silent for ``SILENT_S``. Returns the ids queued again."""
    requeued = []
    with sessions.begin() as s:
        running = s.scalars(select(Assessment).where(Assessment.state == "running")).all()
        for a in running:
            beat = a.heartbeat_at or a.started_at
            if silent_only and beat is not None and aware(beat) > now() - timedelta(seconds=SILENT_S):
                continue
            if a.attempts >= web.max_attempts:
                a.state, a.finished_at, a.stage, a.failure = "failed", now(), "failed", "interrupted"
                a.error = (
                    f"the analysis was interrupted {a.attempts} times (its worker stopped: a restart, a power "
                    "cut or a crash); press retry to run it again"
                )
            else:
                a.state, a.stage = "queued", "interrupted: queued again"
                requeued.append(a.id)
    return requeued


def running_ids(sessions: sessionmaker[Session]) -> set[str]:
    with sessions() as s:
        return set(s.scalars(select(Assessment.id).where(Assessment.state == "running")))


def queued_ids(sessions: sessionmaker[Session]) -> list[str]:
    with sessions() as s:
        return list(
            s.scalars(select(Assessment.id).where(Assessment.state == "queued").order_by(Assessment.created_at))
        )


def run_consumer(web: WebSettings) -> None:
    """The worker side of ``backstride serve``: huey's consumer with ``web.workers`` processes."""
    queue = make_queue(web)
    consumer = queue.huey.create_consumer(workers=web.workers, worker_type="process", periodic=False)
    consumer.run()
