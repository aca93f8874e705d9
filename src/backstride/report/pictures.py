"""The frame a number came from, with the measured angle drawn on it.

For each key finding, the step whose value is nearest its foot's median is pictured at the instant
the metric reads it (foot strike, midstance). The lines are drawn between the pose model's
keypoints in the image; the reference lines (vertical, horizontal) are turned by the camera roll
the analysis removed, so they show the runner's vertical, not the frame's.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from backstride.core.analysis import ClipAnalysis
from backstride.core.kinds import Role
from backstride.core.trajectory import FEET
from backstride.findings.key import Finding

#: Pictures are this tall (px) in the report: sharp on a phone, small in the file.
PICTURE_HEIGHT_PX = 420
JPEG_QUALITY = 82
#: BGR colours (OpenCV): the measured segment, the reference line, the skeleton.
MEASURED = (0, 140, 255)
REFERENCE = (255, 255, 255)
SKELETON = (200, 200, 200)
BONES = (
    ("left_shoulder", "right_shoulder"),
    ("left_hip", "right_hip"),
    *((f"{s}_{a}", f"{s}_{b}") for s in FEET for a, b in (("shoulder", "hip"), ("hip", "knee"), ("knee", "ankle"))),
    *((f"{s}_{a}", f"{s}_{b}") for s in FEET for a, b in (("ankle", "heel"), ("heel", "foot_index"))),
    *((f"{s}_{a}", f"{s}_{b}") for s in FEET for a, b in (("shoulder", "elbow"), ("elbow", "wrist"))),
)


@dataclass(frozen=True)
class Shot:
    """Where a finding is pictured: the source frame, the keypoints there, the step's value."""

    frame: int
    xy_px: np.ndarray  # [keypoint, 2] in the image
    keypoints: tuple[str, ...]
    foot: str
    value: float
    time_s: float

    def p(self, name: str) -> np.ndarray:
        return self.xy_px[self.keypoints.index(name)]


def choose_shot(clip: ClipAnalysis, finding: Finding) -> Shot | None:
    """The step nearest its foot's median, for the foot that concerns (or the near leg)."""
    result = clip.metrics[finding.metrics[0]]
    steps = clip.gait.steps
    per_foot = {
        f: [(i, v) for i, (v, s) in enumerate(zip(result.values, steps)) if v is not None and s.foot == f] for f in FEET
    }
    feet = [f for f in FEET if per_foot[f]]
    if not feet or clip.image_trajectory is None:
        return None
    foot = _pictured_foot(clip, finding, feet, per_foot)
    med = float(np.median([v for _, v in per_foot[foot]]))
    i, value = min(per_foot[foot], key=lambda iv: abs(iv[1] - med))
    step = steps[i]
    at_strike = finding.metrics[0] in ("foot_strike_angle_deg", "shank_angle_deg", "knee_flexion_contact_deg")
    t = step.strike_s if at_strike else (step.strike_s + step.toe_off_s) / 2
    image = clip.image_trajectory
    row = int(np.argmin(np.abs(image.time_s - t)))
    return Shot(image.nearest_frame(t), image.xy_px[row], image.keypoints, foot, float(value), t)


def _pictured_foot(clip: ClipAnalysis, finding: Finding, feet: list[str], per_foot) -> str:
    """The foot that concerns, the near leg first (a side view sees the far leg less well); from
    behind, the foot with the larger pelvic drop."""
    med = {f: float(np.median([v for _, v in per_foot[f]])) for f in feet}
    spec = clip.metrics[finding.metrics[0]].spec
    far = clip.view.view.far_leg
    if finding.metrics[0] == "pelvic_drop_deg":
        return max(feet, key=lambda f: med[f])
    concern = [f for f in feet if spec.status(med[f]) in ("outside range", "borderline")] or feet
    return next((f for f in concern if f != far), concern[0])


def read_frames(path, frames: Iterable[int], rotation_deg: int | None = None) -> dict[int, np.ndarray]:
    """The RGB images of the given source frames, in one pass over the clip that converts only them
    and stops at the last."""
    from backstride.video.reader import iter_frames

    wanted = frozenset(frames)
    if not wanted:
        return {}
    return {f.index: f.rgb for f in iter_frames(path, rotation_deg=rotation_deg, only=wanted)}


def draw_finding(rgb: np.ndarray, shot: Shot, finding: Finding, roll_deg: float, unit: str) -> np.ndarray:
    """The frame cropped around the runner, the skeleton faint, the measured lines bold (BGR)."""
    import cv2

    img = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    x0, y0, width, height, scale = _crop_box(shot.xy_px, img.shape)
    crop = img[y0 : y0 + height, x0 : x0 + width]
    crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)

    def at(name: str) -> tuple[int, int] | None:
        if name not in shot.keypoints:
            return None
        p = shot.p(name)
        return None if not np.isfinite(p).all() else (int((p[0] - x0) * scale), int((p[1] - y0) * scale))

    for a, b in BONES:
        pa, pb = at(a), at(b)
        if pa and pb:
            cv2.line(crop, pa, pb, SKELETON, 1, cv2.LINE_AA)
    DRAWERS[finding.metrics[0]](crop, at, shot.foot, np.radians(roll_deg))
    _label(crop, f"{shot.foot}, this step: {shot.value:.1f} {unit}")
    return crop


def to_data_uri(bgr: np.ndarray) -> str:
    import cv2

    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 image
        raise ValueError("JPEG encoding failed")
    return "data:image/jpeg;base64," + base64.b64encode(buf.tobytes()).decode("ascii")


def _crop_box(xy: np.ndarray, shape: tuple[int, ...]) -> tuple[int, int, int, int, float]:
    """A box around the runner with a margin, in source pixels (x0, y0, width, height), and the
    scale that makes it PICTURE_HEIGHT_PX tall."""
    ok = np.isfinite(xy).all(axis=1)
    lo, hi = xy[ok].min(axis=0), xy[ok].max(axis=0)
    tall = float(hi[1] - lo[1])
    height = 1.25 * tall
    width = max(float(hi[0] - lo[0]) + 0.5 * tall, 0.75 * tall)
    cx, cy = (lo + hi) / 2
    x0 = int(np.clip(cx - width / 2, 0, max(0, shape[1] - width)))
    y0 = int(np.clip(cy - height / 2, 0, max(0, shape[0] - height)))
    return x0, y0, int(width) + 1, int(height) + 1, PICTURE_HEIGHT_PX / max(height, 1.0)


def _label(img: np.ndarray, text: str) -> None:
    import cv2

    size = 0.5
    while size > 0.3 and cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, size, 1)[0][0] > img.shape[1] - 12:
        size -= 0.05
    cv2.rectangle(img, (0, 0), (img.shape[1], 26), (0, 0, 0), -1)
    cv2.putText(img, text, (6, 18), cv2.FONT_HERSHEY_SIMPLEX, size, (255, 255, 255), 1, cv2.LINE_AA)


def _ray(img, start, angle_rad: float, length: int, colour=REFERENCE) -> None:
    """A dashed reference line from ``start`` at ``angle_rad`` (image axes: 0 = right, pi/2 = down)."""
    import cv2

    for k in range(0, length, 8):
        a = (int(start[0] + k * np.cos(angle_rad)), int(start[1] + k * np.sin(angle_rad)))
        b = (int(start[0] + (k + 4) * np.cos(angle_rad)), int(start[1] + (k + 4) * np.sin(angle_rad)))
        cv2.line(img, a, b, colour, 2, cv2.LINE_AA)


def _segment(img, points) -> None:
    import cv2

    pts = [p for p in points if p is not None]
    for a, b in zip(pts[:-1], pts[1:]):
        cv2.line(img, a, b, MEASURED, 3, cv2.LINE_AA)
    for p in pts:
        cv2.circle(img, p, 4, MEASURED, -1, cv2.LINE_AA)


def _up(roll_rad: float) -> float:
    """The runner's upward direction in image axes, given the camera roll (counter-clockwise, y up)."""
    return -np.pi / 2 - roll_rad


def _draw_foot(img, at, foot, roll_rad) -> None:
    heel, toe = at(f"{foot}_heel"), at(f"{foot}_foot_index")
    _segment(img, [heel, toe])
    if heel and toe:
        forward = 0.0 - roll_rad if toe[0] >= heel[0] else np.pi - roll_rad
        _ray(img, heel, forward, 60)


def _draw_shank(img, at, foot, roll_rad) -> None:
    knee, ankle, heel, hip = at(f"{foot}_knee"), at(f"{foot}_ankle"), at(f"{foot}_heel"), at(f"{foot}_hip")
    _segment(img, [knee, ankle])
    if ankle and knee:
        _ray(img, ankle, _up(roll_rad), int(np.hypot(knee[0] - ankle[0], knee[1] - ankle[1])))
    if hip and heel:  # overstride: the heel ahead of the hip, at heel height
        _ray(img, (hip[0], heel[1]), 0.0 if heel[0] >= hip[0] else np.pi, abs(heel[0] - hip[0]), MEASURED)
        _ray(img, hip, np.pi / 2, abs(heel[1] - hip[1]))


def _draw_knee(img, at, foot, roll_rad) -> None:
    _segment(img, [at(f"{foot}_hip"), at(f"{foot}_knee"), at(f"{foot}_ankle")])


def _mid(at, a: str, b: str):
    pa, pb = at(a), at(b)
    return None if pa is None or pb is None else ((pa[0] + pb[0]) // 2, (pa[1] + pb[1]) // 2)


def _draw_trunk(img, at, foot, roll_rad) -> None:
    hip, shoulder = _mid(at, "left_hip", "right_hip"), _mid(at, "left_shoulder", "right_shoulder")
    _segment(img, [hip, shoulder])
    if hip and shoulder:
        _ray(img, hip, _up(roll_rad), int(np.hypot(shoulder[0] - hip[0], shoulder[1] - hip[1])))


def _draw_pelvis(img, at, foot, roll_rad) -> None:
    """The line between the two PSIS markers when the tape was found, else the hip line."""
    other = "right" if foot == "left" else "left"
    stance, swing = at(f"psis_{foot}"), at(f"psis_{other}")
    if not (stance and swing):
        stance, swing = at(f"{foot}_hip"), at(f"{other}_hip")
    _segment(img, [stance, swing])
    if stance and swing:
        _ray(img, stance, (0.0 if swing[0] >= stance[0] else np.pi) - roll_rad, int(1.6 * abs(swing[0] - stance[0])))


def _draw_width(img, at, foot, roll_rad) -> None:
    hip, ankle = _mid(at, "left_hip", "right_hip"), at(f"{foot}_ankle")
    if hip and ankle:
        _ray(img, hip, np.pi / 2, abs(ankle[1] - hip[1]) + 20)
        _segment(img, [(hip[0], ankle[1]), ankle])


DRAWERS = {
    "foot_strike_angle_deg": _draw_foot,
    "shank_angle_deg": _draw_shank,
    "knee_flexion_contact_deg": _draw_knee,
    "trunk_lean_deg": _draw_trunk,
    "pelvic_drop_deg": _draw_pelvis,
    "step_width_pct_pelvis": _draw_width,
}


def finding_pictures(clips: Mapping[Role, ClipAnalysis], findings: list[Finding]) -> dict[tuple[str, ...], str]:
    """A JPEG data URI per finding (keyed by its metric ids), decoding each clip once."""
    shots = {f.metrics: (f, s) for f in findings if (c := clips.get(f.role)) and (s := choose_shot(c, f))}
    out = {}
    for role, clip in clips.items():
        mine = {k: v for k, v in shots.items() if v[0].role == role}
        images = read_frames(clip.probe.path, [s.frame for _, s in mine.values()], clip.probe.rotation_deg)
        for key, (finding, shot) in mine.items():
            if shot.frame in images:
                unit = clip.metrics[finding.metrics[0]].spec.unit
                out[key] = to_data_uri(
                    draw_finding(images[shot.frame], shot, finding, clip.camera_tilt_deg or 0.0, unit)
                )
    return out
