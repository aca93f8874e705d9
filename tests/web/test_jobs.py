"""Job state in the database: one worker per job, interrupted jobs queued again or failed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backstride.web.jobs import claim, recover


def _assessment(app, clip) -> str:
    h = app.csrf
    runner = app.client.post("/api/runners", json={"name": "J"}, headers=h).json()
    sha = app.client.post("/api/clips", content=clip.read_bytes(),
                          headers={**h, "Content-Type": "application/octet-stream"}).json()["sha256"]  # fmt: skip
    return app.client.post("/api/assessments", json={"runner_id": runner["id"], "side_clip": sha}, headers=h).json()[
        "id"
    ]


def test_a_job_is_claimed_once_and_an_interrupted_one_is_queued_again_then_failed(app, synthetic_side_clip):
    sessions = app.client.app.state.backstride.sessions
    job = _assessment(app, synthetic_side_clip)
    assert claim(sessions, job) and not claim(sessions, job)  # a second worker gets nothing
    web = replace(app.web, max_attempts=2)
    assert recover(sessions, web, silent_only=True) == []  # its heartbeat is fresh
    assert recover(sessions, web, silent_only=False) == [job]  # the server restarted: queued again
    assert claim(sessions, job)  # second run
    assert recover(sessions, web, silent_only=False) == []
    state = app.client.get(f"/api/assessments/{job}").json()
    assert state["state"] == "failed" and "interrupted 2 times" in state["error"] and state["attempts"] == 2
    retried = app.client.post(f"/api/assessments/{job}/retry", headers=app.csrf)
    assert retried.status_code == 202 and retried.json()["state"] == "queued"
    assert app.client.post(f"/api/assessments/{job}/retry", headers=app.csrf).status_code == 409
    for stored in (app.web.data_dir / "files").iterdir():  # the clip lost from disk: the job fails with the reason
        stored.unlink()
    app.queue.items[:] = [job]
    app.run_queued()
    failed = app.client.get(f"/api/assessments/{job}").json()
    assert failed["state"] == "failed" and "missing from the data folder" in failed["error"]


def _upload(app, path) -> str:
    headers = {**app.csrf, "Content-Type": "application/octet-stream"}
    return app.client.post("/api/clips", content=path.read_bytes(), headers=headers).json()["sha256"]


@pytest.mark.slow
def test_a_refused_rear_clip_leaves_a_partial_assessment_without_a_retry(app, shared_data):
    """The treadmill side clip and the real rear clip with a skeleton drawn over it: the job ends
    "partial" with the side results kept, the rear reason naming the clip by its plain name (no
    server folder), and no retry (the same clips and version give the same answer)."""
    runner = app.client.post("/api/runners", json={"name": "P"}, headers=app.csrf).json()
    side = _upload(app, shared_data / "videos" / "treadmill_side_30fps.mp4")
    rear = _upload(app, shared_data / "videos" / "overground_rear_overlay.mp4")
    job = app.client.post("/api/assessments", json={"runner_id": runner["id"], "side_clip": side, "rear_clip": rear},
                          headers=app.csrf).json()["id"]  # fmt: skip
    app.run_queued()
    state = app.client.get(f"/api/assessments/{job}").json()
    assert state["state"] == "partial", state
    assert state["error"].startswith("rear clip rear.mp4: cannot be measured") and "skeleton" in state["error"]
    assert str(app.web.data_dir) not in state["error"] and not state["can_retry"]
    assert app.client.post(f"/api/assessments/{job}/retry", headers=app.csrf).status_code == 409
    found = app.client.get(f"/api/assessments/{job}/summary").json()
    assert list(found["clips"]) == ["side"] and found["refused"]["rear"]["file"].endswith("rear.mp4")
    page = app.client.get(f"/assessments/{job}").text
    assert "Partial result" in page and 'id="retry"' in page and "start a new assessment" in page


def test_a_starting_server_leaves_what_other_processes_still_use(tmp_path):
    """Several server processes and a cluster's workers share one data folder: a server starting
    removes only what no one uses (an upload silent for 10 minutes, the clips of a job not running)."""
    import os
    import time

    from backstride.web.storage import Store

    store = Store(tmp_path).make()
    for name in ("up-fresh", "up-cut-off"):
        (store.incoming / name).write_bytes(b"x")
    stale = time.time() - 601
    os.utime(store.incoming / "up-cut-off", (stale, stale))
    for job in ("a" * 32, "b" * 32):
        (store.incoming / f"job-{job}-x1").mkdir()
    store.clear_incoming(running={"a" * 32})
    assert sorted(p.name for p in store.incoming.iterdir()) == [f"job-{'a' * 32}-x1", "up-fresh"]
