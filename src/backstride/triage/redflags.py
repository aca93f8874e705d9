"""Red-flag screen: answers to an action level, with the guideline each flag follows.

The screen comes first in every report; an emergency holds back the rest of the plan.
It says where to seek care and how soon; it never makes a diagnosis.
"""

from __future__ import annotations

from backstride.triage.beyond import beyond_spine_flags
from backstride.triage.flags import Action, Flag, Screen
from backstride.triage.mimics import mimic_flags, not_cauda_equina
from backstride.triage.questionnaire import Answers, Duration

__all__ = ["Action", "Flag", "Screen", "flag_screen"]


CES = "GIRFT National Suspected Cauda Equina Syndrome Pathway 2023; BMJ Best Practice: same-day ED, MRI within 4 h"
#: A regional NHS acute back pain pathway (North East England, "red flags: recommended responses"):
#: cauda equina to the emergency department; new or progressive neurological deficit and suspected
#: spinal infection urgent the same day through the GP; not a national guideline.
SAME_DAY = "NHS acute back pain pathway (regional, North East England): urgent same-day assessment"
#: Adult back pain guidance (NICE NG59) covers 16 and over; new back pain under 16 is a red flag in
#: the same NHS pathway.
ADULT_FROM_AGE = 16
RULES = (
    ("red_flags.bladder_or_bowel_change", "cauda equina syndrome", Action.EMERGENCY_NOW, CES),
    (
        "red_flags.numbness_genitals_or_buttocks",
        "cauda equina syndrome (saddle anaesthesia)",
        Action.EMERGENCY_NOW,
        CES,
    ),
    (
        "red_flags.symptoms_or_weakness_both_legs",
        "cauda equina syndrome (bilateral leg symptoms)",
        Action.EMERGENCY_NOW,
        CES,
    ),
    (
        "red_flags.osteoporosis_or_long_steroid_use",
        "osteoporotic fracture",
        Action.SEE_DOCTOR_WITHIN_DAYS,
        "Downie 2013: prolonged corticosteroid use, post-test probability of fracture 33 %",
    ),
    (
        "red_flags.history_of_cancer",
        "spinal metastasis",
        Action.SEE_DOCTOR_WITHIN_DAYS,
        "Henschke 2013 (Cochrane CD008686): a history of cancer raises the probability from 0.3 % to 4.6 %",
    ),
    (
        "red_flags.unexplained_weight_loss",
        "cancer",
        Action.SEE_DOCTOR_WITHIN_DAYS,
        "Henschke 2013: unexplained weight loss raises the probability of malignancy to 1.2 %",
    ),
    (
        "red_flags.fever",
        "spinal infection",
        Action.SEE_DOCTOR_WITHIN_DAYS,
        "NICE NG59: fever, a weakened immune system or injecting drugs point to a spinal infection",
    ),
    (
        "red_flags.injected_drugs_or_immune_suppressed",
        "spinal infection (a risk factor, even without fever)",
        Action.SEE_DOCTOR_WITHIN_DAYS,
        "NICE NG59: fever, a weakened immune system and injecting drugs each point to infection; spinal epidural "
        "abscess without fever is reported in people who inject drugs (Prendergast 1997, Am J Emerg Med 15:158)",
    ),
    (
        "red_flags.leg_weakness_or_numbness_getting_worse",
        "a nerve root losing function (new or progressive neurological deficit)",
        Action.SEE_DOCTOR_TODAY,
        SAME_DAY,
    ),
)

#: Inflammatory back pain: at least 4 of these 5 in chronic back pain (ASAS criteria, Sieper
#: 2009, Ann Rheum Dis 68:784: sens 0.770, spec 0.917 for inflammatory back pain, its table 2).
IBP_ITEMS = ("onset_before_40", "gradual_onset", "better_with_exercise", "not_better_with_rest", "night_pain")
IBP_MIN_ITEMS = 4


#: Minor trauma (a slip, a fall from standing) counts for a fracture in older runners and in those
#: with osteoporosis or long steroid use (Downie 2013); the age is that of the common red-flag lists.
MINOR_TRAUMA_FROM_AGE = 50
MAJOR_TRAUMA = (
    "Downie 2013 (BMJ 347:f7095): severe trauma, post-test probability of fracture 11 %; a suspected spinal "
    "injury after major trauma is assessed the same day (NICE NG41, spinal injury)"
)


def trauma_flags(a: Answers) -> list[Flag]:
    """Major trauma: same day. Minor trauma: a fracture flag only in an older or osteoporotic runner."""
    t = a.red_flags.recent_trauma
    if t == "major":
        return [Flag("red_flags.recent_trauma: major", "fracture", Action.SEE_DOCTOR_TODAY, MAJOR_TRAUMA)]
    fragile = a.red_flags.osteoporosis_or_long_steroid_use == "yes"
    if t == "minor" and (a.person.age > MINOR_TRAUMA_FROM_AGE or fragile):
        why = f"age {a.person.age}" if a.person.age > MINOR_TRAUMA_FROM_AGE else "osteoporosis or steroids"
        return [
            Flag(
                "red_flags.recent_trauma: minor",
                f"fracture (minor trauma with {why})",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                f"Downie 2013: minor trauma is enough for a fracture in older, osteoporotic or steroid-treated "
                f"people (older age 9 %, steroids 33 %, several flags together 90 %); minor trauma over "
                f"{MINOR_TRAUMA_FROM_AGE} as in common red-flag lists",
            )
        ]
    return []


def flag_screen(answers: Answers) -> Screen:
    """The action level and every flag that raised it."""
    flags = []
    for field, concern, action, source in RULES:
        group, name = field.split(".")
        if getattr(getattr(answers, group), name) == "yes":
            flags.append(Flag(field, concern, action, source))
    flags += trauma_flags(answers)
    if answers.person.age > 70 and answers.pain.has_pain and answers.pain.duration is not None:
        flags.append(
            Flag(
                "person.age",
                "osteoporotic fracture",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                "Downie 2013: older age, post-test probability of fracture 9 %",
            )
        )
    if answers.red_flags.fever == "yes" and answers.red_flags.injected_drugs_or_immune_suppressed == "yes":
        flags.append(
            Flag(
                "red_flags.fever+injected_drugs_or_immune_suppressed",
                "spinal infection (fever with a risk factor)",
                Action.SEE_DOCTOR_TODAY,
                SAME_DAY + "; NICE NG59: fever, a weakened immune system, injecting drugs",
            )
        )
    if answers.person.age < ADULT_FROM_AGE and answers.pain.has_pain:
        flags.append(
            Flag(
                "person.age",
                "back pain in a child or young teenager (adult guidelines do not cover under-16s)",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                "NICE NG59 covers 16 and over; new back pain under 16 is a red flag in the NHS acute back pain pathway",
            )
        )
    flags = not_cauda_equina(answers, flags) + beyond_spine_flags(answers) + mimic_flags(answers)
    ibp = [i for i in IBP_ITEMS if getattr(answers.inflammatory, i) == "yes"]
    if (
        answers.pain.has_pain
        and answers.pain.duration is not None
        and answers.pain.duration == Duration.CHRONIC
        and len(ibp) >= IBP_MIN_ITEMS
    ):
        flags.append(
            Flag(
                "inflammatory." + "+".join(ibp),
                "inflammatory back pain (axial spondyloarthritis)",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                "ASAS inflammatory back pain criteria, 4 of 5 (Sieper 2009, Ann Rheum Dis 68:784: sens 0.77, "
                "spec 0.92); NICE NG59",
            )
        )
    if flags:
        level = max(f.action for f in flags)
    else:
        level = Action.ROUTINE if answers.pain.has_pain else Action.NONE
    unknown = tuple(f"red_flags.{name}" for name, value in answers.red_flags.model_dump().items() if value == "unknown")
    return Screen(level, tuple(sorted(flags, key=lambda f: -f.action)), unknown)
