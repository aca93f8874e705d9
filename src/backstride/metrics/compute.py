"""Evaluate every registered metric on every step, then summarise per foot with a status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from backstride.core.results import FootValue, MetricSummary
from backstride.core.trajectory import FEET, Step, Trajectory
from backstride.metrics import rear, side, stride  # noqa: F401 - registers the metrics
from backstride.metrics.geometry import ground_tilt_rad
from backstride.metrics.registry import REGISTRY as REGISTRY  # the registered metrics, for importers
from backstride.metrics.registry import MetricSpec, NotMeasured, StepContext, in_order
from backstride.person.view import facing_per_frame


@dataclass(frozen=True)
class MetricResult:
    """A metric's per-step values (None where not measured) and the reasons it was not."""

    spec: MetricSpec
    values: tuple[float | None, ...]  # one per step, in step order
    reasons: tuple[str | None, ...]


def view_kind(traj: Trajectory) -> str:
    return "side" if traj.view.is_side else "rear" if traj.view.is_frontal_plane else "unknown"


def compute_metrics(
    traj: Trajectory, steps: tuple[Step, ...], *, leg_px: float, ground_line: bool = True
) -> tuple[dict[str, MetricResult], float | None]:
    """Every registered metric on every step; returns the results and the camera tilt (deg) that
    the ground line shows, or None where it cannot be measured (the camera is then taken as level).
    ``ground_line`` False: the ground line is not level here (an oblique camera; the room's verticals
    levelled the clip), so it is not used."""
    contacts = [(s.foot, s.strike_s, s.toe_off_s) for s in steps]
    measured = ground_tilt_rad(traj, contacts, leg_px) if ground_line else None
    tilt = 0.0 if measured is None else measured
    facing = facing_per_frame(traj)
    flight = flight_frames(traj, steps)
    kind = view_kind(traj)
    results = {}
    for spec in in_order():
        name = spec.name
        values: list[float | None] = []
        reasons: list[str | None] = []
        for step in steps:
            if spec.view != kind:
                values.append(None)
                reasons.append(f"needs a {spec.view} view")
                continue
            ctx = StepContext(
                traj,
                step,
                float(facing[int(np.argmin(np.abs(traj.time_s - step.strike_s)))]),
                tilt,
                leg_px,
                traj.metres_per_px,
                flight,
            )
            try:
                spec.check_frame_rate(traj.sample_rate_hz)
                value = float(spec.fn(ctx))
                values.append(value if np.isfinite(value) else None)
                reasons.append(None if np.isfinite(value) else "no finite value")
            except NotMeasured as exc:
                values.append(None)
                reasons.append(str(exc))
        results[name] = MetricResult(spec, tuple(values), tuple(reasons))
    return results, None if measured is None else float(np.degrees(measured))


def flight_frames(traj: Trajectory, steps: tuple[Step, ...]) -> np.ndarray:
    """Frames in which neither foot is on the ground (between a toe-off and the next strike)."""
    ground = np.zeros(traj.n_frames, dtype=bool)
    for s in steps:
        ground |= (traj.time_s >= s.strike_s) & (traj.time_s <= s.toe_off_s)
    first = min((s.strike_s for s in steps), default=np.inf)
    last = max((s.toe_off_s for s in steps), default=-np.inf)
    return ~ground & (traj.time_s > first) & (traj.time_s < last)


def foot_medians(summary: MetricSummary) -> dict[str, float]:
    """The per-foot medians of a :func:`summarise` result, for the feet that were measured."""
    return summary.medians()


def format_feet(summary: MetricSummary) -> list[str]:
    """Left and right medians as text, "n/a" where not measured."""
    return [foot_text(summary.foot(f)) for f in FEET]


def foot_text(v: FootValue) -> str:
    """One foot's value as a person reads it: "9.0 (pronounced)", "in line", or "n/a"."""
    if v.median is None:
        return "n/a"
    if not v.show_value and v.category:
        return v.category
    return f"{v.median:.1f}" + (f" ({v.category})" if v.category else "")


def summarise(result: MetricResult, steps: tuple[Step, ...], pose: str | None = None) -> MetricSummary:
    """Per foot: median, IQR, n and status (against the range, allowing a known low bias of the
    ``pose`` model), or "not measured" with the commonest reason."""
    feet: dict[str, FootValue] = {}
    for foot in FEET:
        vals = [v for v, s in zip(result.values, steps) if s.foot == foot and v is not None]
        why = Counter(r for r, s in zip(result.reasons, steps) if s.foot == foot and r).most_common(1)
        feet[foot] = foot_value(vals, result.spec, pose, why[0][0] if why else "no steps of this foot")
    return summary_of(result.spec, feet)


def foot_value(vals: list[float], spec: MetricSpec, pose: str | None = None, missing: str = "") -> FootValue:
    """One foot's values as a person reads them: median, IQR, n and status against the range (a
    known low bias of the ``pose`` model said where it kept a value from "outside range"), or "not
    measured" for the ``missing`` reason."""
    if not vals:
        return FootValue(status="not measured", reason=missing)
    q1, med, q3 = np.percentile(vals, [25, 50, 75])
    status = spec.status(float(med), pose)
    eased = spec.low_bias is not None and status == "borderline" and spec.status(float(med)) == "outside range"
    return FootValue.model_validate(
        {
            "median": round(float(med), 1),
            "iqr": round(float(q3 - q1), 1),
            "n": len(vals),
            "status": status,
            "caveat": spec.low_bias.said if eased and spec.low_bias else None,
            "category": spec.categorise(float(med)) if spec.categorise else None,
            "show_value": spec.show_value,
        }
    )


def summary_of(spec: MetricSpec, feet: dict[str, FootValue], how: str = "") -> MetricSummary:
    """A metric's summary from its two feet; ``how`` adds to its definition how it was read."""
    return MetricSummary(
        unit=spec.unit,
        view=spec.view,
        definition=spec.definition + how,
        normal_range=spec.normal_range,
        source=spec.source,
        left=feet["left"],
        right=feet["right"],
    )
