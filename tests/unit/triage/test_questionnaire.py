"""Invalid answers are refused with a message naming the field; nothing is guessed."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.triage import QuestionnaireError, estimate, load_answers, parse_answers
from backstride.triage.sources import SOURCES, Evidence, posterior
from tests.unit.triage.vignettes import BASE, answers


def test_missing_field_is_named():
    data = answers()
    del data["red_flags"]["fever"]
    with pytest.raises(QuestionnaireError, match=r"red_flags\.fever: missing"):
        parse_answers(data)


def test_contradiction_names_both_fields():
    with pytest.raises(QuestionnaireError, match="longest_run_last_week_km.*longest_run_last_30_days_km"):
        parse_answers(answers(running={"longest_run_last_week_km": 30}))


def test_pain_without_location_is_refused():
    with pytest.raises(QuestionnaireError, match=r"pain\.locations"):
        parse_answers(answers(pain={"locations": []}))


def test_unknown_field_and_bad_value_are_refused():
    with pytest.raises(QuestionnaireError, match=r"person\.shoe_size"):
        parse_answers(answers(person={**BASE["person"], "shoe_size": 42}))
    with pytest.raises(QuestionnaireError, match=r"pain\.duration"):
        parse_answers(answers(pain={"duration": "forever"}))


def test_yaml_file(tmp_path):
    import yaml

    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers()))
    assert load_answers(path).person.age == 34
    path.write_text("person: [unclosed")
    with pytest.raises(QuestionnaireError, match="not readable"):
        load_answers(path)


FIELDS = sorted(f"{g}.{k}" for g in ("person", "running", "red_flags", "inflammatory") for k in BASE[g])


@given(st.sampled_from(FIELDS), st.sampled_from([None, "banana", -5, [1, 2]]))
def test_any_invalid_answer_is_refused_naming_its_field(field, bad):
    group, name = field.split(".")
    data = answers(**{group: {name: bad}})
    with pytest.raises(QuestionnaireError, match=field.replace(".", r"\.")):
        parse_answers(data)


priors = st.lists(st.floats(0.01, 1.0), min_size=len(SOURCES), max_size=len(SOURCES)).map(
    lambda w: {k: v / sum(w) for k, v in zip(SOURCES, w)}
)
evidence = st.lists(st.tuples(st.sampled_from(SOURCES), st.floats(0.05, 20.0)), max_size=6)


@given(priors, evidence)
def test_probabilities_sum_to_one(prior, ev):
    post = posterior(prior, [Evidence("x", s, lr, "test") for s, lr in ev])
    assert math.isclose(sum(post.values()), 1.0, rel_tol=1e-9)


@given(priors, evidence, st.sampled_from(SOURCES), st.floats(1.01, 20.0))
def test_an_answer_with_lr_above_one_never_lowers_its_source(prior, ev, source, lr):
    base = [Evidence("x", s, r, "test") for s, r in ev]
    before = posterior(prior, base)[source]
    after = posterior(prior, base + [Evidence("y", source, lr, "test")])[source]
    assert after >= before - 1e-12


def test_answers_without_accuracy_move_nothing():
    plain = estimate(parse_answers(answers()))
    groin = estimate(parse_answers(answers(pain={"locations": ["central_low_back", "groin"]})))
    assert groin.probabilities == pytest.approx(plain.probabilities)
    assert any(e.likelihood_ratio is None and "groin" in e.answer for e in groin.evidence)


def test_unquoted_yaml_yes_and_no_mean_what_they_say(tmp_path):
    """YAML 1.1 reads yes/no/on/off unquoted as booleans; the answer meant is kept."""
    import yaml

    from backstride.triage import load_answers

    text = yaml.safe_dump(answers()).replace("fever: 'no'", "fever: yes").replace("night_pain: 'no'", "night_pain: off")
    assert "fever: yes" in text
    path = tmp_path / "answers.yaml"
    path.write_text(text)
    a = load_answers(path)
    assert a.red_flags.fever == "yes" and a.pain.night_pain == "no"


@pytest.mark.parametrize(
    "pain, named",
    [
        ({"has_pain": False, "worse_with": ["sitting"]}, "pain.worse_with"),
        ({"has_pain": False, "night_pain": "yes", "began_weeks_ago": 2}, "pain.night_pain, pain.began_weeks_ago"),
        ({"locations": ["below_knee"], "side": "left"}, "pain.leg_side is not answered"),
        ({"leg_side": "left"}, "pain.leg_side is given but pain.locations has no thigh"),
    ],
)
def test_every_pain_answer_is_checked_against_the_others(pain, named):
    from tests.unit.triage.vignettes import NO_PAIN

    data = answers(pain=NO_PAIN) if pain.get("has_pain") is False else answers(pain=pain)
    data["pain"].update(pain)
    with pytest.raises(QuestionnaireError, match=named):
        parse_answers(data)
