"""The web app under load: ``make bench-web`` prints the table.

20 distinct synthetic clips (cadence 160-179 steps/min, 4 s, 360x640, 30 fps) uploaded at once
from 20 threads over loopback to a real ``backstride serve`` (its own data folder, empty pose
cache, one worker process); each queues an analysis. Measured: uploads accepted, analyses
queued, lost and finished, and the latency of a page and of an API call while the worker is
busy. Bounded: 20 uploads, 20 minutes at most.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.web.server import free_port, kill, start  # noqa: E402

N_UPLOADS = 20
LIMIT_S = 20 * 60


def clips(folder: Path) -> list[Path]:
    from backstride.synth.clip import render_clip
    from backstride.synth.model import RunnerParams
    from backstride.synth.render import Camera

    out = []
    for i in range(N_UPLOADS):
        clip = folder / f"runner_{i}.mp4"
        render_clip(RunnerParams(cadence_spm=160.0 + i), Camera("side-left", width=360, height=640, px_per_m=280.0),
                    clip, fps=30.0, duration_s=4.0)  # fmt: skip
        out.append(clip)
    return out


def upload_and_queue(base: str, runner_id: str, clip: Path) -> tuple[float, str | None]:
    with httpx.Client(base_url=base, timeout=120) as c:
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf_token"]}
        t0 = time.perf_counter()
        up = c.post("/api/clips", content=clip.read_bytes(), headers={**h, "Content-Type": "application/octet-stream"})
        if up.status_code != 201:
            return time.perf_counter() - t0, None
        made = c.post("/api/assessments", json={"runner_id": runner_id, "side_clip": up.json()["sha256"]}, headers=h)
        return time.perf_counter() - t0, made.json()["id"] if made.status_code == 202 else None


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = clips(folder)
        port = free_port()
        server = start(folder / "data", port, folder / "pose-cache")
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=60) as c:
                h = {"X-CSRF-Token": c.get("/api/session").json()["csrf_token"]}
                runner = c.post("/api/runners", json={"name": "Load"}, headers=h).json()["id"]
                t0 = time.perf_counter()
                with ThreadPoolExecutor(N_UPLOADS) as pool:
                    results = list(pool.map(lambda p: upload_and_queue(base, runner, p), made))
                upload_s = time.perf_counter() - t0
                ids = [i for _, i in results if i]
                pages, apis, stop = [], [], threading.Event()

                def probe() -> None:
                    with httpx.Client(base_url=base, timeout=60) as pc:
                        while not stop.is_set():
                            for url, out in ((f"/runners/{runner}", pages), (f"/api/runners/{runner}", apis)):
                                t = time.perf_counter()
                                pc.get(url)
                                out.append(1000 * (time.perf_counter() - t))
                            time.sleep(0.5)

                prober = threading.Thread(target=probe)
                prober.start()
                deadline = time.perf_counter() + LIMIT_S
                while time.perf_counter() < deadline:
                    states = [c.get(f"/api/assessments/{i}").json()["state"] for i in ids]
                    if all(s in ("done", "failed") for s in states):
                        break
                    time.sleep(2)
                stop.set()
                prober.join()
                total_s = time.perf_counter() - t0
                history = c.get(f"/api/runners/{runner}").json()["history"]
        finally:
            kill(server)
    done = sum(s == "done" for s in states)
    table = Table(title=f"backstride serve under load: {N_UPLOADS} uploads at once over loopback, 1 worker")
    for col in ("measure", "value"):
        table.add_column(col)
    table.add_row("uploads accepted (201) and queued (202)", f"{len(ids)} / {N_UPLOADS}")
    table.add_row("all uploads in (s)", f"{upload_s:.1f}")
    table.add_row("upload + queue per request, median / p95 (s)",
                  f"{statistics.median(r[0] for r in results):.2f} / {p95([r[0] for r in results]):.2f}")  # fmt: skip
    table.add_row("analyses finished / failed / lost", f"{done} / {len(ids) - done} / {N_UPLOADS - len(history)}")
    table.add_row("all finished after (s)", f"{total_s:.0f}")
    table.add_row("runner page while busy, median / p95 (ms)", f"{statistics.median(pages):.0f} / {p95(pages):.0f}")
    table.add_row("API call while busy, median / p95 (ms)", f"{statistics.median(apis):.0f} / {p95(apis):.0f}")
    table.add_row("page samples", str(len(pages)))
    Console(width=120).print(table)
    return 0 if done == N_UPLOADS else 1


if __name__ == "__main__":
    raise SystemExit(main())
