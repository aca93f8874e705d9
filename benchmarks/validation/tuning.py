"""Tune the side-view detector's two levels on some force-plate runs and test them on others.

The levels (``EventSettings.strike_level``, ``toe_off_level``) were set on the Fukuchi runner
(RBDS001, 2.5 and 3.5 m/s). Tuned and scored on the same trials they would look better than
they are, so here each is tuned on one speed alone and scored on the other speed and on the
independent FootNet runner (``make bench-accuracy``; tests/realdata/test_force_plate.py).
A strike depends only on the strike level and a toe-off only on the toe-off level, so each is
tuned on its own 1-D grid, by the mean absolute error against the force plates.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from backstride.core.trajectory import Trajectory
from backstride.events import detect_events
from backstride.settings import DEFAULT, EventSettings
from benchmarks.validation import camera, footnet, fukuchi
from benchmarks.validation.harness import prepared
from benchmarks.validation.score import score_events

LEVEL_GRID = tuple(np.round(np.arange(0.05, 0.401, 0.025), 3))


@dataclass(frozen=True)
class Case:
    """One force-plate run, projected, noised and cleaned once; the detector runs on it many times."""

    name: str
    traj: Trajectory
    leg_px: float
    truth: pd.DataFrame
    feet: tuple[str, ...]
    span_s: tuple[float, float]  # the events scored (the run's cut ends left out)


@dataclass(frozen=True)
class CrossResult:
    tuned_on: str
    strike_level: float
    toe_off_level: float
    tested_on: str
    strike_mae_ms: float
    toe_off_mae_ms: float
    missed_or_extra: int


def make_case(name: str, markers: camera.MarkerSet, truth: pd.DataFrame, *, fps: float, seed: int = 0) -> Case:
    cleaned, leg_px, span = prepared(markers, fps=fps, seed=seed)
    return Case(name, cleaned, leg_px, truth, tuple(sorted(set(truth.foot))), span)


def fukuchi_cases(folder: Path, *, fps: float = 120, seed: int = 0) -> dict[str, Case]:
    return {
        f"Fukuchi {speed}": make_case(
            f"Fukuchi {speed}",
            fukuchi.load_markers(folder, trial),
            fukuchi.load_events(folder, trial),
            fps=fps,
            seed=seed,
        )
        for speed, trial in fukuchi.TRIALS.items()
    }


def footnet_cases(path: Path, *, fps: float = 120, seed: int = 0) -> list[Case]:
    return [make_case(f"FootNet {foot}", m, t, fps=fps, seed=seed) for foot, (m, t) in footnet.load(path).items()]


def score(cases: list[Case], settings: EventSettings) -> tuple[float, float, int]:
    """Strike and toe-off MAE (ms) pooled over ``cases``, and the missed plus extra events."""
    sums, counts, bad = np.zeros(2), np.zeros(2), 0
    for case in cases:
        found = detect_events(case.traj, leg_px=case.leg_px, settings=settings, feet=case.feet)
        for k, s in enumerate(score_events(case.truth, found, span_s=case.span_s)):
            sums[k] += s.mae_ms * s.n_matched
            counts[k] += s.n_matched
            bad += s.n_missed + s.n_extra
    mae = sums / np.maximum(counts, 1)
    return float(mae[0]), float(mae[1]), bad


def tune(cases: list[Case], base: EventSettings = DEFAULT.events) -> EventSettings:
    """The grid levels with the smallest strike and toe-off MAE on ``cases`` (no missed or extra
    event allowed)."""

    def best(which: int) -> float:  # 0: the strike level, 1: the toe-off level
        scored = []
        for level in LEVEL_GRID:
            trial = (
                replace(base, strike_level=float(level)) if which == 0 else replace(base, toe_off_level=float(level))
            )
            strike, toe_off, bad = score(cases, trial)
            scored.append((bad, (strike, toe_off)[which], float(level)))
        return min(scored)[2]

    return replace(base, strike_level=best(0), toe_off_level=best(1))


def cross_validate(train: dict[str, list[Case]], test: dict[str, list[Case]]) -> list[CrossResult]:
    """Tune on each training set; score on every test set that is not it."""
    out = []
    for name, cases in train.items():
        tuned = tune(cases)
        for other, held in test.items():
            if other == name:
                continue
            strike, toe_off, bad = score(held, tuned)
            out.append(CrossResult(name, tuned.strike_level, tuned.toe_off_level, other, strike, toe_off, bad))
    return out
