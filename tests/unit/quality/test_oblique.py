"""Roll told from obliquity: the ground line under the feet and the room's verticals must agree
before a roll is taken from the ground line; a ground line that tilts against level verticals is
a camera aimed across the runner's path (or a sloping ground) and is said as that.

Truth is the construction: the synthetic runner overground (perfect keypoints) whose ground line a
camera rolled by ``tilt_deg`` tilts, beside a room whose vertical edges are rolled by ``room_deg``
(keystoned as a phone tilted up sees them)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from backstride.app.pipeline import analyse_trajectory
from backstride.settings import DEFAULT
from backstride.synth.kinematics import simulate
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.video.probe import Probe
from tests.unit.quality.test_quality import keystone_lines, scene_with_lines
from tests.unit.synth.test_synth import perfect_keypoints

FPS = 60.0


def _analysed(tilt_deg: float, room_deg: float):
    kin = simulate(replace(RunnerParams(), overground=True), np.arange(0, 6, 1 / FPS))
    traj = perfect_keypoints(kin, Camera("side-right", tilt_deg=tilt_deg))
    info = Probe(Path("side.mp4"), 6.0, FPS, 720, 1280, "h264", 0, len(kin.time_s), 1)
    scene = scene_with_lines(keystone_lines(room_deg), n=len(kin.time_s))
    scene = replace(scene, time_s=kin.time_s)
    lenient = replace(DEFAULT, quality=replace(DEFAULT.quality, refuse=False))  # the runner crosses the frame
    return analyse_trajectory(traj, info, role="side", height_cm=None, scene=scene, settings=lenient)


def test_a_rolled_camera_rolls_the_ground_line_and_the_room_alike():
    clip = _analysed(5.0, 5.0)
    oblique = next(c for c in clip.quality.checks if c.name == "camera_oblique")
    assert oblique.status == "ok" and clip.camera_tilt_deg == pytest.approx(5.0, abs=0.5)


@pytest.mark.parametrize(("tilt_deg", "status"), [(6.0, "warn"), (14.0, "fail")])
def test_a_ground_line_tilting_against_level_verticals_is_oblique_not_rolled(tilt_deg, status):
    """The room's verticals level (0 deg), the ground line tilting: the verticals level the clip
    (roll about 0, not the ground line's tilt) and the view is said to be oblique: warned at 6 deg,
    refused at 14 (with the refusal off, to read the check)."""
    kin = simulate(replace(RunnerParams(), overground=True), np.arange(0, 6, 1 / FPS))
    traj = perfect_keypoints(kin, Camera("side-right", tilt_deg=tilt_deg))
    info = Probe(Path("side.mp4"), 6.0, FPS, 720, 1280, "h264", 0, len(kin.time_s), 1)
    scene = replace(scene_with_lines(keystone_lines(0.0), n=len(kin.time_s)), time_s=kin.time_s)
    lenient = replace(DEFAULT, quality=replace(DEFAULT.quality, refuse=False))
    clip = analyse_trajectory(traj, info, role="side", height_cm=None, scene=scene, settings=lenient)
    oblique = next(c for c in clip.quality.checks if c.name == "camera_oblique")
    assert oblique.status == status and oblique.value == pytest.approx(tilt_deg, abs=0.7), oblique
    assert "aimed at an angle across the runner's path" in oblique.why
    assert abs(clip.camera_tilt_deg) < 1.0  # levelled by the verticals, not by the ground line
