"""A server and its workers killed (SIGKILL) in the middle of an analysis lose nothing: started
again on the same data folder, every queued analysis finishes, none twice, none lost.

The real `backstride serve` in a subprocess (its own process group: the server, huey's consumer
and its worker process), on a free loopback port."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.web.server import free_port, kill, start

OCTET = {"Content-Type": "application/octet-stream"}


def _client(port: int) -> tuple[httpx.Client, dict]:
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    return client, {"X-CSRF-Token": client.get("/api/session").json()["csrf_token"]}


def _wait(client: httpx.Client, ids: list[str], done, seconds: float) -> list[dict]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        states = [client.get(f"/api/assessments/{i}").json() for i in ids]
        if done(states):
            return states
        time.sleep(0.2)
    pytest.fail(f"timed out: {[(s['state'], s['stage']) for s in states]}")


def test_a_killed_server_and_worker_lose_no_job_and_run_none_twice(tmp_path, synthetic_side_clip):
    data, cache, port = tmp_path / "data", tmp_path / "pose-cache", free_port()
    server = start(data, port, cache)
    try:
        client, h = _client(port)
        runner = client.post("/api/runners", json={"name": "Restart"}, headers=h).json()
        sha = client.post("/api/clips", content=synthetic_side_clip.read_bytes(), headers={**h, **OCTET}).json()
        body = {"runner_id": runner["id"], "side_clip": sha["sha256"]}
        ids = [client.post("/api/assessments", json=body, headers=h).json()["id"] for _ in range(3)]
        _wait(client, ids, lambda st: any(s["state"] == "running" and s["frames_done"] > 0 for s in st), 120)
        client.close()
    finally:
        kill(server)  # the server, the consumer and the worker, mid-analysis
    server = start(data, port, cache)
    try:
        client, _ = _client(port)
        final = _wait(client, ids, lambda st: all(s["state"] in ("done", "failed") for s in st), 600)
        assert [s["state"] for s in final] == ["done"] * 3, [s["error"] for s in final]
        assert sorted(s["attempts"] for s in final) == [1, 1, 2]  # the one killed ran again, once
        assert len(client.get(f"/api/runners/{runner['id']}").json()["history"]) == 3  # no duplicate
        for i in ids:
            assert (data / "results" / i / "summary.json").is_file()
        assert list((data / "incoming").iterdir()) == []
    finally:
        kill(server)
