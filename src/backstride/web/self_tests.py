"""A runner's filmed self-tests and form checks for the runner's page and the export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from backstride.bodycheck.catalogue import RENDER_ERRORS, TESTS, UNITS
from backstride.bodycheck.ratios import mcgill_ratios
from backstride.bodycheck.ratios import said as ratio_said
from backstride.bodycheck.trend import Measured, changes
from backstride.store.bodychecks import checks_of
from backstride.store.models import Runner


@dataclass(frozen=True)
class TestRow:
    day: str
    title: str
    leg: str
    figure: str  # the value with its unit, "at least" for a lower bound


def self_tests(s: Session, runner: Runner) -> tuple[list[TestRow], list[str]]:
    """Every kept figure, newest first; each re-test's change and McGill's ratios, in words."""
    kept = checks_of(s, runner)
    rows = [
        TestRow(str(c.local_date), TESTS[c.test].title, c.leg or "", _figure(c.value, TESTS[c.test].unit, c.at_least))
        for c in reversed(kept)
    ]
    measured = [Measured(c.test, c.leg, c.local_date, c.value, c.at_least) for c in kept]
    said = [
        f"{TESTS[ch.test].title}{' ' + ch.leg if ch.leg else ''}, {ch.first.day} to {ch.last.day}: {ch.verdict}"
        for ch in changes(measured, RENDER_ERRORS, UNITS)
    ]
    return rows, said + [ratio_said(r) for r in mcgill_ratios(measured)]


@dataclass(frozen=True)
class TrendLine:
    """One test's figures on one leg (or none), by day: the last of each day."""

    leg: str
    days: tuple[date, ...]
    values: tuple[float, ...]
    at_least: tuple[bool, ...]


@dataclass(frozen=True)
class TrendPanel:
    title: str
    unit: str
    error: float | None  # backstride's measurement error for the test (its render error)
    lines: tuple[TrendLine, ...]


def trend_series(s: Session, runner: Runner) -> list[TrendPanel]:
    """Each test kept on two days or more, as the runner's trend chart draws it, in the catalogue's order."""
    kept = checks_of(s, runner)
    panels = []
    for name, test in TESTS.items():
        lines = []
        for leg in sorted({c.leg or "" for c in kept if c.test == name}):
            by_day = {c.local_date: c for c in kept if c.test == name and (c.leg or "") == leg}  # the day's last
            if len(by_day) >= 2:
                days = tuple(sorted(by_day))
                lines.append(TrendLine(leg, days, tuple(by_day[d].value for d in days),
                                       tuple(by_day[d].at_least for d in days)))  # fmt: skip
        if lines:
            panels.append(TrendPanel(test.title, test.unit, test.render_error, tuple(lines)))
    return panels


def trend_png(panels: list[TrendPanel], columns: int = 2) -> bytes:
    """The panels as one PNG: each figure with its measurement error as a bar, a lower bound (the clip
    ended first) as an open marker."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = max(1, min(columns, len(panels)))
    rows = -(-len(panels) // columns)
    fig, grid = plt.subplots(rows, columns, figsize=(4.8 * columns, 2.9 * rows), dpi=110, squeeze=False)
    axes = grid.ravel()
    for spare in axes[len(panels) :]:
        spare.set_visible(False)
    for ax, panel in zip(axes, panels, strict=False):
        for line, marker in zip(panel.lines, ("o", "s"), strict=False):
            label = line.leg or None
            ax.errorbar(list(line.days), list(line.values), yerr=panel.error, fmt=f"{marker}-", capsize=3, label=label)
            lows = [(d, v) for d, v, low in zip(line.days, line.values, line.at_least, strict=True) if low]
            if lows:
                ax.plot(*zip(*lows, strict=True), marker, mfc="white", ms=9, label="at least (clip ended)")
        ax.set_title(panel.title, fontsize=9)
        ax.set_ylabel(panel.unit, fontsize=8)
        ax.grid(alpha=0.3)
        ax.tick_params(axis="x", labelrotation=30, labelsize=8)
        if any(line.leg for line in panel.lines):
            ax.legend(fontsize=8)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _figure(value: float, unit: str, at_least: bool) -> str:
    shown = f"{value:.1f} {unit}" if unit == "s" else f"{value:.0f} {unit}"
    return f"at least {shown}" if at_least else shown


def export_json(s: Session, runner: Runner) -> list[dict]:
    """self_tests.json in the runner's export: each figure with the whole result it came from."""
    return [
        {
            "day": str(c.local_date),
            "test": c.test,
            "leg": c.leg,
            "value": c.value,
            "at_least": c.at_least,
            "clip": c.clip,
            "checked_at": c.checked_at.isoformat(),
            "result": c.result,
        }  # fmt: skip
        for c in checks_of(s, runner)
    ]
