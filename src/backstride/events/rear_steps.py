"""A rear clip whose labelled steps fail, measured from the steps found without the labels.

From behind the pose model can label crossed feet by the side of the image they are on, so each
labelled foot's events fall out of rhythm and the measurement check refuses the clip. When the
feet were told apart without the labels (:mod:`backstride.metrics.crossover`, with the tape over
the PSIS), each contact becomes a step: its foot from the alternation, its middle at the pelvis's
lowest point within half a step of the foot's plateau (the pelvis is lowest at midstance; the
plateau's middle ran 40-90 ms early on the synthetic crossover), its contact assumed to last
``ASSUMED_DUTY`` of a stride around that middle (from behind contact times are not reported
anyway; the pelvic drop's peak lies mid-contact, and its reference is the flight before). The
metrics that read a labelled leg's keypoints (step width from the ankle, knee alignment) are not
measured then: the label-free step width replaces the first.
"""

from __future__ import annotations

from collections.abc import Callable

from backstride.core.trajectory import FEET, GaitEvents, Trajectory, View
from backstride.errors import TooFewCyclesError
from backstride.events.gait import GaitResult, gait_from_events
from backstride.metrics.compute import MetricResult, compute_metrics
from backstride.metrics.crossover import Crossover, label_free_crossover
from backstride.quality import Quality
from backstride.quality.measurement import pelvis_low_s
from backstride.settings import QualitySettings, Settings

ASSUMED_DUTY = 0.36  # of a stride: a typical running contact (~250 ms at 170 steps/min)
LABELLED_LEG_METRICS = ("step_width_pct_pelvis", "knee_frontal_projection_deg")
RESCUE_WARNING = (
    "steps from behind were found without the pose model's left and right (it mislabelled the feet, "
    "which broke their rhythm): step width is the label-free one; knee alignment is not measured"
)


def events_from_contacts(c: Crossover, traj: Trajectory) -> dict[str, GaitEvents]:
    half = ASSUMED_DUTY * c.step_period_s  # half of a contact lasting ASSUMED_DUTY of a stride (two steps)
    out = {}
    for foot in FEET:
        mids = [_middle(traj, k.time_s, c.step_period_s) for k in c.contacts if k.foot == foot]
        out[foot] = GaitEvents(foot, tuple(m - half for m in mids), tuple(m + half for m in mids))
    return out


def _middle(traj: Trajectory, plateau_s: float, step_s: float) -> float:
    lowest = pelvis_low_s(traj, plateau_s - step_s / 2, plateau_s + step_s / 2)
    return plateau_s if lowest is None else lowest


def label_free(
    raw: Trajectory,
    cleaned: Trajectory,
    view: View,
    gait: str,
    labels_broken: bool = False,
    running_spm: tuple[float, float] = QualitySettings.running_cadence_spm,
) -> Crossover | None:
    """Label-free step width on the keypoints before smoothing (a low-pass filter would round off
    the stance foot's step from one side to the other), over the analysed seconds. Read for a
    runner, and for a clip read as walking whose labelled strikes do not alternate: mislabelled
    crossed feet overlap their contacts, which reads as walking (the synthetic crossover on one
    machine's pose kernels), so that verdict rests on the broken labels; then only at a running
    cadence (``running_spm``), so that a walker is never measured as a runner."""
    if view.is_side or (gait != "running" and not labels_broken):
        return None
    found = label_free_crossover(raw.with_(view=view).slice_time(float(cleaned.time_s[0]), float(cleaned.time_s[-1])))
    return found if gait == "running" else at_running_cadence(found, running_spm)


def at_running_cadence(c: Crossover | None, running_spm: tuple[float, float]) -> Crossover | None:
    """``c`` where its steps come at a running cadence, else None."""
    if c is None or c.step_period_s <= 0:
        return None
    return c if running_spm[0] <= 60.0 / c.step_period_s <= running_spm[1] else None


Measured = tuple[GaitResult, dict[str, MetricResult], Quality]


def rescue(
    labelled: Measured,
    check: Callable[..., Quality],
    cleaned: Trajectory,
    c: Crossover | None,
    leg_px: float,
    settings: Settings,
) -> tuple[GaitResult, dict[str, MetricResult], Quality, list[str]]:
    """When the labelled steps fail the measurement check and the feet were told apart without
    labels: the gait, metrics and quality from the label-free contacts if those pass, with the
    warning that says so; else the labelled ones unchanged."""
    if c is None or not labelled[2].failed():
        return (*labelled, [])
    try:
        gait = gait_from_events(cleaned, events_from_contacts(c, cleaned), leg_px, settings.events)
    except TooFewCyclesError:
        return (*labelled, [])
    found = check(gait, placed_contacts=True)
    if found.failed():
        return (*labelled, [])
    metrics, _ = compute_metrics(cleaned, gait.steps, leg_px=leg_px)
    return gait, without_labelled_legs(metrics), found, [RESCUE_WARNING]


def without_labelled_legs(metrics: dict[str, MetricResult]) -> dict[str, MetricResult]:
    """The metrics that read a labelled leg's keypoints, as not measured with the reason."""
    why = "the pose model's foot labels are unreliable in this clip (see the label-free step width)"
    return {
        name: r
        if name not in LABELLED_LEG_METRICS
        else MetricResult(r.spec, tuple(None for _ in r.values), tuple(why for _ in r.values))
        for name, r in metrics.items()
    }


def crossing_hint(c: Crossover | None) -> str:
    """Said with a refused rear clip whose feet cross the midline: the pose model mislabels crossed
    feet, which is what broke the step rhythm; the label-free step width is still given."""
    if c is None or c.crossing_pct() < 50:
        return ""
    w = c.per_foot()
    return (
        f". Your feet cross the midline on {c.crossing_pct():.0f} % of steps (read without the pose model's left "
        f"and right: left {w['left']:+.0f} / right {w['right']:+.0f} % of hip width): from behind the pose model "
        "labels crossed feet wrongly, which breaks its step rhythm; film from the side for the other measures"
    )
