"""Job state in the database: one worker per job, interrupted jobs queued again or failed."""

from __future__ import annotations

from dataclasses import replace

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
