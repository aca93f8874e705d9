"""Two worker processes racing for the same 20 queued jobs, on SQLite and on PostgreSQL: each job
claimed exactly once (the claim is one conditional UPDATE: the row lock makes the second wait,
then find the job no longer queued), none left behind.

Both processes go through the 20 jobs in the same order at the same moment, so every claim is
contested; each job's ``attempts`` counts its claims.
"""

from __future__ import annotations

import multiprocessing

from sqlalchemy import select

from backstride.store.models import Assessment

N_JOBS = 20


def _claim_all(url: str, ids: list[str], go, won) -> None:
    from backstride.store.db import engine_for, sessions
    from backstride.web.jobs import claim

    engine = engine_for(url)
    made = sessions(engine)
    go.wait()
    won.put([i for i in ids if claim(made, i)])
    engine.dispose()


def test_two_workers_racing_for_20_jobs_claim_each_exactly_once(app, synthetic_side_clip):
    h = app.csrf
    runner = app.client.post("/api/runners", json={"name": "Race"}, headers=h).json()["id"]
    sha = app.client.post("/api/clips", content=synthetic_side_clip.read_bytes(),
                          headers={**h, "Content-Type": "application/octet-stream"}).json()["sha256"]  # fmt: skip
    body = {"runner_id": runner, "side_clip": sha}
    ids = [app.client.post("/api/assessments", json=body, headers=h).json()["id"] for _ in range(N_JOBS)]
    context = multiprocessing.get_context("spawn")
    go, won = context.Event(), context.Queue()
    workers = [context.Process(target=_claim_all, args=(app.web.url, ids, go, won)) for _ in range(2)]
    for w in workers:
        w.start()
    go.set()
    claimed = [won.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
    assert sorted(claimed[0] + claimed[1]) == sorted(ids)  # none lost
    assert not set(claimed[0]) & set(claimed[1])  # none twice
    with app.client.app.state.backstride.sessions() as s:
        rows = s.execute(select(Assessment.state, Assessment.attempts).where(Assessment.id.in_(ids))).all()
    assert sorted(map(tuple, rows)) == [("running", 1)] * N_JOBS
