"""Our pose model's metrics against another model's keypoints of the same clip.

Both keypoint sets are measured at the same contacts (the events found from our keypoints),
so the comparison isolates what the two pose models see, not how events were timed. There is
no ground truth on these clips: the two models bound each other.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from backstride.app.pipeline import analyse_clip
from backstride.clean import clean
from backstride.core.analysis import ClipAnalysis
from backstride.core.trajectory import Trajectory, View, rotate_image
from backstride.metrics.compute import compute_metrics, summarise
from backstride.pose.files import load_gaitlab, load_openpose
from backstride.settings import Settings

REAR_METRICS = ("pelvic_drop_deg", "step_width_pct_pelvis", "knee_frontal_projection_deg", "trunk_lateral_lean_deg")


def compare_at_our_contacts(
    ours: ClipAnalysis, other: Trajectory, names: tuple[str, ...], settings: Settings
) -> dict[str, dict[str, tuple[float | None, float | None]]]:
    """Per metric and foot: (our median, the other model's median), both over our steps."""
    cleaned, report = clean(other.with_(view=ours.trajectory.view), settings=settings.clean)
    if ours.camera_tilt_deg is not None:  # levelled as ours was, so both are read in the same frame
        cleaned = rotate_image(cleaned, -np.radians(ours.camera_tilt_deg))
    results, _ = compute_metrics(cleaned, ours.gait.steps, leg_px=report.leg_length_px)
    table = {}
    for name in names:
        mine, theirs = summarise(ours.metrics[name], ours.gait.steps), summarise(results[name], ours.gait.steps)
        table[name] = {foot: (mine.foot(foot).median, theirs.foot(foot).median) for foot in ("left", "right")}
    return table


def compare_with_openpose(video: Path, openpose_folder: Path, settings: Settings) -> tuple[ClipAnalysis, dict]:
    """Ours (mediapipe) and OpenPose's per-foot medians of each rear metric at our contacts."""
    ours = analyse_clip(video, role="rear", settings=settings)
    other = load_openpose(openpose_folder, fps=ours.probe.fps).with_(view=View.REAR)
    return ours, compare_at_our_contacts(ours, other, REAR_METRICS, settings)


def compare_with_gaitlab(
    video: Path, keypoints: Path, names: tuple[str, ...], settings: Settings
) -> tuple[ClipAnalysis, dict]:
    """Ours (mediapipe) and a gaitlab.pose/v1 file's (e.g. RTMPose) per-foot medians, side view."""
    ours = analyse_clip(video, role="side", settings=settings)
    return ours, compare_at_our_contacts(ours, load_gaitlab(keypoints), names, settings)
