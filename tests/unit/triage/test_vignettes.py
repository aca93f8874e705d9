"""Clinical vignettes (tests/unit/triage/cases.py): the action level, the leading pain source (or a
stated tie) and what the plan must and must not say, for cases written here and cases written from
published case reports. The estimator replaced by its prior must fail most of the vignettes that
name a leading source: otherwise they would not test it."""

import pytest

from backstride.advice import make_plan
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
        if set(est.leaders) != set(case.leading):
            out.append(f"leading {[(k, round(p[k], 3)) for k in est.leaders]}, expected {case.leading}")
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
        report = triage_report(a).model_dump_json()
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


#: One vignette for each pattern the estimate must tell apart, each failing the prior alone (issue 24).
PATTERNS = {
    "radicular": "radicular: below the knee, tingling, cough makes the leg worse",
    "sacroiliac": "sacroiliac: points at the PSIS, provocation cluster 4 of 6 positive (Laslett 2005)",
    "discogenic with centralisation": "disc-like: centralises, chronic",
    "inflammatory": "Berlin 4 of 4 at 45 (over the ASAS onset age): inflammatory leads",
    "facet as a tie": "facet-like, older runner",
}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_pattern_is_tested_by_a_vignette_the_prior_alone_fails(pattern):
    case = next(c for c in CASES if c.name == PATTERNS[pattern])
    assert problems(case) == [] and problems(case, prior_only) != []


def prior_only_count() -> tuple[int, int, int]:
    """(vignettes naming a leading source or a tie, passing with the estimator, passing with the prior alone)."""
    named = [c for c in CASES if c.leading is not None]
    return len(named), sum(not problems(c) for c in named), sum(not problems(c, prior_only) for c in named)


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
