"""Step length and running speed from the image's own scale (overground side view).

A static camera beside an overground runner sees each foot land further along the ground;
with the runner's height the pixels become metres (leg length = 0.491 x height, the same
scale as every other metric in cm). On a treadmill every foot lands in about the same place,
so the length is not measurable from the image: the belt speed (``--speed-kmh``) gives it.
"""

from __future__ import annotations

from backstride.metrics.geometry import metres, point
from backstride.metrics.registry import NotMeasured, StepContext, metric

#: Below this (in leg lengths) successive contacts land in one place: a treadmill.
MIN_OVERGROUND_STEP_LEG = 0.3


def _other(foot: str) -> str:
    return "right" if foot == "left" else "left"


def step_length_px(ctx: StepContext) -> float:
    """Forward distance from this foot's heel at its strike to the other heel at the next strike."""
    nxt = ctx.step.next_strike_s
    if nxt is None:
        raise NotMeasured("the next foot strike is outside the clip")
    f = ctx.step.foot
    length = point(ctx, f"{_other(f)}_heel", nxt)[0] - point(ctx, f"{f}_heel", ctx.step.strike_s)[0]
    if length < MIN_OVERGROUND_STEP_LEG * ctx.leg_px:
        raise NotMeasured(
            "the feet land in one place (a treadmill, or a camera following the runner whose motion "
            "could not be seen): on a treadmill give the belt speed (--speed-kmh)"
        )
    return float(length)


@metric(
    "step_length_cm",
    label="Step length",
    unit="cm",
    view="side",
    definition="Forward distance from this foot's heel at its strike to the other foot's heel at its next "
    "strike, overground (a static camera; on a treadmill from --speed-kmh instead); needs the "
    "runner's height for the scale",
    normal_range=None,
    source="no norm: step length grows with speed and height (Cavanagh & Kram 1989, MSSE 21:467)",
)
def step_length_cm(ctx: StepContext) -> float:
    return 100.0 * metres(ctx, step_length_px(ctx))


@metric(
    "speed_kmh",
    label="Running speed",
    unit="km/h",
    view="side",
    definition="Running speed over this step: step length over step time (overground; needs the height)",
    normal_range=None,
    source="definition; no norm",
)
def speed_kmh(ctx: StepContext) -> float:
    step_s = ctx.step.step_time_s
    if step_s is None:
        raise NotMeasured("the last step of the clip has no step time")
    return 3.6 * metres(ctx, step_length_px(ctx)) / step_s
