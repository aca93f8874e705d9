"""BlazePose lite, full and heavy through the same tracking: speed and what each one's keypoints
make of the gait. ``python -m benchmarks.pose_models`` prints the table (docs/performance.md).

- speed: ms a frame on one thread over the treadmill clip's first 150 frames, median of 3;
- the synthetic runner from the side (60 fps, 6 s; the renderer's truth): cadence, every foot
  strike and toe-off against the true ones, the foot-strike angle, the knee at contact and the
  trunk's lean (per-foot medians) against the rendered ones;
- the real treadmill clip (30 fps): cadence against 168.9 +/- 0.5 steps/min counted from the
  pixels, and the events against those through the full model.

Needs the lite and heavy files: ``backstride models fetch --all``.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from backstride.app.pipeline import analyse_clip
from backstride.errors import BackstrideError
from backstride.metrics.compute import summarise
from backstride.pose.backend import create_backend
from backstride.settings import DEFAULT, Settings, VideoSettings
from backstride.synth.clip import render_clip
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.video import iter_frames, probe

VIDEOS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "videos"
TREADMILL = VIDEOS / "treadmill_side_30fps.mp4"
TREADMILL_CADENCE_SPM = 168.9  # +/- 0.5, counted from the pixels (its groundtruth.json)
NAMES = {0: "lite", 1: "full", 2: "heavy"}
ANGLES = ("foot_strike_angle_deg", "knee_flexion_contact_deg", "trunk_lean_deg")
RUNS = 3
FPS, SECONDS = 60.0, 6.0


def settings_for(complexity: int) -> Settings:
    return replace(DEFAULT, pose=replace(DEFAULT.pose, model_complexity=complexity, cache_dir=None))


def ms_per_frame(complexity: int) -> float:
    info = probe(TREADMILL, VideoSettings())
    frames = [f.rgb for _, f in zip(range(150), iter_frames(info.path, rotation_deg=info.rotation_deg))]
    runs = []
    for _ in range(RUNS):
        backend = create_backend("blazepose", model_complexity=complexity)
        backend.process(frames[0])  # opens the model
        t0 = time.perf_counter()
        for rgb in frames[1:]:
            backend.process(rgb)
        runs.append((time.perf_counter() - t0) / (len(frames) - 1) * 1000)
        backend.close()
    return statistics.median(runs)


def event_errors_ms(found: dict, truth: dict) -> dict[str, tuple[float, float]]:
    """Per kind: (mean, max) of each found event's distance to the nearest true one, ms."""
    out = {}
    for kind in ("foot_strike_s", "toe_off_s"):
        errors = []
        for foot in ("left", "right"):
            true = np.array(truth[foot][kind])
            errors += [abs(f - true[np.argmin(np.abs(true - f))]) * 1000 for f in getattr(found[foot], kind)]
        out[kind] = (float(np.mean(errors)), float(np.max(errors)))
    return out


def synthetic(folder: Path, complexity: int) -> dict:
    clip, truth_file = folder / "side.mp4", folder / "side.truth.json"
    if not truth_file.exists():
        truth_file = render_clip(RunnerParams(), Camera("side-left"), clip, fps=FPS, duration_s=SECONDS)
    truth = json.loads(truth_file.read_text())
    analysis = analyse_clip(clip, role="side", settings=settings_for(complexity))
    med = {k: summarise(r, analysis.gait.steps) for k, r in analysis.metrics.items()}
    steps = {s["foot"]: s for s in truth["steps"]}
    angle_err = {
        name: max(abs(med[name].foot(f).median - steps[f][name]) for f in ("left", "right")) for name in ANGLES
    }
    return {
        "cadence_err": analysis.gait.cadence_spm - truth["cadence_spm"],
        "events": event_errors_ms(analysis.gait.events, truth["events"]),
        "angles": angle_err,
    }


def treadmill(complexity: int, reference=None) -> tuple[dict, object]:
    analysis = analyse_clip(TREADMILL, role="side", settings=settings_for(complexity))
    strikes = sum(len(e.foot_strike_s) for e in analysis.gait.events.values())
    row = {"cadence": analysis.gait.cadence_spm, "strikes": strikes}
    if reference is not None:
        kinds = ("foot_strike_s", "toe_off_s")
        truth = {f: {k: getattr(reference.gait.events[f], k) for k in kinds} for f in ("left", "right")}
        row["vs_full"] = event_errors_ms(analysis.gait.events, truth)
    return row, analysis


def pair_text(mean_max: tuple[float, float]) -> str:
    return f"{mean_max[0]:.1f} / {mean_max[1]:.1f}"


def main() -> int:
    if not TREADMILL.exists():
        print(f"no clips at {VIDEOS}")
        return 1
    table = Table(title="BlazePose lite / full / heavy through the same tracking (one thread)")
    for col in ("model", "ms/frame", "synth cadence err", "synth strike mean/max ms", "synth toe-off mean/max ms",
                "synth angle err (strike, knee, trunk) deg", "treadmill cadence", "strikes",
                "treadmill events vs full mean/max ms"):  # fmt: skip
        table.add_column(col, justify="right")
    with tempfile.TemporaryDirectory() as tmp:
        _, full = treadmill(1)
        for complexity in (0, 1, 2):
            speed = f"{ms_per_frame(complexity):.1f}"
            try:
                s = synthetic(Path(tmp), complexity)
                ev = s["events"]
                angles = " / ".join(f"{s['angles'][a]:.1f}" for a in ANGLES)
                synth = [f"{s['cadence_err']:+.2f}", pair_text(ev["foot_strike_s"]), pair_text(ev["toe_off_s"]), angles]
            except BackstrideError as exc:
                synth = [f"refused: {str(exc).split(': ', 1)[-1][:70]}", "", "", ""]
            try:
                t, _ = treadmill(complexity, full)
                tv = t["vs_full"]
                vs_full = " | ".join(pair_text(tv[k]) for k in ("foot_strike_s", "toe_off_s"))
                real = [f"{t['cadence']:.1f}", str(t["strikes"]), vs_full]
            except BackstrideError as exc:
                real = [f"refused: {str(exc).split(': ', 1)[-1][:70]}", "", ""]
            table.add_row(NAMES[complexity], speed, *synth, *real)
    Console(width=200).print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
