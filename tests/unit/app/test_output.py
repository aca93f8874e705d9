"""The result writer (app/output.write_results), tested directly on the synthetic runner's side clip
(perfect keypoints; the generator's events and cadence are the truth): what each file holds, and
that a failed write leaves the results folder as it was."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import pytest

from backstride.app import output
from backstride.app.output import RESULT_FILES, write_results
from backstride.app.pipeline import analyse_trajectory
from backstride.core.results import json_schema
from backstride.errors import OutputError
from backstride.synth.clip import truth
from backstride.synth.kinematics import simulate
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.video.probe import Probe
from tests.unit.synth.test_synth import perfect_keypoints

FPS = 60.0
PARAMS = RunnerParams(cadence_spm=164.0)
FRAME_S = 1 / FPS


@pytest.fixture(scope="module")
def side():
    kin = simulate(PARAMS, np.arange(0, 6, FRAME_S))
    cam = Camera("side-left")
    info = Probe(Path("side.mp4"), 6.0, FPS, 720, 1280, "h264", 0, len(kin.time_s), 1)
    clip = analyse_trajectory(perfect_keypoints(kin, cam), info, role="side", height_cm=None)
    return clip, truth(PARAMS, cam, kin, FPS)["events"]


def test_the_three_files_hold_the_events_steps_and_summary(side, tmp_path):
    clip, true = side
    written = write_results([clip], tmp_path / "out")
    assert [p.name for p in written] == list(RESULT_FILES) and all(p.is_file() for p in written)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(RESULT_FILES)  # no temporary folder left
    events = pd.read_csv(tmp_path / "out" / "events.csv")
    for foot in ("left", "right"):
        strikes = events[(events.foot == foot) & (events.event == "foot_strike")]
        t = np.array(true[foot]["foot_strike_s"])
        assert len(strikes) >= len(t) - 2
        assert max(np.min(np.abs(t - s)) for s in strikes.time_s) <= FRAME_S  # within a frame of the truth
        assert (strikes.frame == np.round(strikes.time_s * FPS).astype(int)).all()
    steps = pd.read_csv(tmp_path / "out" / "steps.csv")
    assert steps.step_time_ms.median() == pytest.approx(60_000 / 164, abs=1000 * FRAME_S)
    assert list(steps.foot[:4]) in (["left", "right"] * 2, ["right", "left"] * 2)  # alternating
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    jsonschema.validate(summary, json_schema())
    assert summary["clips"]["side"]["cadence_spm"]["value"] == pytest.approx(164.0, abs=1.0)


def test_a_failed_write_leaves_the_folder_as_it_was(side, tmp_path, monkeypatch):
    clip, _ = side
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text('{"earlier": true}')

    def disk_full(*_, **__):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "steps_table", disk_full)
    with pytest.raises(OutputError, match=r"out: writing results failed \(No space left on device\)"):
        write_results([clip], out)
    assert sorted(p.name for p in out.iterdir()) == ["summary.json"]  # nothing half-written, nothing lost
    assert json.loads((out / "summary.json").read_text()) == {"earlier": True}


def test_a_results_folder_that_is_a_file_is_refused_in_one_line(side, tmp_path):
    clip, _ = side
    blocker = tmp_path / "results"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError) as refused:
        write_results([clip], blocker)
    assert "results: cannot write there" in str(refused.value) and "\n" not in str(refused.value)
