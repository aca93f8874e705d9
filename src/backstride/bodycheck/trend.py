"""A re-test against the first: the change in a self-test's figure, said against backstride's
measurement error (pure). The error is the one measured on renders with a known truth; how much a
person's own result varies from day to day is larger and not known here, and is said so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Measured:
    """One stored figure: a test (and leg) on a day."""

    test: str
    leg: str | None
    day: date
    value: float
    at_least: bool = False  # a hold the clip ended first


@dataclass(frozen=True)
class Change:
    test: str
    leg: str | None
    first: Measured
    last: Measured
    change: float  # last - first, in the test's unit
    error: float | None  # backstride's measurement error for the test
    verdict: str  # in words


def changes(
    history: list[Measured], errors: dict[str, float | None], units: dict[str, str] | None = None
) -> list[Change]:
    """For each test and leg tested on two days or more: the last against the first (``units``: each
    test's unit, said after the figures)."""
    keys = sorted({(m.test, m.leg or "") for m in history})
    out = []
    for test, leg in keys:
        rows = sorted((m for m in history if m.test == test and (m.leg or "") == leg), key=lambda m: m.day)
        if len(rows) < 2 or rows[0].day == rows[-1].day:
            continue
        first, last = rows[0], rows[-1]
        unit = (units or {}).get(test, "")
        verdict = _verdict(first, last, errors.get(test), f" {unit}" if unit else "")
        out.append(Change(test, leg or None, first, last, last.value - first.value, errors.get(test), verdict))
    return out


def _verdict(first: Measured, last: Measured, error: float | None, unit: str) -> str:
    delta = last.value - first.value
    if first.at_least or last.at_least:
        return "one of the two was a lower bound (the clip ended first): film until you stop to compare"
    if error is None:
        return f"changed by {delta:+.1f}{unit}"
    if abs(delta) <= error:
        return f"no change beyond the measurement error ({delta:+.1f}{unit}, error {error:g}{unit})"
    direction = "up" if delta > 0 else "down"
    return (
        f"{direction} by {abs(delta):.1f}{unit}, beyond backstride's measurement error ({error:g}{unit}); a person's "
        "day-to-day variation is larger and not known here"
    )
