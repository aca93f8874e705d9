"""The lower back's curve two ways, on the single-leg deadlift's render (synth/deadlift.py: the back
rounding 30 deg beyond neutral at rep 2, neutral elsewhere): three strips of tape across the spine
(what backstride uses: video/spine_tape.py, bodycheck/lumbar.py) and the body's outline from the pose
model's own person mask (its landmark model's segmentation output, 256 x 256 over the body's region).
Both read the bend the same way: twice the turn between the chords through three points (the
sacrum, L3, T12 levels); for the outline those points are where the mask's edge crosses the lines
square to the back's line through the render's vertebrae (the truth's places: a best case for the
outline). ``make bench-lumbar`` prints each repetition's change from standing, at 1080p and 720p.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from backstride.synth.deadlift import (
    FAULTED_SET,
    DeadliftParams,
    single_leg_deadlift,
    tape_bend_deg,
    truth,
)
from backstride.synth.posture import points_of
from backstride.synth.posture_clip import render_posture
from backstride.synth.render import Camera

REPS = FAULTED_SET
SIZES = ((1920, 1080, 495.0), (1280, 720, 330.0))  # the body fills the frame's height at both
STANDING_S = 0.5
TAPES = ("spine_sacrum", "spine_l3", "spine_t12")


def _bend(s_: np.ndarray, m: np.ndarray, t_: np.ndarray, body: np.ndarray) -> float:
    """Twice the turn at the middle point, flexion + (bulging away from ``body``)."""
    a, b = m - s_, t_ - m
    turn = np.degrees(np.arctan2(a[0] * b[1] - a[1] * b[0], a @ b))
    cross = lambda u, v: u[0] * v[1] - u[1] * v[0]  # noqa: E731
    return float(2 * abs(turn) * (1 if cross(t_ - s_, m - s_) * cross(t_ - s_, body - s_) < 0 else -1))


def _outline_bend(seg, pts: dict[str, np.ndarray], i: int, cam: Camera) -> float:
    from scipy.interpolate import griddata

    xy, logits = seg.grid_px((cam.width, cam.height))
    hip = cam.project(pts["left_hip"][i])
    edges = []
    for name in TAPES:
        axis, surface = cam.project(pts[f"{name}_axis"][i]), cam.project(pts[name][i])
        out = (surface - axis) / np.linalg.norm(surface - axis)
        ray = axis[None, :] + np.arange(0.0, 200.0)[:, None] * out[None, :]
        near = np.linalg.norm(xy - axis, axis=1) < 260
        value = griddata(xy[near], logits[near], ray, method="linear")
        crossing = np.flatnonzero((value[:-1] > 0) & (value[1:] <= 0))
        if not len(crossing):
            return float("nan")
        k = crossing[0]
        edges.append(axis + (k + value[k] / (value[k] - value[k + 1])) * out)
    return _bend(*edges, hip)


def measure(size: tuple[int, int, float], folder: Path) -> list[tuple[float, float, float]]:
    """Each repetition's (truth, tape, outline) change of the bend from standing, degrees."""
    from backstride.app.check import check_clip
    from backstride.pose.blazepose.models import find_models
    from backstride.pose.blazepose.tracker import BlazePoseTracker
    from backstride.video.reader import iter_frames

    width, height, px_per_m = size
    p = DeadliftParams(reps=REPS)
    cam = Camera("side-left", width=width, height=height, px_per_m=px_per_m, ground_row=0.93)
    clip = folder / f"sldl_{height}.mp4"
    render_posture(partial(single_leg_deadlift, p=p), cam, clip, fps=30.0, duration_s=p.duration_s,
                   height_m=p.height_m, markers=True)  # fmt: skip
    tape = check_clip(clip, "single-leg-deadlift").result
    want = truth(p)
    times = (STANDING_S, *want.bottom_s)
    frames = [int(round(t * 30.0)) for t in times]
    pts = points_of(single_leg_deadlift(np.array(times), p), p.height_m)
    tracker = BlazePoseTracker(find_models(1), min_detection_confidence=0.5, min_tracking_confidence=0.5, threads=2,
                               keep_segmentation=True)  # fmt: skip
    outline = {}
    for frame in iter_frames(clip):
        tracker.process(frame.rgb)
        if frame.index in frames and tracker.segmentation is not None:
            outline[frame.index] = _outline_bend(tracker.segmentation, pts, frames.index(frame.index), cam)
        if frame.index >= max(frames):
            break
    standing = outline.get(frames[0], float("nan"))
    exact = tape_bend_deg(pts)
    rows = []
    for k, rep in enumerate(tape.reps):  # type: ignore[union-attr]
        rows.append(
            (float(exact[k + 1] - exact[0]), rep.lumbar_change_deg or float("nan"),
             outline.get(frames[k + 1], float("nan")) - standing)
        )  # fmt: skip
    return rows


def main() -> int:
    table = Table(title="The lower back's change from standing (deg), single-leg deadlift render, from the left")
    for col in ("frame", "rep", "truth", "tape", "tape error", "outline (pose mask)", "outline error"):
        table.add_column(col, justify="right")
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            for n, (true, tape, outline) in enumerate(measure(size, Path(folder)), 1):
                table.add_row(f"{size[0]} x {size[1]}", str(n), f"{true:.1f}", f"{tape:.1f}", f"{tape - true:+.1f}",
                              f"{outline:.1f}", f"{outline - true:+.1f}")  # fmt: skip
    Console(width=140).print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
