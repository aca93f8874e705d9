"""Self-tests and form checks kept in the runner's history (the body_checks table, revision 0009)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.core.check_file import CheckFile
from backstride.store.models import BodyCheck, Runner


def figures(doc: CheckFile) -> list[tuple[str | None, float, bool]]:
    """The figures a check.json gives: (leg, value, at least) for each."""
    if doc.hold is not None:
        return [(None, doc.hold.seconds, not doc.hold.ended)]
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
