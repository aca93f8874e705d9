"""Measurement checks: are the steps found those of a runner at a steady pace?"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from backstride.core.kinds import CheckGroup
from backstride.core.trajectory import Step, Trajectory
from backstride.quality.checks import Check, graded
from backstride.quality.setting import Setting
from backstride.settings import QualitySettings

GROUP: CheckGroup = "measurement"


def step_spread_pct(step_times_s: list[float]) -> float:
    """Robust coefficient of variation of step times, %: IQR / 1.349 / median (the SD of a normal)."""
    v = np.asarray([t for t in step_times_s if t is not None and np.isfinite(t)], dtype=float)
    if len(v) < 4:
        return float("nan")
    q1, med, q3 = np.percentile(v, [25, 50, 75])
    return float(100.0 * (q3 - q1) / 1.349 / med)


def step_regularity(step_times_s: list[float], frame_interval_s: float, limits: QualitySettings) -> Check:
    """Step-time spread against what a runner at a steady pace shows, plus one frame of timing."""
    spread = step_spread_pct(step_times_s)
    med = float(np.nanmedian(step_times_s)) if len(step_times_s) else float("nan")
    frame_pct = 100.0 * frame_interval_s / med if med == med and med > 0 else 0.0
    warn, fail = limits.step_spread_warn_pct + frame_pct, limits.step_spread_fail_pct + frame_pct
    return Check(
        "step_time_spread",
        GROUP,
        spread,
        "%",
        f"<= {warn:.0f} % (refused above {fail:.0f} %)",
        graded(spread, warn=warn, fail=fail),
        "runners at a steady pace vary their stride time by 2-4 % (Meardon 2011); one frame of timing "
        f"adds {frame_pct:.0f} %",
        "the steps found are irregular: film steady running, the whole body in view, one runner",
    )


def alternation(ratio: float, limits: QualitySettings) -> Check:
    return Check(
        "left_right_alternation",
        GROUP,
        ratio,
        "share of strikes",
        f">= {limits.alternation_warn:g} (refused below {limits.alternation_fail:g})",
        graded(ratio, warn=limits.alternation_warn, fail=limits.alternation_fail, higher_is_worse=False),
        "running strikes alternate left, right, left: a repeated foot is a missed or invented step",
        "a leg was hidden or the legs were confused: film from the side with both legs in view",
    )


def repaired_share(n_repaired: int, n_frames: int, limits: QualitySettings) -> Check:
    share = n_repaired / n_frames if n_frames else float("nan")
    return Check(
        "frames_repaired",
        GROUP,
        share,
        "share of frames",
        f"<= {limits.repaired_warn_share:g} (refused above {limits.repaired_fail_share:g})",
        graded(share, warn=limits.repaired_warn_share, fail=limits.repaired_fail_share),
        "leg swaps and glitches are repaired from the frames around them; a clip that is mostly "
        "repaired is mostly guessed",
        "better light, a plain background and clothes that contrast with it help the pose model",
    )


def far_leg(visibility: dict[str, float], setting: Setting | None = None) -> Check:
    worst = min((v for v in visibility.values() if v == v), default=float("nan"))
    treadmill = setting is None or setting.treadmill
    return Check(
        "leg_visibility",
        GROUP,
        worst,
        "pose visibility",
        ">= 0.6",
        graded(worst, warn=0.6, higher_is_worse=False),
        "below 0.6 the pose model is guessing the leg's joints (the far leg of a side view is often hidden)",
        "keep the treadmill console and other objects from hiding the legs"
        if treadmill
        else "keep other people, posts and parked cars from passing between the camera and the legs",
    )


def cycles(per_foot: dict[str, int]) -> Check:
    n = min(per_foot.values()) if per_foot else 0
    return Check(
        "cycles_per_foot",
        GROUP,
        float(n),
        "cycles",
        ">= 4 (2 at least)",
        graded(n, warn=4, fail=2, higher_is_worse=False) if n < 4 else "ok",
        "medians of fewer than 4 cycles move with a single step; 2 is the least that gives one",
        "film 10 s or more of steady running",
    )


def cadence_after_factor(cadence_spm: float, factor: float, limits: QualitySettings) -> Check:
    """A sprint's cadence reached through a slow-motion factor: every time of a clip scales alike
    with its factor, so a factor too large turns a jog into a "sprint" that nothing else gives away
    (its duty factor stays; real sprint starts at 228-271 steps/min show 37-43 % too, so the
    contacts cannot tell). Said, with the factor, rather than accepted silently."""
    applies = factor > 1.0 and cadence_spm == cadence_spm
    odd = applies and cadence_spm > limits.sprint_cadence_spm
    usual = max(1, round(factor * limits.usual_cadence_spm / cadence_spm)) if applies else 0
    return Check(
        "cadence_after_slow_motion",
        GROUP,
        cadence_spm if applies else None,
        "steps/min",
        f"<= {limits.sprint_cadence_spm:g} after a slow-motion factor",
        ("warn" if odd else "ok") if applies else "not measured",
        f"{cadence_spm:.0f} steps/min after the {factor:g}x slow-motion factor is a sprint's cadence"
        if odd
        else "a slow-motion factor that fits gives a runner's usual cadence",
        f"if this was not a sprint, the factor is too large: {usual}x would give about "
        f"{cadence_spm * usual / factor:.0f} steps/min"
        if odd
        else "",
    )


def overlapping_contacts(flight_times_s: list[float | None], frame_interval_s: float, running: bool) -> Check:
    """Share of steps whose contact overlaps the next (a negative flight beyond one frame): in
    running, that is a timing error, not double support."""
    v = [f for f in flight_times_s if f is not None]
    share = float(np.mean([f < -frame_interval_s for f in v])) if v and running else float("nan")
    return Check(
        "overlapping_contacts",
        GROUP,
        share,
        "share of steps",
        "<= 0.1 in running (refused above 0.3)",
        graded(share, warn=0.1, fail=0.3) if running else "not measured",
        "a runner has no double support: one foot leaves before the other lands",
        "the contacts could not be timed: film at a higher frame rate, from the side",
    )


def pelvis_low_s(traj: Trajectory, from_s: float, to_s: float) -> float | None:
    """When the pelvis is lowest between two times (image y down: the hips' largest y, the
    window's own drift taken out), between frames; None without enough frames."""
    t = traj.time_s
    pelvis_y = (traj.point("left_hip")[:, 1] + traj.point("right_hip")[:, 1]) / 2
    i = np.flatnonzero((t >= from_s) & (t <= to_s) & np.isfinite(pelvis_y))
    if len(i) < 4:
        return None
    y = pelvis_y[i] - np.interp(t[i], t[i[[0, -1]]], pelvis_y[i[[0, -1]]])
    return _peak_time(t[i], y)


def pelvis_low_offset(traj: Trajectory, steps: Sequence[Step]) -> float:
    """Median over steps of when the pelvis is lowest, after the middle of the contact, as a
    share of the step time.

    A runner's pelvis is lowest near midstance: through the same rear-view detector, Fukuchi
    RBDS001's projected markers give medians of +0.01 to +0.07.
    """
    out = []
    for s in steps:
        lowest_s = None if s.next_strike_s is None else pelvis_low_s(traj, s.strike_s, s.next_strike_s)
        if lowest_s is not None and s.step_time_s is not None:
            out.append((lowest_s - (s.strike_s + s.toe_off_s) / 2) / s.step_time_s)
    return float(np.median(out)) if out else float("nan")


def _peak_time(t: np.ndarray, y: np.ndarray) -> float:
    """When ``y`` peaks, between frames: a parabola through the peak and its two neighbours."""
    k = int(np.argmax(y))
    if 0 < k < len(y) - 1:
        a, b, c = y[k - 1], y[k], y[k + 1]
        denominator = a - 2 * b + c
        if denominator < 0:
            return float(t[k] + 0.5 * (a - c) / denominator * (t[k + 1] - t[k]))
    return float(t[k])


def contact_timing_rear(
    offset_share: float, limits: QualitySettings, *, placed: bool = False, setting: Setting | None = None
) -> Check:
    """A rear view's contacts against the pelvis: from behind, a foot in stance on a treadmill
    slides towards a lens above the belt and keeps dropping in the picture, so contact is read
    late (synthetic runner, lens 1 m high 3 m behind: strikes 141 ms late, offset -0.19); a lens
    below the belt sees the foot rise instead and reads toe-off early. Overground, a runner moving
    away rises in the picture as they shrink, a drift the detector takes out only per stride."""
    value = abs(offset_share) if offset_share == offset_share and not placed else float("nan")
    why, advice = _rear_timing_words(setting)
    if placed:
        why = (
            "not a check here: the steps found without the model's foot labels were placed at the pelvis's lowest point"
        )
    return Check(
        "contact_timing_rear",
        GROUP,
        value,
        "share of a step",
        f"<= {limits.rear_pelvis_offset_warn:g} (refused above {limits.rear_pelvis_offset_fail:g})",
        graded(value, warn=limits.rear_pelvis_offset_warn, fail=limits.rear_pelvis_offset_fail),
        why,
        advice,
    )


#: How to film a runner whose distance to a camera standing still changes (see _rear_timing_words).
CHANGING_DISTANCE_ADVICE = (
    "film from behind at a fixed distance: a friend following 3-5 m behind with the phone at hip "
    "height, or run on a treadmill with the phone level with the belt; a camera standing still "
    "sees too few steps before the runner is small"
)


def _rear_timing_words(setting: Setting | None) -> tuple[str, str]:
    """Why mistimed rear contacts matter and how to film again, for the setting read from the clip."""
    base = "the pelvis is lowest near the middle of each contact; contacts found this far from it are mistimed"
    if setting is None or setting.treadmill:
        return (
            f"{base} (on a treadmill, feet that drift up or down the picture while on the ground: "
            "the lens is above or below the belt)",
            "film the rear view with the lens level with the belt (the phone on a low stand behind the "
            "treadmill), level, 3-5 m behind",
        )
    if setting.distance in ("moving away", "coming closer"):
        return (
            f"{base} (the runner's distance changed through the clip: each landing sits higher in the "
            "picture than the last and the runner is smaller in it)",
            CHANGING_DISTANCE_ADVICE,
        )
    return (
        f"{base} (a camera that follows bobs and tilts with each of its own steps)",
        "the person following should hold the phone steady at the runner's hip height, 3-5 m behind, "
        "and walk or cycle smoothly; or film on a treadmill with the phone level with the belt",
    )
