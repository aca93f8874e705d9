"""Clinical vignettes (tests/unit/triage/cases.py): the action level, the leading pain source (or a
stated tie) and what the plan must and must not say, for cases written here and cases written from
published case reports. The estimator replaced by its prior must fail most of the vignettes that
name a leading source: otherwise they would not test it."""

import json

import pytest

from backstride.advice import make_plan
from backstride.advice.plan import TIE
from backstride.advice.report import triage_report
from backstride.triage import Action, estimate, parse_answers, screen
from backstride.triage.questionnaire import Duration
from backstride.triage.sources import PRIOR_ACUTE, PRIOR_CHRONIC, Estimate
from tests.unit.triage.cases import CASES, PUBLISHED, Case
from tests.unit.triage.vignettes import answers, flags


def problems(case: Case, estimator=estimate) -> list[str]:
    """What the triage gets wrong on a case (empty: nothing)."""
    a = parse_answers(case.data)
    s = screen(a)
    out = [] if s.action == case.action else [f"action {s.action.name}, expected {case.action.name}"]
    est = estimator(a) if a.pain.has_pain and s.action != Action.EMERGENCY_NOW else None
    if case.leading is not None:
        p = est.probabilities
        top = sorted(p, key=lambda k: -p[k])[: len(case.leading)]
        tie_ok = len(case.leading) == 1 or p[top[0]] - p[top[-1]] <= TIE
        if set(top) != set(case.leading) or not tie_ok:
            out.append(f"leading {[(k, round(p[k], 3)) for k in top]}, expected {case.leading}")
    for src in case.raised:
        if est.probabilities[src] <= est.prior[src]:
            out.append(f"{src} not raised above its prior")
    for src in case.lowered:
        if est.probabilities[src] >= est.prior[src]:
            out.append(f"{src} not lowered below its prior")
    plan = " | ".join(f"{i.title}: {i.what} {i.dose}" for i in make_plan(a, s, est))
    out += [f"plan lacks {m!r}" for m in case.must if m not in plan]
    out += [f"plan has {m!r}" for m in case.must_not if m in plan]
    if case.report_must:
        report = json.dumps(triage_report(a))
        out += [f"report lacks {m!r}" for m in case.report_must if m not in report]
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_vignette(case):
    assert problems(case) == []


def test_there_are_at_least_40_vignettes_a_third_from_published_cases():
    assert len(CASES) >= 40 and len(PUBLISHED) >= len(CASES) / 3
    assert all(c.source for c in PUBLISHED)


def prior_only(a) -> Estimate:
    """The estimator replaced by its prior: what a triage that ignores every answer would say."""
    prior = PRIOR_CHRONIC if a.pain.duration == Duration.CHRONIC else PRIOR_ACUTE
    return Estimate(dict(prior), {k: (v, v) for k, v in prior.items()}, prior, "prior only", (), ())


def test_the_vignettes_test_the_estimator_the_prior_alone_fails_most_of_them():
    named = [c for c in CASES if c.leading is not None]
    failed = [c.name for c in named if problems(c, prior_only)]
    assert len(failed) > len(named) / 2, (len(failed), len(named))
    assert all(not problems(c) for c in named)  # and the real estimator passes them all


def test_emergency_names_the_pathway_and_flags_are_sorted():
    s = screen(parse_answers(answers(**flags("recent_trauma", "bladder_or_bowel_change"))))
    assert s.flags[0].action == Action.EMERGENCY_NOW and "GIRFT" in s.flags[0].source
    assert "emergency" in s.action.advice.lower()


def test_old_yes_no_trauma_answers_are_read_the_cautious_way():
    data = answers(red_flags={**answers()["red_flags"], "recent_trauma": "yes"})
    assert parse_answers(data).red_flags.recent_trauma == "major"
    data["red_flags"]["recent_trauma"] = False  # YAML 1.1 "no"
    assert parse_answers(data).red_flags.recent_trauma == "no"


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
