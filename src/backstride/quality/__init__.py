"""Whether a clip can be measured, with figures: the capture and the measurement checks.

Every check carries its figure, its limit, the reason or source of the limit and what to do
about it. A failed check refuses the clip (exit 2, one line); a warning is reported first.
"""

from backstride.quality.checks import Check, Quality
from backstride.quality.slowmo import TimeScale, time_scale

__all__ = ["Check", "Quality", "TimeScale", "time_scale"]
