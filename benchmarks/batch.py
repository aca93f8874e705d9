"""Many assessments on Dask distributed: ``make bench-batch`` prints the table.

Nine assessments from the shared clips and copies derived from them (mirrored, re-encoded), two
rendered side + rear pairs, and two that are refused (a 1.6 s sprint, a pair with a skeleton
drawn over the runner), no pose cache (every clip posed), no report. Run three ways on this
machine: the plain CLI one assessment after another (``backstride analyze``, one process each,
two for a pair), and ``backstride batch``'s engine (app/batch.py: a LocalCluster started for it,
the time to start it counted) with 1 and with 2 workers. Medians of BENCH_REPEATS runs (default 1).

Printed: wall seconds, assessments a minute, the speed-up of 2 workers over 1 (goal >= 1.8x on
2 cores), the engine's overhead against the sequential CLI (goal <= 5 %), the peak memory of a
worker, and a clinic's day (200 side + rear pairs) extrapolated per worker count: an estimate
from this mix's clip lengths (8-13 s at 30 fps; phone clips at 60 fps pose twice the frames).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.clips import transform  # noqa: E402

from backstride.app.batch import cluster_client, run_batch  # noqa: E402
from backstride.app.manifest import Assessment, load_assessments  # noqa: E402
from backstride.settings import DEFAULT, BatchSettings  # noqa: E402

VIDEOS = Path(__file__).resolve().parents[2] / "shared" / "data" / "videos"
CLINIC_DAY_PAIRS = 200
REPEATS = int(os.environ.get("BENCH_REPEATS", "1"))


def _render_pair(folder: Path, name: str, cadence_spm: float) -> tuple[Path, Path]:
    from backstride.synth.clip import render_clip
    from backstride.synth.model import RunnerParams
    from backstride.synth.render import Camera

    side, rear = folder / f"{name}_side.mp4", folder / f"{name}_rear.mp4"
    params = RunnerParams(cadence_spm=cadence_spm, pelvis_markers=True)
    render_clip(params, Camera("side-left"), side, fps=30.0, duration_s=8.0)
    render_clip(params, Camera("rear"), rear, fps=30.0, duration_s=8.0)
    return side, rear


def manifest(folder: Path) -> Path:
    """The nine assessments, their derived clips made in ``folder``."""
    treadmill, walking = VIDEOS / "treadmill_side_30fps.mp4", VIDEOS / "walking_side_30fps.mp4"

    def mirrored(src: Path, name: str) -> Path:
        return transform(src, folder / name, lambda i, x: x[:, ::-1].copy())

    pairs = [_render_pair(folder, "synth170", 170.0), _render_pair(folder, "synth182", 182.0)]
    rows = [
        ("treadmill", treadmill, None),
        ("treadmill-mirrored", mirrored(treadmill, "treadmill_mirrored.mp4"), None),
        ("treadmill-reencoded", transform(treadmill, folder / "treadmill_crf17.mp4", lambda i, x: x), None),
        ("walking", walking, None),
        ("walking-mirrored", mirrored(walking, "walking_mirrored.mp4"), None),
        ("synth170", *pairs[0]),
        ("synth182", *pairs[1]),
        ("sprint-too-short", VIDEOS / "sprint_side_too_short.mp4", None),
        ("overground-drawn-over", VIDEOS / "overground_side_overlay.mp4", VIDEOS / "overground_rear_overlay.mp4"),
    ]
    path = folder / "manifest.csv"
    path.write_text("runner,side,rear\n" + "".join(f"{r},{s},{rear or ''}\n" for r, s, rear in rows))
    return path


def sequential_cli(assessments: list[Assessment], out: Path) -> tuple[float, float]:
    """Wall seconds of ``backstride analyze`` per assessment, one after another, and the peak RSS (MB)."""
    exe = Path(sys.executable).with_name("backstride")
    started = time.perf_counter()
    for a in assessments:
        args = [str(exe), "analyze", a.side, "--no-report", "--no-cache", "--out", str(out / a.folder)]
        subprocess.run(args + (["--rear", a.rear] if a.rear else []), capture_output=True, check=False)
    wall = time.perf_counter() - started
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def sequential_plain(assessments: list[Assessment], out: Path) -> float:
    """Wall seconds of the same per-assessment work (app/batch.py's run_assessment: one process
    an assessment) one after another in this process, without Dask: the engine's baseline."""
    from backstride.app.batch import run_assessment

    settings = replace(DEFAULT, pose=replace(DEFAULT.pose, cache_dir=None))
    out.mkdir(parents=True)
    started = time.perf_counter()
    for a in assessments:
        run_assessment(a, str(out), settings, False, False)
    return time.perf_counter() - started


def _peak_rss_mb() -> float:
    import resource as r

    return r.getrusage(r.RUSAGE_SELF).ru_maxrss / 1024


def engine(assessments: list[Assessment], out: Path, workers: int) -> tuple[float, float, list[tuple[str, float]]]:
    """Wall seconds of the batch on a LocalCluster of ``workers`` (started and closed inside),
    the largest worker's peak RSS (MB) and each assessment's status and seconds on its worker."""
    settings = replace(DEFAULT, pose=replace(DEFAULT.pose, cache_dir=None))
    started = time.perf_counter()
    with cluster_client(BatchSettings(), workers=workers) as client:
        result = run_batch(assessments, out, settings, client)
        peak = max(client.run(_peak_rss_mb).values())
    return time.perf_counter() - started, peak, [(o.record.status, o.record.seconds) for o in result.outcomes]


def main() -> int:
    console = Console(width=150)
    if not VIDEOS.exists():
        console.print(f"the shared clips are not at {VIDEOS}")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        assessments = load_assessments(manifest(folder))
        n_clips = sum(1 + (a.rear is not None) for a in assessments)
        walls: dict[str, list[float]] = {"cli": [], "plain": [], "1": [], "2": []}
        peaks: dict[str, float] = {}
        records: list[tuple[str, float]] = []
        for rep in range(REPEATS):
            wall, peaks["cli"] = sequential_cli(assessments, folder / f"cli-{rep}")
            walls["cli"].append(wall)
            walls["plain"].append(sequential_plain(assessments, folder / f"plain-{rep}"))
            for workers in (1, 2):
                wall, peak, records = engine(assessments, folder / f"batch{workers}-{rep}", workers)
                if workers == 1:
                    seconds = [s for _, s in records]
                walls[str(workers)].append(wall)
                peaks[str(workers)] = max(peak, peaks.get(str(workers), 0.0))
            console.print(f"run {rep + 1}/{REPEATS}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in walls.items()))
    statuses = [status for status, _ in records]
    console.print("one worker, each assessment's seconds: " + ", ".join(
        f"{a.folder} {s:.1f} ({status})" for a, s, status in zip(assessments, seconds, statuses, strict=True)
    ) + f"; sum {sum(seconds):.1f}, longest {max(seconds):.1f}")  # fmt: skip
    median = {k: statistics.median(v) for k, v in walls.items()}
    peaks["plain"] = _peak_rss_mb()
    n = len(assessments)
    measured = n - statuses.count("refused") - statuses.count("failed")
    title = f"{n} assessments ({n_clips} clips; {measured} measured, {n - measured} refused or failed)"
    table = Table(title=f"{title}, no pose cache, no report; medians of {REPEATS}")
    for column in ("run", "wall s", "assessments / min", "vs 1 worker", "vs sequential", "peak RSS MB", "200 pairs"):
        table.add_column(column, justify="left" if column == "run" else "right")
    rows = (
        ("cli", "sequential CLI (analyze; a pair's clips in 2 processes)"),
        ("plain", "sequential, no engine (1 process an assessment)"),
        ("1", "batch, 1 worker"),
        ("2", "batch, 2 workers"),
    )
    for key, name in rows:
        per_min = n / median[key] * 60
        pairs_per_min = per_min * n_clips / n / 2
        baseline = "cli" if key in ("cli", "plain") else "plain"
        table.add_row(
            name, f"{median[key]:.1f}", f"{per_min:.2f}",
            f"{median['1'] / median[key]:.2f}x" if key in ("1", "2") else "",
            f"{(median[key] / median[baseline] - 1) * 100:+.1f} % vs {'CLI' if baseline == 'cli' else 'no engine'}",
            f"{peaks[key]:.0f}" + {"cli": " (largest analyze)", "plain": ""}.get(key, " (per worker)"),
            f"~{CLINIC_DAY_PAIRS / pairs_per_min / 60:.1f} h",
        )  # fmt: skip
    console.print(table)
    console.print(f"{os.cpu_count()} cores; the '200 pairs' column is an estimate: this mix's clips per minute, "
                  "as side + rear pairs of 8-13 s at 30 fps")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
