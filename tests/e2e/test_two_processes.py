"""The rear clip analysed in a second process while this one analyses the side clip, each
clip's annotated video written in the process that analysed it (app/helper.py).

Truth: the same assessment in one process. The two must write the same summary.json, byte for
byte (the metrics listed in one order whichever process imported which module first: before
that order was fixed, the rear clip's metrics came out in another order from the helper), and
both clips' progress must reach this process's callbacks, frame by frame to the last.
"""

import json
from dataclasses import replace

import pytest

from backstride.app.assess import analyse_and_write
from backstride.report import ReportOptions
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rear_clip(tmp_path_factory):
    from backstride.synth.clip import render_clip

    clip = tmp_path_factory.mktemp("two") / "rear.mp4"
    render_clip(RunnerParams(pelvis_markers=True), Camera("rear"), clip, fps=60.0, duration_s=4.0)
    return clip


def assessed(side, rear, out, settings, processes: int):
    probed, frames = {}, {}
    analyse_and_write(
        side, rear, out, replace(settings, processes=processes),
        report=ReportOptions(pdf=False),
        on_probe=lambda role, p: probed.setdefault(role, p.n_frames),
        on_frames=lambda role, n: frames.__setitem__(role, n),
    )  # fmt: skip
    return probed, frames


def test_two_processes_write_what_one_does_and_show_both_clips_progress(shared_data, rear_clip, tmp_path, settings):
    side = shared_data / "videos" / "treadmill_side_30fps.mp4"
    probed, frames = assessed(side, rear_clip, tmp_path / "two", settings, processes=2)
    assert set(probed) == {"side", "rear"} and frames == probed  # every frame of both clips, shown here
    assessed(side, rear_clip, tmp_path / "one", settings, processes=1)
    for folder in ("two", "one"):
        assert sorted(p.name for p in (tmp_path / folder).iterdir()) == [
            "annotated_rear.mp4", "annotated_side.mp4", "events.csv", "report.html", "steps.csv", "summary.json",
        ]  # fmt: skip
        assert (tmp_path / folder / "annotated_rear.mp4").stat().st_size > 10_000
    two, one = ((tmp_path / k / "summary.json").read_text() for k in ("two", "one"))
    assert two == one
    assert json.loads(two)["clips"]["rear"]["cadence_spm"]["value"] > 150


def test_a_process_that_may_not_start_others_does_everything_itself(monkeypatch, settings):
    """A web worker is a daemonic process (huey's), which multiprocessing forbids children."""
    import multiprocessing

    from backstride.app.helper import helper_process

    class Daemonic:
        daemon = True

    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemonic())
    with helper_process(settings) as helper:
        assert helper is None
    monkeypatch.undo()
    with helper_process(replace(settings, processes=1)) as helper:
        assert helper is None


def test_an_assessment_that_measures_nothing_leaves_no_folder_behind(shared_data, tmp_path, settings):
    """Each clip's videos are staged in the results folder as soon as it is analysed; a refusal
    of every clip must leave neither the staging folder nor a results folder it made."""
    from backstride.errors import ClipRefused

    out = tmp_path / "new" / "results"
    with pytest.raises(ClipRefused):
        analyse_and_write(shared_data / "videos" / "sprint_side_too_short.mp4", None, out, settings,
                          report=ReportOptions())  # fmt: skip
    assert not (tmp_path / "new").exists()


def test_an_interrupted_assessment_does_not_wait_for_the_helper(settings):
    """Ctrl+C (or any error) while the helper works: the helper is ended, not waited for (it
    could be a minute into the rear clip). The helper sleeps 60 s; the block must be left long
    before that (30 s: a hang detector, not a speed figure) with no process left behind."""
    import multiprocessing
    import time

    from backstride.app.helper import helper_process

    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt), helper_process(settings) as helper:
        helper.submit(time.sleep, 60)
        raise KeyboardInterrupt
    assert time.perf_counter() - start < 30
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]
