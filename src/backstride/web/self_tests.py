"""A runner's filmed self-tests and form checks for the runner's page and the export."""

from __future__ import annotations

from dataclasses import dataclass

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
