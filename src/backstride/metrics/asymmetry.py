"""Left/right asymmetry, flagged only when larger than what the measurement can resolve.

Most healthy runners are more than 1.2 % asymmetric in at least one variable (Hanley & Tucker
2018) and asymmetry did not predict injury in 836 runners (Malisoux 2024), so only a
difference beyond the measurement's error and beyond the step-to-step spread is flagged.
"""

from __future__ import annotations

from typing import Protocol

from backstride.core.results import Asymmetry
from backstride.settings import MEASUREMENT_ERROR_BY_UNIT


class FootMedian(Protocol):
    """A foot's median (None: not measured) and interquartile range."""

    @property
    def median(self) -> float | None: ...

    @property
    def iqr(self) -> float | None: ...


def asymmetry(
    left: FootMedian,
    right: FootMedian,
    unit: str,
    *,
    error: float | None = None,
    far_leg: str | None = None,
    withheld: str | None = None,
) -> Asymmetry | None:
    """``right - left`` and whether it is flagged; None unless both feet were measured.

    ``left`` and ``right`` have a ``median`` (None: not measured) and an ``iqr`` (a metric's
    :class:`~backstride.core.results.FootValue` or a timing's ``Stat``).
    ``error`` overrides the unit's error (timings: the uncertainty the frame rate allows).
    ``far_leg``: in a side view one leg is seen less well, so a flagged difference may be the
    camera's; the result then says to confirm it from the other side.
    ``withheld``: the reason no difference is flagged on this clip (its measurement check warned).
    """
    if left is None or right is None or left.median is None or right.median is None:
        return None
    floor = error if error is not None else MEASUREMENT_ERROR_BY_UNIT.get(unit, 0.0)
    spread = ((left.iqr or 0.0) + (right.iqr or 0.0)) / 2
    threshold = max(floor, spread)
    diff = right.median - left.median
    flagged = abs(diff) > threshold
    return Asymmetry(
        right_minus_left=round(diff, 1),
        threshold=round(threshold, 1),
        flagged=flagged and not withheld,
        basis="larger of the measurement error for this unit and the median step-to-step spread (IQR)",
        not_flagged=withheld if withheld and flagged else None,
        confirm=(
            f"both legs were filmed from one side and the {far_leg} leg was the far one, seen less well: "
            "film the other side before acting on this difference"
        )
        if far_leg and flagged and not withheld
        else None,
    )
