"""Accuracy of the project's own event detection against force-plate events.

The markers are projected to what a side camera sees, resampled to a video frame rate, given
Gaussian keypoint noise of a share of leg length, cleaned and run through the same code as a
video. Truth events within ``EDGE_S`` of either end are left out (a clip's first and last
contacts are cut).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from backstride.clean import clean
from backstride.core.trajectory import Trajectory
from backstride.events import detect_events
from backstride.settings import DEFAULT, Settings
from benchmarks.validation import camera, footnet, fukuchi
from benchmarks.validation.score import EventScore, contact_time_bias_ms, score_events

EDGE_S = 0.3
FRAME_RATES_HZ = (30, 60, 120, 240)
NOISE_LEG = 0.01  # 1 % of leg length, about what a pose model adds on a clean clip


@dataclass(frozen=True)
class TrialResult:
    dataset: str
    trial: str
    view: str
    fps: float
    strike: EventScore
    toe_off: EventScore
    contact_bias_ms: float


def run_trial(
    markers: camera.MarkerSet,
    truth: pd.DataFrame,
    *,
    fps: float,
    noise_leg: float = NOISE_LEG,
    seed: int = 0,
    settings: Settings = DEFAULT,
    rear: bool = False,
) -> tuple[EventScore, EventScore, float]:
    cleaned, leg_px, span = prepared(markers, fps=fps, noise_leg=noise_leg, seed=seed, settings=settings, rear=rear)
    feet = tuple(sorted(set(truth.foot)))
    found = detect_events(cleaned, leg_px=leg_px, settings=settings.events, feet=feet)
    ic, to = score_events(truth, found, span_s=span)
    return ic, to, contact_time_bias_ms(truth, found)


def prepared(
    markers: camera.MarkerSet,
    *,
    fps: float,
    noise_leg: float = NOISE_LEG,
    seed: int = 0,
    settings: Settings = DEFAULT,
    rear: bool = False,
) -> tuple[Trajectory, float, tuple[float, float]]:
    """The markers as a camera sees them, cleaned; their leg length (px); the span scored."""
    traj = camera.project_side(markers, fps=fps, noise_leg=noise_leg, seed=seed, rear=rear)
    cleaned, report = clean(traj, settings=settings.clean)
    return cleaned, report.leg_length_px, (float(traj.time_s[0]) + EDGE_S, float(traj.time_s[-1]) - EDGE_S)


def fukuchi_results(folder: Path, fps_list=FRAME_RATES_HZ, seed: int = 0, rear: bool = False) -> list[TrialResult]:
    out = []
    for speed, trial in fukuchi.TRIALS.items():
        markers, truth = fukuchi.load_markers(folder, trial), fukuchi.load_events(folder, trial)
        for fps in fps_list:
            ic, to, ct = run_trial(markers, truth, fps=fps, seed=seed, rear=rear)
            out.append(TrialResult("fukuchi_rbds001", speed, "rear" if rear else "side", fps, ic, to, ct))
    return out


def footnet_results(path: Path, fps_list=FRAME_RATES_HZ, seed: int = 0) -> list[TrialResult]:
    out = []
    per_foot = footnet.load(path)
    for fps in fps_list:
        scores = [run_trial(m, t, fps=fps, seed=seed) for m, t in per_foot.values()]
        out.append(
            TrialResult(
                "footnet_example",
                "4.5 m/s",
                "side",
                fps,
                _pool([s[0] for s in scores]),
                _pool([s[1] for s in scores]),
                sum(s[2] for s in scores) / len(scores),
            )
        )
    return out


def _pool(scores: list[EventScore]) -> EventScore:
    n = sum(s.n_matched for s in scores)
    mean = lambda attr: sum(getattr(s, attr) * s.n_matched for s in scores) / max(n, 1)  # noqa: E731
    return EventScore(
        scores[0].event,
        sum(s.n_true for s in scores),
        n,
        sum(s.n_missed for s in scores),
        sum(s.n_extra for s in scores),
        mean("mae_ms"),
        mean("bias_ms"),
    )
