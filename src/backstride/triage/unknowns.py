"""What an unanswered question costs: which estimate or rule it would have moved, and by how much.

An answer of "unknown" is never guessed. Where the answer would have changed something, the
triage says what, with the likelihood ratios it would have applied (triage/sources.py), so the
runner can decide whether finding out is worth it.
"""

from __future__ import annotations

from backstride.triage.questionnaire import LEG, Answers, Duration, Location
from backstride.triage.sources import BERLIN_2, CENTRALISATION, COUGH_LEG_DOR, CROSSED_SLR, SLR, likelihood_ratios

#: Where a pelvic, sacral or hip problem (bone stress, the hip joint) shows itself.
PELVIS = frozenset({Location.BUTTOCK, Location.GROIN, Location.BELOW_PSIS})


def unknown_costs(a: Answers) -> list[str]:
    """One sentence per unanswered question that would have moved the estimate or a rule."""
    p, out = a.pain, list[str]()
    if not p.has_pain:
        return out
    if p.centralises_with_repeated_movement == "unknown":
        yes, no = CENTRALISATION
        out.append(
            f"Whether the pain centralises is unknown: it would move the disc estimate x{yes:g} (yes) or x{no:g} (no)."
        )
    if LEG & set(p.locations):
        out += _leg_unknowns(a)
    if PELVIS & set(p.locations):
        out += _pelvis_unknowns(a)
    i = a.inflammatory
    if p.duration == Duration.CHRONIC and "unknown" in (i.wakes_in_second_half_of_night, i.alternating_buttock_pain):
        pos, neg = likelihood_ratios(*BERLIN_2)
        out.append(
            "Two Berlin questions (waking in the second half of the night, alternating buttock pain) are unanswered: "
            f"with them the inflammatory estimate moves x{pos:.1f} (2 or more of 4) or x{neg:.2f} (fewer than 2)."
        )
    if a.running.longest_run_before_last_week_km is None:
        out.append(
            "Your longest run in the 30 days before last week is not given: a jump last week cannot be told from "
            "your usual long run, and the cap is set from the last 30 days, which may include the jump."
        )
    if p.began_weeks_ago is None:
        out.append("When the pain began is not given: a training spike just before it cannot be named as its trigger.")
    return out


def _leg_unknowns(a: Answers) -> list[str]:
    out = []
    for field, (sens, spec), name in (
        ("straight_leg_raise_brings_leg_pain", SLR, "straight-leg raise"),
        ("crossed_straight_leg_raise_brings_leg_pain", CROSSED_SLR, "crossed straight-leg raise"),
    ):
        if getattr(a.self_tests, field) == "unknown":
            pos, neg = likelihood_ratios(sens, spec)
            out.append(
                f"The {name} was not done: it would move the nerve-root estimate x{pos:.2f} (positive) or "
                f"x{neg:.2f} (negative)."
            )
    if a.pain.cough_sneeze_makes_leg_pain_worse == "unknown":
        out.append(
            "Whether coughing or sneezing makes the LEG pain worse is unknown: it would move the nerve-root "
            f"estimate x{COUGH_LEG_DOR**0.5:.2f} (yes) or x{COUGH_LEG_DOR**-0.5:.2f} (no)."
        )
    return out


def _pelvis_unknowns(a: Answers) -> list[str]:
    o, out = a.other_causes, []
    if o.pain_hopping_on_one_leg == "unknown":
        out.append(
            "The one-leg hop test was not done: pain on hopping would send you to a doctor within days for "
            "a possible bone stress injury of the pelvis or hip."
        )
    if o.groin_pain_turning_the_hip == "unknown":
        out.append("The hip-turning test was not done: the hip joint, which refers pain here, is not screened.")
    return out
