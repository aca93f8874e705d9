"""Self-tests and form checks kept in the runner's history (the body_checks table, revision 0009)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.core.bodycheck import KeptFigure, KeptSelfTests
from backstride.core.check_file import CheckFile
from backstride.store.models import BodyCheck, Runner

BEHIND = "single-leg-deadlift:behind"  # the latest single-leg deadlift filmed from behind, by its own key


def figures(doc: CheckFile) -> list[tuple[str | None, float, bool]]:
    """The figures a check.json gives: (leg, value, at least) for each."""
    if doc.hold is not None:  # a one-sided hold (the side bridge) is kept by its side
        return [(doc.hold.side, doc.hold.seconds, not doc.hold.ended)]
    if doc.angle is not None:
        return [(a.leg, a.angle_deg, False) for a in doc.angle.legs]
    if doc.squat is not None:  # each leg's knee angle (its pelvis drop is in the stored result)
        return [(leg.leg, leg.knee_in_deg, False) for leg in doc.squat.legs]
    if doc.form is not None:
        return [(None, float(sum(r.right for r in doc.form.reps)), False)]  # repetitions done right
    return []


def save_check(s: Session, runner: Runner, doc: CheckFile, day: date) -> list[BodyCheck]:
    rows = [
        BodyCheck(
            runner_id=runner.id,
            test=doc.test,
            leg=leg,
            value=value,
            at_least=at_least,
            local_date=day,
            clip=doc.clip,
            result=doc.model_dump(mode="json"),
        )  # fmt: skip
        for leg, value, at_least in figures(doc)
    ]
    s.add_all(rows)
    s.flush()
    return rows


def checks_of(s: Session, runner: Runner) -> list[BodyCheck]:
    return list(
        s.scalars(
            select(BodyCheck)
            .where(BodyCheck.runner_id == runner.id)
            .order_by(BodyCheck.local_date, BodyCheck.checked_at)
        )
    )


def filmed_answers(kept: list[BodyCheck]) -> dict[str, Any]:
    """The questionnaire's self-test answers the runner's latest filmed checks give (by answer path),
    for the plan: the Biering-Sorensen hold, the lower straight-leg raise, the Thomas test's hanging thigh
    (above the table's line: tight hip flexors), and the faults of the last
    back-extension and single-leg-deadlift sets and of each leg's single-leg squats. A hold the clip
    ended first is left out (a lower bound says nothing about a short hold)."""
    latest: dict[str, BodyCheck] = {}
    for c in kept:  # oldest first: the last one of each test (and view) wins
        latest[BEHIND if _deadlift_from_behind(c) else c.test] = c
    out = _filmed_figures(latest)
    faults = _filmed_faults(latest)
    if faults:
        out["self_tests.filmed_faults"] = faults
    return out


def _deadlift_from_behind(c: BodyCheck) -> bool:
    """A single-leg deadlift filmed from behind (its repetitions carry the pelvis's turn): it shows other
    criteria than one from the side, so the latest of each view is kept."""
    if c.test != "single-leg-deadlift":
        return False
    form = CheckFile.model_validate(c.result).form
    return form is not None and any(r.pelvis_tilt_deg is not None for r in form.reps)


def _filmed_figures(latest: dict[str, BodyCheck]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    hold = latest.get("sorensen")
    if hold is not None and not hold.at_least:
        out["self_tests.back_extensor_hold_s"] = round(hold.value, 1)
    raised = CheckFile.model_validate(latest["slr"].result).angle if "slr" in latest else None
    if raised is not None and raised.legs:  # the shorter leg's raise (both are in one check)
        out["self_tests.active_straight_leg_raise_deg"] = round(min(a.angle_deg for a in raised.legs), 1)
    thomas = CheckFile.model_validate(latest["thomas"].result).angle if "thomas" in latest else None
    if thomas is not None and thomas.legs:  # the questionnaire's "does the thigh lift off?": above the line
        out["self_tests.hip_flexor_tight"] = "yes" if min(a.angle_deg for a in thomas.legs) < 0 else "no"
    return out


def _filmed_faults(latest: dict[str, BodyCheck]) -> dict[str, list[str]]:
    faults: dict[str, list[str]] = {}
    for name in ("back-extension", "single-leg-deadlift", BEHIND, "towel-stretch"):
        if name in latest:
            form = CheckFile.model_validate(latest[name].result).form
            if form is not None:
                test = name.removesuffix(":behind")
                faults[test] = sorted({*faults.get(test, ()), *(f for r in form.reps for f in r.faults)})
    if "single-leg-squat" in latest:
        squat = CheckFile.model_validate(latest["single-leg-squat"].result).squat
        reps = squat.reps if squat is not None else ()
        for leg in sorted({r.leg for r in reps}):
            faults[f"single-leg-squat-{leg}"] = sorted({f for r in reps if r.leg == leg for f in r.faults})
    return faults


def with_filmed(answers: dict[str, Any], filmed: dict[str, Any]) -> dict[str, Any]:
    """``answers`` (the questionnaire as stored) with the filmed checks' answers where the runner typed
    none (or "unknown"): a typed answer wins."""
    out = {group: dict(values) if isinstance(values, dict) else values for group, values in answers.items()}
    for path, value in filmed.items():
        group, name = path.split(".")
        if out.setdefault(group, {}).get(name) in (None, {}, [], "unknown"):
            out[group][name] = value
    return out


def kept_self_tests(kept: list[BodyCheck]) -> KeptSelfTests | None:
    """The runner's latest figure of each test and side, with its change against the first, and
    McGill's ratios; None when nothing is kept."""
    from backstride.bodycheck.catalogue import RENDER_ERRORS, TESTS, UNITS
    from backstride.bodycheck.ratios import mcgill_ratios, said
    from backstride.bodycheck.trend import Measured, changes

    if not kept:
        return None
    measured = [Measured(c.test, c.leg, c.local_date, c.value, c.at_least) for c in kept]
    moved = {(c.test, c.leg): c.verdict for c in changes(measured, RENDER_ERRORS, UNITS)}
    latest: dict[tuple[str, str | None], Measured] = {}
    for m in sorted(measured, key=lambda m: m.day):
        latest[(m.test, m.leg)] = m
    figures = tuple(
        KeptFigure(
            m.test,
            TESTS[m.test].title,
            m.day,
            m.leg,
            m.value,
            TESTS[m.test].unit,
            m.at_least,
            moved.get((m.test, m.leg)),
        )  # fmt: skip
        for m in latest.values()
        if m.test in TESTS
    )
    return KeptSelfTests(figures, tuple(said(r) for r in mcgill_ratios(measured)))
