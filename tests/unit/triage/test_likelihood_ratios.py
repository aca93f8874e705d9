"""Each likelihood ratio the estimator applies, as an exact shift of its source's odds.

Posterior odds = prior odds x LR for the source an answer speaks for (the others keep their
weights), so with the prior P and the LR of each answer, a source's posterior is known in closed
form. Each case below names the answers, the LRs they must bring (with their sources, see
triage/sources.py) and checks the estimate to 1e-9 against the hand-computed value.
"""

from __future__ import annotations

import pytest

from backstride.triage import estimate, parse_answers
from backstride.triage.sources import PRIOR_ACUTE, PRIOR_CHRONIC, leg_pain_prior
from tests.unit.triage.vignettes import answers

CHRONIC = {"duration": "chronic_over_12_weeks"}
IBP_ALL = {
    k: "yes" for k in ("onset_before_40", "gradual_onset", "better_with_exercise", "not_better_with_rest", "night_pain")
}

AT_PSIS = {"locations": ["below_and_inside_pelvis_bony_point"], "side": "left"}

CASES = [
    # (name, answers, prior, {source: product of LRs expected})
    # central pain only: the finger is not at the PSIS (Murakami 2008 LR- 0.16)
    ("not at the PSIS", answers(), PRIOR_ACUTE, {"sacroiliac_joint": 0.16}),
    # pointing below and inside the PSIS (Murakami 2008 LR+ 2.3)
    (
        "at the PSIS",
        answers(pain={"locations": ["below_and_inside_pelvis_bony_point"], "side": "left"}),
        PRIOR_ACUTE,
        {"sacroiliac_joint": 2.3},
    ),
    # centralisation (Laslett 2005, UNVERIFIED accuracy): LR+ 6.7, LR- 0.64; central pain: SIJ LR- 0.16
    (
        "centralises",
        answers(pain={**CHRONIC, "centralises_with_repeated_movement": "yes"}),
        PRIOR_CHRONIC,
        {"disc": 6.7, "sacroiliac_joint": 0.16},
    ),
    (
        "does not centralise",
        answers(pain={**CHRONIC, "centralises_with_repeated_movement": "no"}),
        PRIOR_CHRONIC,
        {"disc": 0.64, "sacroiliac_joint": 0.16},
    ),
    # straight-leg raise at home with leg pain (Devillé 2000: SLR 0.91/0.26 -> LR+ 1.23; crossed SLR
    # 0.29/0.88 -> LR+ 2.42); pain below the knee is not at the PSIS (SIJ LR- 0.16); below the knee the
    # prior is the ATLAS back-and-leg-pain one (nerve root 74.2 %)
    (
        "straight-leg raise and crossed both bring on the leg pain",
        answers(
            pain={"locations": ["buttock", "below_knee"], "side": "right", "leg_side": "right"},
            self_tests={
                "straight_leg_raise_brings_leg_pain": "yes",
                "crossed_straight_leg_raise_brings_leg_pain": "yes",
            },
        ),
        leg_pain_prior(PRIOR_ACUTE),
        {"nerve_root": 1.23 * 2.42, "sacroiliac_joint": 0.16},
    ),
    (
        "a negative straight-leg raise argues against a nerve root (LR- 0.35)",
        answers(
            pain={"locations": ["thigh"], "side": "left", "leg_side": "left"},
            self_tests={"straight_leg_raise_brings_leg_pain": "no"},
        ),
        PRIOR_ACUTE,
        {"nerve_root": 0.35, "sacroiliac_joint": 0.16},
    ),
    (
        "a straight-leg raise without leg pain moves nothing (the test's population has sciatica)",
        answers(self_tests={"straight_leg_raise_brings_leg_pain": "yes"}),
        PRIOR_ACUTE,
        {"sacroiliac_joint": 0.16},
    ),
    # worse LEG pain on coughing (Verwoerd 2016, DOR 2.28, split evenly: LR+ 1.51, LR- 0.66, UNVERIFIED)
    (
        "coughing makes the leg pain worse",
        answers(
            pain={
                "locations": ["buttock", "below_knee"],
                "side": "left",
                "leg_side": "left",
                "cough_sneeze_makes_leg_pain_worse": "yes",
            }
        ),
        leg_pain_prior(PRIOR_ACUTE),
        {"nerve_root": 1.51, "sacroiliac_joint": 0.16},
    ),
    (
        "coughing does not make the thigh pain worse",
        answers(
            pain={
                **CHRONIC,
                "locations": ["buttock", "thigh"],
                "side": "left",
                "leg_side": "left",
                "cough_sneeze_makes_leg_pain_worse": "no",
            }
        ),
        PRIOR_CHRONIC,  # thigh only: the leg-pain prior needs pain below the knee
        {"nerve_root": 0.66, "sacroiliac_joint": 0.16},
    ),
    # the physiotherapist's sacroiliac findings (Laslett 2005, Man Ther 10:207): 3+ of 6, sens 0.94 spec 0.78
    # -> LR+ 0.94/0.22 = 4.2727, LR- 0.06/0.78 = 0.07692; 2+ of the best 4, 0.88/0.78 -> LR+ 4.0, LR- 0.15385;
    # the thigh thrust alone, 0.88/0.69 -> LR+ 2.8387, LR- 0.17391; pointing at the PSIS: Murakami LR+ 2.3
    *(
        (
            f"sacroiliac examination: {label}",
            answers(pain={**CHRONIC, **AT_PSIS}, examination=exam),
            PRIOR_CHRONIC,
            {"sacroiliac_joint": 2.3 * lr},
        )
        for label, exam, lr in (
            ("4 of 6 positive", {"sij_provocation_positive_of_6": 4}, 0.94 / 0.22),
            ("2 of 6 positive", {"sij_provocation_positive_of_6": 2}, 0.06 / 0.78),
            ("2 of the best 4", {"sij_best_four_positive_of_4": 2}, 0.88 / 0.22),
            ("1 of the best 4", {"sij_best_four_positive_of_4": 1}, 0.12 / 0.78),
            ("thigh thrust positive", {"sij_thigh_thrust": "yes"}, 0.88 / 0.31),
            ("thigh thrust negative", {"sij_thigh_thrust": "no"}, 0.12 / 0.69),
            # one composite only, the most complete: 6 tests beat the best 4 and the thigh thrust
            (
                "6 tests with a thigh thrust",
                {"sij_provocation_positive_of_6": 3, "sij_thigh_thrust": "yes"},
                0.94 / 0.22,
            ),
        )
    ),
    # rising from sitting, tingling, groin: associations without accuracy, they move nothing
    (
        "associations move nothing",
        answers(
            pain={
                **CHRONIC,
                "locations": ["groin", "thigh"],
                "side": "right",
                "leg_side": "right",
                "worse_with": ["rising_from_sitting"],
                "leg_tingling_or_numbness": "yes",
            }
        ),
        PRIOR_CHRONIC,
        {"sacroiliac_joint": 0.16},
    ),
    # Berlin criteria (Rudwaleit 2006) answered, age 34: 3 of 4 -> sens 0.34 spec 0.97, LR+ 11.33
    (
        "Berlin criteria, 3 of 4",
        answers(
            pain={**CHRONIC, "morning_stiffness_minutes": 45},
            inflammatory={**IBP_ALL, "wakes_in_second_half_of_night": "yes", "alternating_buttock_pain": "no"},
        ),
        PRIOR_CHRONIC,
        {"inflammatory_or_other": 11.33, "sacroiliac_joint": 0.16},
    ),
    # Berlin answered, fewer than 2 of 4: LR- 0.37 (sens 0.70, spec 0.81)
    (
        "Berlin criteria, 1 of 4",
        answers(
            pain={**CHRONIC, "morning_stiffness_minutes": 45},
            inflammatory={"wakes_in_second_half_of_night": "no", "alternating_buttock_pain": "no"},
        ),
        PRIOR_CHRONIC,
        {"inflammatory_or_other": 0.37, "sacroiliac_joint": 0.16},
    ),
    # ASAS inflammatory back pain, 4+ of 5 in chronic pain (Sieper 2009: sens 0.770 spec 0.917): LR+ 9.3
    (
        "inflammatory pattern",
        answers(pain={**CHRONIC, "night_pain": "yes"}, inflammatory=IBP_ALL),
        PRIOR_CHRONIC,
        {"inflammatory_or_other": 9.3, "sacroiliac_joint": 0.16},
    ),
]


@pytest.mark.parametrize("name, data, prior, lrs", CASES, ids=[c[0] for c in CASES])
def test_each_likelihood_ratio_shifts_its_source_exactly(name, data, prior, lrs):
    est = estimate(parse_answers(data))
    assert est.prior == prior
    applied = {}
    for e in est.evidence:
        if e.likelihood_ratio is not None:
            applied[e.source] = applied.get(e.source, 1.0) * e.likelihood_ratio
    assert applied == pytest.approx(lrs, abs=0.005)
    weights = {k: p * applied.get(k, 1.0) for k, p in prior.items()}
    total = sum(weights.values())
    for source, p in est.probabilities.items():
        assert p == pytest.approx(weights[source] / total, abs=1e-9), source
    for source in lrs:  # the odds of the source against the rest move by its weight change
        before = prior[source] / (1 - prior[source])
        rest_after = (total - weights[source]) / (1 - prior[source])  # other weights, rescaled
        after = est.probabilities[source] / (1 - est.probabilities[source])
        assert after == pytest.approx(before * applied[source] / rest_after, rel=1e-9), source


def test_pain_below_the_knee_gives_the_nerve_root_the_atlas_share_and_keeps_the_rest_in_proportion():
    """Konstantinou 2015 (ATLAS): 74.2 % of GP patients with back and leg pain had sciatica."""
    leg = leg_pain_prior(PRIOR_CHRONIC)
    assert leg["nerve_root"] == pytest.approx(0.742) and sum(leg.values()) == pytest.approx(1.0)
    assert leg["disc"] / leg["facet_joint"] == pytest.approx(PRIOR_CHRONIC["disc"] / PRIOR_CHRONIC["facet_joint"])
    est = estimate(parse_answers(answers(pain={"locations": ["foot"], "side": "left", "leg_side": "left"})))
    assert est.prior == leg_pain_prior(PRIOR_ACUTE) and "ATLAS" in est.prior_source
