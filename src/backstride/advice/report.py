"""Triage and plan joined to a gait analysis, as plain data for summary.json and the CLI."""

from __future__ import annotations

from dataclasses import asdict
from typing import cast

import numpy as np

from backstride.advice.plan import GaitFindings, make_plan
from backstride.core.results import (
    ActionName,
    EvidenceResult,
    FlagResult,
    PainSourceResult,
    PlanItemResult,
    ScreenResult,
    SelfTestResult,
    TriageResult,
)
from backstride.metrics.compute import foot_medians, summarise
from backstride.metrics.rear import pelvic_drop_band
from backstride.metrics.video_limits import PELVIC_DROP
from backstride.triage import Action, Answers, Estimate, Screen, estimate, screen
from backstride.triage.labels import plain
from backstride.triage.selftests import self_tests_for
from backstride.triage.unknowns import unknown_costs


def gait_findings(clips: list) -> GaitFindings:
    """Cadence and overstride from the side clip (running only); pelvic drop from the rear clip."""
    by_role = {c.role: c for c in clips}
    cadence = overstride = drop = None
    flagged = False
    side = by_role.get("side")
    if side is not None and side.gait.gait == "running":
        cadence = side.gait.cadence_spm
        vals = list(foot_medians(summarise(side.metrics["overstride_pct_leg"], side.gait.steps)).values())
        overstride = float(np.mean(vals)) if vals else None
    rear = by_role.get("rear")
    markers = rear is not None and rear.markers is not None
    if rear is not None:
        s = summarise(rear.metrics["pelvic_drop_deg"], rear.gait.steps)
        vals = list(foot_medians(s).values())
        drop = max(vals) if vals else None
        if markers:  # measured from the tape: a drop beyond "level" (Bramah 2018's bands) counts
            flagged = any(pelvic_drop_band(v) != "level" for v in vals)
        else:  # the hip keypoints under-read the drop, so borderline counts too
            flagged = any(s.foot(f).status in ("outside range", "borderline") for f in ("left", "right"))
    return GaitFindings(cadence, overstride, drop, flagged, markers)


def gait_links(g: GaitFindings) -> list[str]:
    """Gait findings the literature links to a pain source, each with how weak the link is."""
    out = []
    if g.pelvic_drop_flagged:
        out.append(
            f"Pelvic drop {g.pelvic_drop_deg:.1f} deg: female runners with sacroiliac joint pain showed more "
            "contralateral pelvic drop (Whitney 2022, J Phys Ther Sci 34:327; cross-sectional, 18 vs 63, "
            "magnitudes not retrieved): consistent with, not evidence for, a sacroiliac source."
        )
    elif g.pelvic_drop_deg is not None and not g.pelvic_drop_from_markers:
        out.append(
            f"Pelvic drop {g.pelvic_drop_deg:.1f} deg is inside the range, but video pose under-reads it "
            f"({PELVIC_DROP.text()}): this does not rule a drop out; a physiotherapist "
            "can check hip control in person."
        )
    # Overstride is linked to no pain source here: Whitney 2022 compared group means (more tibial
    # overstride with sacroiliac joint pain) and no cut-off for overstride is validated
    # (metrics/side.py), so no value of it can point at a source. It stays in the metrics table.
    return out


WEAR_NOTES = {
    "outer_heel": "heel wear is consistent with a rearfoot strike or overstriding",
    "inner_heel": "heel wear is consistent with a rearfoot strike or overstriding",
    "inner_forefoot": "inner forefoot wear is consistent with twisting at toe-off",
}


def shoe_wear_notes(answers: Answers) -> list[str]:
    """Outsole wear as weak supporting evidence only, never a trigger (evidence.md F: no validation;
    Vernon 2004, JAPMA 94:261; raters agree on what wear looks like, not on what it means, Barton 2009)."""
    return [
        f"{side} shoe: {WEAR_NOTES[w.value]} (weak: wear also reflects surface, fit and habit)"
        for side, w in sorted(answers.shoe_wear.items())
        if w.value in WEAR_NOTES
    ]


def risk_factors(a: Answers) -> list[str]:
    """Risk factors for back pain in runners the answers show (Maselli 2020, BMC MSK 21:343; low-quality
    studies): context, never moving the source estimate."""
    out = []
    bmi = a.person.weight_kg / (a.person.height_cm / 100) ** 2
    if bmi > 24:
        out.append(f"BMI {bmi:.1f} (above 24)")
    if a.running.years_running > 6:
        out.append(f"running for {a.running.years_running:g} years (more than 6)")
    return [f"{r}: a risk factor for back pain in runners (Maselli 2020, low-quality studies)" for r in out]


#: A flag's concern that is itself one of the estimate's sources: never "ruled out" above a table it leads.
FLAG_SOURCE = {"inflammatory back pain (axial spondyloarthritis)": "inflammatory_or_other"}


def doctor_first(s: Screen, est: Estimate | None = None) -> str | None:
    """After a within-days flag the estimate holds only once those causes are ruled out: "if the
    doctor rules out ..."; None otherwise. A concern the estimate itself ranks among its leaders is
    not "ruled out" above it: the doctor's assessment and the estimate point the same way."""
    if s.action in (Action.SEE_DOCTOR_WITHIN_DAYS, Action.SEE_DOCTOR_TODAY):
        leaders = set(est.leaders) if est is not None else set()
        urgent = [f for f in s.flags if f.action >= s.action and FLAG_SOURCE.get(f.concern) not in leaders]
        if not urgent:
            return "once the doctor has assessed you (your answers and the estimate point the same way)"
        return "if the doctor rules out " + ", ".join(sorted({f.concern.split(" (")[0] for f in urgent}))
    if any(f.answer == "other_causes.pregnant" for f in s.flags):
        return "if the pain is not from the pregnancy (this estimate does not cover pregnancy)"
    return None


def shows_estimate(answers: Answers, s: Screen) -> bool:
    """The spinal-source estimate is shown with pain, unless an emergency holds everything back or the
    answers point outside the spine (triage/mimics.py): no table of spinal sources beside an aneurysm."""
    return answers.pain.has_pain and s.action != Action.EMERGENCY_NOW and not s.outside_spine


def outside_spine_note(s: Screen) -> str | None:
    """Why no table of spinal sources is shown, when the answers point outside the spine."""
    if not s.outside_spine:
        return None
    names = ", ".join(dict.fromkeys(f.concern.split(" (")[0] for f in s.outside_spine))
    return (
        f"Your answers point to a cause outside the back ({names}). Until a doctor has ruled it out, a table "
        "of back sources would mislead, so none is shown."
    )


def triage_report(answers: Answers, clips: list | None = None) -> TriageResult:
    """The screen, the pain-source estimate, the links to the gait and the plan, as summary.json holds them."""
    s = screen(answers)
    est = estimate(answers) if shows_estimate(answers, s) else None
    gait = gait_findings(clips) if clips else None
    return TriageResult(
        screen=screen_result(s),
        pain_source=None if est is None else pain_source_result(answers, s, est),
        gait_links=tuple(gait_links(gait)) if gait else (),
        shoe_wear_notes=tuple(shoe_wear_notes(answers)),
        risk_factors=tuple(risk_factors(answers)),
        unknown_costs=tuple(unknown_costs(answers)) if est is not None else (),
        plan=tuple(PlanItemResult(**asdict(i)) for i in make_plan(answers, s, est, gait)),
        plan_held_back=s.action == Action.EMERGENCY_NOW,
    )


def screen_result(s: Screen) -> ScreenResult:
    flags = tuple(
        FlagResult(**(asdict(f) | {"action": action_name(f.action), "because": plain(f.answer)})) for f in s.flags
    )
    return ScreenResult(action=action_name(s.action), action_label=s.action.label, advice=s.advice,
                        guideline=s.guideline, flags=flags, unanswered=s.unanswered, could_raise=s.could_raise,
                        outside_spine=outside_spine_note(s))  # fmt: skip


def pain_source_result(answers: Answers, s: Screen, est: Estimate) -> PainSourceResult:
    return PainSourceResult(
        probabilities={k: round(v, 3) for k, v in est.probabilities.items()},
        leaders=est.leaders,
        ranges={k: (round(lo, 3), round(hi, 3)) for k, (lo, hi) in est.ranges.items()},
        prior=est.prior,
        prior_source=est.prior_source,
        evidence=tuple(EvidenceResult(**asdict(e)) for e in est.evidence),
        caveats=est.caveats,
        shown_if=doctor_first(s, est),
        self_tests=tuple(SelfTestResult(**asdict(t)) for t in self_tests_for(answers, est.probabilities)),
    )


def action_name(action: Action) -> ActionName:
    return cast(ActionName, action.name.lower())
