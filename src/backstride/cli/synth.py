"""The ``synth`` command: render a synthetic runner with chosen kinematics, camera and size."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backstride.cli.common import console, fail, progress
from backstride.errors import BackstrideError

#: A phone's main camera has a 26 mm-equivalent lens (36 mm frame width): along a 1280-px long
#: side that is 1280 x 26 / 36 = 924 px of focal length, so 1.65 m away it shows 560 px per
#: metre (the renderer's default).
FOCAL_PX_PER_1280 = 1280 * 26 / 36


def parse_asymmetry(text: str) -> dict[str, dict[str, float]]:
    """``"right.overstride_m=0.35,left.pelvic_drop_deg=9"`` -> per-leg overrides."""
    from backstride.synth.model import LEGS, PER_LEG

    out: dict[str, dict[str, float]] = {}
    for item in filter(None, (x.strip() for x in text.split(","))):
        try:
            key, value = item.split("=")
            leg, name = key.strip().split(".")
            number = float(value)
        except ValueError:
            raise ValueError(f"--asymmetry: {item!r} is not leg.parameter=value") from None
        if leg not in LEGS or name not in PER_LEG:
            raise ValueError(f"--asymmetry: {key.strip()!r} is not a per-leg parameter")
        out.setdefault(leg, {})[name] = number
    return out


def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder for the clip and its truth JSON.")] = Path("synthetic"),
    view: Annotated[str, typer.Option("--view", help="side-left, side-right or rear.")] = "side-left",
    fps: Annotated[float, typer.Option("--fps", min=10, max=480, help="Frames a second of the clip.")] = 60.0,
    seconds: Annotated[float, typer.Option("--seconds", min=1, max=60, help="Length of the clip, s.")] = 6.0,
    width: Annotated[int, typer.Option("--width", min=64, max=3840, help="Frame width, px (even).")] = 720,
    height: Annotated[int, typer.Option("--height", min=64, max=3840, help="Frame height, px (even).")] = 1280,
    distance_m: Annotated[
        float, typer.Option("--distance-m", min=0.8, max=20, help="Camera distance (sets the runner's size).")
    ] = 1.65,
    tilt_deg: Annotated[float, typer.Option("--tilt-deg", min=-15, max=15, help="Camera roll.")] = 0.0,
    overground: Annotated[
        bool, typer.Option("--overground", help="Run past a static camera instead of on a treadmill.")
    ] = False,
    cadence_spm: Annotated[
        float, typer.Option("--cadence-spm", min=120, max=230, help="Steps a minute (both feet).")
    ] = 170.0,
    speed_ms: Annotated[float, typer.Option("--speed-ms", min=1.5, max=8, help="Running speed, m/s.")] = 3.0,
    duty_factor: Annotated[
        float, typer.Option("--duty-factor", min=0.2, max=0.5, help="Share of a stride each foot is on the ground.")
    ] = 0.36,
    overstride_m: Annotated[
        float, typer.Option("--overstride-m", min=-0.1, max=0.5, help="How far ahead of the hip the foot lands, m.")
    ] = 0.25,
    foot_strike_angle_deg: Annotated[
        float,
        typer.Option(
            "--foot-strike-angle-deg",
            min=-20,
            max=35,
            help="Foot's angle to the ground at contact, deg (positive: heel first).",
        ),
    ] = 15.0,
    knee_flexion_contact_deg: Annotated[
        float, typer.Option("--knee-flexion-contact-deg", min=0, max=40, help="Knee bend at contact, deg.")
    ] = 15.0,
    knee_flexion_peak_deg: Annotated[
        float, typer.Option("--knee-flexion-peak-deg", min=20, max=70, help="Knee bend at its stance peak, deg.")
    ] = 40.0,
    trunk_lean_deg: Annotated[
        float, typer.Option("--trunk-lean-deg", min=-10, max=30, help="Forward lean of the trunk, deg.")
    ] = 6.0,
    pelvic_drop_deg: Annotated[
        float,
        typer.Option(
            "--pelvic-drop-deg", min=0, max=15, help="Drop of the pelvis on the swing side, deg (seen from behind)."
        ),
    ] = 4.0,
    step_width_m: Annotated[
        float, typer.Option("--step-width-m", min=-0.1, max=0.3, help="Negative: the feet cross the midline.")
    ] = 0.08,
    asymmetry: Annotated[
        str,
        typer.Option("--asymmetry", help="Per-leg overrides, e.g. 'right.overstride_m=0.35,left.pelvic_drop_deg=9'."),
    ] = "",
    pelvis_markers: Annotated[
        bool,
        typer.Option("--pelvis-markers", help="Tape on both PSIS (drawn in a rear view), as the filming guide asks."),
    ] = False,
) -> None:
    """Render a synthetic runner with known kinematics (clip + truth JSON)."""
    from backstride.app.output import check_writable
    from backstride.synth.clip import render_clip
    from backstride.synth.model import RunnerParams
    from backstride.synth.render import Camera

    try:
        if view not in ("side-left", "side-right", "rear"):
            raise ValueError(f"--view must be side-left, side-right or rear, not {view!r}")
        params = RunnerParams(
            cadence_spm=cadence_spm,
            duty_factor=duty_factor,
            speed_ms=speed_ms,
            overstride_m=overstride_m,
            knee_flexion_contact_deg=knee_flexion_contact_deg,
            knee_flexion_peak_deg=knee_flexion_peak_deg,
            foot_strike_angle_deg=foot_strike_angle_deg,
            trunk_lean_deg=trunk_lean_deg,
            pelvic_drop_deg=pelvic_drop_deg,
            step_width_m=step_width_m,
            overground=overground,
            asymmetry=parse_asymmetry(asymmetry),
            pelvis_markers=pelvis_markers,
        )
        px_per_m = FOCAL_PX_PER_1280 * max(width, height) / 1280 / distance_m
        camera = Camera(view, width=width, height=height, px_per_m=px_per_m, tilt_deg=tilt_deg)
        check_writable(Path(out))  # before the clip is rendered
    except (ValueError, BackstrideError) as exc:
        raise fail(exc) from None
    clip = Path(out) / f"runner_{view}_{fps:g}fps.mp4"
    n = int(round(seconds * fps))
    with progress() as bar:
        task = bar.add_task("render", total=n, clip=f"render: {clip.name}")
        truth = render_clip(
            params, camera, clip, fps=fps, duration_s=seconds, progress=lambda i: bar.update(task, completed=i)
        )
    console.print(f"wrote {clip} and {truth}")
