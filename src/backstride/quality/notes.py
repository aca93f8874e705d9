"""Notes that go with a measured clip (its warnings), in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from backstride.core.trajectory import View

if TYPE_CHECKING:
    from backstride.events.gait import GaitResult

#: Median mediapipe visibility of a leg's keypoints below which its angles are called unreliable.
LOW_VISIBILITY = 0.6
FAR_LEG_GAP = 0.1  # a side view's far leg is seen this much less well than the near one


def far_leg_warnings(visibility: dict[str, float], view: View) -> list[str]:
    """Name a leg the camera sees poorly (the far leg of a side view, often hidden)."""
    out = []
    for foot, vis in visibility.items():
        other = visibility["right" if foot == "left" else "left"]
        far = view.is_side and vis < other - FAR_LEG_GAP
        if vis < LOW_VISIBILITY or far:
            out.append(
                f"the {foot} leg is {'the far leg and ' if far else ''}partly hidden (keypoint visibility "
                f"{vis:.2f} at its contacts against {other:.2f}): its angles are less reliable"
            )
    return out


def tilt_warning(view: View, why: str | None = None) -> str:
    where = why or (
        "no ground line under the feet and no straight edge in the room to read"
        if view.is_side
        else "a rear or front view has no ground line to read"
    )
    return (
        f"camera roll not measured ({where}): the camera is taken as level; a phone rolled by N deg "
        "shifts every angle to vertical by N deg, so level it (the camera's grid or a spirit level)"
    )


def gait_warnings(gait: GaitResult, fps: float, swapped_frames: int, view: View, relabelled: bool = False) -> list[str]:
    out = []
    if view.is_frontal_plane:
        out.append(
            "contact time, flight time and duty factor are not reported from a rear or front view: "
            "there toe-offs are timed too coarsely (tens of ms); film from the side for them "
            "(cadence and the rear-view form metrics are reported)"
        )
    if gait.gait == "walking":
        out.append("walking, not running: no flight phase (double support); running metrics do not apply")
    if fps < 100:
        out.append(
            f"{fps:.0f} fps: events are timed to about +/-{500 / fps:.0f} ms; "
            "film at 120 or 240 fps (slow motion) for contact times within 10 ms"
        )
    if np.isfinite(gait.alternation) and gait.alternation < 0.9:
        out.append(
            f"left and right strikes alternate in only {100 * gait.alternation:.0f}% of steps: "
            "some steps were missed (a hidden leg?)"
        )
    out.extend(far_leg_warnings(dict(gait.leg_visibility), view))
    if swapped_frames:
        out.append(f"left/right legs swapped by the pose model in {swapped_frames} frame(s); repaired")
    if relabelled:
        out.append(
            "the pose model called the near leg by the far side's name for the whole clip: every left/right "
            "label was exchanged (the near leg is the one seen best)"
        )
    return out
