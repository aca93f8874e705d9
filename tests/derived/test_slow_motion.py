"""Slow motion end to end: clips whose every timestamp is stretched, as a phone's slow-motion
export is, analysed with and without the factor.

Truth: the unslowed analysis of the same coded frames (the clips are remuxed with stretched
timestamps, not re-encoded, so the pose model sees identical pixels). With the right factor the
cadence and contact times must match it within their stated frame-rate uncertainty; without a
factor the clip must be refused, naming the factor.
"""

from dataclasses import replace

import pytest

from backstride.app.pipeline import analyse_clip
from backstride.errors import CaptureError
from backstride.synth.clip import render_clip
from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from tests.clips import retime

pytestmark = pytest.mark.slow


def with_slowmo(settings, factor):
    return replace(settings, video=replace(settings.video, slowmo_factor=factor))


def assert_same_timing(slowed, plain):
    g, p = slowed.gait, plain.gait
    assert abs(g.cadence_spm - p.cadence_spm) <= max(g.cadence_uncertainty_spm, 0.5)
    for foot in ("left", "right"):
        a, b = g.per_foot[foot]["contact_time_ms"], p.per_foot[foot]["contact_time_ms"]
        assert abs(a.median - b.median) <= a.uncertainty, (foot, a, b)


@pytest.fixture(scope="module")
def treadmill(shared_data, settings):
    return analyse_clip(shared_data / "videos" / "treadmill_side_30fps.mp4", role="side", settings=settings)


def test_treadmill_slowed_2x_is_refused_without_a_factor(shared_data, settings, tmp_path, treadmill):
    slowed = retime(shared_data / "videos" / "treadmill_side_30fps.mp4", tmp_path / "slow2.mp4", 2.0)
    with pytest.raises(CaptureError) as err:
        analyse_clip(slowed, role="side", settings=settings)
    msg = str(err.value)
    assert "looks like 2x slow motion" in msg and "--slowmo 2 (16" in msg  # 168.7 / 2 = 84 in video time
    result = analyse_clip(slowed, role="side", settings=with_slowmo(settings, 2.0))
    assert result.time_scale.source == "flag"
    assert_same_timing(result, treadmill)


def test_every_factor_offered_for_a_slowed_clip_was_tried_and_passes(shared_data, settings, tmp_path, treadmill):
    """The treadmill clip slowed 6x (it plays at 5 fps; 28 steps/min in video time): the refusal
    offers only factors whose analysis passed every check, the true one first (nearest a usual
    running cadence), and each factor offered does give a measured clip; 9x and 10x give 253 and
    281 steps/min, a sprint's cadence after a factor, said as a warning, so they come last."""
    import re

    slowed = retime(shared_data / "videos" / "treadmill_side_30fps.mp4", tmp_path / "slow6.mp4", 6.0)
    with pytest.raises(CaptureError) as err:
        analyse_clip(slowed, role="side", settings=settings)
    msg = str(err.value)
    offered = [int(k) for k in re.findall(r"--slowmo (\d+) \(", msg)]
    assert offered and offered[0] == 6, msg
    assert "each tried" in msg
    for k in offered:
        result = analyse_clip(slowed, role="side", settings=with_slowmo(settings, float(k)))
        assert result.quality.verdict != "refused"
    assert_same_timing(analyse_clip(slowed, role="side", settings=with_slowmo(settings, 6.0)), treadmill)


def test_treadmill_slowed_4x_reads_the_factor_from_android_metadata(shared_data, settings, tmp_path, treadmill):
    slowed = retime(
        shared_data / "videos" / "treadmill_side_30fps.mp4",
        tmp_path / "slow4.mp4",
        4.0,
        metadata={"com.android.capture.fps": "30.000000"},
    )  # plays at 7.5 fps
    result = analyse_clip(slowed, role="side", settings=settings)
    assert result.time_scale.source == "metadata" and result.time_scale.factor == pytest.approx(4.0, rel=0.01)
    assert_same_timing(result, treadmill)


@pytest.mark.parametrize("fps,factor", [(120, 4), (240, 8)])
def test_synthetic_runner_filmed_in_slow_motion_played_at_30fps(tmp_path, settings, fps, factor):
    """The synthetic runner at 120/240 fps, its file playing at 30 fps (Android's way)."""
    real = tmp_path / f"real{fps}.mp4"
    # half the default frame (360 x 640, the runner ~490 px tall): 720 frames at 240 fps stay quick
    render_clip(
        RunnerParams(), Camera("side-left", width=360, height=640, px_per_m=280.0), real, fps=fps, duration_s=3.0
    )
    fresh = replace(settings, pose=replace(settings.pose, cache_dir=tmp_path / "cache"))  # this test's own
    plain = analyse_clip(real, role="side", settings=fresh)
    slowed = retime(real, tmp_path / f"slow{fps}.mp4", factor, metadata={"com.android.capture.fps": str(fps)})
    assert analyse_clip(slowed, role="side", settings=with_slowmo(fresh, None)).time_scale.factor == pytest.approx(
        factor, rel=0.01
    )
    with pytest.raises(CaptureError, match=f"looks like {factor}x slow motion|--slowmo {factor} "):
        analyse_clip(slowed, role="side", settings=replace(fresh, video=replace(fresh.video, slowmo_factor=1.0)))
    assert_same_timing(analyse_clip(slowed, role="side", settings=fresh), plain)


def test_cli_refuses_an_unstated_slow_motion_in_one_line_and_reports_the_stated_one(
    shared_data, tmp_path, pose_cache, monkeypatch
):
    """Exit 2, one line on stderr, nothing written; with --slowmo the summary records the factor
    and its source, and the quality block holds every check with its figure, limit and reason."""
    import json

    from typer.testing import CliRunner

    from backstride.cli.main import app

    monkeypatch.setenv("BACKSTRIDE_CACHE_DIR", str(pose_cache))
    slowed = retime(shared_data / "videos" / "treadmill_side_30fps.mp4", tmp_path / "slow2.mp4", 2.0)
    runner = CliRunner()
    refused = runner.invoke(app, ["analyze", str(slowed), "--out", str(tmp_path / "no")])
    assert refused.exit_code == 2 and not (tmp_path / "no").exists()
    errors = [line for line in refused.stderr.splitlines() if "error:" in line]  # stderr also carries the progress bar
    assert len(errors) == 1 and "looks like 2x slow motion" in errors[0] and "--slowmo 2 (16" in errors[0]
    done = runner.invoke(app, ["analyze", str(slowed), "--slowmo", "2", "--out", str(tmp_path / "yes")])
    assert done.exit_code == 0, done.output
    assert done.stdout.lstrip().startswith("side:")  # the verdict comes first
    side = json.loads((tmp_path / "yes" / "summary.json").read_text())["clips"]["side"]
    assert side["slow_motion"]["factor"] == 2.0 and side["slow_motion"]["source"] == "flag"
    assert abs(side["cadence_spm"]["value"] - 168.9) <= 1.5  # the clip's pixel-measured cadence
    quality = side["quality"]
    assert quality["verdict"] in ("ok", "warnings")
    names = {c["name"] for c in quality["capture"] + quality["measurement"]}
    assert {
        "frame_rate",
        "runner_height",
        "camera_roll",
        "camera_motion",
        "step_time_spread",
        "left_right_alternation",
        "frames_repaired",
        "cycles_per_foot",
    } <= names
    for check in quality["capture"] + quality["measurement"]:
        assert check["limit"] and check["why"] and check["status"] in ("ok", "warn", "not measured")
