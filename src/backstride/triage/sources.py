"""Where the pain likely comes from: prior prevalence updated by answers of published accuracy.

Posterior odds = prior odds x likelihood ratio, applied to the source an answer speaks for
(the others keep their share, then all are normalised). Answers without a published accuracy
move nothing and are listed as "consistent with". History alone cannot tell disc from facet
pain (evidence.md D): the estimate says so and names the examination that would.
"""

from __future__ import annotations

from dataclasses import dataclass

from backstride.triage.questionnaire import Answers, Duration, Factor, Location

SOURCES = ("non_specific", "sacroiliac_joint", "facet_joint", "disc", "nerve_root", "inflammatory_or_other")

#: Acute or subacute pain in a runner seen outside a clinic: mostly non-specific. These shares
#: are assumptions (UNVERIFIED): no stored study gives source prevalence in acute runners.
PRIOR_ACUTE = {
    "non_specific": 0.85,
    "sacroiliac_joint": 0.03,
    "facet_joint": 0.03,
    "disc": 0.03,
    "nerve_root": 0.05,
    "inflammatory_or_other": 0.01,
}
PRIOR_ACUTE_SOURCE = "assumed (UNVERIFIED): most acute low back pain in primary care is non-specific (NICE NG59)"
#: Chronic pain: DePalma 2011 (Pain Med 12:224, n=170, chronic patients in a spine clinic,
#: sources confirmed by blocks or discography): disc 42 %, facet 31 %, SIJ 18 %. A runner is
#: not a spine-clinic patient, so these shares fill 60 % and the rest is assumed (UNVERIFIED).
PRIOR_CHRONIC = {
    "non_specific": 0.30,
    "sacroiliac_joint": 0.108,
    "facet_joint": 0.186,
    "disc": 0.252,
    "nerve_root": 0.12,
    "inflammatory_or_other": 0.034,
}
PRIOR_CHRONIC_SOURCE = (
    "DePalma 2011 shares (disc 42 / facet 31 / SIJ 18 %, chronic spine-clinic patients) "
    "scaled to 60 %; non-specific 30 %, nerve root 12 %, other 3.4 % assumed (UNVERIFIED)"
)


@dataclass(frozen=True)
class Evidence:
    answer: str
    source: str  # which pain source it speaks for
    likelihood_ratio: float | None  # None: no published accuracy, moves nothing
    citation: str


@dataclass(frozen=True)
class Estimate:
    probabilities: dict[str, float]
    ranges: dict[str, tuple[float, float]]  # with each prior halved or doubled
    prior: dict[str, float]
    prior_source: str
    evidence: tuple[Evidence, ...]
    caveats: tuple[str, ...]


def gather_evidence(a: Answers) -> list[Evidence]:
    p, ev = a.pain, []
    if Location.BELOW_PSIS in p.locations:
        ev.append(
            Evidence(
                "pain.locations: just below and inside the bony point at the back of the pelvis",
                "sacroiliac_joint",
                2.3,
                "Murakami 2008 (J Orthop Sci 13:492): 18 of 20 block "
                "responders pointed there, 7 of 18 non-responders: sens 0.90, spec 0.61, LR+ 2.3",
            )
        )
    elif p.locations:
        ev.append(
            Evidence(
                "pain.locations: not at the bony point at the back of the pelvis",
                "sacroiliac_joint",
                0.16,
                "Murakami 2008: LR- 0.16 (sens 0.90, spec 0.61)",
            )
        )
    if p.centralises_with_repeated_movement == "yes":
        ev.append(
            Evidence(
                "pain.centralises_with_repeated_movement: yes",
                "disc",
                6.7,
                "Laslett 2005 (Spine J 5:370): centralisation, sens ~0.40 spec ~0.94 (UNVERIFIED)",
            )
        )
    elif p.centralises_with_repeated_movement == "no":
        ev.append(
            Evidence(
                "pain.centralises_with_repeated_movement: no",
                "disc",
                0.64,
                "Laslett 2005: LR- 0.64 from sens ~0.40 spec ~0.94 (UNVERIFIED)",
            )
        )
    ev.extend(_straight_leg_raise(a))
    ibp = sum(
        getattr(a.inflammatory, k) == "yes"
        for k in ("onset_before_40", "gradual_onset", "better_with_exercise", "not_better_with_rest", "night_pain")
    )
    if ibp >= 4 and p.duration == Duration.CHRONIC:
        ev.append(
            Evidence(
                f"inflammatory: {ibp} of 5 criteria",
                "inflammatory_or_other",
                9.3,
                "ASAS inflammatory back pain criteria: sens 0.77, spec 0.92 (Sieper 2009; UNVERIFIED)",
            )
        )
    ev.extend(_consistent_with(a))
    return ev


#: Devillé 2000 (Spine 25:1140), against surgery for disc herniation: SLR sens 0.91 spec 0.26,
#: crossed SLR sens 0.29 spec 0.88 (evidence.md D). LR+ = sens / (1 - spec), LR- = (1 - sens) / spec.
SLR = (0.91, 0.26)
CROSSED_SLR = (0.29, 0.88)
SLR_LIMITS = (
    "examiner-performed on surgical candidates with sciatica (Devillé 2000); done at home by a helper its "
    "accuracy is not known"
)


def _lrs(sens: float, spec: float) -> tuple[float, float]:
    return sens / (1 - spec), (1 - sens) / spec


def _straight_leg_raise(a: Answers) -> list[Evidence]:
    """The straight-leg raise self-tests, only with leg pain (the test's population: sciatica)."""
    if not {Location.THIGH, Location.BELOW_KNEE} & set(a.pain.locations):
        return []
    out = []
    for field, (sens, spec), name in (
        ("straight_leg_raise_brings_leg_pain", SLR, "straight-leg raise"),
        ("crossed_straight_leg_raise_brings_leg_pain", CROSSED_SLR, "crossed straight-leg raise"),
    ):
        answer = getattr(a.self_tests, field)
        if answer == "unknown":
            continue
        positive, negative = _lrs(sens, spec)
        lr = positive if answer == "yes" else negative
        out.append(
            Evidence(
                f"self_tests.{field}: {answer}",
                "nerve_root",
                round(lr, 2),
                f"Devillé 2000 (Spine 25:1140): {name} sens {sens:.2f}, spec {spec:.2f}, "
                f"LR{'+' if answer == 'yes' else '-'} {lr:.2f}; {SLR_LIMITS}",
            )
        )
    return out


def _consistent_with(a: Answers) -> list[Evidence]:
    """Answers linked to a source in the literature but without a usable accuracy."""
    p, out = a.pain, []
    if Location.GROIN in p.locations:
        out.append(
            Evidence(
                "pain.locations: groin",
                "sacroiliac_joint",
                None,
                "Schwarzer 1995 (Spine 20:31): groin the only referral pattern that discriminated SIJ",
            )
        )
    if p.side in ("left", "right") and Location.CENTRAL_LOW_BACK not in p.locations:
        out.append(
            Evidence(
                "pain.side: one side, no central pain",
                "sacroiliac_joint",
                None,
                "Young 2003 (Spine J 3:460): unilateral pain without lumbar pain",
            )
        )
    if Location.BELOW_KNEE in p.locations:
        out.append(
            Evidence(
                "pain.locations: below the knee",
                "nerve_root",
                None,
                "evidence.md D: pain below the knee argues against facet pain",
            )
        )
    if Factor.RISING_FROM_SITTING in p.worse_with:
        out.append(Evidence("pain.worse_with: rising from sitting", "disc", None, "Young 2003"))
    if Factor.COUGH_SNEEZE in p.worse_with:
        out.append(Evidence("pain.worse_with: coughing or sneezing", "nerve_root", None, "clinical convention"))
    if a.person.age > 55:
        out.append(
            Evidence(
                "person.age over 55",
                "facet_joint",
                None,
                "Laslett screening-block study: age > 55 OR 3.55 (an odds ratio, not an accuracy)",
            )
        )
    return out


def posterior(prior: dict[str, float], evidence: list[Evidence]) -> dict[str, float]:
    """Multiply each source's weight by its answers' likelihood ratios, then normalise."""
    w = dict(prior)
    for e in evidence:
        if e.likelihood_ratio is not None:
            w[e.source] *= e.likelihood_ratio
    total = sum(w.values())
    return {k: v / total for k, v in w.items()}


def estimate(a: Answers) -> Estimate:
    chronic = a.pain.duration == Duration.CHRONIC
    prior = PRIOR_CHRONIC if chronic else PRIOR_ACUTE
    ev = gather_evidence(a)
    probs = posterior(prior, ev)
    ranges = {}
    for k in SOURCES:
        vals = [posterior({**prior, j: prior[j] * f}, ev)[k] for j in SOURCES for f in (0.5, 2.0)]
        ranges[k] = (min(vals + [probs[k]]), max(vals + [probs[k]]))
    caveats = (
        (
            "Centralisation points to the disc (Laslett 2005); beyond it, no history item separates facet pain "
            "from the other sources (Schwarzer 1994, Laslett 2004)."
            if a.pain.centralises_with_repeated_movement == "yes"
            else "History alone cannot tell disc from facet pain: no question here has a published accuracy for "
            "either (Schwarzer 1994/1995, Laslett 2004)."
        ),
        "The sacroiliac joint is best judged by the provocation cluster (3 or more of 6 tests positive: sens 0.94, "
        "spec 0.78; Laslett 2005), done by a physiotherapist or sports physician.",
        "Facet pain is confirmed only by medial branch blocks and disc pain by discography, both specialist "
        "procedures that are rarely needed.",
        f"Prior: {PRIOR_CHRONIC_SOURCE if chronic else PRIOR_ACUTE_SOURCE}.",
    )
    return Estimate(probs, ranges, prior, PRIOR_CHRONIC_SOURCE if chronic else PRIOR_ACUTE_SOURCE, tuple(ev), caveats)
