"""Put a clip's checks together into its :class:`~backstride.quality.checks.Quality`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backstride.core.trajectory import Trajectory
from backstride.quality import capture, measurement
from backstride.quality.checks import Check, Quality
from backstride.quality.setting import Setting
from backstride.quality.slowmo import TimeScale
from backstride.settings import QualitySettings

if TYPE_CHECKING:
    from backstride.events.gait import GaitResult


@dataclass(frozen=True)
class CaptureFacts:
    """What the capture checks read, gathered by the pipeline."""

    width: int
    height: int
    scale: TimeScale
    roll_deg: float | None
    roll_how: str
    shoulder_ratio: float
    n_tracks: int
    n_glitch_frames: int
    extra: tuple[Check, ...] = ()  # checks from the frame scan (camera motion, cuts, blur)
    framing: Check | None = None  # whole body in frame, measured in the image before a pan was removed
    setting: Setting | None = None  # treadmill or overground, how far the camera was: the advice fits it
    oblique_deg: float | None = None  # the ground line against the room's verticals (level.Levelled)


def assess(
    traj: Trajectory,
    gait: GaitResult,
    facts: CaptureFacts,
    *,
    repaired_frames: int,
    limits: QualitySettings,
    used_s: tuple[float, float] | None = None,
    left_out: tuple[str, ...] = (),
    placed_contacts: bool = False,
) -> Quality:
    """Every capture and measurement check of an analysed clip (``placed_contacts``: the rear
    steps were placed at the pelvis's lowest point, so their timing is not checked against it)."""
    steps = gait.steps
    dt = gait.frame_interval_s
    checks = [
        capture.frame_rate(traj.sample_rate_hz, facts.scale),
        capture.runner_height_px(traj, limits)[0],
        facts.framing or capture.whole_body(traj, facts.width, facts.height, limits),
        capture.camera_roll(facts.roll_deg, facts.roll_how, limits),
        capture.camera_oblique(facts.oblique_deg, limits),
        capture.camera_square(capture.size_change(traj), facts.shoulder_ratio, traj.view.is_side, limits),
        capture.one_person(facts.n_tracks, facts.n_glitch_frames),
        *facts.extra,
        measurement.step_regularity([s.step_time_s for s in steps if s.step_time_s is not None], dt, limits),
        measurement.alternation(gait.alternation, limits),
        measurement.repaired_share(repaired_frames, traj.n_frames, limits),
        measurement.far_leg(dict(gait.leg_visibility), facts.setting),
        measurement.cycles(gait.cycles),
        measurement.overlapping_contacts([s.flight_time_s for s in steps], dt, gait.gait == "running"),
        measurement.cadence_after_factor(gait.cadence_spm, facts.scale.factor, limits),
    ]
    if traj.view.is_frontal_plane:
        offset = measurement.pelvis_low_offset(traj, steps)
        checks.append(measurement.contact_timing_rear(offset, limits, placed=placed_contacts, setting=facts.setting))
    return Quality(tuple(checks), used_s, left_out)


def refusal(quality: Quality, path: Path | str, setting: Setting | None = None) -> str:
    """The one-line reason a clip is refused: every failed check with its figure, why it matters
    and what to do; the setting read from the clip, which the advice fits."""
    bad = quality.failed()
    what = "; ".join(f"{c.text()}: {c.why}" + (f"; {c.advice}" if c.advice else "") for c in bad)
    seen = f" (read as {setting.describe()})" if setting is not None else ""
    advice = measurement.CHANGING_DISTANCE_ADVICE  # whichever check refused it, filming again must fix this
    if setting is not None and setting.distance in ("moving away", "coming closer") and advice not in what:
        what += f"; the runner's distance changed through the clip: {advice}"
    return f"{path}: cannot be measured{seen}: {what}"
