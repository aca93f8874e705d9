"""The metric registry: every metric with its unit, view, definition, normal range and source.

A metric is a pure function of a :class:`StepContext` returning a number, or raising
:class:`NotMeasured` with the reason (a hidden keypoint, the wrong view, too low a frame
rate). Nothing is reported as a silent NaN.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from backstride.core.kinds import Role
from backstride.core.trajectory import Step, Trajectory
from backstride.settings import MEASUREMENT_ERROR_BY_UNIT, MEASUREMENT_ERROR_SOURCE

#: Metrics read at an instant (foot strike, toe-off, a peak) need at least this frame rate: at
#: 15 fps the nearest frame can be 33 ms from a foot strike, a seventh of a contact, while the
#: foot and knee turn fastest there. 24 fps is the lowest rate phones film at.
EVENT_MIN_FPS = 24.0


class NotMeasured(Exception):
    """A metric that cannot be measured for this step; the message says why."""


@dataclass(frozen=True)
class StepContext:
    """What a per-step metric may look at (image y down; ``facing`` +1 = runner faces image-right)."""

    traj: Trajectory
    step: Step
    facing: float
    tilt_rad: float  # ground line's angle in the image (counter-clockwise positive, y up)
    leg_px: float
    metres_per_px: float | None
    flight: np.ndarray | None = None  # [frame] True where neither foot is on the ground

    def index_at(self, t_s: float) -> int:
        return int(np.argmin(np.abs(self.traj.time_s - t_s)))


@dataclass(frozen=True)
class PoseBias:
    """How far one pose model reads a metric below another on real footage."""

    models: tuple[str, ...]  # the pose sources it applies to (the BlazePose network's backends)
    up_to_deg: float  # the largest shortfall measured
    said: str  # in words, with where it was measured


@dataclass(frozen=True)
class MetricSpec:
    name: str  # the id in CSV/JSON
    label: str  # the name a person reads: report, CLI tables, web
    unit: str
    view: Role
    definition: str
    normal_range: tuple[float | None, float | None] | None  # None: no published norm
    source: str
    fn: Callable[[StepContext], float]
    min_fps: float | None = None  # below this frame rate the metric is not measured
    # A reading band for the value ("level", "in line", ...); with show_value False only the band
    # reaches a person (the number stays in summary.json), where the degrees would claim too much.
    categorise: Callable[[float], str] | None = None
    show_value: bool = True
    error: float | None = None  # the measurement error that makes "borderline"; None: the unit's
    # A pose model known to read this metric low against another model on real footage: a shortfall
    # within the error plus that bias is borderline through that model, with the bias said.
    low_bias: PoseBias | None = None

    @property
    def title(self) -> str:
        """The human name with its unit, as tables show it: "Pelvic drop (deg)"."""
        return display_title(self.label, self.unit)

    def check_frame_rate(self, fps: float) -> None:
        if self.min_fps is not None and fps < self.min_fps - 0.5:
            raise NotMeasured(
                f"{fps:.0f} fps is too low to read this at one instant (needs {self.min_fps:.0f} "
                f"fps or more; film at 60-240 fps)"
            )

    @property
    def measurement_error(self) -> float:
        """The error a value of this metric carries: its own, else its unit's."""
        return self.error if self.error is not None else MEASUREMENT_ERROR_BY_UNIT.get(self.unit, 0.0)

    @property
    def error_source(self) -> str:
        return "its smallest detectable difference" if self.error is not None else MEASUREMENT_ERROR_SOURCE[self.unit]

    def status(self, value: float, pose: str | None = None) -> str:
        """ "normal", "outside range", "borderline" (outside by no more than the measurement error
        of this unit, so the video cannot tell; below the range, also by no more than a known
        low bias of the ``pose`` model) or "no norm"."""
        if self.normal_range is None:
            return "no norm"
        lo, hi = self.normal_range
        below = lo - value if lo is not None else 0.0
        beyond = max(below, value - hi if hi is not None else 0.0)
        if beyond <= 0:
            return "normal"
        margin = self.measurement_error
        if below > 0 and self.biased_for(pose):
            margin += self.low_bias.up_to_deg  # type: ignore[union-attr]
        return "borderline" if beyond <= margin else "outside range"

    def biased_for(self, pose: str | None) -> bool:
        return self.low_bias is not None and pose is not None and pose.startswith(self.low_bias.models)


REGISTRY: dict[str, MetricSpec] = {}
#: The order metrics are listed in, whichever module a process imported first: by module, then as
#: each module registers them (summary.json read the same from every process).
MODULE_ORDER = ("backstride.metrics.side", "backstride.metrics.rear", "backstride.metrics.stride")


def in_order() -> list[MetricSpec]:
    """The registered metrics in :data:`MODULE_ORDER`."""
    rank = {m: k for k, m in enumerate(MODULE_ORDER)}
    return sorted(REGISTRY.values(), key=lambda spec: rank.get(spec.fn.__module__, len(rank)))


def range_text(normal_range: tuple[float | None, float | None] | None) -> str:
    """A normal range as a person reads it: "2 to 13", ">= 5", "<= 7" or "no norm"."""
    if normal_range is None:
        return "no norm"
    lo, hi = normal_range
    return f">= {lo:g}" if hi is None else f"<= {hi:g}" if lo is None else f"{lo:g} to {hi:g}"


def display_title(label: str, unit: str) -> str:
    """A human name with its unit in brackets, unless the name already says it."""
    return label if label.endswith(")") else f"{label} ({unit})"


def metric(
    name: str,
    *,
    label: str,
    unit: str,
    view: Role,
    definition: str,
    normal_range: tuple[float | None, float | None] | None,
    source: str,
    min_fps: float | None = None,
    categorise: Callable[[float], str] | None = None,
    show_value: bool = True,
    error: float | None = None,
    low_bias: PoseBias | None = None,
) -> Callable[[Callable[[StepContext], float]], Callable[[StepContext], float]]:
    """Register a per-step metric function."""

    def wrap(fn: Callable[[StepContext], float]) -> Callable[[StepContext], float]:
        if name in REGISTRY:
            raise ValueError(f"metric {name!r} registered twice")
        REGISTRY[name] = MetricSpec(
            name,
            label,
            unit,
            view,
            definition,
            normal_range,
            source,
            fn,
            min_fps,
            categorise,
            show_value,
            error,
            low_bias,
        )
        return fn

    return wrap
