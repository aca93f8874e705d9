"""The built-in sample: a synthetic runner with known faults, rendered, analysed, compared.

Side clip: an overstriding rearfoot striker. Rear clip: the same runner with more pelvic
drop when standing on the left leg (the right hip drops). Nothing outside the repository is
needed. The summary is printed beside the truth the generator put in.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from backstride.synth.model import RunnerParams
from backstride.synth.render import Camera

DEMO_PARAMS = RunnerParams(
    cadence_spm=164.0, overstride_m=0.32, foot_strike_angle_deg=18.0, knee_flexion_contact_deg=10.0,
    pelvic_drop_deg=4.0, asymmetry={"left": {"pelvic_drop_deg": 9.0}},
)
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
        render_clip(DEMO_PARAMS, cam, clip, fps=DEMO_FPS, duration_s=DEMO_SECONDS,
                    progress=(lambda i, r=role: progress(r, i, n)) if progress else None)
        out[role] = clip
    return out


SIDE_ROWS = ("foot_strike_angle_deg", "overstride_pct_leg", "shank_angle_deg", "knee_flexion_contact_deg",
             "knee_flexion_peak_stance_deg", "thigh_extension_toe_off_deg", "trunk_lean_deg",
             "vertical_oscillation_pct_leg")
REAR_ROWS = ("pelvic_drop_deg", "step_width_pct_pelvis")


def truth_rows(analysed: list, truth: dict[str, dict]) -> list[tuple[str, str, str]]:
    """(quantity, measured left / right, truth left / right) for the demo's summary table."""
    from backstride.metrics.compute import format_feet, summarise

    by_role = {c.role: c for c in analysed}
    side = by_role["side"]
    rows = [("cadence (steps/min)", f"{side.gait.cadence_spm:.1f}", f"{truth['side']['cadence_spm']:.1f}")]
    ct = [side.gait.per_foot[f]["contact_time_ms"] for f in ("left", "right")]
    rows.append(("contact time (ms)", " / ".join(f"{c.median:.0f}" if c else "n/a" for c in ct),
                 f"{truth['side']['contact_time_ms']:.0f}"))
    for role, names in (("side", SIDE_ROWS), ("rear", REAR_ROWS)):
        clip, steps = by_role[role], truth[role]["steps"]
        for name in names:
            s = summarise(clip.metrics[name], clip.gait.steps)
            measured = " / ".join(format_feet(s))
            true = " / ".join(f"{np.mean([x[name] for x in steps if x['foot'] == f]):.1f}" for f in ("left", "right"))
            rows.append((f"{name} ({role})", measured, true))
    return rows
