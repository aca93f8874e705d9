"""``backstride batch`` on a 2-worker Dask LocalCluster, with real clips.

Truth: each assessment's results are what ``analyze`` writes for the same clip (the same
analyse_and_write in one process: summary.json byte for byte), and the table's numbers are those
summary.json files' medians. Refusals and failures are the shared data's own (a 1.6 s sprint clip
is too short to measure; a missing file; answers that are not a questionnaire), each kept as its
row with its reason while the rest of the batch runs. A worker killed mid-task (SIGKILL, as the
kernel's OOM killer does) loses nothing: Dask's scheduler runs its task on the other worker.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import threading
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
import yaml

from backstride.app.assess import analyse_and_write
from backstride.app.batch import cluster_client, run_batch
from backstride.app.batch_record import RECORD_FILE, Record
from backstride.app.manifest import load_assessments
from backstride.settings import BatchSettings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    with cluster_client(BatchSettings(), workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def videos(shared_data) -> Path:
    return shared_data / "videos"


@pytest.fixture(scope="module")
def analysed(videos, settings, tmp_path_factory) -> Path:
    """What analyze writes for the treadmill clip at 175 cm (one process, as a worker runs it)."""
    out = tmp_path_factory.mktemp("analyze") / "ana"
    analyse_and_write(videos / "treadmill_side_30fps.mp4", None, out, replace(settings, processes=1), height_cm=175)
    return out


def manifest(folder: Path, rows: list[dict]) -> Path:
    path = folder / "manifest.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_a_batch_writes_what_analyze_does_keeps_going_and_skips_what_is_unchanged(
    client, videos, settings, analysed, tmp_path
):
    (tmp_path / "not_answers.yaml").write_text("pain: yes please\n")
    rows = [
        {"runner": "Ana María", "side": str(videos / "treadmill_side_30fps.mp4"), "height_cm": 175},
        {"runner": "Bo", "side": str(videos / "sprint_side_too_short.mp4")},
        {"runner": "Cy", "side": "clips/cy_side.mp4"},  # not there
        {"runner": "Di", "side": str(videos / "treadmill_side_30fps.mp4"), "answers": "not_answers.yaml"},
    ]
    assessments = load_assessments(manifest(tmp_path, rows))
    out = tmp_path / "out"
    first = run_batch(assessments, out, settings, client)

    assert [o.record.status for o in first.outcomes] == ["done", "refused", "failed", "failed"]
    assert (out / "ana-maría" / "summary.json").read_text() == (analysed / "summary.json").read_text()
    assert (out / "ana-maría" / "steps.csv").read_text() == (analysed / "steps.csv").read_text()
    bo, cy, di = first.outcomes[1:]
    assert "at least 2 per foot are needed" in (bo.record.reason or "")
    assert "cy_side.mp4: no such side file" in (cy.record.reason or "")
    assert "not_answers.yaml" in (di.record.reason or "")
    assert sorted(p.name for p in (out / "bo").iterdir()) == [RECORD_FILE]  # a refusal is its record only
    assert not list(out.glob(".partial-*"))

    table = pd.read_parquet(out / "results.parquet")
    assert list(table.columns[:3]) == ["runner", "folder", "status"]
    assert list(table["runner"]) == ["Ana María", "Bo", "Cy", "Di"]  # one row per runner and clip
    ana = table.iloc[0]
    summary = yaml.safe_load((analysed / "summary.json").read_text())["clips"]["side"]
    assert ana["cadence_spm"] == summary["cadence_spm"]["value"]
    assert ana["knee_flexion_contact_deg_left"] == summary["metrics"]["knee_flexion_contact_deg"]["left"]["median"]
    assert (ana["quality"], ana["gait"]) == (summary["quality"]["verdict"], "running")
    assert list(table["status"]) == ["done", "refused", "failed", "failed"] and table["reason"].iloc[1:].notna().all()
    pd.testing.assert_frame_equal(pd.read_csv(out / "results.csv"), table, check_dtype=False)

    written = (out / "ana-maría" / "summary.json").stat().st_mtime_ns
    again = run_batch(assessments, out, settings, client)
    assert [o.skipped for o in again.outcomes] == [True, True, False, True]  # a missing file is looked for again
    assert (out / "ana-maría" / "summary.json").stat().st_mtime_ns == written
    retried = run_batch(assessments, out, settings, client, retry_failed=True)
    assert [o.skipped for o in retried.outcomes] == [True, True, False, False]


def test_a_clip_whose_content_changed_is_analysed_again(client, videos, settings, tmp_path):
    clip = tmp_path / "ana_side.mp4"
    shutil.copy(videos / "treadmill_side_30fps.mp4", clip)
    assessments = load_assessments(tmp_path)  # a folder of clips named by the rule
    first = run_batch(assessments, tmp_path / "out", settings, client)
    shutil.copy(videos / "walking_side_30fps.mp4", clip)  # the same name, another recording
    second = run_batch(assessments, tmp_path / "out", settings, client)
    assert not second.outcomes[0].skipped
    assert first.outcomes[0].record.input_key != second.outcomes[0].record.input_key
    table = pd.read_csv(tmp_path / "out" / "results.csv")
    assert list(table["gait"]) == ["walking"]
    clip.unlink()  # moved away, a disk not mounted: the results made from it are kept
    third = run_batch(assessments, tmp_path / "out", settings, client)
    failed = third.outcomes[0].record
    assert failed.status == "failed" and "no such side file" in (failed.reason or "")
    kept = (tmp_path / "out" / "ana" / "batch.json").read_text()
    assert (tmp_path / "out" / "ana" / "summary.json").is_file() and '"status": "done"' in kept
    assert list(pd.read_csv(tmp_path / "out" / "results.csv")["status"]) == ["failed"]


def test_a_clip_given_by_url_is_fetched_by_the_worker(client, videos, settings, analysed, tmp_path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(videos))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/treadmill_side_30fps.mp4"
    try:
        rows = [{"runner": "Ana", "side": url, "height_cm": 175}]
        result = run_batch(load_assessments(manifest(tmp_path, rows)), tmp_path / "out", settings, client)
    finally:
        server.shutdown()
    assert result.outcomes[0].record.status == "done"
    got = yaml.safe_load((tmp_path / "out" / "ana" / "summary.json").read_text())
    want = yaml.safe_load((analysed / "summary.json").read_text())
    assert got == want  # the clip named by its file name, as analyze names it
    assert pd.read_csv(tmp_path / "out" / "results.csv")["file"].tolist() == [url]


def test_a_worker_killed_mid_task_loses_nothing(videos, settings, analysed, tmp_path):
    """No pose cache: each task runs the pose model for several seconds, time to kill its worker."""
    uncached = replace(settings, pose=replace(settings.pose, cache_dir=None))
    rows = [{"runner": r, "side": str(videos / "treadmill_side_30fps.mp4"), "height_cm": 175} for r in ("a", "b")]
    assessments = load_assessments(manifest(tmp_path, rows))
    killed: list[int] = []
    with cluster_client(BatchSettings(), workers=2) as c:
        pids = c.run(os.getpid)

        def kill_one_mid_task() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not killed:
                busy = [w for w, keys in c.processing().items() if keys]
                if busy:
                    time.sleep(2.0)  # well into the pose model
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(pids[busy[0]])
                time.sleep(0.1)

        killer = threading.Thread(target=kill_one_mid_task)
        killer.start()
        result = run_batch(assessments, tmp_path / "out", uncached, c)
        killer.join()
    assert killed, "no task was seen running"
    assert [o.record.status for o in result.outcomes] == ["done", "done"]
    for folder in ("a", "b"):
        assert (tmp_path / "out" / folder / "summary.json").read_text() == (analysed / "summary.json").read_text()
        assert Record.from_json((tmp_path / "out" / folder / RECORD_FILE).read_text()).status == "done"
    assert not list((tmp_path / "out").glob(".partial-*"))


def test_the_command_refuses_a_bad_manifest_or_out_before_starting_a_cluster(tmp_path):
    from typer.testing import CliRunner

    from backstride.cli.main import app

    bad = tmp_path / "m.csv"
    bad.write_text("runner,side,height_cm\nAna,a.mp4,tall\n")
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    for args, said in [
        ([bad, "--out", tmp_path / "out"], "line 2: height_cm 'tall' is not a number"),
        ([tmp_path / "nope.csv", "--out", tmp_path / "out"], "no such manifest or folder"),
        ([manifest(tmp_path, [{"runner": "A", "side": "a.mp4"}]), "--out", blocker / "out"], "which is a file"),
    ]:
        result = CliRunner().invoke(app, ["batch", *map(str, args)])
        assert result.exit_code == 2 and said in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file", "m.csv", "manifest.csv"]


def test_the_command_says_what_was_refused_and_exits_3(videos, pose_cache, monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from backstride.cli.main import app

    monkeypatch.setenv("BACKSTRIDE_CACHE_DIR", str(pose_cache))
    rows = [{"runner": "Bo", "side": str(videos / "sprint_side_too_short.mp4")}]
    args = ["batch", str(manifest(tmp_path, rows)), "--out", str(tmp_path / "out"), "--workers", "1"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3, result.output
    assert "1 assessment: 1 refused" in result.stdout and "refused: Bo: side clip" in result.stderr
    again = CliRunner().invoke(app, args)
    assert "1 skipped: unchanged" in again.stdout


def test_the_command_runs_on_an_existing_cluster(videos, pose_cache, monkeypatch, tmp_path):
    """dask scheduler and dask worker started by hand, as on a cluster; --scheduler hands the batch to them."""
    from typer.testing import CliRunner

    from backstride.cli.main import app
    from tests.web.server import free_port, kill
    from tests.web.test_many import _dask, _wait_for_worker

    monkeypatch.setenv("BACKSTRIDE_CACHE_DIR", str(pose_cache))
    port = free_port()
    scheduler = f"tcp://127.0.0.1:{port}"
    cluster = [
        _dask("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard", log=tmp_path / "s.log"),
        _dask("worker", scheduler, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1", log=tmp_path / "w.log"),
    ]
    try:
        _wait_for_worker(scheduler)
        rows = [{"runner": "Bo", "side": str(videos / "sprint_side_too_short.mp4")},
                {"runner": "Ana", "side": str(videos / "treadmill_side_30fps.mp4")}]  # fmt: skip
        out = tmp_path / "out"
        result = CliRunner().invoke(
            app, ["batch", str(manifest(tmp_path, rows)), "--out", str(out), "--scheduler", scheduler]
        )
    finally:
        for process in cluster:
            kill(process)
    assert result.exit_code == 3, result.output
    assert f"2 assessments on the cluster at {scheduler}" in result.stdout
    assert list(pd.read_csv(out / "results.csv")["status"]) == ["refused", "done"]
