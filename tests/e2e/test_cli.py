"""The CLI in-process: a real analysis end to end, and every kind of bad input.

Bad input must give exit code 2, a one-line message, no traceback, and write nothing.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from backstride.cli.main import app
from tests.clips import grey_frames, write_audio, write_video

runner = CliRunner()


@pytest.fixture(autouse=True)
def _cache(pose_cache, monkeypatch):
    monkeypatch.setenv("BACKSTRIDE_CACHE_DIR", str(pose_cache))


def run(*args: str):
    return runner.invoke(app, ["analyze", *map(str, args)])


def assert_refused(result, out: Path, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr  # one line, never wrapped
    text = result.stderr.strip()
    assert "Traceback" not in result.output and text.startswith("error:")
    for word in words:
        assert word in text, text
    assert not out.exists() or not any(out.iterdir())


def assert_valid_summary(summary: dict) -> None:
    """summary.json against the JSON Schema shipped in schema/ (generated from backstride.core.results)."""
    import jsonschema

    from tests.unit.core.test_results import SHIPPED

    jsonschema.validate(summary, json.loads(SHIPPED.read_text()))


def noise_clip(path: Path, n: int = 60, fps: int = 30) -> Path:
    rng = np.random.default_rng(0)
    return write_video(path, [rng.integers(0, 255, (48, 64, 3), dtype=np.uint8) for _ in range(n)], fps=fps)


BAD_INPUTS = {
    "missing": (lambda d: d / "nope.mp4", ["no such file"]),
    "zero_bytes": (lambda d: _write(d / "empty.mp4", b""), ["empty"]),
    "text_named_mp4": (lambda d: _write(d / "notes.mp4", b"hello, not a video\n" * 50), ["not a video"]),
    "truncated": (lambda d: _truncated(d), ["not a video"]),
    "audio_only": (lambda d: write_audio(d / "voice.mp4"), ["no video stream", "audio"]),
    "still_image": (lambda d: _png(d), ["still image"]),
    "no_person": (lambda d: write_video(d / "empty_room.mp4", grey_frames(60)), ["no person"]),
    "one_frame": (lambda d: write_video(d / "single.mp4", grey_frames(1)), ["1 frame"]),
    "too_long": (lambda d: write_video(d / "long.mp4", grey_frames(11 * 60, 16, 16), fps=1), ["limit is 10 min"]),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _truncated(d: Path) -> Path:
    whole = noise_clip(d / "whole.mp4").read_bytes()
    (d / "cut.mp4").write_bytes(whole[: len(whole) // 2])
    return d / "cut.mp4"


def _png(d: Path) -> Path:
    from PIL import Image

    Image.fromarray(np.zeros((48, 64, 3), dtype=np.uint8)).save(d / "photo.mp4", format="PNG")
    return d / "photo.mp4"


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_refused_cleanly(tmp_path: Path, case: str):
    make, words = BAD_INPUTS[case]
    clip = make(tmp_path)
    out = tmp_path / "results"
    assert_refused(run(clip, "--out", out), out, *words)


def test_unwritable_output_is_refused_before_any_work(tmp_path: Path):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    out = blocker / "results"
    assert_refused(run(tmp_path / "whatever.mp4", "--out", out), out, "cannot")


def openpose_folder(folder: Path, n: int, *, points: dict[int, tuple[float, float]], size: int = 25) -> Path:
    """``n`` OpenPose files with one person: ``points`` (BODY_25 index: x, y) seen, the rest not."""
    folder.mkdir()
    for i in range(n):
        kp = np.zeros((size, 3))
        for j, (x, y) in points.items():
            kp[j] = (x + i % 3, y, 0.9)
        body = {"people": [{"pose_keypoints_2d": kp.ravel().tolist()}]}
        (folder / f"clip_{i:012d}_keypoints.json").write_text(json.dumps(body))
    return folder


#: A runner seen from the side down to the hips only: nose, shoulders and hips (BODY_25).
UPPER_BODY = {0: (40.0, 5.0), 2: (31.0, 12.0), 5: (33.0, 12.0), 9: (31.0, 30.0), 12: (33.0, 30.0)}


def test_keypoints_without_legs_are_refused(tmp_path: Path):
    clip = write_video(tmp_path / "clip.mp4", grey_frames(60))
    folder = openpose_folder(tmp_path / "openpose", 60, points=UPPER_BODY)
    out = tmp_path / "results"
    assert_refused(run(clip, "--keypoints", folder, "--out", out), out, "legs are never seen")


@pytest.mark.parametrize("damage", ["malformed", "short"])
def test_a_damaged_openpose_folder_is_refused(tmp_path: Path, damage: str):
    clip = write_video(tmp_path / "clip.mp4", grey_frames(60))
    folder = openpose_folder(tmp_path / "openpose", 60, points=UPPER_BODY, size=25 if damage == "malformed" else 18)
    if damage == "malformed":
        (folder / "clip_000000000007_keypoints.json").write_text('{"people": [{"pose_keypoints_2d": [1, 2,')
    out = tmp_path / "results"
    words = ["clip_000000000007", "not an OpenPose"] if damage == "malformed" else ["18 keypoints", "BODY_25 has 25"]
    assert_refused(run(clip, "--keypoints", folder, "--out", out), out, *words)


@pytest.mark.parametrize(
    "command", [["demo"], ["synth", "--seconds", "1"], ["questionnaire"], ["check", "hold.mp4", "--test", "sorensen"]]
)
def test_every_command_refuses_an_unwritable_out_before_any_work(tmp_path: Path, command: list[str]):
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    out = blocker / ("answers.yaml" if command[0] == "questionnaire" else "results")
    result = runner.invoke(app, [*command, "--out", str(out)], input="")
    assert_refused(result, out, "cannot be created inside", "which is a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file"]  # nothing rendered anywhere


@pytest.mark.slow
def test_a_refused_side_clip_is_named_as_the_side_clip(shared_data, tmp_path: Path):
    """The only clip refused: exit 2, one line naming the clip by its role and file."""
    out = tmp_path / "results"
    clip = shared_data / "videos" / "overground_rear_overlay.mp4"
    result = run(clip, "--out", out)
    assert_refused(result, out, f"side clip {clip}:", "skeleton")


def test_an_unknown_pose_backend_is_refused_before_any_work(tmp_path: Path):
    out = tmp_path / "results"
    result = run(tmp_path / "none.mp4", "--pose-backend", "openpose", "--out", out)
    assert_refused(result, out, "--pose-backend openpose", "blazepose, mediapipe")


def test_the_mediapipe_backend_without_mediapipe_says_how_to_get_it(tmp_path: Path):
    """The comparison backend is optional (numpy<2, no Python 3.13 wheel): asked for where it is not
    installed, one line naming the extra and the default, and nothing written."""
    if importlib.util.find_spec("mediapipe") is not None:
        pytest.skip("mediapipe is installed in this environment")
    clip = write_video(tmp_path / "clip.mp4", grey_frames(60))
    out = tmp_path / "results"
    assert_refused(run(clip, "--pose-backend", "mediapipe", "--out", out), out, "backstride[mediapipe]", "default")


@pytest.mark.slow
def test_the_blazepose_backend_analyses_and_says_so(shared_data, tmp_path: Path):
    """The same networks run by LiteRT (docs/pose.md): the treadmill clip's cadence against the
    pixel-measured 168.9 +/- 0.5 steps/min (the bound of test_videos.py), the backend named in
    summary.json, and no native log line from the runtime on the terminal."""
    out = tmp_path / "results"
    clip = shared_data / "videos" / "treadmill_side_30fps.mp4"
    result = run(clip, "--pose-backend", "blazepose", "--no-report", "--out", out)
    assert result.exit_code == 0, result.output
    assert "TensorFlow" not in result.output and "INFO" not in result.output
    side = json.loads((out / "summary.json").read_text())["clips"]["side"]
    assert side["pose_model"] == "blazepose"
    assert abs(side["cadence_spm"]["value"] - 168.9) <= 1.5


@pytest.mark.slow
def test_a_too_short_clip_is_named_with_its_role_and_file(shared_data, tmp_path: Path):
    out = tmp_path / "results"
    clip = shared_data / "videos" / "sprint_side_too_short.mp4"
    assert_refused(run(clip, "--out", out), out, f"side clip {clip}:", "full gait cycle")


@pytest.mark.slow
def test_a_refused_rear_clip_leaves_the_side_analysis_the_triage_and_the_plan(shared_data, tmp_path: Path):
    """A good side clip (the treadmill) and a rear clip that cannot be measured (the skeleton
    drawn over it): exit 3 ("partial"), the rear clip's reason on its own line naming it, and
    summary.json with the side clip's results, the triage and plan from the answers, and the
    rear refusal with its advice."""
    out = tmp_path / "results"
    import yaml

    from backstride.app.demo import DEMO_ANSWERS

    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(DEMO_ANSWERS))
    rear = shared_data / "videos" / "overground_rear_overlay.mp4"
    result = run(
        shared_data / "videos" / "treadmill_side_30fps.mp4", "--rear", rear, "--answers", answers, "--out", out,
        "--no-report",
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    assert f"rear clip {rear}:" in result.stderr and "partial result" in result.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert_valid_summary(summary)
    assert list(summary["clips"]) == ["side"]
    assert abs(summary["clips"]["side"]["cadence_spm"]["value"] - 168.9) < 1.5  # pixel-measured truth
    refused = summary["refused"]["rear"]
    assert (
        refused["file"] == str(rear) and "skeleton" in refused["reason"] and "original recording" in refused["reason"]
    )
    assert summary["triage"]["plan"], "the plan is kept"


@pytest.mark.slow
def test_analyze_writes_events_steps_and_summary(shared_data, tmp_path: Path):
    out = tmp_path / "results"
    source = shared_data / "videos" / "treadmill_side_30fps.mp4"
    photo = _sole_photo(tmp_path / "soles.jpg")
    result = run(
        source, "--height-cm", "178", "--speed-kmh", "12", "--out", out, "--slow", "2", "--blur-face",
        "--shoe-photo", photo,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.index("side: clip quality") < result.output.index("writing report")  # the verdict first
    report = (out / "report.html").read_text()
    assert 'alt="shoe sole: soles.jpg"' in report and "annotated_side.mp4" in report
    import pandas as pd

    events = pd.read_csv(out / "events.csv")
    steps = pd.read_csv(out / "steps.csv")
    summary = json.loads((out / "summary.json").read_text())
    assert_valid_summary(summary)
    side = summary["clips"]["side"]
    assert set(events.columns) == {"clip", "foot", "event", "time_s", "frame"}
    assert {"step_time_ms", "contact_time_ms", "flight_time_ms"} <= set(steps.columns)
    strikes = set(events[events.event == "foot_strike"].time_s.round(4))
    assert len(steps) >= 30 and set(steps.strike_s.round(4)) <= strikes  # every step starts at a listed strike
    assert side["view"] == "side-left" and side["gait"] == "running"
    assert abs(side["cadence_spm"]["value"] - 168.9) <= 1.5  # pixel-measured truth
    for foot in ("left", "right"):
        ct = side["per_foot"][foot]["contact_time_ms"]
        assert ct["frame_rate_uncertainty"] == pytest.approx(33.3, abs=0.1) and 180 <= ct["median"] <= 320
    assert side["metres_per_px"] > 0 and summary["height_cm"] == 178
    step_ms = side["per_foot"]["left"]["step_time_ms"]["median"]
    assert side["step_length"]["left"] == pytest.approx(12 / 3.6 * step_ms / 1000, abs=0.002)  # speed x step time
    assert_fits_80_columns(result.output, "side")
    assert_annotated_copies(source, out)


def assert_fits_80_columns(output: str, view: str) -> None:
    """The CLI's tables fit an 80-column terminal (CliRunner's width) without cutting a human name."""
    from backstride.metrics.compute import REGISTRY
    from backstride.metrics.spatiotemporal import TIMINGS

    lines = output.splitlines()
    assert max(map(len, lines)) <= 80
    shown = [t.title for t in TIMINGS.values() if t.name != "step_time_ms" or "Step time" in output]
    shown += [s.title for s in REGISTRY.values() if s.view == view]
    for title in shown:
        assert any(title in line for line in lines), title


def assert_annotated_copies(source: Path, out: Path) -> None:
    """The annotated video keeps every frame at its time; the slowed copy stretches the time by
    --slow; --blur-face leaves the head without its fine detail (the frame's variance of the
    Laplacian inside the head box drops)."""
    import av
    import cv2

    def decode(path: Path):
        with av.open(str(path)) as c:
            return [(f.time, f.to_ndarray(format="rgb24")) for f in c.decode(c.streams.video[0])]

    original, annotated, slowed = (
        decode(source),
        decode(out / "annotated_side.mp4"),
        decode(out / "annotated_side_slow2x.mp4"),
    )
    assert len(original) == len(annotated) == len(slowed)
    span = original[-1][0] - original[0][0]
    assert annotated[-1][0] - annotated[0][0] == pytest.approx(span, abs=1e-3)
    assert slowed[-1][0] - slowed[0][0] == pytest.approx(2 * span, abs=1e-3)
    sharp = []
    for (_, a), (_, b) in list(zip(original, annotated))[::30]:
        grey = [cv2.cvtColor(x, cv2.COLOR_RGB2GRAY) for x in (a, b)]
        sharp.append([cv2.Laplacian(g[HEAD_ROWS, HEAD_COLS], cv2.CV_64F).var() for g in grey])
    before, after = np.median(sharp, axis=0)
    assert after < 0.5 * before, (before, after)


#: Inside the runner's head in every frame of the treadmill clip: mediapipe's nose, eyes and near
#: ear span x 200-277 px and y 635-703 px over the clip.
HEAD_ROWS, HEAD_COLS = slice(645, 690), slice(210, 265)


def test_triage_leads_with_the_screen_and_holds_back_after_an_emergency(tmp_path: Path):
    import yaml

    from tests.unit.triage.vignettes import answers, flags

    calm = tmp_path / "calm.yaml"
    calm.write_text(yaml.safe_dump(answers()))
    result = runner.invoke(app, ["triage", str(calm)])
    assert result.exit_code == 0 and result.output.lstrip().startswith("No urgent warning sign")
    assert "non-specific" in result.output
    # no field id or enum name reaches the runner (issue 24, point 5)
    assert not re.search(r"\b(pain|running|red_flags|other_causes|self_tests)\.[a-z_]+", result.output)
    assert "non_specific" not in result.output and "evidence.md" not in result.output
    urgent = tmp_path / "urgent.yaml"
    urgent.write_text(yaml.safe_dump(answers(**flags("numbness_genitals_or_buttocks"))))
    result = runner.invoke(app, ["triage", str(urgent)])
    text = " ".join(result.output.split())
    assert result.exit_code == 0 and text.startswith("Emergency: now") and "held back" in text
    assert "probability" not in text  # the estimate is not shown under an emergency
    broken = answers()
    del broken["person"]["age"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(broken))
    result = runner.invoke(app, ["triage", str(bad)])
    assert result.exit_code == 2 and "person.age: missing" in " ".join(result.output.split())


@pytest.mark.slow
def test_analyze_with_answers_leads_with_the_screen(shared_data, tmp_path: Path):
    import yaml

    from tests.unit.triage.vignettes import answers, flags

    calm = tmp_path / "calm.yaml"
    calm.write_text(yaml.safe_dump(answers()))
    out = tmp_path / "results"
    result = run(shared_data / "videos" / "treadmill_side_30fps.mp4", "--answers", calm, "--out", out, "--no-report")
    assert result.exit_code == 0, result.output
    assert not (out / "report.html").exists()
    summary = json.loads((out / "summary.json").read_text())
    assert_valid_summary(summary)
    assert list(summary)[0] == "triage" and summary["triage"]["screen"]["action"] == "routine"
    assert summary["height_cm"] == 168  # from the answers (person.height_cm): not asked twice
    cadence_item = next(p for p in summary["triage"]["plan"] if p["title"].startswith("Cadence"))
    side_cadence = summary["clips"]["side"]["cadence_spm"]["value"]
    assert f"{round(side_cadence * 1.05)} beats per minute" in cadence_item["what"]  # from the runner's own cadence
    text = " ".join(result.output.split())
    assert text.index("No urgent warning sign") < text.index(
        "Cadence (steps/min)"
    )  # the screen comes before the gait tables

    urgent = tmp_path / "urgent.yaml"
    urgent.write_text(yaml.safe_dump(answers(**flags("symptoms_or_weakness_both_legs"))))
    result = run(shared_data / "videos" / "treadmill_side_30fps.mp4", "--answers", urgent, "--out", out)
    text = " ".join(result.output.split())
    assert text.startswith("Emergency: now") and "held back" in text and "Your plan" not in text
    assert json.loads((out / "summary.json").read_text())["triage"]["plan"] == []
    report = " ".join((out / "report.html").read_text().split())  # the report holds the rest back too
    assert "Go to an emergency department today" in report and "is held back" in report
    assert "Your plan" not in report and "Key findings" not in report


def _sole_photo(path: Path) -> Path:
    from PIL import Image

    rng = np.random.default_rng(1)
    Image.fromarray(rng.integers(0, 255, (900, 400, 3), dtype=np.uint8)).save(path, format="JPEG")
    return path


def test_a_shoe_photo_that_is_not_a_photo_is_refused_before_any_video_work(tmp_path: Path):
    fake = _write(tmp_path / "soles.jpg", b"not a picture at all\n" * 20)
    out = tmp_path / "results"
    assert_refused(run(tmp_path / "missing.mp4", "--shoe-photo", fake, "--out", out), out, "soles.jpg", "not a photo")


def test_bad_answers_are_refused_before_any_video_work(tmp_path: Path):
    bad = tmp_path / "answers.yaml"
    bad.write_text("person: {age: 30}\n")
    out = tmp_path / "results"
    assert_refused(run(tmp_path / "missing.mp4", "--answers", bad, "--out", out), out, "missing")


def test_synth_controls_camera_size_distance_and_per_leg_asymmetry(tmp_path: Path):
    """The generator's CLI: frame size, camera distance (runner's size) and per-leg overrides
    reach the truth file; a malformed override is refused with one line."""
    result = runner.invoke(
        app,
        [
            "synth",
            "--out",
            str(tmp_path),
            "--view",
            "rear",
            "--fps",
            "30",
            "--seconds",
            "1",
            "--width",
            "640",
            "--height",
            "480",
            "--distance-m",
            "4",
            "--asymmetry",
            "right.overstride_m=0.35,left.pelvic_drop_deg=9",
        ],
    )
    assert result.exit_code == 0, result.output
    truth = json.loads((tmp_path / "runner_rear_30fps.truth.json").read_text())
    assert (truth["camera"]["width"], truth["camera"]["height"]) == (640, 480)
    focal_px = 640 * 26 / 36  # a 26 mm-equivalent phone lens across the frame's long side
    assert truth["camera"]["px_per_m"] == pytest.approx(focal_px / 4)  # focal length / distance
    assert truth["params"]["asymmetry"] == {"right": {"overstride_m": 0.35}, "left": {"pelvic_drop_deg": 9.0}}
    assert {s["pelvic_drop_deg"] for s in truth["steps"] if s["foot"] == "left"} == {9.0}
    bad = runner.invoke(app, ["synth", "--out", str(tmp_path), "--asymmetry", "middle.knee=3"])
    assert bad.exit_code == 2 and "not a per-leg parameter" in bad.output


def test_metrics_lists_every_metric_shown_anywhere_with_its_human_name():
    from backstride.metrics.compute import REGISTRY
    from backstride.metrics.spatiotemporal import TIMINGS

    result = runner.invoke(app, ["metrics"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for spec in [*TIMINGS.values(), *REGISTRY.values()]:
        assert any(line.startswith(spec.title) and spec.name in line for line in lines), spec.name
    for words in ("Cadence (steps/min)", "Ground contact time (ms)", "Flight time (ms)", "Duty factor"):
        assert words in result.output


def test_the_questionnaire_asks_in_plain_words_and_writes_answers_triage_reads(tmp_path: Path):
    """Typed in a terminal: choices by number, Enter to skip; the file it writes is read back the same."""
    import yaml

    from backstride.triage import load_answers
    from backstride.triage.form import ask_all
    from tests.unit.triage.test_form import scripted
    from tests.unit.triage.vignettes import answers

    data = answers(pain={"locations": ["one_side_beside_spine", "below_knee"], "side": "right", "leg_side": "right"})
    ask, _ = scripted(data, by_number=True)
    lines: list[str] = []
    ask_all(lambda q: lines.append(ask(q)) or lines[-1])  # the questions the terminal asks, in order
    typed = "\n".join(lines) + "\n"
    out = tmp_path / "answers.yaml"
    result = runner.invoke(app, ["questionnaire", "--out", str(out)], input=typed)
    assert result.exit_code == 0, result.output
    assert "Where is the pain?" in result.output and "the leg below the knee" in result.output
    assert "pain.locations" not in result.output and "below_knee" not in result.output
    written = load_answers(out)
    assert [loc.value for loc in written.pain.locations] == ["one_side_beside_spine", "below_knee"]
    assert yaml.safe_load(out.read_text())["inflammatory"]["night_pain"] == data["pain"]["night_pain"]
