"""The camera from the background: its motion removed (a friend panning to follow the runner),
cuts between shots, and its roll from the straight edges of the room. Pure functions over the
:class:`~backstride.video.scene.Scene` a frame scan gives."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.core.trajectory import Trajectory
from backstride.errors import CaptureError
from backstride.person.tracks import median_torso_px
from backstride.quality.checks import Check
from backstride.settings import QualitySettings
from backstride.video.scene import Scene

#: Straight edges within this of vertical are candidates for the room's vertical edges (deg).
EDGE_SEARCH_DEG = 25.0
MIN_EDGE_FRAMES = 3
MIN_EDGES = 6


#: Fewer corners than this outside the runner (median over frames) is a background with nothing
#: to follow: a plain wall, where the few corners found sit on the runner's hands and feet (15 on
#: the synthetic runner's plain background against the cap of 300 on the shared treadmill clip).
MIN_TEXTURE_POINTS = 50


@dataclass(frozen=True)
class CameraMotion:
    range_px: float  # how far the background moved over the clip
    tracked_share: float  # frames whose background shift was measured
    compensated: bool
    measurable: bool  # the background had texture to follow

    def check(self, leg_px: float, limits: QualitySettings) -> Check:
        legs = self.range_px / leg_px if leg_px else float("nan")
        if not self.measurable:
            return Check(
                "camera_motion",
                "capture",
                None,
                "leg lengths",
                "a fixed camera, or a pan that is followed",
                "warn",
                "the background has too little texture to see whether the camera moved",
                "film from a tripod, with a wall or fence in view behind the runner",
            )
        what = (
            f"the camera panned by {legs:.1f} leg lengths; its motion was followed in "
            f"{100 * self.tracked_share:.0f} % of frames and removed"
            if self.compensated
            else "the background stays still: a fixed camera"
        )
        return Check(
            "camera_motion", "capture", legs, "leg lengths", "a fixed camera, or a pan that is followed", "ok", what
        )


def camera_path_px(scene: Scene) -> tuple[np.ndarray, float]:
    """Cumulative background position ``[frame, 2]`` (full-size px) and the share of frames measured.
    A frame whose shift was not measured takes the mean of its neighbours' shifts."""
    d = scene.shift_px.copy()
    ok = np.isfinite(d).all(axis=1)
    ok[0] = True
    d[0] = 0.0
    share = float(ok[1:].mean()) if len(ok) > 1 else 1.0
    idx = np.arange(len(d))
    for c in range(2):
        d[~ok, c] = np.interp(idx[~ok], idx[ok], d[ok, c])
    d[scene.cut_before] = 0.0  # a cut is a new shot, not a jump of the camera
    return np.cumsum(d, axis=0), share


def remove_camera_motion(
    traj: Trajectory, scene: Scene, limits: QualitySettings, clip: object = "clip"
) -> tuple[Trajectory, CameraMotion]:
    """Keypoints in a frame fixed to the ground; refused where a moving camera cannot be followed.

    A background with few corners outside the runner (a plain wall) cannot tell a fixed camera
    from a moving one: not measurable, said as a warning. A textured background followed in
    most frames gives the camera's path, removed when it moves more than ``pan_min_leg``. A
    textured background that could not be followed in enough frames while it was seen to move
    (a whip pan, motion blur) is refused.
    """
    path, share = camera_path_px(scene)
    if float(np.median(scene.n_features)) < MIN_TEXTURE_POINTS:
        return traj, CameraMotion(float("nan"), share, False, False)
    rows = np.clip(np.round(np.asarray(traj.frame_index)).astype(int), 0, len(path) - 1)
    span = float(np.max(np.ptp(path[rows], axis=0))) if len(rows) else 0.0
    leg = 2 * median_torso_px(traj)  # a leg is about two torso lengths
    if not span > limits.pan_min_leg * leg:
        return traj, CameraMotion(span, share, False, True)
    if share < limits.pan_min_tracked_share:
        raise CaptureError(
            f"{clip}: the camera moves ({span / leg:.1f} leg lengths) and its motion could be "
            f"followed in only {100 * share:.0f} % of frames (at least "
            f"{100 * limits.pan_min_tracked_share:.0f} % needed): film from a tripod, or pan slowly "
            "and smoothly with a textured background (a fence, trees, a wall) behind the runner"
        )
    return traj.with_(xy_px=traj.xy_px - path[rows][:, None, :]), CameraMotion(span, share, True, True)


def shots(scene: Scene) -> list[tuple[int, int]]:
    """``[start, stop)`` frame ranges between cuts."""
    cuts = np.flatnonzero(scene.cut_before).tolist()
    edges = [0, *cuts, len(scene.cut_before)]
    return [(a, b) for a, b in zip(edges[:-1], edges[1:]) if b > a]


def edge_roll_deg(scene: Scene) -> tuple[float | None, str]:
    """The camera's roll from the room's vertical edges (door frames, walls, cupboards, uprights),
    in the ground line's convention (y up, counter-clockwise positive), or None with the reason.

    A phone tilted up or down makes vertical edges converge (keystone), so their own angles
    are not the roll. They meet at the vertical vanishing point, and the roll is the angle
    between the image's vertical and the line from the image centre to that point, whatever
    the pitch (Hartley & Zisserman, Multiple View Geometry, 2nd ed., 2004, ch. 8.6). The point is
    found by RANSAC over pairs of edges and refined by least squares over the edges that agree.
    Horizontal edges are not used: their angles also depend on where the camera points along
    the wall (perspective), not on the roll alone.
    """
    if len(scene.lines) == 0:
        return None, "no straight edges in the room"
    x1, y1, x2, y2, frame = scene.lines.T
    dev = np.degrees(np.arctan2(-(y2 - y1), x2 - x1)) % 180.0 - 90.0
    near = np.abs(dev) <= EDGE_SEARCH_DEG
    if near.sum() < MIN_EDGES or len(set(frame[near].tolist())) < MIN_EDGE_FRAMES:
        return None, "too few vertical edges in the room (door frames, walls)"
    centre = np.array([scene.width_px / 2.0, scene.height_px / 2.0])
    p1 = np.column_stack([x1[near], y1[near]]) - centre
    p2 = np.column_stack([x2[near], y2[near]]) - centre
    vp, inliers = _vanishing_point(p1, p2, np.hypot(*(p2 - p1).T))
    if vp is None or inliers.sum() < MIN_EDGES:
        return None, "the room's vertical edges do not meet in one vanishing point"
    down = vp[:2] if vp[1] >= 0 else -vp[:2]  # the direction along which the edges converge, pointing down
    roll = float(np.degrees(np.arctan2(down[0], down[1])))  # 0 when the edges converge straight down or up
    return roll, f"{int(inliers.sum())} vertical edges of the room (their vanishing point)"


#: An edge agrees with a vanishing point when it points at it within this (deg).
VP_AGREE_DEG = 1.5
RANSAC_TRIALS = 300


def _lines(p1: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """Homogeneous lines through point pairs, normalised so (a, b) is a unit normal."""
    h1 = np.column_stack([p1, np.ones(len(p1))])
    h2 = np.column_stack([p2, np.ones(len(p2))])
    lines = np.cross(h1, h2)
    return lines / np.linalg.norm(lines[:, :2], axis=1, keepdims=True)


def _agree(vp: np.ndarray, p1: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """Angle (deg) between each edge and the line from its midpoint to the vanishing point."""
    mid = (p1 + p2) / 2
    d = p2 - p1
    to_vp = vp[:2] - mid * vp[2]  # works for a point at infinity (vp[2] = 0) too
    cos = np.abs(np.sum(d * to_vp, axis=1)) / (np.linalg.norm(d, axis=1) * np.linalg.norm(to_vp, axis=1) + 1e-12)
    return np.degrees(np.arccos(np.clip(cos, 0.0, 1.0)))


def _vanishing_point(p1: np.ndarray, p2: np.ndarray, length: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """RANSAC over pairs of edges, then a length-weighted least-squares point; (None, mask) if none."""
    lines = _lines(p1, p2)
    rng = np.random.default_rng(0)
    best, best_score = None, 0.0
    for _ in range(RANSAC_TRIALS):
        i, j = rng.choice(len(lines), 2, replace=False)
        vp = np.cross(lines[i], lines[j])
        if not np.isfinite(vp).all() or np.linalg.norm(vp) == 0:
            continue
        vp = vp / np.linalg.norm(vp)
        score = length[_agree(vp, p1, p2) <= VP_AGREE_DEG].sum()
        if score > best_score:
            best, best_score = vp, score
    if best is None:
        return None, np.zeros(len(lines), dtype=bool)
    inliers = _agree(best, p1, p2) <= VP_AGREE_DEG
    _, _, vt = np.linalg.svd(lines[inliers] * np.sqrt(length[inliers])[:, None])
    vp = vt[-1] / np.linalg.norm(vt[-1])
    return vp, _agree(vp, p1, p2) <= VP_AGREE_DEG


def cut_check(scene: Scene, kept: tuple[int, int], fps: float) -> Check:
    n = int(scene.cut_before.sum())
    span = f"{kept[0] / fps:.1f}-{kept[1] / fps:.1f} s of the file"
    what = "one shot, no cuts" if n == 0 else f"{n} cut(s) between shots: analysed the longest shot, {span}"
    return Check(
        "cuts",
        "capture",
        float(n),
        "cuts",
        "0 (else the longest shot is analysed)",
        "warn" if n else "ok",
        what,
        "send the original recording, not an edited clip" if n else "",
    )


def blur_check(scene: Scene, limits: QualitySettings) -> Check:
    s = float(np.nanmedian(scene.sharpness)) if np.isfinite(scene.sharpness).any() else float("nan")
    status = "not measured" if s != s else "warn" if s < limits.min_blur_laplacian else "ok"
    return Check(
        "sharpness",
        "capture",
        s,
        "Laplacian variance",
        f">= {limits.min_blur_laplacian:g}",
        status,
        "motion blur and dim light smear the limbs, and the pose model places them less well",
        "film in good light; slow motion also shortens each frame's exposure" if status == "warn" else "",
    )


#: A frame whose mean grey change from the previous one inside the runner's box is below this
#: (of 255) repeats it: a screen recording or a converted clip shows some real frames twice.
#: Measured: new frames 4-13 on the shared treadmill clip, repeats 0.01-0.03.
REPEAT_CHANGE = 0.5


def repeated_share(scene: Scene) -> float:
    """Share of frames that repeat the previous one."""
    if scene.change is None or len(scene.change) < 3:
        return float("nan")
    c = scene.change[1:]
    return float(np.mean(c < REPEAT_CHANGE))


def drawing_check(scene: Scene, limits: QualitySettings) -> Check:
    """A pose skeleton (or marks) drawn over the runner in many colours: the pose model follows
    the drawing as much as the body, and the drawing hides the joints it covers."""
    hues = scene.drawn_hues if scene.drawn_hues is not None else np.zeros(0)
    share = float(np.mean(hues >= limits.drawn_min_hues)) if len(hues) else 0.0
    status = "fail" if share > limits.max_drawn_share else "ok"
    why = (
        f"a skeleton or marks are drawn over the runner in {share:.0%} of the frames (lines in "
        f"{limits.drawn_min_hues} or more pure colours): the pose model follows the drawing, not only the body"
        if status == "fail"
        else "no skeleton drawn over the runner"
    )
    advice = (
        "send the original recording, before another app drew its skeleton or lines over it; or give that "
        "app's keypoints instead of the video's (--keypoints / --rear-keypoints: an OpenPose folder)"
        if status == "fail"
        else ""
    )
    return Check(
        "skeleton_drawn_over_runner",
        "capture",
        share,
        "share of frames",
        f"<= {limits.max_drawn_share:g}",
        status,
        why,
        advice,
    )


def repeat_check(scene: Scene, fps: float) -> Check:
    share = repeated_share(scene)
    real = fps * (1 - share) if share == share else float("nan")
    status = "not measured" if share != share else "warn" if share > 0.2 else "ok"
    why = (
        f"{100 * share:.0f} % of frames repeat the one before: the real frame rate is about {real:.0f} fps, "
        "and events are timed to that"
        if status == "warn"
        else "every frame is new"
    )
    return Check(
        "repeated_frames",
        "capture",
        share,
        "share of frames",
        "<= 0.2",
        status,
        why,
        "send the phone's original file, not a screen recording or a converted copy" if status == "warn" else "",
    )


def overlay_check(scene: Scene, limits: QualitySettings) -> Check:
    """A line or mark drawn over the video, in front of the runner (:mod:`backstride.video.overlay`)."""
    longest = float(scene.overlays[0, 4]) if len(scene.overlays) else 0.0
    status = "fail" if longest >= limits.max_overlay_torso else "ok"
    if status == "ok":
        why = "nothing drawn over the runner"
    else:
        x1, y1, x2, y2 = scene.overlays[0, :4]
        why = (
            f"a line drawn over the video crosses the runner from ({x1:.0f}, {y1:.0f}) to ({x2:.0f}, {y2:.0f}) px: "
            "the pose model follows drawn lines"
        )
    advice = "send the original recording, without drawings, captions or player controls" if status == "fail" else ""
    return Check(
        "line_drawn_over_runner",
        "capture",
        longest,
        "torso lengths",
        f"< {limits.max_overlay_torso:g}",
        status,
        why,
        advice,
    )
