"""Derived clips: the shared treadmill clip slowed, panned, rolled and drawn over, analysed like a user's clip.

Each row: the condition, the verdict (ok / warnings / refused with its reason), and cadence and
contact time against the unaltered clip (re-encoded the same way, so the pose model's response
to re-encoding is not counted as an error of the condition).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from rich.table import Table
from tests.clips import moving_crop, retime, rotated, transform, triangle_pan
from tests.derived.test_overlay import diagonal, plumb_line

from backstride.app.pipeline import analyse_clip
from backstride.errors import BackstrideError
from backstride.settings import DEFAULT

WINDOW_PX = 600  # keeps the whole runner in view for a left edge at 0-90 px (tests/derived/test_camera.py)


def _crop(src: Path, x0_px):
    return lambda p: transform(src, p, moving_crop(WINDOW_PX, 1280, x0_px))


def conditions(src: Path, folder: Path):
    """(name, condition, clip maker, slow-motion flag, reference name)."""
    return [
        ("level", "re-encoded, unaltered", lambda p: transform(src, p, lambda i, x: x), None, "level"),
        ("slow2", "2x slow motion, not stated", lambda p: retime(src, p, 2.0), None, "original"),
        ("slow2-flag", "2x slow motion, --slowmo 2", lambda p: retime(src, p, 2.0), 2.0, "original"),
        (
            "slow4-meta",
            "4x slow motion, Android metadata",
            lambda p: retime(src, p, 4.0, metadata={"com.android.capture.fps": "30"}),
            None,
            "original",
        ),
        ("roll+5", "camera rolled +5 deg", lambda p: transform(src, p, rotated(5.0)), None, "level"),
        ("roll-5", "camera rolled -5 deg", lambda p: transform(src, p, rotated(-5.0)), None, "level"),
        ("fixed", "600 px window, fixed", _crop(src, lambda i: 45), None, "fixed"),
        ("pan", "600 px window panning 30 px/s", _crop(src, triangle_pan), None, "fixed"),
        ("plumb", "4 px line drawn through the body", lambda p: transform(src, p, plumb_line), None, "level"),
        ("diagonal", "3 px line drawn across the legs", lambda p: transform(src, p, diagonal), None, "level"),
    ]


def derived_table(src: Path) -> Table:
    table = Table(title="Derived clips of treadmill_side_30fps.mp4 (cadence truth 168.9 +/- 0.5 steps/min)")
    for col in ("clip", "condition", "verdict", "cadence", "vs ref", "contact L/R ms", "vs ref ms", "roll deg"):
        table.add_column(col)
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(DEFAULT, pose=replace(DEFAULT.pose, cache_dir=Path(tmp) / "cache"))
        refs = {"original": analyse_clip(src, role="side", settings=settings)}
        for name, what, make, slowmo, ref in conditions(src, Path(tmp)):
            clip_settings = replace(settings, video=replace(settings.video, slowmo_factor=slowmo))
            try:
                clip = analyse_clip(make(Path(tmp) / f"{name}.mp4"), role="side", settings=clip_settings)
            except BackstrideError as exc:
                table.add_row(name, what, "refused: " + str(exc).split(": ", 1)[1][:90], "", "", "", "", "")
                continue
            refs.setdefault(name, clip)
            warned = ", ".join(c.name for c in clip.quality.warned())
            verdict = clip.quality.verdict + (f" ({warned})" if warned else "")
            table.add_row(
                name,
                what,
                verdict,
                *_versus(clip, refs[ref]),
                "-" if clip.camera_tilt_deg is None else f"{clip.camera_tilt_deg:+.1f}",
            )
    return table


def _versus(clip, ref) -> list[str]:
    ct = [clip.gait.per_foot[f]["contact_time_ms"].median for f in ("left", "right")]
    rt = [ref.gait.per_foot[f]["contact_time_ms"].median for f in ("left", "right")]
    return [
        f"{clip.gait.cadence_spm:.1f}",
        f"{clip.gait.cadence_spm - ref.gait.cadence_spm:+.1f}",
        f"{ct[0]:.0f} / {ct[1]:.0f}",
        f"{ct[0] - rt[0]:+.0f} / {ct[1] - rt[1]:+.0f}",
    ]


def rear_conditions(folder: Path, videos: Path):
    """(name, condition, clip maker, slow-motion flag, keypoints): the rear view on a rendered runner
    with tape over the PSIS (drop 9 / 4 deg, 170 steps/min) and on the real overground rear clip."""
    from backstride.synth.clip import render_clip
    from backstride.synth.render import Camera
    from benchmarks.validation.rear_camera import FPS, Shot, camera, runner

    def rendered(shot: Shot | None, seconds: float = 6.0):
        def make(p: Path) -> Path:
            params = runner(overground=shot is not None and shot.overground)
            render_clip(params, Camera("rear") if shot is None else camera(shot), p, fps=FPS * 2, duration_s=seconds)
            return p

        return make

    real = videos / "overground_rear_overlay.mp4"
    plain = rendered(None)
    return [
        ("rear", "rendered, treadmill, fixed camera", plain, None, None),
        ("rear-slow2", "the same, 2x slow motion not stated", lambda p: retime(plain(folder / "r.mp4"), p, 2.0), None,
         None),
        ("rear-slow2-flag", "the same, --rear-slowmo 2", lambda p: retime(plain(folder / "r2.mp4"), p, 2.0), 2.0, None),
        ("rear-roll+5", "the same, camera rolled +5 deg", lambda p: transform(plain(folder / "r3.mp4"), p,
                                                                             rotated(5.0)), None, None),
        ("rear-away", "rendered, running away 6-18 m, lens 1 m", rendered(Shot(1.0, 12.0, True), 4.0), None, None),
        ("rear-real", "real road run, skeleton drawn over it", lambda p: real, None, None),
        ("rear-real-op", "the same with its OpenPose keypoints", lambda p: real, None,
         videos.parent / "keypoints" / "overground_rear_openpose"),
    ]  # fmt: skip


def rear_table(videos: Path) -> Table:
    from backstride.metrics.compute import summarise

    table = Table(
        title="Rear view: rendered runner (truth 170 steps/min, pelvic drop 9 / 4 deg) and the real rear clip"
    )
    for col in ("clip", "condition", "verdict", "read as", "cadence", "drop L / R deg"):
        table.add_column(col)
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(DEFAULT, pose=replace(DEFAULT.pose, cache_dir=Path(tmp) / "cache"))
        for name, what, make, slowmo, keypoints in rear_conditions(Path(tmp), videos):
            clip_settings = replace(settings, video=replace(settings.video, slowmo_factor=slowmo))
            try:
                clip = analyse_clip(make(Path(tmp) / f"{name}.mp4"), role="rear", settings=clip_settings,
                                    keypoints=keypoints)  # fmt: skip
            except BackstrideError as exc:
                table.add_row(name, what, "refused: " + str(exc).split(": ", 1)[1][:110], "", "", "")
                continue
            drop = summarise(clip.metrics["pelvic_drop_deg"], clip.gait.steps)
            warned = ", ".join(c.name for c in clip.quality.warned())
            table.add_row(
                name,
                what,
                clip.quality.verdict + (f" ({warned})" if warned else ""),
                clip.setting.describe() if clip.setting else "-",
                f"{clip.gait.cadence_spm:.1f}",
                " / ".join("-" if v.median is None else f"{v.median:.1f}" for v in (drop.left, drop.right)),
            )
    return table
