"""Several workers on one PostgreSQL database, and the analyses on a Dask cluster.

The real ``backstride serve`` (tests/web/server.py) on a throwaway PostgreSQL server:
- 20 uploads at once (5 clips, each uploaded 4 times by 4 threads: the same file arriving
  together), each queued as an assessment, run by 2 worker processes: every job runs once
  (``attempts`` 1), none is lost (20 in the runner's history, 20 results);
- ``serve --scheduler``: the analyses handed to a Dask cluster started by hand (dask scheduler,
  dask worker), the server SIGKILLed mid-analysis and started again: the cluster finishes the
  running job, the server resubmits the queued ones, and each job runs exactly once.
"""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.web.server import free_port, kill, start
from tests.web.test_restart import OCTET, _client, _wait

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def five_clips(tmp_path_factory) -> list[Path]:
    from backstride.synth.clip import render_clip
    from backstride.synth.model import RunnerParams
    from backstride.synth.render import Camera

    folder = tmp_path_factory.mktemp("five")
    clips = []
    for i in range(5):
        clip = folder / f"runner_{i}.mp4"
        render_clip(RunnerParams(cadence_spm=166.0 + 3 * i), Camera("side-left", width=360, height=640, px_per_m=280.0),
                    clip, fps=30.0, duration_s=4.0)  # fmt: skip
        clips.append(clip)
    return clips


def _upload_and_queue(port: int, runner: str, clip: Path) -> str:
    client, h = _client(port)
    try:
        sha = client.post("/api/clips", content=clip.read_bytes(), headers={**h, **OCTET})
        assert sha.status_code == 201, sha.text
        made = client.post("/api/assessments", json={"runner_id": runner, "side_clip": sha.json()["sha256"]}, headers=h)
        assert made.status_code == 202, made.text
        return made.json()["id"]
    finally:
        client.close()


def test_20_uploads_at_once_on_postgresql_run_once_each_on_2_workers(tmp_path, five_clips, postgres_url):
    data, port = tmp_path / "data", free_port()
    server = start(data, port, tmp_path / "cache", args=("--workers", "2"),
                   env={"BACKSTRIDE_DATABASE_URL": postgres_url})  # fmt: skip
    try:
        client, h = _client(port)
        runner = client.post("/api/runners", json={"name": "Club"}, headers=h).json()["id"]
        with ThreadPoolExecutor(20) as pool:
            ids = list(pool.map(lambda clip: _upload_and_queue(port, runner, clip), five_clips * 4))
        final = _wait(client, ids, lambda st: all(s["state"] in ("done", "failed") for s in st), 600)
        assert [s["state"] for s in final] == ["done"] * 20, [s["error"] for s in final]
        assert [s["attempts"] for s in final] == [1] * 20  # none twice
        assert len(client.get(f"/api/runners/{runner}").json()["history"]) == 20  # none lost
        assert all((data / "results" / i / "summary.json").is_file() for i in ids)
    finally:
        kill(server)


def _dask(*args: str, log: Path) -> subprocess.Popen:
    dask = Path(sys.executable).with_name("dask")
    with open(log, "w") as out:
        return subprocess.Popen([str(dask), *args], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def _wait_for_worker(scheduler: str) -> None:
    from distributed import Client

    with Client(scheduler, timeout=60) as c:
        c.wait_for_workers(1, timeout=120)


def test_serve_on_a_dask_cluster_loses_no_job_when_the_server_restarts(tmp_path, five_clips, postgres_url):
    data, port, cache = tmp_path / "data", free_port(), tmp_path / "cache"
    scheduler = f"tcp://127.0.0.1:{free_port()}"
    cluster = [
        _dask("scheduler", "--host", "127.0.0.1", "--port", scheduler.rsplit(":", 1)[1], "--no-dashboard",
              log=tmp_path / "scheduler.log"),
        _dask("worker", scheduler, "--nthreads", "1", "--nworkers", "1", "--no-dashboard", "--host", "127.0.0.1",
              log=tmp_path / "worker.log"),
    ]  # fmt: skip
    env = {"BACKSTRIDE_DATABASE_URL": postgres_url}
    try:
        _wait_for_worker(scheduler)
        server = start(data, port, cache, args=("--scheduler", scheduler), env=env)
        try:
            client, h = _client(port)
            runner = client.post("/api/runners", json={"name": "Cluster"}, headers=h).json()["id"]
            ids = [_upload_and_queue(port, runner, clip) for clip in five_clips[:3]]
            _wait(client, ids, lambda st: any(s["state"] == "running" and s["frames_done"] > 0 for s in st), 120)
            client.close()
        finally:
            kill(server)  # the web server only: the cluster goes on
        server = start(data, port, cache, args=("--scheduler", scheduler), env=env)
        try:
            client, _ = _client(port)
            final = _wait(client, ids, lambda st: all(s["state"] in ("done", "failed") for s in st), 600)
            assert [s["state"] for s in final] == ["done"] * 3, [s["error"] for s in final]
            assert [s["attempts"] for s in final] == [1, 1, 1]  # resubmitted, yet each run once
            assert len(client.get(f"/api/runners/{runner}").json()["history"]) == 3
        finally:
            kill(server)
    finally:
        for process in cluster:
            kill(process)


def test_serve_refuses_a_scheduler_that_does_not_answer(tmp_path):
    from typer.testing import CliRunner

    from backstride.cli.main import app

    args = ["serve", "--data-dir", str(tmp_path / "data"), "--scheduler", f"tcp://127.0.0.1:{free_port()}"]
    started = time.monotonic()
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "no Dask scheduler answered" in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and time.monotonic() - started < 60
