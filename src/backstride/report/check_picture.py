"""The frame a self-test's result came from, with the lines it was measured between: for a hold,
the legs' line (white, carried on past the pelvis, dashed) and the trunk (orange); for a leg's
angle, the resting leg (white) and the measured leg (orange); for a single-leg squat from behind,
the standing leg's hip-ankle line (white) and its hip-knee-ankle (orange), and the pelvis's line
(white: the tape where it was found, else the hips); for a glute bridge, the trunk's line carried on
past the hips (white) and the thigh (orange); for a single-leg deadlift, the back's line carried on past
the hips (white), the free leg (orange) and the tape on the spine (white dots joined), and from behind
the tapes over the PSIS joined and carried on either side (orange) against the level (white); for the
modified Thomas test and the towel stretch, the trunk's line carried on past the hip (white) and the
taped leg between its squares (orange)."""

from __future__ import annotations

import numpy as np

from backstride.report.pictures import BONES, MEASURED, REFERENCE, SKELETON, _label, _ray, _segment

PICTURE_WIDTH_PX = 720
MARGIN_SHARE = 0.15  # of the body's larger extent, around it


def _mid(xy: np.ndarray, names: tuple[str, ...], part: str) -> np.ndarray:
    """The left and right ``part``'s midpoint, or the one seen (from the side the far one is often hidden)."""
    left, right = xy[names.index(f"left_{part}")], xy[names.index(f"right_{part}")]
    if not np.isfinite(left).all():
        return right
    return left if not np.isfinite(right).all() else (left + right) / 2


def draw_check(
    rgb: np.ndarray, xy_px: np.ndarray, keypoints: tuple[str, ...], label: str, leg: str | None = None
) -> np.ndarray:
    """``rgb`` cropped around the body (``xy_px``: ``[keypoint, 2]`` at this frame), the skeleton faint,
    the measured lines drawn (``leg``: that leg against the other, else the trunk against the legs),
    ``label`` on top (BGR)."""
    import cv2

    img = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    seen = np.isfinite(xy_px).all(axis=1)
    lo, hi = xy_px[seen].min(axis=0), xy_px[seen].max(axis=0)
    margin = MARGIN_SHARE * float(max(hi - lo))
    x0, y0 = (int(max(0, v)) for v in lo - margin)
    x1, y1 = int(min(img.shape[1], hi[0] + margin)), int(min(img.shape[0], hi[1] + margin))
    scale = PICTURE_WIDTH_PX / max(x1 - x0, 1)
    crop = cv2.resize(img[y0:y1, x0:x1], None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)

    def at(p: np.ndarray) -> tuple[int, int] | None:
        return (int((p[0] - x0) * scale), int((p[1] - y0) * scale)) if np.isfinite(p).all() else None

    for a, b in BONES:
        pa, pb = at(xy_px[keypoints.index(a)]), at(xy_px[keypoints.index(b)])
        if pa and pb:
            cv2.line(crop, pa, pb, SKELETON, 1, cv2.LINE_AA)
    if leg == "bridge":
        _carried_on(crop, xy_px, keypoints, at, scale, ("shoulder", "hip", "knee"))
    elif leg == "deadlift":
        _deadlift_lines(crop, xy_px, keypoints, at, scale)
    elif leg == "deadlift-behind":
        _pelvis_line(crop, xy_px, keypoints, at)
    elif leg in ("thomas", "towel"):  # a leg read from its tape against the trunk's line
        _thomas_lines(crop, xy_px, keypoints, at, scale)
    elif leg is not None and leg.startswith("squat-"):
        _squat_lines(crop, xy_px, keypoints, leg.removeprefix("squat-"), at)
    elif leg is not None:
        _leg_lines(crop, xy_px, keypoints, leg, at)
    else:
        _carried_on(crop, xy_px, keypoints, at, scale, ("ankle", "hip", "shoulder"))
        _spine_dots(crop, xy_px, keypoints, at)  # a back extension with tape on the spine
    _label(crop, label)
    return crop


def _carried_on(
    crop: np.ndarray, xy_px: np.ndarray, keypoints: tuple[str, ...], at, scale: float, parts: tuple[str, str, str]
) -> None:
    """``parts[0]`` to ``parts[1]`` (white), that line carried on past ``parts[1]`` (dashed), and the
    measured segment from ``parts[1]`` to ``parts[2]`` (orange): a hold's legs and trunk, a bridge's
    trunk and thigh."""
    import cv2

    start, joint, end = (_mid(xy_px, keypoints, part) for part in parts)
    a, j, e = at(start), at(joint), at(end)
    if a and j and e:
        cv2.line(crop, a, j, REFERENCE, 2, cv2.LINE_AA)
        on = joint - start
        _ray(crop, j, float(np.arctan2(on[1], on[0])), int(np.linalg.norm(end - joint) * scale), REFERENCE)
        _segment(crop, [j, e])


def _deadlift_lines(crop: np.ndarray, xy_px: np.ndarray, keypoints: tuple[str, ...], at, scale: float) -> None:
    """The back's line carried on past the hips (white), the free leg (orange: the higher ankle) and the
    strips of tape on the spine, where found."""
    import cv2

    shoulder, hip = _mid(xy_px, keypoints, "shoulder"), _mid(xy_px, keypoints, "hip")
    ankles = [xy_px[keypoints.index(f"{side}_ankle")] for side in ("left", "right")]
    seen = [a for a in ankles if np.isfinite(a).all()]
    s, h = at(shoulder), at(hip)
    if s and h and seen:
        free = min(seen, key=lambda a: float(a[1]))
        cv2.line(crop, s, h, REFERENCE, 2, cv2.LINE_AA)
        on = hip - shoulder
        _ray(crop, h, float(np.arctan2(on[1], on[0])), int(np.linalg.norm(free - hip) * scale), REFERENCE)
        _segment(crop, [h, at(free)])
    _spine_dots(crop, xy_px, keypoints, at)


def _spine_dots(crop: np.ndarray, xy_px: np.ndarray, keypoints: tuple[str, ...], at) -> None:
    """The strips of tape on the spine (white dots joined), where found."""
    import cv2

    from backstride.video.spine_tape import NAMES

    tape = [at(xy_px[keypoints.index(n)]) for n in NAMES if n in keypoints]
    dots = [t for t in tape if t]
    if len(dots) == len(NAMES):
        cv2.polylines(crop, [np.array(dots, dtype=np.int32)], False, REFERENCE, 2, cv2.LINE_AA)
        for d in dots:
            cv2.circle(crop, d, 5, REFERENCE, -1, cv2.LINE_AA)


def _pelvis_line(crop: np.ndarray, xy_px: np.ndarray, keypoints: tuple[str, ...], at) -> None:
    """The tapes over the PSIS joined and carried on a tape spacing either side (orange), and the level
    through their midpoint (white)."""
    import cv2

    from backstride.video.markers import NAMES

    if not all(n in keypoints for n in NAMES):
        return
    left, right = (xy_px[keypoints.index(n)] for n in NAMES)
    a, b = at(2 * left - right), at(2 * right - left)
    mid = (left + right) / 2
    half = float(np.linalg.norm(right - left)) * 1.5
    la, lb = at(mid - [half, 0.0]), at(mid + [half, 0.0])
    if a and b and la and lb:
        cv2.line(crop, la, lb, REFERENCE, 2, cv2.LINE_AA)
        cv2.line(crop, a, b, MEASURED, 3, cv2.LINE_AA)


def _thomas_lines(crop: np.ndarray, xy_px: np.ndarray, keypoints: tuple[str, ...], at, scale: float) -> None:
    """The trunk's line (shoulders to the hip's tape) carried on past the hip (white), and the hanging thigh
    and shank between the squares of tape (orange)."""
    import cv2

    from backstride.video.leg_tape import NAMES, OTHER_KNEE

    if not all(n in keypoints for n in NAMES):
        return
    shoulder = _mid(xy_px, keypoints, "shoulder")
    hip, knee, ankle = (xy_px[keypoints.index(n)] for n in NAMES)
    s, h = at(shoulder), at(hip)
    if s and h:
        cv2.line(crop, s, h, REFERENCE, 2, cv2.LINE_AA)
        on = hip - shoulder
        _ray(crop, h, float(np.arctan2(on[1], on[0])), int(np.linalg.norm(knee - hip) * scale), REFERENCE)
    joints = [at(p) for p in (hip, knee, ankle)]
    if all(joints):
        _segment(crop, joints)
    other = at(xy_px[keypoints.index(OTHER_KNEE)]) if OTHER_KNEE in keypoints else None
    if other and joints[0]:  # the towel stretch: the other thigh, to its knee's square
        _segment(crop, [joints[0], other])


def _leg_lines(crop: np.ndarray, xy_px: np.ndarray, keypoints: tuple[str, ...], leg: str, at) -> None:
    """The resting leg (white) and the measured one (orange), hip to ankle."""
    import cv2

    rest = "right" if leg == "left" else "left"
    for side, colour in ((rest, REFERENCE), (leg, MEASURED)):
        top, end = at(xy_px[keypoints.index(f"{side}_hip")]), at(xy_px[keypoints.index(f"{side}_ankle")])
        if top and end:
            cv2.line(crop, top, end, colour, 3, cv2.LINE_AA)


def _squat_lines(crop: np.ndarray, xy_px: np.ndarray, keypoints: tuple[str, ...], side: str, at) -> None:
    """``side``: the standing leg as seen from behind, i.e. the picture's side (not the model's label)."""
    import cv2

    def point(name: str) -> np.ndarray:
        return xy_px[keypoints.index(name)]

    on_left = point("left_hip")[0] < point("right_hip")[0]
    label = ("left_" if on_left else "right_") if side == "left" else ("right_" if on_left else "left_")
    hip, knee, ankle = (at(point(label + part)) for part in ("hip", "knee", "ankle"))
    if hip and ankle:
        cv2.line(crop, hip, ankle, REFERENCE, 2, cv2.LINE_AA)
    if hip and knee and ankle:
        _segment(crop, [hip, knee, ankle])
    pelvis = ("psis_left", "psis_right") if "psis_left" in keypoints else ("left_hip", "right_hip")
    a, b = at(point(pelvis[0])), at(point(pelvis[1]))
    if a and b:
        cv2.line(crop, a, b, REFERENCE, 2, cv2.LINE_AA)
