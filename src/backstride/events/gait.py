"""From a cleaned trajectory to steps, the running/walking decision and spatiotemporal metrics."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from backstride.core.kinds import Gait
from backstride.core.trajectory import FEET, GaitEvents, Trajectory
from backstride.errors import TooFewCyclesError
from backstride.events import detect_events
from backstride.events.cycles import Step, alternation_ratio, build_steps, full_cycles, pair_contacts
from backstride.events.gait_mode import midstance_indices, pelvis_height_leg, vaulting_score
from backstride.metrics.spatiotemporal import Stat, cadence_spm, cadence_uncertainty_spm, per_foot
from backstride.settings import EventSettings


@dataclass(frozen=True)
class GaitResult:
    events: dict[str, GaitEvents]
    steps: tuple[Step, ...]
    gait: Gait
    vaulting_score: float  # pelvis height at midstance / its spread: > 0 walking, < 0 running
    cycles: dict[str, int]
    cadence_spm: float
    cadence_uncertainty_spm: float
    per_foot: dict[str, dict[str, Stat | None]]
    alternation: float
    frame_interval_s: float
    leg_visibility: tuple[tuple[str, float], ...]  # per foot: median visibility of knee to toe at contacts


#: Timings that hang on the toe-off, withheld for a rear or front view: there the foot's
#: vertical motion times toe-offs too coarsely (through the pose model on the synthetic runner
#: seen from behind they came 60-160 ms early), so contact and flight times are read from the side.
TOE_OFF_STATS = ("contact_time_ms", "flight_time_ms", "duty_factor_pct")


def analyse_gait(traj: Trajectory, /, *, leg_px: float, settings: EventSettings) -> GaitResult:
    """Events, steps and metrics; raises :class:`TooFewCyclesError` below the minimum cycles."""
    return gait_from_events(traj, detect_events(traj, leg_px=leg_px, settings=settings), leg_px, settings)


def gait_from_events(
    traj: Trajectory, events: dict[str, GaitEvents], leg_px: float, settings: EventSettings
) -> GaitResult:
    """Steps, cycles and timings from each foot's events, however they were found."""
    cycles = {f: full_cycles(events[f]) for f in FEET}
    need = settings.min_cycles_per_foot
    if min(cycles.values()) < need:
        raise TooFewCyclesError(
            f"found {cycles['left']} full gait cycle(s) for the left foot and {cycles['right']} for the "
            f"right in {traj.duration_s:.1f} s; at least {need} per foot are needed "
            "(film at least 5 s of steady running)"
        )
    steps = tuple(build_steps(events, traj.nearest_frame))
    dt = 1.0 / traj.fps_nominal
    strikes = {f: list(ev.foot_strike_s) for f, ev in events.items()}
    stats = {f: per_foot(list(steps), f, dt) for f in FEET}
    vaulting = pelvis_vaulting(traj, events, leg_px, settings.fallback_stride_s)
    gait = classify_gait(vaulting, stats, settings.running_max_duty_factor)
    if traj.view.is_frontal_plane:
        stats = {f: {k: (None if k in TOE_OFF_STATS else v) for k, v in st.items()} for f, st in stats.items()}
    return GaitResult(
        events=events,
        steps=steps,
        gait=gait,
        vaulting_score=vaulting,
        cycles=cycles,
        cadence_spm=cadence_spm(strikes),
        cadence_uncertainty_spm=cadence_uncertainty_spm(strikes, dt),
        per_foot=stats,
        alternation=alternation_ratio(events),
        frame_interval_s=dt,
        leg_visibility=tuple((f, contact_visibility(traj, steps, f)) for f in FEET),
    )


def contact_visibility(traj: Trajectory, steps: tuple[Step, ...], foot: str) -> float:
    """Median visibility of a leg's knee, ankle, heel and toe over the frames of its contacts."""
    cols = [traj.index(f"{foot}_{p}") for p in ("knee", "ankle", "heel", "foot_index")]
    sel = np.zeros(traj.n_frames, dtype=bool)
    for s in steps:
        if s.foot == foot:
            sel |= (traj.time_s >= s.strike_s) & (traj.time_s <= s.toe_off_s)
    return float(np.median(traj.visibility[sel][:, cols])) if sel.any() else float("nan")


def pelvis_vaulting(traj: Trajectory, events: dict[str, GaitEvents], leg_px: float, fallback_stride_s: float) -> float:
    """Vaulting score over the contacts of both feet."""
    strides = [np.median(np.diff(ev.foot_strike_s)) for ev in events.values() if len(ev.foot_strike_s) > 1]
    pelvis = pelvis_height_leg(traj, leg_px, float(np.median(strides)) if strides else fallback_stride_s)
    contacts = [c for ev in events.values() for c in pair_contacts(ev)]
    return vaulting_score(pelvis, midstance_indices(contacts, traj.time_s))


def classify_gait(vaulting: float, stats: dict[str, dict[str, Stat | None]], max_duty_factor: float) -> Gait:
    """Walking if the pelvis vaults (highest at midstance); without that evidence, walking if
    there is double support (duty factor above 50 %, flight time below zero)."""
    if np.isfinite(vaulting):
        return "walking" if vaulting > 0 else "running"
    duty = [s["duty_factor_pct"].median for s in stats.values() if s["duty_factor_pct"] is not None]
    flight = [s["flight_time_ms"].median for s in stats.values() if s["flight_time_ms"] is not None]
    walking = (duty and np.median(duty) > 100 * max_duty_factor) or (flight and np.median(flight) < 0)
    return "walking" if walking else "running"
