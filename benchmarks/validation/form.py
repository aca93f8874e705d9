"""Form metrics from projected markers against the Fukuchi 2017 3-D gait-cycle curves.

2-D and 3-D definitions differ, and the comparison says how:

* knee flexion: the 2-D hip-knee-ankle angle in the sagittal projection against the 3-D
  joint angle (flexion component) at 0 % of the cycle (contact) and its stance peak;
* thigh extension at toe-off is the thigh's angle to *vertical*; the 3-D hip angle is the
  thigh's angle to the *pelvis*. They differ by the pelvis's sagittal tilt, measured here by
  the ASIS-PSIS line (19-20 deg anterior at toe-off for RBDS001), so the 3-D counterpart is
  pelvic tilt minus hip flexion;
* the foot-strike pattern from the foot angle against the strike index recorded in RBDSinfo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from backstride.clean import clean
from backstride.events.gait import analyse_gait
from backstride.metrics.compute import compute_metrics, summarise
from backstride.metrics.side import strike_pattern
from backstride.settings import DEFAULT
from benchmarks.validation import camera, fukuchi


@dataclass(frozen=True)
class FormComparison:
    speed: str
    foot: str
    metric: str
    video_2d: float | None  # None: not measured on this foot
    reference_3d: float
    note: str

    @property
    def difference(self) -> float:
        return float("nan") if self.video_2d is None else self.video_2d - self.reference_3d


def strike_index_pattern(folder: Path, trial: str, foot: str) -> str:
    """The dataset's own foot-strike classification (from the strike index) for one foot."""
    info = pd.read_csv(folder / "RBDSinfo.txt", sep="\t")
    row = info[info["FileName"].str.startswith(trial)].iloc[0]
    return str(row[f"{foot[0].upper()}FSI{trial[-2:]}"]).lower()


def compare_trial(folder: Path, speed: str, *, fps: float = 120, seed: int = 0) -> tuple[list[FormComparison], dict]:
    trial = fukuchi.TRIALS[speed]
    markers = fukuchi.load_markers(folder, trial)
    traj = camera.project_side(markers, fps=fps, noise_leg=0.01, seed=seed)
    cleaned, report = clean(traj, settings=DEFAULT.clean)
    gait = analyse_gait(cleaned, leg_px=report.leg_length_px, settings=DEFAULT.events)
    results, _ = compute_metrics(cleaned, gait.steps, leg_px=report.leg_length_px)
    med = {k: summarise(r, gait.steps) for k, r in results.items()}
    proc = pd.read_csv(folder / "RBDS001processed.txt", sep="\t")
    tilt = _pelvic_tilt_at_toe_off(folder, trial)
    rows, patterns = [], {}
    for foot in ("left", "right"):
        s = foot[0].upper()
        knee = proc[f"{s}kneeAngZ{trial[-2:]}"].to_numpy()
        hip = proc[f"{s}hipAngZ{trial[-2:]}"].to_numpy()
        to_pct = int(
            round(
                100
                * np.median(
                    [
                        st.contact_time_s / (st.step_time_s * 2)
                        for st in gait.steps
                        if st.foot == foot and st.step_time_s
                    ]
                )
            )
        )
        rows += [
            FormComparison(
                speed,
                foot,
                "knee flexion at contact (deg)",
                med["knee_flexion_contact_deg"].foot(foot).median,
                float(knee[0]),
                "3-D knee angle at 0 % of the cycle",
            ),
            FormComparison(
                speed,
                foot,
                "peak knee flexion in stance (deg)",
                med["knee_flexion_peak_stance_deg"].foot(foot).median,
                float(knee[: to_pct + 1].max()),
                "3-D peak between 0 % and toe-off",
            ),
            FormComparison(
                speed,
                foot,
                "thigh extension at toe-off (deg)",
                med["thigh_extension_toe_off_deg"].foot(foot).median,
                float(tilt[foot] - hip[to_pct]),
                f"pelvic tilt {tilt[foot]:.1f} minus 3-D hip flexion {hip[to_pct]:.1f} at {to_pct} %",
            ),
        ]
        fsa = med["foot_strike_angle_deg"].foot(foot).median
        patterns[foot] = {
            "foot_strike_angle_deg": fsa,
            "pattern": None if fsa is None else strike_pattern(fsa),
            "strike_index_pattern": strike_index_pattern(folder, trial, foot),
        }
    return rows, patterns


def _pelvic_tilt_at_toe_off(folder: Path, trial: str) -> dict[str, float]:
    """Median anterior tilt of the ASIS-PSIS line (deg, + = ASIS lower) at each foot's toe-offs."""
    raw = fukuchi.read_raw(folder, trial)
    events = fukuchi.load_events(folder, trial)
    asis = (raw["L.ASIS"] + raw["R.ASIS"]) / 2
    psis = (raw["L.PSIS"] + raw["R.PSIS"]) / 2
    d = asis - psis
    tilt = np.degrees(np.arctan2(-d[:, 1], d[:, 0]))
    out = {}
    for foot in ("left", "right"):
        idx = (events[(events.foot == foot) & (events.event == "TO")].time_s * fukuchi.MARKER_RATE_HZ).round()
        out[foot] = float(np.nanmedian(tilt[idx.astype(int).clip(0, len(tilt) - 1)]))
    return out
