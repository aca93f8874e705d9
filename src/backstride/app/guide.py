"""The guide's drawing of each self-test: the synthetic body (synth/) in the test's position, as
the phone should see it (from the side, the whole body and the bench in the picture)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np

POSITION_AT_S = {"sorensen": 5.0, "flexor": 5.0, "slr": 3.3, "back-extension": 3.0, "glute-bridge": 3.2}


def draw_guide(test: str, out: Path) -> Path:
    """Write the drawing of ``test``'s position to ``out`` (PNG); returns it."""

    if test == "single-leg-squat":
        return _write(out, _squat_from_behind())
    if test == "side-bridge":
        return _write(out, _side_bridge_from_behind())
    if test == "single-leg-deadlift":
        return _write(out, np.hstack([_deadlift_from_the_side(), _deadlift_from_behind()]))
    if test == "towel-stretch":
        return _write(out, _towel_from_the_side())
    if test == "thomas":
        return _write(out, _thomas_from_the_side())

    from backstride.synth.bridge import BridgeParams, bridge
    from backstride.synth.exercises import BackExtensionParams, back_extension
    from backstride.synth.holds import FlexorParams, SorensenParams, bench_box_m, flexor, sorensen
    from backstride.synth.leg_raise import LegRaiseParams, leg_raise
    from backstride.synth.posture import points_of
    from backstride.synth.posture_clip import Box, with_furniture
    from backstride.synth.render import Camera, background, draw_frame

    bench = (Box(*bench_box_m(SorensenParams())),)
    postures = {
        "sorensen": (partial(sorensen, p=SorensenParams()), bench, 0.9),
        "flexor": (partial(flexor, p=FlexorParams()), (), 0.9),
        "slr": (partial(leg_raise, p=LegRaiseParams()), (), 0.8),
        "back-extension": (partial(back_extension, p=BackExtensionParams()), bench, 0.9),
        "glute-bridge": (partial(bridge, p=BridgeParams()), (), 0.8),
    }
    posture_at, furniture, ground_row = postures[test]
    camera = Camera("side-left", width=960, height=540, px_per_m=315.0, ground_row=ground_row)
    points = points_of(posture_at(np.array([POSITION_AT_S[test]])), 1.78)
    return _write(out, draw_frame(points, 0, camera, with_furniture(background(camera), camera, furniture), 1.78))


def _squat_from_behind() -> np.ndarray:
    """The single-leg squat at the bottom of the first repetition, seen from behind, the tape on."""
    from backstride.synth.render import Camera, background, draw_frame
    from backstride.synth.squat import SingleLegSquatParams, points

    p = SingleLegSquatParams()
    bottom_s = p.timeline()[0][3][0][1]
    camera = Camera("rear", width=540, height=960, px_per_m=420.0, ground_row=0.9)
    pts, _ = points(np.array([bottom_s]), p)
    return draw_frame(pts, 0, camera, background(camera), p.height_m, markers=True, bare_thighs=True)


def _side_bridge_from_behind() -> np.ndarray:
    """The side bridge held, lying on the right side, seen from behind."""
    from backstride.synth.render import Camera, background, draw_frame
    from backstride.synth.side_bridge import SideBridgeParams, points

    p = SideBridgeParams()
    camera = Camera("rear", width=960, height=540, px_per_m=420.0, ground_row=0.85)
    pts = points(np.array([5.0]), p)
    return draw_frame(pts, 0, camera, background(camera), p.height_m, bare_thighs=True)


def _deadlift_from_the_side() -> np.ndarray:
    """The single-leg deadlift at the bottom of a repetition, from the side, the tape on the spine."""
    from backstride.synth.deadlift import DeadliftParams, single_leg_deadlift
    from backstride.synth.posture import points_of
    from backstride.synth.render import Camera, background, draw_frame

    p = DeadliftParams()
    camera = Camera("side-left", width=960, height=540, px_per_m=255.0, ground_row=0.93)
    points = points_of(single_leg_deadlift(np.array([p.rep_times()[0][1]]), p), p.height_m)
    return draw_frame(points, 0, camera, background(camera), p.height_m, markers=True)


def _deadlift_from_behind() -> np.ndarray:
    """The single-leg deadlift at the bottom of a repetition, from behind, the tape over the PSIS
    (540 px tall: beside the side view)."""
    from backstride.synth.deadlift import DeadliftParams, points_from_behind
    from backstride.synth.render import Camera, background, draw_frame

    p = DeadliftParams()
    camera = Camera("rear", width=304, height=540, px_per_m=255.0, ground_row=0.93)
    pts = points_from_behind(np.array([p.rep_times()[0][1]]), p)
    return draw_frame(pts, 0, camera, background(camera), p.height_m, markers=True)


def _towel_from_the_side() -> np.ndarray:
    """The towel hamstring stretch held, from the side of the stretched leg, the tape on it."""
    from backstride.synth.render import Camera, background, draw_frame
    from backstride.synth.towel import TowelParams, points

    p = TowelParams()
    camera = Camera("side-left", width=960, height=540, px_per_m=315.0, ground_row=0.85)
    at = p.hold_times()[0][1] + 5.0
    return draw_frame(points(np.array([at]), p), 0, camera, background(camera), p.height_m, markers=True,
                      bare_thighs=True)  # fmt: skip


def _thomas_from_the_side() -> np.ndarray:
    """The modified Thomas test held, from the side of the hanging leg, the tape on it."""
    from backstride.synth.posture_clip import Box, with_furniture
    from backstride.synth.render import Camera, background, draw_frame
    from backstride.synth.thomas import ThomasParams, bench_box_m, points

    p = ThomasParams()
    camera = Camera("side-left", width=960, height=540, px_per_m=280.0, ground_row=0.9)
    base = with_furniture(background(camera), camera, (Box(*bench_box_m(p)),))
    return draw_frame(points(np.array([p.settle_s + 1.0]), p), 0, camera, base, p.height_m, markers=True,
                      bare_thighs=True)  # fmt: skip


def _write(out: Path, rgb: np.ndarray) -> Path:
    import cv2

    out.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(out), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    return out
