"""Beyond the spine: a bone stress injury, non-mechanical pain, pregnancy and low energy
availability are named, change the action where they should, and the spine-source estimate does
not pretend otherwise. Expectations: the IOC consensus on RED-S (Mountjoy 2018) for low energy and
bone stress; the IFOMPT framework (Finucane 2020) for non-mechanical pain; NICE NG59's scope
(no pregnancy)."""

from backstride.advice import make_plan
from backstride.advice.report import triage_report
from backstride.triage import Action, estimate, parse_answers, screen
from tests.unit.triage.vignettes import NO_PAIN, answers

BUTTOCK = {"locations": ["buttock", "groin"], "side": "right"}


def other(**values):
    return {"other_causes": values}


def test_pain_on_hopping_is_a_possible_bone_stress_injury_within_days_and_no_running():
    a = parse_answers(answers(pain=BUTTOCK, **other(pain_hopping_on_one_leg="yes")))
    s = screen(a)
    assert s.action == Action.SEE_DOCTOR_WITHIN_DAYS and "bone stress injury" in s.flags[0].concern
    assert "UNVERIFIED" in s.flags[0].source
    plan = make_plan(a, s, estimate(a))
    assert "No running" in plan[1].what
    shown = triage_report(a).pain_source.shown_if
    assert shown.startswith("if the doctor rules out a bone stress injury")


def test_low_energy_makes_a_bone_stress_injury_likelier_and_says_why():
    s = screen(
        parse_answers(
            answers(pain=BUTTOCK, **other(pain_hopping_on_one_leg="yes", periods_stopped_or_eating_too_little="yes"))
        )
    )
    assert "low energy availability" in s.flags[0].concern and "Mountjoy 2018" in s.flags[0].source
    alone = screen(parse_answers(answers(**other(periods_stopped_or_eating_too_little="yes"))))
    assert alone.action == Action.ROUTINE and "sports doctor" in alone.flags[0].concern
    assert alone.advice.startswith("No urgent warning sign")  # not "no red flag" beside a note


def test_pain_the_same_whatever_you_do_sends_to_a_doctor_for_non_spinal_causes():
    s = screen(parse_answers(answers(**other(pain_the_same_whatever_you_do="yes"))))
    assert s.action == Action.SEE_DOCTOR_WITHIN_DAYS and "non-mechanical" in s.flags[0].concern


def test_in_pregnancy_the_estimate_says_it_does_not_cover_it_and_the_plan_sends_to_the_midwife():
    a = parse_answers(answers(person={"sex": "female"}, **other(pregnant="yes")))
    s = screen(a)
    assert s.action == Action.ROUTINE and "pregnancy" in s.flags[0].concern
    report = triage_report(a)
    assert "does not cover pregnancy" in report.pain_source.shown_if
    assert "midwife" in report.plan[0].what


def test_without_pain_nothing_beyond_the_spine_is_flagged():
    no_pain = answers(pain=NO_PAIN)
    s = screen(parse_answers({**no_pain, **other(pain_hopping_on_one_leg="yes")}))
    assert s.action == Action.NONE and not s.flags
