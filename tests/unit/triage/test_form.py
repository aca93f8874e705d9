"""The interactive form asks every schema field in plain words and produces valid answers."""

import pytest

from backstride.triage.form import Question, questions, run_form
from backstride.triage.questionnaire import Answers
from backstride.triage.wording import LABELS, QUESTIONS
from tests.unit.triage.vignettes import answers


def scripted(data: dict, *, by_number: bool = False):
    asked: list[Question] = []

    def ask(q: Question) -> str:
        asked.append(q)
        group, name = q.field.split(".")
        value = data.get(group, {}).get(name)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        values = value if isinstance(value, list) else ([] if value is None else [value])
        if by_number and q.choices:
            return ",".join(str(q.choices.index(str(v)) + 1) for v in values)
        return ",".join(str(v) for v in values)

    return ask, asked


@pytest.mark.parametrize("by_number", [False, True])
def test_form_round_trip(by_number):
    data = answers(pain={"locations": ["central_low_back", "groin"]})
    ask, asked = scripted(data, by_number=by_number)
    notes: list[str] = []
    a = run_form(ask, say=notes.append)
    assert a.person.age == 34 and [loc.value for loc in a.pain.locations] == ["central_low_back", "groin"]
    assert a.red_flags.fever == "no" and a.inflammatory.night_pain == a.pain.night_pain
    assert not notes


def test_every_field_is_asked_once_in_plain_words_with_labelled_choices():
    fields = [q.field for q in questions()]
    assert len(fields) == len(set(fields))
    assert "inflammatory.night_pain" not in fields  # taken from pain.night_pain: never asked twice
    for q in questions():
        assert q.text == QUESTIONS[q.field] and "_" not in q.text
        prompt = q.prompt()
        assert q.field not in prompt
        for choice in q.choices:
            assert choice in LABELS, (q.field, choice)
    assert set(QUESTIONS) >= set(fields)
    loc = next(q for q in questions() if q.field == "pain.locations")
    assert "the leg below the knee" in loc.prompt() and "below_knee" not in loc.prompt()
    assert Answers.model_fields  # the schema drives the list


def test_a_load_jump_is_said_as_it_is_typed():
    data = answers(running={"weekly_km_now": 30, "weekly_km_4_weeks_ago": 3})
    ask, _ = scripted(data)
    notes: list[str] = []
    run_form(ask, say=notes.append)
    assert any("rise of 900 %" in n and "Nielsen 2014" in n for n in notes)


def test_no_pain_skips_every_pain_question():
    from tests.unit.triage.vignettes import NO_PAIN

    ask, asked = scripted(answers(pain=NO_PAIN))
    a = run_form(ask)
    assert not a.pain.has_pain
    assert [q.field for q in asked if q.field.startswith("pain.")] == ["pain.has_pain"]


def test_leg_questions_are_asked_only_when_the_pain_reaches_the_leg():
    ask, asked = scripted(answers())  # central low back pain only
    run_form(ask)
    leg_only = {"pain.leg_tingling_or_numbness", "self_tests.straight_leg_raise_brings_leg_pain"}
    assert not {q.field for q in asked} & leg_only
    leg = answers(pain={"locations": ["buttock", "below_knee"], "side": "left", "leg_side": "left",
                        "leg_tingling_or_numbness": "yes", "cough_sneeze_makes_leg_pain_worse": "yes"})  # fmt: skip
    ask, asked = scripted(leg)
    a = run_form(ask)
    assert a.pain.leg_tingling_or_numbness == "yes" and a.pain.cough_sneeze_makes_leg_pain_worse == "yes"


def test_trauma_is_asked_as_minor_or_major_in_plain_words():
    q = next(q for q in questions() if q.field == "red_flags.recent_trauma")
    assert q.choices == ("no", "minor", "major", "unknown") and "yes, major" in q.prompt()
    assert "road accident" in q.text and "fall from standing" in q.text


def test_the_filmed_checks_on_file_reach_the_answers_without_being_asked():
    """'backstride questionnaire --runner' passes the runner's filmed checks as known answers: the hold
    is a question (not asked again), the faults are no question (taken as they are)."""
    known = {
        "self_tests.back_extensor_hold_s": 61.0,
        "self_tests.filmed_faults": {"back-extension": ["arched"], "single-leg-squat-left": ["knee in"]},
    }
    from backstride.triage.form import run_form
    from tests.unit.triage.vignettes import answers

    ask, asked = scripted(answers())
    a = run_form(ask, known=known)
    assert "self_tests.back_extensor_hold_s" not in {q.field for q in asked}
    assert a.self_tests.back_extensor_hold_s == 61.0
    assert a.self_tests.filmed_faults == {"back-extension": ["arched"], "single-leg-squat-left": ["knee in"]}
