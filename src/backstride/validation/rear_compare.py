"""Rear-view metrics from our pose model against another model's keypoints on the same clip.

Both keypoint sets are measured at the same contacts (the events found from our keypoints),
so the comparison isolates what the two pose models see, not how events were timed.
"""

from __future__ import annotations

from pathlib import Path

from backstride.clean import clean
from backstride.metrics.compute import compute_metrics, summarise
from backstride.pipeline import ClipAnalysis, analyse_clip
from backstride.settings import Settings
from backstride.trajectory import View
from backstride.validation.openpose import load_openpose

REAR_METRICS = ("pelvic_drop_deg", "step_width_pct_pelvis", "knee_frontal_projection_deg", "trunk_lateral_lean_deg")


def compare_with_openpose(video: Path, openpose_folder: Path, settings: Settings) -> tuple[ClipAnalysis, dict]:
    """Ours (mediapipe) and OpenPose's per-foot medians of each rear metric at our contacts."""
    ours = analyse_clip(video, role="rear", settings=settings)
    other = load_openpose(openpose_folder, fps=ours.probe.fps).with_(view=View.REAR)
    cleaned, report = clean(other, settings=settings.clean)
    results, _ = compute_metrics(cleaned, ours.gait.steps, leg_px=report.leg_length_px)
    table = {}
    for name in REAR_METRICS:
        mine, theirs = summarise(ours.metrics[name], ours.gait.steps), summarise(results[name], ours.gait.steps)
        table[name] = {foot: (mine[foot].get("median"), theirs[foot].get("median")) for foot in ("left", "right")}
    return ours, table
