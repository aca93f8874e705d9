"""Speed and memory per stage: ``make bench`` prints the table.

Each run is a fresh child process (so its peak resident memory is its own), analysing a clip
with the keypoint cache off. Medians over the runs are reported; machines are noisy.

Stages: decode (PyAV, rotation, RGB conversion), pose (mediapipe alone: the floor the rest of
the pipeline is measured against), analysis (trajectory, cleaning, events, metrics), then what
``analyze`` writes: the annotated video (decode, draw, H.264) and the report (pictures, plots,
HTML, PDF).
Real-time factor = analysis wall time / clip duration (<= 1.0 keeps up with the footage).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
VIDEOS = ROOT.parent / "shared" / "data" / "videos"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))  # medians of this many; fewer while trying a change


class TimedBackend:
    def __init__(self, inner) -> None:
        self.inner, self.keypoints, self.seconds = inner, inner.keypoints, 0.0

    @property
    def cache_key(self) -> str:
        return self.inner.cache_key

    def process(self, rgb):
        start = time.perf_counter()
        out = self.inner.process(rgb)
        self.seconds += time.perf_counter() - start
        return out

    def close(self) -> None:
        self.inner.close()


def child(clip: Path) -> dict:
    from backstride.app.pipeline import analyse_trajectory, to_trajectory
    from backstride.person.tracks import median_torso_px
    from backstride.pose import create_backend, estimate_pose
    from backstride.settings import DEFAULT
    from backstride.video import probe
    from backstride.video.scene import scan_scene

    t0 = time.perf_counter()
    info = probe(clip, DEFAULT.video)
    backend = TimedBackend(create_backend("mediapipe"))
    t1 = time.perf_counter()
    try:
        raw, _ = estimate_pose(info, backend, cache_dir=None)
    finally:
        backend.close()  # also gives the process its stdout back (mediapipe's logs are muted while open)
    t2 = time.perf_counter()
    traj = to_trajectory(raw, info, DEFAULT)
    scene = scan_scene(info, traj.xy_px, median_torso_px(traj), cache_dir=None)
    t_scan = time.perf_counter()
    analysis = analyse_trajectory(traj, info, role="side", height_cm=None, scene=scene)
    t3 = time.perf_counter()
    video_s, report_s = report_stages(analysis)
    n = len(raw.time_s)
    return {
        "frames": n,
        "duration_s": info.duration_s,
        "size": f"{info.width}x{info.height}",
        "startup_ms": (t1 - t0) * 1000,
        "decode_ms_per_frame": (t2 - t1 - backend.seconds) / n * 1000,
        "pose_ms_per_frame": backend.seconds / n * 1000,
        "scan_ms_per_frame": (t_scan - t2) / n * 1000,
        "analysis_ms_per_frame": (t3 - t_scan) / n * 1000,
        "wall_s": t3 - t0,
        "rtf": (t3 - t0) / info.duration_s,
        "video_ms_per_frame": video_s / n * 1000,
        "report_s": report_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cadence_spm": analysis.gait.cadence_spm,
    }


def report_stages(analysis) -> tuple[float, float]:
    """Seconds to write the annotated video, and the report (HTML and PDF), into a scratch folder."""
    import tempfile

    from backstride.app.output import summary
    from backstride.report import ReportOptions, write_report
    from backstride.report.video import write_annotated

    with tempfile.TemporaryDirectory() as scratch:
        t0 = time.perf_counter()
        write_annotated(analysis, Path(scratch) / "annotated_side.mp4")
        t1 = time.perf_counter()
        write_report(Path(scratch), summary([analysis], None), [analysis], options=ReportOptions(videos=False))
        return t1 - t0, time.perf_counter() - t1


def long_clip(seconds_target: float) -> Path:
    """The treadmill clip played back-to-back to about ``seconds_target`` (made once, cached)."""
    path = ROOT / "results" / "bench" / f"treadmill_x{int(seconds_target)}s.mp4"
    if path.exists():
        return path
    import av

    path.parent.mkdir(parents=True, exist_ok=True)
    src = VIDEOS / "treadmill_side_30fps.mp4"
    repeats = max(1, round(seconds_target / 12.0))
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=30, options={"crf": "23", "preset": "veryfast"})
        stream.width, stream.height, stream.pix_fmt = 720, 1280, "yuv420p"
        index = 0
        for _ in range(repeats):
            with av.open(str(src)) as inp:
                for frame in inp.decode(video=0):
                    copy = av.VideoFrame.from_ndarray(frame.to_ndarray(format="yuv420p"), format="yuv420p")
                    copy.pts, index = index, index + 1
                    for packet in stream.encode(copy):
                        out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(child(Path(sys.argv[2]))))
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "--stages":
        print(json.dumps(stages_child(Path(sys.argv[2]), Path(sys.argv[3]))))
        return 0
    if sys.argv[1:] == ["--backends"]:  # the pose backends alone
        from rich.console import Console

        Console(width=180).print(backends_table())
        return 0
    if sys.argv[1:] == ["--pair"]:  # the pair table alone (make bench prints every table)
        from rich.console import Console

        Console(width=180).print(pair_table())
        Console(width=180).print(shares_table())
        return 0
    if not VIDEOS.exists():
        print(f"no clips at {VIDEOS}")
        return 1
    from rich.console import Console
    from rich.table import Table

    clips = [VIDEOS / "treadmill_side_30fps.mp4", long_clip(60)]
    table = Table(title=f"Speed and memory per stage (median of {RUNS} runs, fresh process each, cache off)")
    cols = [
        "clip",
        "frames",
        "size",
        "decode ms/f",
        "pose ms/f",
        "frame scan ms/f",
        "analysis ms/f",
        "annotated video ms/f",
        "report s",
        "wall s",
        "real-time factor",
        "peak RSS MB",
    ]
    for c in cols:
        table.add_column(c, justify="right")
    for clip in clips:
        runs = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--child", str(clip)], check=True, capture_output=True, text=True
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            for _ in range(RUNS)
        ]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if isinstance(runs[0][k], float)}
        table.add_row(
            clip.name,
            str(runs[0]["frames"]),
            runs[0]["size"],
            f"{med['decode_ms_per_frame']:.1f}",
            f"{med['pose_ms_per_frame']:.1f}",
            f"{med['scan_ms_per_frame']:.1f}",
            f"{med['analysis_ms_per_frame']:.2f}",
            f"{med['video_ms_per_frame']:.1f}",
            f"{med['report_s']:.1f}",
            f"{med['wall_s']:.1f}",
            f"{med['rtf']:.2f}",
            f"{med['peak_rss_mb']:.0f}",
        )
    Console(width=180).print(table)
    Console(width=180).print(pair_table())
    Console(width=180).print(shares_table())
    Console(width=180).print(backends_table())
    Console(width=180).print(startup_table())
    return 0


#: The pose backends compared per frame, on frames decoded beforehand (docs/pose.md).
BACKENDS = (("mediapipe", {}), ("blazepose", {"threads": 1}), ("blazepose", {"threads": 2}))
BACKEND_FRAMES = 150


def backends_table() -> Table:
    """Each pose backend's wall and CPU time a frame over the treadmill clip's first frames (the
    first frame, which opens the model, left out), median of RUNS passes."""
    from rich.table import Table

    from backstride.pose.backend import create_backend
    from backstride.settings import VideoSettings
    from backstride.video import iter_frames, probe

    info = probe(VIDEOS / "treadmill_side_30fps.mp4", VideoSettings())
    frames = [f.rgb for _, f in zip(range(BACKEND_FRAMES), iter_frames(info.path, rotation_deg=info.rotation_deg))]
    table = Table(title=f"Pose backends, ms a frame ({len(frames) - 1} frames of the treadmill clip, median of {RUNS})")
    for col in ("backend", "threads", "wall ms/f", "CPU ms/f"):
        table.add_column(col, justify="right")
    for name, options in BACKENDS:
        walls, cpus = [], []
        for _ in range(RUNS):
            backend = create_backend(name, **options)
            backend.process(frames[0])
            w0, c0 = time.perf_counter(), time.process_time()
            for rgb in frames[1:]:
                backend.process(rgb)
            walls.append((time.perf_counter() - w0) / (len(frames) - 1) * 1000)
            cpus.append((time.process_time() - c0) / (len(frames) - 1) * 1000)
            backend.close()
        threads = str(options.get("threads", "its own"))
        table.add_row(name, threads, f"{statistics.median(walls):.1f}", f"{statistics.median(cpus):.1f}")
    return table


#: The pairs a runner films: the demo's (rendered, 6 s each at 60 fps) and a real one (the treadmill
#: side clip, 30 fps, with the real road rear clip, which is analysed and refused: a partial result).
def pairs() -> list[tuple[str, Path, Path]]:
    from backstride.app.demo import render_demo

    folder = ROOT / "results" / "bench" / "demo_pair"
    clips = sorted(folder.glob("*.mp4")) if folder.exists() else []
    if len(clips) < 2:
        made = render_demo(folder)
        clips = [made["side"], made["rear"]]
    side = next(c for c in clips if "side" in c.name)
    rear = next(c for c in clips if "rear" in c.name)
    return [
        ("demo pair (60 fps)", side, rear),
        ("real pair (30 fps)", VIDEOS / "treadmill_side_30fps.mp4", VIDEOS / "overground_rear_overlay.mp4"),
    ]


def pair_table() -> Table:
    """The side + rear pair through the CLI as a runner runs it (keypoint cache off): wall seconds
    against the footage's, the CPU used of the machine's cores, the whole process tree's peak
    memory; with the report and videos and without (--no-report). Medians of RUNS."""
    import tempfile

    from rich.table import Table

    from backstride.settings import DEFAULT
    from backstride.video import probe

    table = Table(title=f"Side + rear pair through `backstride analyze` (median of {RUNS}; cache off)")
    for col in ("pair", "footage s", "report", "wall s", "x footage", "CPU s", "cores busy", "peak RSS MB"):
        table.add_column(col, justify="right")
    cores = os.cpu_count() or 1
    for name, side, rear in pairs():
        footage_s = sum(probe(c, DEFAULT.video).duration_s for c in (side, rear))
        for report in (True, False):
            runs = []
            for _ in range(RUNS):
                with tempfile.TemporaryDirectory() as out:
                    argv = [str(Path(sys.executable).parent / "backstride"), "analyze", str(side), "--rear", str(rear),
                            "--no-cache", "--out", out, *([] if report else ["--no-report"])]  # fmt: skip
                    runs.append(timed_tree(argv))
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            table.add_row(
                name, f"{footage_s:.1f}", "yes" if report else "no", f"{wall:.1f}", f"{wall / footage_s:.2f}",
                f"{cpu:.1f}", f"{cpu / wall:.2f} of {cores}", f"{statistics.median(r[2] for r in runs):.0f}",
            )  # fmt: skip
    return table


def stages_child(side: Path, rear: Path) -> dict:
    """The pair in one process (so every stage's CPU is this process's), stages recorded."""
    import tempfile
    from dataclasses import replace

    from backstride.app.assess import analyse_and_write
    from backstride.core.timing import recording
    from backstride.report import ReportOptions
    from backstride.settings import DEFAULT

    with tempfile.TemporaryDirectory() as out, recording() as rec:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        analyse_and_write(side, rear, Path(out), replace(DEFAULT, processes=1), report=ReportOptions())
        total_cpu, total_wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {"cpu_s": rec.cpu_s, "total_cpu_s": total_cpu, "total_wall_s": total_wall}


def shares_table() -> Table:
    """Where the CPU goes on the demo pair, stage by stage (one process; median of RUNS)."""
    from rich.table import Table

    name, side, rear = pairs()[0]
    runs = [
        json.loads(
            subprocess.run([sys.executable, __file__, "--stages", str(side), str(rear)], check=True,
                           capture_output=True, text=True).stdout.strip().splitlines()[-1]
        )
        for _ in range(RUNS)
    ]  # fmt: skip
    total = statistics.median(r["total_cpu_s"] for r in runs)
    table = Table(title=f"Where the CPU goes: {name} with its report, in one process (median of {RUNS})")
    for col in ("stage", "CPU s", "share"):
        table.add_column(col, justify="right")
    names = sorted({k for r in runs for k in r["cpu_s"]}, key=lambda k: -runs[0]["cpu_s"].get(k, 0.0))
    for stage_name in names:
        cpu = statistics.median(r["cpu_s"].get(stage_name, 0.0) for r in runs)
        table.add_row(stage_name, f"{cpu:.1f}", f"{cpu / total:.0%}")
    rest = total - sum(statistics.median(r["cpu_s"].get(k, 0.0) for r in runs) for k in names)
    table.add_row("the rest (imports, probing, result files)", f"{rest:.1f}", f"{rest / total:.0%}")
    table.add_row("total", f"{total:.1f}", f"wall {statistics.median(r['total_wall_s'] for r in runs):.1f} s")
    return table


def timed_tree(argv: list[str]) -> tuple[float, float, float]:
    """Wall s, CPU s (the command and every process it started) and the tree's peak resident MB,
    sampled from /proc every 0.1 s (the processes' memory added up, as the machine holds it)."""
    import threading

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    wall = time.perf_counter() - t0
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, peak[0]


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and its descendants (Linux /proc), MB."""
    parents: dict[int, int] = {}
    rss: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * resource.getpagesize() / 2**20
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0.0) for pid in tree)


#: What the CLI's start-up is timed on: the commands that must not load the analysis stack.
STARTUP_COMMANDS = (("--version",), ("version",), ("--help",))


def startup_table() -> Table:
    """The CLI's start-up: wall time of a fresh interpreter running each command, median of RUNS,
    and the interpreter alone (``python -c pass``) for the floor."""
    from rich.table import Table

    def median_s(argv: list[str]) -> float:
        times = []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    table = Table(title=f"CLI start-up (wall s, median of {RUNS} fresh processes)")
    table.add_column("command")
    table.add_column("wall s", justify="right")
    table.add_row("python -c pass (the floor)", f"{median_s([sys.executable, '-c', 'pass']):.2f}")
    for args in STARTUP_COMMANDS:
        argv = [str(Path(sys.executable).parent / "backstride"), *args]
        table.add_row("backstride " + " ".join(args), f"{median_s(argv):.2f}")
    return table


if __name__ == "__main__":
    sys.exit(main())
