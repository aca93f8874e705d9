"""The built-in sample: a synthetic runner with known faults, rendered, analysed, compared.

Side clip: an overstriding rearfoot striker. Rear clip: the same runner with more pelvic
drop when standing on the left leg (the right hip drops), with tape over both PSIS. Nothing outside the repository is
needed. The summary is printed beside the truth the generator put in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera
from backstride.triage.questionnaire import OtherCauses, RedFlags
from backstride.triage.sources import ASAS_ITEMS

DEMO_PARAMS = RunnerParams(
    cadence_spm=164.0,
    overstride_m=0.32,
    foot_strike_angle_deg=18.0,
    knee_flexion_contact_deg=10.0,
    pelvic_drop_deg=4.0,
    asymmetry={"left": {"pelvic_drop_deg": 9.0}},
    pelvis_markers=True,  # tape over both PSIS, as the filming guide asks
)
#: The demo's questionnaire: a runner whose one-sided pain below the back of the pelvis goes with
#: the faults put into the clips (overstriding; the right hip dropping on left-leg stance).
DEMO_ANSWERS = {
    "person": {"age": 38, "sex": "female", "height_cm": round(DEMO_PARAMS.height_m * 100), "weight_kg": 62},
    "running": {
        "years_running": 5,
        "weekly_km_now": 35,
        "weekly_km_4_weeks_ago": 30,
        "longest_run_last_30_days_km": 14,
        "longest_run_last_week_km": 12,
        "recent_changes": ["shoes"],
    },
    "pain": {
        "has_pain": True,
        "locations": ["below_and_inside_pelvis_bony_point", "buttock"],
        "side": "left",
        "duration": "subacute_6_to_12_weeks",
        "when": ["during_running", "next_day"],
        "worse_with": ["running", "rising_from_sitting"],
        "better_with": ["walking"],
        "centralises_with_repeated_movement": "unknown",
        "night_pain": "no",
    },
    "red_flags": {k: "no" for k in RedFlags.model_fields},
    # every question beyond the spine the form asks a 38-year-old woman with this pain, answered "no"
    # (the aneurysm risk factors are not asked at her age with low back pain)
    "other_causes": {k: "no" for k in OtherCauses.model_fields},
    "inflammatory": {k: "no" for k in ASAS_ITEMS},
    "shoe_wear": {"left": "outer_heel", "right": "outer_heel"},
}
DEMO_FPS = 60.0
DEMO_SECONDS = 6.0
CLIPS = (("side", Camera("side-left")), ("rear", Camera("rear")))


def render_demo(folder: Path, progress: Callable[[str, int, int], None] | None = None) -> dict[str, Path]:
    """Render the two demo clips (and truth files) into ``folder``; returns clip paths by role."""
    from backstride.synth.clip import render_clip

    n = int(round(DEMO_SECONDS * DEMO_FPS))
    out = {}
    for role, cam in CLIPS:
        clip = Path(folder) / f"demo_{role}_{cam.view}_{DEMO_FPS:g}fps.mp4"
        render_clip(
            DEMO_PARAMS,
            cam,
            clip,
            fps=DEMO_FPS,
            duration_s=DEMO_SECONDS,
            progress=(lambda i, r=role: progress(r, i, n)) if progress else None,
        )
        out[role] = clip
    return out


SIDE_ROWS = (
    "foot_strike_angle_deg",
    "overstride_pct_leg",
    "shank_angle_deg",
    "knee_flexion_contact_deg",
    "knee_flexion_peak_stance_deg",
    "thigh_extension_toe_off_deg",
    "trunk_lean_deg",
    "vertical_oscillation_pct_leg",
)
REAR_ROWS = ("pelvic_drop_deg", "step_width_pct_pelvis")


#: The accuracy the synthetic runner is held to (the issue's targets at 60 fps); other rows have none.
TARGETS = {
    "cadence (steps/min)": 1.0,
    "foot_strike_angle_deg": 3.0,
    "knee_flexion_contact_deg": 5.0,
    "knee_flexion_peak_stance_deg": 5.0,
    "trunk_lean_deg": 3.0,
    "pelvic_drop_deg": 1.5,  # through the PSIS markers (the rear-view issue's target)
    "step_width_label_free": 5.0,  # % of hip width, without the model's foot labels (the same issue)
}


def verdict(name: str, measured: list[float | None], true: list[float]) -> str:
    """Whether every foot's value is within the target for ``name``, with the largest error."""
    errors = [abs(m - t) for m, t in zip(measured, true) if m is not None]
    if len(errors) < len(true):
        return "not measured"
    worst = max(errors)
    if name not in TARGETS:
        return f"{worst:.1f} off"
    target = TARGETS[name]
    if worst <= target:
        return f"yes ({worst:.1f} <= {target:g})"
    return f"NO ({worst:.1f} > {target:g}): {miss_reason(name, worst)}"


#: How far the pose model's side-view angles are from another model's on real footage: mediapipe
#: against RTMPose on the real treadmill clip, at the same contacts (tests/realdata/test_side_rtmpose.py):
#: up to 6 deg on the leg the camera sees (the test's bound: 8), up to 13 deg on the far leg.
POSE_MODEL_SPREAD_DEG = 8.0


def miss_reason(name: str, worst: float) -> str:
    """Why a demo row missed its target: within the metric's measurement error, or within how far the
    pose model's side-view angles are from another model's on real footage; else not explained."""
    from backstride.metrics.compute import REGISTRY

    spec = REGISTRY.get(name)
    if spec is None:
        return "no stated measurement error"
    if worst <= spec.measurement_error:
        return f"within the measurement error, +/-{spec.measurement_error:g} {spec.unit} ({spec.error_source})"
    if spec.view == "side" and spec.unit == "deg" and worst <= POSE_MODEL_SPREAD_DEG:
        return (f"within the pose model's measured error on real footage (mediapipe against RTMPose, the leg the "
                f"camera sees: up to {POSE_MODEL_SPREAD_DEG:g} deg)")  # fmt: skip
    return f"beyond the measurement error, +/-{spec.measurement_error:g} {spec.unit} ({spec.error_source})"


def truth_rows(analysed: list, truth: dict[str, dict]) -> list[tuple[str, str, str, str]]:
    """(quantity, measured left / right, truth left / right, within target?) for the demo's table;
    a row with only a quantity heads the next clip's rows."""
    from backstride.app.output import metric_summary
    from backstride.metrics.compute import REGISTRY, format_feet
    from backstride.metrics.spatiotemporal import TIMINGS

    by_role = {c.role: c for c in analysed}
    side = by_role["side"]
    cadence = "cadence (steps/min)"
    rows = [
        ("side clip", "", "", ""),
        (
            TIMINGS["cadence_spm"].title,
            f"{side.gait.cadence_spm:.1f}",
            f"{truth['side']['cadence_spm']:.1f}",
            verdict(cadence, [side.gait.cadence_spm], [truth["side"]["cadence_spm"]]),
        ),
    ]
    ct = [side.gait.per_foot[f]["contact_time_ms"] for f in ("left", "right")]
    rows.append(
        (
            TIMINGS["contact_time_ms"].title,
            " / ".join(f"{c.median:.0f}" if c else "n/a" for c in ct),
            f"{truth['side']['contact_time_ms']:.0f}",
            verdict("contact_time_ms", [c.median if c else None for c in ct], [truth["side"]["contact_time_ms"]] * 2),
        )
    )
    for role, names in (("side", SIDE_ROWS), ("rear", REAR_ROWS)):
        if role not in by_role:  # refused: its reason was printed with the verdicts
            continue
        clip, steps = by_role[role], truth[role]["steps"]
        if role != "side":
            rows.append((f"{role} clip", "", "", ""))
        for name in names:
            s = metric_summary(clip, clip.metrics[name])
            true = [float(np.mean([x[name] for x in steps if x["foot"] == f])) for f in ("left", "right")]
            measured = [s.foot(f).median for f in ("left", "right")]
            label_free = name == "step_width_pct_pelvis" and clip.crossover is not None
            rows.append(
                (
                    REGISTRY[name].title + (", read without labels" if label_free else ""),
                    " / ".join(format_feet(s)),
                    " / ".join(f"{v:.1f}" for v in true),
                    verdict("step_width_label_free" if label_free else name, measured, true),
                )
            )
    return rows
