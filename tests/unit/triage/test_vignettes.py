"""Written clinical vignettes: the expected action level (red-flag screen, NICE NG59 and the
cauda equina pathway) and the expected leading pain source (or the set it may be, where the
history cannot settle it). Expectations follow evidence.md: emergencies for cauda equina;
within days for fracture, cancer, infection and inflammatory disease; acute pain in a runner
is mostly non-specific; history alone cannot separate disc from facet."""

import pytest

from backstride.triage import Action, estimate, parse_answers, screen
from tests.unit.triage.vignettes import NO_PAIN, answers, flags

CHRONIC = {"duration": "chronic_over_12_weeks"}
SIJ_PAIN = {"locations": ["below_and_inside_pelvis_bony_point", "buttock", "groin"], "side": "left"}
IBP_ALL = {
    "inflammatory": {
        k: "yes"
        for k in ("onset_before_40", "gradual_onset", "better_with_exercise", "not_better_with_rest", "night_pain")
    }
}

VIGNETTES = [
    ("bladder change: cauda equina", answers(**flags("bladder_or_bowel_change")), Action.EMERGENCY_NOW, None),
    ("saddle numbness", answers(**flags("numbness_genitals_or_buttocks")), Action.EMERGENCY_NOW, None),
    ("both legs weak", answers(**flags("symptoms_or_weakness_both_legs")), Action.EMERGENCY_NOW, None),
    (
        "cauda equina beats cancer history",
        answers(**flags("bladder_or_bowel_change", "history_of_cancer")),
        Action.EMERGENCY_NOW,
        None,
    ),
    (
        "no pain but bladder change",
        answers(
            pain=NO_PAIN,
            **flags("bladder_or_bowel_change"),
        ),
        Action.EMERGENCY_NOW,
        None,
    ),
    ("fall onto the back: fracture", answers(**flags("recent_trauma")), Action.SEE_DOCTOR_WITHIN_DAYS, None),
    ("long steroid use", answers(**flags("osteoporosis_or_long_steroid_use")), Action.SEE_DOCTOR_WITHIN_DAYS, None),
    ("older runner, 75", answers(person={"age": 75}), Action.SEE_DOCTOR_WITHIN_DAYS, None),
    ("history of cancer", answers(**flags("history_of_cancer")), Action.SEE_DOCTOR_WITHIN_DAYS, None),
    ("unexplained weight loss", answers(**flags("unexplained_weight_loss")), Action.SEE_DOCTOR_WITHIN_DAYS, None),
    ("fever: infection", answers(**flags("fever")), Action.SEE_DOCTOR_WITHIN_DAYS, None),
    ("fever and trauma", answers(**flags("fever", "recent_trauma")), Action.SEE_DOCTOR_WITHIN_DAYS, None),
    (
        "fever in a drug injector: infection, same day",
        answers(**flags("fever", "injected_drugs_or_immune_suppressed")),
        Action.SEE_DOCTOR_TODAY,
        None,
    ),
    (
        "immune-suppressed without fever",
        answers(**flags("injected_drugs_or_immune_suppressed")),
        Action.ROUTINE,
        {"non_specific"},
    ),
    (
        "foot starting to slap: progressive deficit, same day",
        answers(
            pain={"locations": ["buttock", "below_knee"], "side": "left", "leg_side": "left"},
            **flags("leg_weakness_or_numbness_getting_worse"),
        ),
        Action.SEE_DOCTOR_TODAY,
        None,
    ),
    ("a 14-year-old with back pain", answers(person={"age": 14}), Action.SEE_DOCTOR_WITHIN_DAYS, None),
    (
        "inflammatory back pain, young runner",
        answers(pain={**CHRONIC, "night_pain": "yes"}, **IBP_ALL),
        Action.SEE_DOCTOR_WITHIN_DAYS,
        {"inflammatory_or_other"},
    ),
    ("inflammatory items but acute", answers(**IBP_ALL), Action.ROUTINE, {"non_specific"}),
    (
        "3 of 5 inflammatory items",
        answers(
            pain=CHRONIC, inflammatory={"onset_before_40": "yes", "gradual_onset": "yes", "better_with_exercise": "yes"}
        ),
        Action.ROUTINE,
        {"non_specific", "disc"},
    ),
    ("sacroiliac-like, acute", answers(pain=SIJ_PAIN), Action.ROUTINE, {"non_specific"}),
    (
        "sacroiliac-like, chronic",
        answers(pain={**SIJ_PAIN, **CHRONIC}),
        Action.ROUTINE,
        {"non_specific", "sacroiliac_joint", "disc"},
    ),
    (
        "radicular: below the knee, cough",
        answers(
            pain={
                "locations": ["buttock", "thigh", "below_knee"],
                "side": "right",
                "leg_side": "right",
                "worse_with": ["coughing_or_sneezing", "sitting"],
            }
        ),
        Action.ROUTINE,
        {"non_specific", "nerve_root"},
    ),
    (
        "facet-like, older runner",
        answers(
            person={"age": 61},
            pain={
                **CHRONIC,
                "locations": ["central_low_back", "one_side_beside_spine"],
                "side": "both",
                "worse_with": ["standing", "arching_back", "walking"],
                "centralises_with_repeated_movement": "no",
            },
        ),
        Action.ROUTINE,
        {"non_specific", "facet_joint"},
    ),
    (
        "disc-like: centralises",
        answers(
            pain={
                **CHRONIC,
                "worse_with": ["sitting", "rising_from_sitting"],
                "centralises_with_repeated_movement": "yes",
            }
        ),
        Action.ROUTINE,
        {"disc"},
    ),
    (
        "acute non-specific after a load spike",
        answers(running={"longest_run_last_30_days_km": 21, "longest_run_last_week_km": 21, "weekly_km_now": 55}),
        Action.ROUTINE,
        {"non_specific"},
    ),
    ("acute, worse bending forward", answers(), Action.ROUTINE, {"non_specific"}),
    ("chronic, nothing specific", answers(pain=CHRONIC), Action.ROUTINE, {"non_specific"}),
    (
        "no pain",
        answers(pain=NO_PAIN),
        Action.NONE,
        None,
    ),
    (
        "no pain, new shoes",
        answers(
            pain=NO_PAIN,
            running={"recent_changes": ["shoes"]},
        ),
        Action.NONE,
        None,
    ),
    (
        "steroids and age 72",
        answers(person={"age": 72}, **flags("osteoporosis_or_long_steroid_use")),
        Action.SEE_DOCTOR_WITHIN_DAYS,
        None,
    ),
    (
        "subacute one-sided buttock pain",
        answers(pain={"duration": "subacute_6_to_12_weeks", "locations": ["buttock"], "side": "right"}),
        Action.ROUTINE,
        {"non_specific"},
    ),
]


@pytest.mark.parametrize("name,data,action,leading", VIGNETTES, ids=[v[0] for v in VIGNETTES])
def test_vignette(name, data, action, leading):
    a = parse_answers(data)
    s = screen(a)
    assert s.action == action, (name, [f.answer for f in s.flags])
    if leading is not None:
        probs = estimate(a).probabilities
        assert max(probs, key=probs.get) in leading, (name, probs)


def test_there_are_at_least_25_vignettes():
    assert len(VIGNETTES) >= 25


def test_emergency_names_the_pathway_and_flags_are_sorted():
    s = screen(parse_answers(answers(**flags("recent_trauma", "bladder_or_bowel_change"))))
    assert s.flags[0].action == Action.EMERGENCY_NOW and "GIRFT" in s.flags[0].source
    assert "emergency" in s.action.advice.lower()


def test_unknown_red_flag_answers_are_listed_not_assumed():
    data = answers(red_flags={**answers()["red_flags"], "fever": "unknown"})
    s = screen(parse_answers(data))
    assert s.action == Action.ROUTINE and s.unanswered == ("red_flags.fever",)


def test_same_day_sits_between_the_emergency_and_within_days_and_names_its_source():
    s = screen(parse_answers(answers(**flags("fever", "injected_drugs_or_immune_suppressed", "history_of_cancer"))))
    assert Action.SEE_DOCTOR_WITHIN_DAYS < Action.SEE_DOCTOR_TODAY < Action.EMERGENCY_NOW
    assert s.action == Action.SEE_DOCTOR_TODAY and "same-day" in s.flags[0].source
    assert "today" in s.action.advice and "Do not run" in s.action.advice
    both = screen(parse_answers(answers(**flags("bladder_or_bowel_change", "leg_weakness_or_numbness_getting_worse"))))
    assert both.action == Action.EMERGENCY_NOW


def test_red_flag_questions_added_later_are_asked_not_assumed():
    """An answers file written before a red-flag question existed does not pass it as "no"."""
    old = answers()
    for name in ("leg_weakness_or_numbness_getting_worse", "injected_drugs_or_immune_suppressed"):
        del old["red_flags"][name]
    s = screen(parse_answers(old))
    assert set(s.unanswered) == {
        "red_flags.leg_weakness_or_numbness_getting_worse",
        "red_flags.injected_drugs_or_immune_suppressed",
    }
