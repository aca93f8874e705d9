"""The towel hamstring stretch's arithmetic on exact points: the synthetic body's points and the tape
on the stretched leg projected by a camera at the side (no pose model, no pixels). Truth: synth/towel.py
builds each hold's raise, knee bend, the other thigh's lift and its length into the points and reads
them back (``truth``): the angles must be the generator's to a small fraction of a degree, the hold
times to a frame, from either side and with the phone rolled."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.bodycheck.towel import measure_towel_stretch
from backstride.core.trajectory import KEYPOINTS, Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import DEFAULT
from backstride.synth.render import Camera
from backstride.synth.towel import FAULTED_HOLDS, TowelParams, points, truth
from backstride.video.leg_tape import NAMES, OTHER_KNEE
from tests.unit.bodycheck.exact import projected

FPS = 30.0
EXACT_DEG = 0.2  # exact points: the median over a hold's frames of a constant angle
FRAME_S = 2 / FPS  # a hold's start and end, each to a frame
BAND_DEG = DEFAULT.bodycheck.towel.hold_band_deg


def _trajectory(p: TowelParams, camera: Camera, *, tape: bool = True, other_knee: bool = True) -> Trajectory:
    t = np.arange(0.0, p.duration_s, 1 / FPS)
    names = KEYPOINTS + (NAMES if tape else ()) + ((OTHER_KNEE,) if other_knee else ())
    return projected(points(t, p), names, camera, t)


@pytest.mark.parametrize(
    ("leg", "camera"),
    [("left", Camera("side-left", width=1920, height=1080)),
     ("right", Camera("side-right", width=1920, height=1080, tilt_deg=6.0))],
)  # fmt: skip
def test_each_holds_figures_are_the_generators(leg, camera):
    p = TowelParams(holds=FAULTED_HOLDS, leg=leg)
    result = measure_towel_stretch(_trajectory(p, camera), "towel.mp4")
    want = truth(p, BAND_DEG)
    assert len(result.reps) == len(FAULTED_HOLDS)
    for got, raised, bend, floor, held, middle in zip(
        result.reps, want.raise_deg, want.knee_bend_deg, want.floor_thigh_deg, want.held_s, want.middle_s, strict=True
    ):
        assert got.top_deg == pytest.approx(raised, abs=EXACT_DEG), got
        assert got.knee_bend_deg == pytest.approx(bend, abs=EXACT_DEG), got
        assert got.other_thigh_deg == pytest.approx(floor, abs=EXACT_DEG), got
        assert got.held_s == pytest.approx(held, abs=FRAME_S), got
        assert got.top_s == pytest.approx(middle, abs=FRAME_S)
    assert [r.faults for r in result.reps] == [(), ("knee bent",), ("other leg up",), ("short",)]
    assert result.verdict[0].startswith("Hold 2: your knee bent")
    assert result.leg == leg  # the near leg, from where the head lies


def test_without_the_other_knees_square_that_criterion_is_said_not_checked():
    p = TowelParams(holds=FAULTED_HOLDS)
    result = measure_towel_stretch(_trajectory(p, Camera("side-left"), other_knee=False), "towel.mp4")
    assert [r.faults for r in result.reps] == [(), ("knee bent",), (), ("short",)]
    assert all(r.other_thigh_deg is None for r in result.reps)
    assert any("fourth square of tape on the inner side of the other knee" in n for n in result.not_checked)


def test_without_the_tape_the_clip_is_refused_with_how_to_tape_it():
    p = TowelParams()
    with pytest.raises(NotAsGuidedError, match="put three squares of bright tape"):
        measure_towel_stretch(_trajectory(p, Camera("side-left"), tape=False), "towel.mp4")


def test_a_leg_never_held_up_is_refused_with_what_to_do():
    p = TowelParams(holds=(FAULTED_HOLDS[0].__class__(raise_deg=20.0, hold_s=5.0),))
    with pytest.raises(NotAsGuidedError, match="no stretch held"):
        measure_towel_stretch(_trajectory(p, Camera("side-left")), "towel.mp4")
