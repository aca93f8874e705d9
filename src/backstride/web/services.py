"""What the web app does, apart from HTTP: the API and the pages both call these."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backstride import __version__
from backstride.errors import Conflict, Invalid, NotFound
from backstride.store import access
from backstride.store.models import ENDED_SHORT, WITH_RESULTS, Assessment, Blob, Run, Runner, aware, now
from backstride.web.storage import Store

#: result files a page may fetch, by name (never a path from the request)
RESULT_FILES = ("report.html", "report.pdf", "annotated_side.mp4", "annotated_rear.mp4", "summary.json",
                "steps.csv", "events.csv")  # fmt: skip
#: the shortest clip that can hold 2 gait cycles at a slow running cadence (150 steps/min: 0.8 s a stride)
MIN_CLIP_S = 2.0
SHORT_CLIP_S = 6.0  # below this, fewer than ~4 cycles a foot: medians move with one step


def compared(s: Session, store: Store, before: str, after: str) -> tuple[list[dict], Assessment, Assessment]:
    """Two finished assessments of one runner, metric by metric (web.compare.compare)."""
    from backstride.web.compare import compare

    a, b = get_assessment(s, before), get_assessment(s, after)
    if a.runner_id != b.runner_id:
        raise Invalid("the two assessments belong to different runners")
    sa, sb = summary(store, a), summary(store, b)
    if sa is None or sb is None:
        raise Conflict("both analyses must have finished")
    return compare(sa, sb), a, b


def capture_checks(facts: dict) -> dict:
    """The capture check shown as soon as a clip is probed: frame rate, slow motion, length."""
    factor = float(facts.get("slowmo_factor") or 1.0)
    real_fps, real_s = facts["fps"] * factor, facts["duration_s"] / factor
    checks = [
        {
            "name": "frame rate",
            "value": f"{real_fps:.0f} fps" + (f" ({facts['slowmo']})" if factor > 1 else ""),
            "status": "fail" if real_fps < 12 else "warn" if real_fps < 24 else "ok",
            "advice": "film at 60 fps or more; slow motion (120/240 fps) is best" if real_fps < 60 else "",
        },
        {
            "name": "length",
            "value": f"{real_s:.1f} s of real time",
            "status": "fail" if real_s < MIN_CLIP_S else "warn" if real_s < SHORT_CLIP_S else "ok",
            "advice": ""
            if real_s >= SHORT_CLIP_S
            else "at least 2 gait cycles a foot; 10 s of steady running is better",
        },
        {
            "name": "slow motion",
            "value": facts.get("slowmo") or "real time",
            "status": "ok",
            "advice": "" if factor > 1 else "if the clip plays slowed down, say by how much",
        },
    ]
    worst = (
        "fail"
        if any(c["status"] == "fail" for c in checks)
        else "warn"
        if any(c["status"] == "warn" for c in checks)
        else "ok"
    )
    return {"verdict": worst, "checks": checks}


def get_runner(s: Session, runner_id: str) -> Runner:
    """A runner the signed-in account may see (store/access.py), else 404 as for one that does not exist."""
    runner = _get(s, Runner, runner_id, f"no runner {runner_id}")
    access.allow(runner.id, f"no runner {runner_id}")
    return runner


def get_assessment(s: Session, assessment_id: str) -> Assessment:
    a = _get(s, Assessment, assessment_id, f"no assessment {assessment_id}")
    access.allow(a.runner_id, f"no assessment {assessment_id}")
    return a


def get_run(s: Session, run_id: str) -> Run:
    run = _get(s, Run, run_id, f"no run {run_id!r}")
    access.allow(run.runner_id, f"no run {run_id!r}")
    return run


def _get(s: Session, model, key: str, missing: str):
    found = s.get(model, key)
    if found is None:
        raise NotFound(missing)
    return found


def assign_to_creator(s: Session, runner: Runner) -> None:
    """A runner a clinician adds is theirs (assigned to them), and this request's for the audit."""
    from backstride.store.models import User, UserRunner

    who = access.current()
    if who is None:
        return
    user = s.scalar(select(User).where(User.name == who.name))
    if user is not None and user.role == "clinician":
        s.add(UserRunner(user_id=user.id, runner_id=runner.id))
    who.touched.append(runner.id)


def runners_seen(s: Session) -> list[Runner]:
    """Every runner the signed-in account may see, by name."""
    return list(s.scalars(access.visible(select(Runner).order_by(Runner.name), Runner.id)))


def check_blob(s: Session, sha256: str | None, kind: str, what: str) -> None:
    if sha256 is None:
        return
    blob = s.get(Blob, sha256)
    if blob is None or blob.kind != kind:
        raise Invalid(f"{what}: no uploaded {kind} {sha256}; upload it first")
    if blob.uploaded_for is not None:  # another runner's clip is not this account's to use
        access.allow(blob.uploaded_for, f"{what}: no uploaded {kind} {sha256}; upload it first")
    if kind == "video" and blob.facts:
        failed = [c for c in capture_checks(blob.facts)["checks"] if c["status"] == "fail"]
        if failed:
            why = "; ".join(f"{c['name']} {c['value']}" + (f" ({c['advice']})" if c["advice"] else "") for c in failed)
            raise Invalid(f"{what}: its capture check failed ({why}): film it again, or leave it out")


#: The pose model's share of an analysis with its report: about half (the frame scan, the annotated
#: videos and the report take the rest: docs/performance.md's shares); the stages after it move the
#: bar to these shares as they start.
POSE_SHARE = 0.5
AFTER_POSE = (("measuring the steps", 0.55), ("writing annotated", 0.7), ("writing report", 0.85))
#: A time left is said only once this share of the frames is done (and MIN_ELAPSED_S has passed):
#: before that it is mostly the model's start-up.
MIN_FRAMES_SHARE, MIN_ELAPSED_S = 0.05, 5.0


def progress(a: Assessment) -> dict[str, Any]:
    """A job's state as the pages show it: stage, frames, share done (the pose model's frames half
    the bar, the stages after it the rest) and the time left once it can be said."""
    frames = a.frames_done / a.frames_total if a.frames_total else 0.0
    share = POSE_SHARE * min(frames, 1.0)
    for stage, at in AFTER_POSE:
        if (a.stage or "").startswith(stage):
            share = max(share, at)
    if a.state in WITH_RESULTS:
        share = 1.0
    left_s = None
    if a.state == "running" and a.started_at and frames >= MIN_FRAMES_SHARE and share < 1.0:
        elapsed = (now() - aware(a.started_at)).total_seconds()
        if elapsed >= MIN_ELAPSED_S:
            left_s = round(elapsed * (1.0 - share) / share)
    return {
        "state": a.state,
        "stage": a.stage,
        "frames_done": a.frames_done,
        "frames_total": a.frames_total,
        "share_done": round(share, 3),
        "seconds_left": left_s,
        "error": a.error,
        "attempts": a.attempts,
        "can_retry": a.can_retry(__version__),
    }


def why_no_retry(a: Assessment) -> str:
    """Why running an analysis again would not help (it would give the same answer)."""
    if a.state not in ENDED_SHORT:
        return "only a failed or partial analysis can be run again"
    return (
        "the clip was refused for what it shows, and the same clip with this version gives the same answer: "
        "film it again as the reason says and start a new assessment"
    )


def summary(store: Store, a: Assessment) -> dict | None:
    path = store.results(a.id) / "summary.json"
    return json.loads(path.read_text()) if a.state in WITH_RESULTS and path.exists() else None


def result_file(store: Store, a: Assessment, name: str) -> Path:
    if name not in RESULT_FILES:
        raise NotFound(f"no file {name!r}")
    path = store.results(a.id) / name
    if a.state not in WITH_RESULTS or not path.is_file():
        raise NotFound(f"{name}: not written (the analysis is {a.state})")
    return path


def used_files(s: Session) -> set[str]:
    """The SHA-256 of every uploaded file an assessment uses (its clips and shoe photos)."""
    return {sha for a in s.scalars(select(Assessment)) for sha in (a.side_sha, a.rear_sha, *a.photos) if sha}


def delete_assessment(s: Session, store: Store, a: Assessment) -> None:
    """The assessment, its results and every uploaded file no other assessment uses."""
    shas = [x for x in (a.side_sha, a.rear_sha, *a.photos) if x]
    store.drop_results(a.id)
    s.delete(a)
    s.flush()
    _forget_unused(s, store, [b for sha in shas if (b := s.get(Blob, sha)) is not None])


def delete_runner(s: Session, store: Store, runner: Runner) -> None:
    """The runner, their assessments, and every file uploaded for them that no assessment uses."""
    for a in list(runner.assessments):
        delete_assessment(s, store, a)
    _forget_unused(s, store, s.scalars(select(Blob).where(Blob.uploaded_for == runner.id)).all())
    s.expire(runner, ["assessments"])  # gone already: the cascade must not delete them again
    s.delete(runner)


#: An upload no assessment uses is swept after this long (someone may still be filling in the form).
UNATTACHED_KEPT = timedelta(days=1)


def sweep_unattached(s: Session, store: Store, *, older_than: timedelta = UNATTACHED_KEPT) -> int:
    """Delete the uploads that no assessment uses and that are older than ``older_than``; returns
    how many. Run at start-up and every hour by the server."""
    cutoff = now() - older_than
    old = [b for b in s.scalars(select(Blob)) if aware(b.created_at) < cutoff]
    return _forget_unused(s, store, old)


def _forget_unused(s: Session, store: Store, blobs: Sequence[Blob]) -> int:
    """Delete the files of ``blobs`` that no assessment uses (the uses read once); returns how many."""
    used = used_files(s)
    gone = [b for b in blobs if b.sha256 not in used]
    for blob in gone:
        store.forget(blob.sha256, blob.suffix)
        forget_cached(blob.sha256)
        s.delete(blob)
    s.flush()
    return len(gone)


def forget_cached(sha256: str) -> int:
    """Delete what the analysis cached from a clip (the pose model's keypoints, the frame scan): files
    named by the clip's SHA-256 in the keypoint cache the workers use; returns how many."""
    from backstride.settings import from_environment

    folder = from_environment().pose.cache_dir
    if folder is None or not folder.is_dir() or len(sha256) != 64 or not sha256.isalnum():
        return 0
    found = list(folder.glob(f"{sha256}-*"))
    for path in found:
        path.unlink(missing_ok=True)
    return len(found)


def wipe_freed(sessions) -> None:
    """After a deletion: fold SQLite's write-ahead log into the database (its old pages held the deleted
    rows; freed pages are zeroed by secure_delete, store/db.py). PostgreSQL's dead rows go at its vacuum."""
    from sqlalchemy import text

    with sessions() as s:
        if s.get_bind().dialect.name == "sqlite":
            s.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def export_runner(s: Session, store: Store, runner: Runner, out: Path) -> Path:
    """One zip: the runner, each assessment's answers, clips, photos and results, the log and the
    self-tests."""
    from backstride.web.self_tests import export_json

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("runner.json", json.dumps(runner_json(runner), indent=2, default=str))
        for a in runner.assessments:
            folder = f"assessments/{a.created_at:%Y-%m-%d_%H%M%S}_{a.id[:8]}"
            z.writestr(f"{folder}/assessment.json", json.dumps(assessment_json(a), indent=2, default=str))
            for role, sha in (("side", a.side_sha), ("rear", a.rear_sha)):
                blob = s.get(Blob, sha) if sha else None
                if sha and blob is not None:
                    z.write(store.blob_path(sha, blob.suffix), f"{folder}/{role}{blob.suffix}")
            for i, sha in enumerate(a.photos, 1):
                blob = s.get(Blob, sha)
                if blob is not None:
                    z.write(store.blob_path(sha, blob.suffix), f"{folder}/shoe_photo_{i}{blob.suffix}")
            results = store.results(a.id)
            for path in sorted(results.glob("*")) if results.is_dir() else []:
                if path.is_file():
                    z.write(path, f"{folder}/results/{path.name}")
        _export_log(s, runner, z)
        z.writestr("self_tests.json", json.dumps(export_json(s, runner), indent=2))
    return out


def _export_log(s: Session, runner: Runner, z: zipfile.ZipFile) -> None:
    """The log (runs, morning pain) as CSV and each experiment's plan and verdict as JSON."""
    import csv
    import io

    from backstride.store import experiments
    from backstride.store.logbook import log_json, today_of

    log = log_json(s, runner)
    for name, rows in (("runs.csv", log["runs"]), ("morning_pain.csv", log["mornings"])):
        if rows:
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
            z.writestr(f"log/{name}", text.getvalue())
    for e in experiments.of_runner(s, runner):
        record = {"plan": experiments.plan_of(e).model_dump(mode="json"),
                  "now": experiments.state(s, e, today_of(runner)).model_dump(mode="json")}  # fmt: skip
        z.writestr(f"experiments/{e.created_at:%Y-%m-%d}_{e.change}_{e.id[:8]}.json", json.dumps(record, indent=2))


def runner_json(r: Runner) -> dict:
    from backstride.store.logbook import zone_name

    return {"id": r.id, "name": r.name, "height_cm": r.height_cm, "time_zone": zone_name(r),
            "created_at": _iso(r.created_at), "assessments": len(r.assessments)}  # fmt: skip


def assessment_json(a: Assessment) -> dict:
    return {
        "id": a.id,
        "runner_id": a.runner_id,
        "created_at": _iso(a.created_at),
        "side_clip": a.side_sha,
        "rear_clip": a.rear_sha,
        "photos": list(a.photos),
        "answers": a.answers,
        "options": dict(a.options),
        **progress(a),
    }


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t else None


def count_assessments(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(Assessment)) or 0)
