"""What an unanswered question costs: which estimate or rule it would have moved, and by how much.

An answer of "unknown" is never guessed. Where the answer would have changed something, the
triage says what, with the likelihood ratios it would have applied (triage/sources.py), so the
runner can decide whether finding out is worth it.
"""

from __future__ import annotations

from backstride.triage.flags import Action
from backstride.triage.questionnaire import LEG, Answers, Duration, Location
from backstride.triage.redflags import flag_screen
from backstride.triage.sources import BERLIN_2, CENTRALISATION, COUGH_LEG_DOR, CROSSED_SLR, SLR, likelihood_ratios

#: Where a pelvic, sacral or hip problem (bone stress, the hip joint) shows itself.
PELVIS = frozenset({Location.BUTTOCK, Location.GROIN, Location.BELOW_PSIS})


#: What a raised level means, said after "if yes, ...".
LEVEL_WORDS = {
    Action.EMERGENCY_NOW: "this is an emergency: go to an emergency department now",
    Action.SEE_DOCTOR_TODAY: "see a doctor today",
    Action.SEE_DOCTOR_WITHIN_DAYS: "see a doctor within days",
}
#: Groups whose "unknown" yes/no answers may hide a higher level (the red flags' own are listed apart,
#: Screen.unanswered); and the onset, whose "sudden and severe" may.
PROBED_GROUPS = ("other_causes", "health")


def level_unknowns(a: Answers, level: Action) -> list[str]:
    """Each question answered "unknown" (or not asked) whose answer "yes" alone would raise the level:
    "we did not ask / you did not answer X; if yes, ...". Found by screening the answers again with
    that one answer changed, so every rule is covered."""
    from backstride.triage.wording import QUESTIONS

    if not a.pain.has_pain:
        return []
    out = []
    for group, name, value in _unanswered(a):
        data = a.model_dump()
        data[group][name] = value
        try:
            raised = flag_screen(Answers.model_validate(data)).action
        except ValueError:
            continue  # that answer would contradict another
        if raised > level:
            ask = QUESTIONS[f"{group}.{name}"]
            out.append(f'Not answered: "{ask}" If {_said(value)}, {LEVEL_WORDS[raised]}.')
    return out


def _unanswered(a: Answers) -> list[tuple[str, str, str]]:
    """The probed questions left "unknown" that the form would ask this runner (triage.form.asked):
    a question the form skips as irrelevant (an aneurysm at 34 with low back pain) is not raised."""
    from backstride.triage.form import asked

    data = a.model_dump(mode="json")
    out = [
        (group, name, "yes")
        for group in PROBED_GROUPS
        for name, value in getattr(a, group).model_dump().items()
        if value == "unknown" and asked(f"{group}.{name}", data)
    ]
    if a.pain.onset == "unknown":
        out.append(("pain", "onset", "sudden_and_severe"))
    return out


def _said(value: str) -> str:
    return "yes" if value == "yes" else "it began suddenly and severely"


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
