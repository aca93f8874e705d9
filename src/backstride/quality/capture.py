"""Capture checks: how the clip was filmed (frame rate, runner size, framing, roll, one person)."""

from __future__ import annotations

import numpy as np

from backstride.core.kinds import CheckGroup
from backstride.core.trajectory import FEET, Trajectory
from backstride.person.tracks import torso
from backstride.quality.checks import Check, graded
from backstride.quality.slowmo import TimeScale
from backstride.settings import QualitySettings

GROUP: CheckGroup = "capture"
HEAD = ("nose", "left_ear", "right_ear")


def frame_rate(real_fps: float, scale: TimeScale) -> Check:
    status = "fail" if real_fps < 12 else "warn" if real_fps < 24 else "ok"
    return Check(
        "frame_rate",
        GROUP,
        real_fps,
        "fps",
        ">= 24, 120-240 best (refused below 12)",
        status,
        f"a running contact lasts 180-320 ms: at 24 fps it spans 4-8 frames, at 240 fps 40-80; {scale.describe()}",
        "" if status == "ok" else "film at 60 fps or more, slow motion (120/240 fps) if the phone has it",
    )


def runner_height_px(traj: Trajectory, limits: QualitySettings) -> tuple[Check, float]:
    """Height of the runner in the image: head (nose/ears) to the lowest foot point, median over frames."""
    head = np.stack([traj.point(k)[:, 1] for k in HEAD])
    feet = np.stack([traj.point(f"{f}_{p}")[:, 1] for f in FEET for p in ("heel", "foot_index")])
    both = np.isfinite(head).any(axis=0) & np.isfinite(feet).any(axis=0)
    h = (
        float(np.median(np.nanmax(feet[:, both], axis=0) - np.nanmin(head[:, both], axis=0)))
        if both.any()
        else float("nan")
    )
    lo = limits.min_runner_height_px
    return Check(
        "runner_height",
        GROUP,
        h,
        "px",
        f">= {lo:.0f} px (refused below {lo / 2:.0f})",
        graded(h, warn=lo, fail=lo / 2, higher_is_worse=False),
        f"a keypoint is placed to 2-3 px: below {lo:.0f} px that is a degree or more on a shank",
        "stand closer (3-5 m) or zoom in so the runner fills most of the frame's height",
    ), h


def whole_body(traj: Trajectory, width: int, height: int, limits: QualitySettings) -> Check:
    """Share of frames with the head and both feet seen inside the image."""
    names = ["nose", *(f"{f}_{p}" for f in FEET for p in ("heel", "foot_index"))]
    pts = np.stack([traj.point(k) for k in names], axis=1)
    margin = 0.01 * max(width, height)
    inside = (
        (pts[..., 0] >= margin)
        & (pts[..., 0] <= width - margin)
        & (pts[..., 1] >= margin)
        & (pts[..., 1] <= height - margin)
    )
    share = float(inside.all(axis=1).mean()) if traj.n_frames else float("nan")
    return Check(
        "whole_body_in_frame",
        GROUP,
        share,
        "share of frames",
        f">= {limits.whole_body_warn_share:g} (refused below 0.3)",
        graded(share, warn=limits.whole_body_warn_share, fail=0.3, higher_is_worse=False),
        "a cut-off foot or head has no keypoints to measure",
        "keep head and feet inside the frame with a margin; step back or zoom out",
    )


def camera_roll(roll_deg: float | None, how: str, limits: QualitySettings) -> Check:
    if roll_deg is None:
        return Check(
            "camera_roll",
            GROUP,
            None,
            "deg",
            f"|roll| <= {limits.max_roll_deg:g} deg",
            "warn",
            f"not measured ({how}): the camera is taken as level, and a roll of N deg shifts every angle "
            "to vertical by N deg",
            "level the phone (the camera's grid or a spirit level)",
        )
    status = "fail" if abs(roll_deg) > limits.max_roll_deg else "ok"
    return Check(
        "camera_roll",
        GROUP,
        roll_deg,
        "deg",
        f"|roll| <= {limits.max_roll_deg:g} deg",
        status,
        f"measured from {how} and corrected; beyond {limits.max_roll_deg:g} deg perspective makes the "
        "correction unreliable",
        "" if status == "ok" else "level the phone and film again",
    )


def camera_oblique(oblique_deg: float | None, limits: QualitySettings) -> Check:
    """The ground line under the feet against the room's verticals: a side view filmed at an angle
    across the runner's path (or on sloping ground) tilts the ground line while the verticals stay
    upright; that is not a roll, and beyond the limit the side angles are foreshortened."""
    if oblique_deg is None:
        return Check("camera_oblique", GROUP, None, "deg", f"<= {limits.roll_agree_deg:g}", "not measured",
                     "the ground line and the room's verticals were not both seen", "")  # fmt: skip
    off = abs(oblique_deg)
    status = "fail" if off > limits.max_oblique_deg else "warn" if off > limits.roll_agree_deg else "ok"
    return Check(
        "camera_oblique",
        GROUP,
        off,
        "deg",
        f"<= {limits.roll_agree_deg:g} (refused above {limits.max_oblique_deg:g})",
        status,
        f"the ground line under the feet tilts {oblique_deg:+.1f} deg against the room's verticals, which "
        "are level: the camera is aimed at an angle across the runner's path (or the ground slopes), not rolled"
        if status != "ok"
        else "the ground line and the room's verticals agree",
        "film from the side at right angles to the running direction: the phone's back parallel to the "
        "treadmill's side or the path, level, at hip height"
        if status != "ok"
        else "",
    )


def camera_square(size_change: float, shoulder_ratio: float, side: bool, limits: QualitySettings) -> Check:
    """Runner's size change across the clip (moving towards or away), and open shoulders in a side view."""
    oblique = side and shoulder_ratio > 0.3
    status = "warn" if size_change > limits.max_size_change or oblique else "ok"
    why = (
        f"the runner's size changes by x{size_change:.2f} over the clip"
        if size_change > limits.max_size_change
        else f"shoulders {shoulder_ratio:.2f} torso lengths apart (square side view: 0.1-0.25)"
        if oblique
        else "a side view square to the running direction keeps the runner's size and hides the far shoulder"
    )
    return Check(
        "camera_square",
        GROUP,
        size_change,
        "largest / smallest size",
        f"<= {limits.max_size_change:g}",
        status,
        why,
        ""
        if status == "ok"
        else "film at right angles to the running direction (on a treadmill: level with the belt's side)",
    )


def size_change(traj: Trajectory) -> float:
    """Runner's torso length, 90th over 10th percentile across the clip."""
    size = torso(traj)[1]
    size = size[np.isfinite(size) & (size > 0)]
    if len(size) < 10:
        return float("nan")
    lo, hi = np.percentile(size, [10, 90])
    return float(hi / lo)


def one_person(n_tracks: int, n_glitch_frames: int) -> Check:
    status = "warn" if n_tracks > 1 else "ok"
    return Check(
        "one_person",
        GROUP,
        float(max(n_tracks, 1)),
        "people followed",
        "1",
        status,
        f"the pose model follows one body; {n_glitch_frames} frame(s) where it jumped and came back "
        "were repaired as glitches"
        if n_glitch_frames
        else "the pose model follows one body",
        "" if status == "ok" else "film one runner alone in the shot",
    )
