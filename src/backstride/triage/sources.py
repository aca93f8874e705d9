"""Where the pain likely comes from: prior prevalence updated by answers of published accuracy.

Posterior odds = prior odds x likelihood ratio, applied to the source an answer speaks for
(the others keep their share, then all are normalised). Answers without a published accuracy
move nothing and are listed as "consistent with". History alone cannot tell disc from facet
pain (evidence.md D): the estimate says so and names the examination that would.
"""

from __future__ import annotations

from dataclasses import replace

from backstride.triage.evidence import Estimate, Evidence, likelihood_ratios
from backstride.triage.examination import sij_examination, tie_caveat
from backstride.triage.questionnaire import LEG, Answers, Duration, Factor, Location

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


#: Back pain with leg pain below the knee: Konstantinou 2015 (BMC Musculoskelet Disord 16:332; ATLAS,
#: n=609 adults consulting their GP with back and leg pain): 74.2 % were clinically diagnosed with
#: sciatica (nerve root pain), the rest with referred leg pain; pain below the knee was commoner in
#: the sciatica group, so the share is applied only when the pain reaches below the knee or the foot.
#: The nerve root takes that share; the other sources keep their proportions of the rest.
LEG_PAIN_NERVE_ROOT = 0.742
LEG_PAIN_PRIOR_SOURCE = (
    "with pain below the knee: nerve root 74 %, as in ATLAS (Konstantinou 2015, n=609 GP patients with back "
    "and leg pain, 74.2 % sciatica); GP patients, likely worse than most runners (UNVERIFIED for runners)"
)
BELOW_KNEE = frozenset({Location.BELOW_KNEE, Location.FOOT})


def leg_pain_prior(prior: dict[str, float]) -> dict[str, float]:
    rest = 1 - prior["nerve_root"]
    return {
        k: LEG_PAIN_NERVE_ROOT if k == "nerve_root" else v * (1 - LEG_PAIN_NERVE_ROOT) / rest for k, v in prior.items()
    }


#: Worse LEG pain on coughing, sneezing or straining (Verwoerd 2016, Eur Spine J 25(5), doi
#: 10.1007/s00586-016-4393-8; n=395 with sciatica, against nerve root compression on MRI):
#: diagnostic odds ratio 2.28 (1.28-4.04). The paper gives no sensitivity and specificity, so the
#: odds ratio is split evenly into LR+ sqrt(2.28) = 1.51 and LR- 0.66 (the split is an assumption:
#: UNVERIFIED).
COUGH_LEG_DOR = 2.28

#: Centralisation (Laslett 2005, Spine J 5:370; sens ~0.40, spec ~0.94, UNVERIFIED): LR+ and LR- for the disc.
CENTRALISATION = (6.7, 0.64)


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
                CENTRALISATION[0],
                "Laslett 2005 (Spine J 5:370): centralisation, sens ~0.40 spec ~0.94 (UNVERIFIED)",
            )
        )
    elif p.centralises_with_repeated_movement == "no":
        ev.append(
            Evidence(
                "pain.centralises_with_repeated_movement: no",
                "disc",
                CENTRALISATION[1],
                "Laslett 2005: LR- 0.64 from sens ~0.40 spec ~0.94 (UNVERIFIED)",
            )
        )
    ev.extend(sij_examination(a))
    ev.extend(_straight_leg_raise(a))
    ev.extend(_cough(a))
    if p.duration == Duration.CHRONIC:
        ev.extend(_inflammatory(a))
    ev.extend(_consistent_with(a))
    from backstride.triage.labels import plain

    return [replace(e, answer=plain(e.answer)) for e in ev]


#: Devillé 2000 (Spine 25:1140), against surgery for disc herniation: SLR sens 0.91 spec 0.26,
#: crossed SLR sens 0.29 spec 0.88 (evidence.md D). LR+ = sens / (1 - spec), LR- = (1 - sens) / spec.
SLR = (0.91, 0.26)
CROSSED_SLR = (0.29, 0.88)
SLR_LIMITS = (
    "examiner-performed on surgical candidates with sciatica (Devillé 2000); done at home by a helper its "
    "accuracy is not known"
)


def _straight_leg_raise(a: Answers) -> list[Evidence]:
    """The straight-leg raise self-tests, only with leg pain (the test's population: sciatica)."""
    if not LEG & set(a.pain.locations):
        return []
    out = []
    for field, (sens, spec), name in (
        ("straight_leg_raise_brings_leg_pain", SLR, "straight-leg raise"),
        ("crossed_straight_leg_raise_brings_leg_pain", CROSSED_SLR, "crossed straight-leg raise"),
    ):
        answer = getattr(a.self_tests, field)
        if answer == "unknown":
            continue
        positive, negative = likelihood_ratios(sens, spec)
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


def _cough(a: Answers) -> list[Evidence]:
    answer = a.pain.cough_sneeze_makes_leg_pain_worse
    if answer == "unknown" or not LEG & set(a.pain.locations):
        return []
    lr = COUGH_LEG_DOR**0.5 if answer == "yes" else COUGH_LEG_DOR**-0.5
    return [
        Evidence(
            f"pain.cough_sneeze_makes_leg_pain_worse: {answer}",
            "nerve_root",
            round(lr, 2),
            f"Verwoerd 2016 (Eur Spine J 25(5)): worse leg pain on coughing, sneezing or straining, diagnostic "
            f"odds ratio 2.28 for nerve root compression in sciatica; LR{'+' if answer == 'yes' else '-'} {lr:.2f} "
            "from an even split of that ratio (UNVERIFIED: no sensitivity or specificity published)",
        )
    ]


#: Berlin criteria (Rudwaleit 2006, Arthritis Rheum 54:569; chronic back pain, age 50 or under,
#: against axial spondyloarthritis): >= 2 of 4 sens 0.70 spec 0.81 (LR+ 3.7, LR- 0.40); >= 3 of 4
#: sens 0.34 spec 0.97. Figures from secondary summaries of the paper (not the paper itself).
BERLIN_MAX_AGE = 50
BERLIN_2 = (0.70, 0.81)
BERLIN_3 = (0.34, 0.97)
#: ASAS inflammatory back pain, >= 4 of 5 (Sieper 2009, Ann Rheum Dis 68:784, table 2): sens 0.770,
#: spec 0.917 for the presence of inflammatory back pain, not for a diagnosis.
ASAS = (0.770, 0.917)
ASAS_ITEMS = ("onset_before_40", "gradual_onset", "better_with_exercise", "not_better_with_rest", "night_pain")


def berlin_items(a: Answers) -> list[str] | None:
    """The Berlin criteria met, or None when two of them were not answered."""
    i = a.inflammatory
    if "unknown" in (i.wakes_in_second_half_of_night, i.alternating_buttock_pain):
        return None
    items = {
        "morning stiffness over 30 min": a.pain.morning_stiffness_minutes > 30,
        "better with exercise, not with rest": i.better_with_exercise == "yes" and i.not_better_with_rest == "yes",
        "waking in the second half of the night": i.wakes_in_second_half_of_night == "yes",
        "alternating buttock pain": i.alternating_buttock_pain == "yes",
    }
    return [k for k, v in items.items() if v]


def _inflammatory(a: Answers) -> list[Evidence]:
    """Berlin criteria where answered (age 50 or under), else the ASAS 4-of-5 rule; one, never both:
    they ask overlapping questions, so their ratios are not independent."""
    berlin = berlin_items(a) if a.person.age <= BERLIN_MAX_AGE else None
    if berlin is not None:
        n = len(berlin)
        sens, spec = BERLIN_3 if n >= 3 else BERLIN_2
        lr = likelihood_ratios(sens, spec)[0] if n >= 2 else likelihood_ratios(*BERLIN_2)[1]
        which = f">= {min(n, 3)} of 4" if n >= 2 else "fewer than 2 of 4"
        return [
            Evidence(
                f"inflammatory (Berlin criteria): {n} of 4" + (f" ({', '.join(berlin)})" if berlin else ""),
                "inflammatory_or_other",
                round(lr, 2),
                f"Rudwaleit 2006 (Arthritis Rheum 54:569), {which}: LR {lr:.2f} (sens {sens:.2f}, spec {spec:.2f}; "
                "from secondary summaries)",
            )
        ]
    n = sum(getattr(a.inflammatory, k) == "yes" for k in ASAS_ITEMS)
    if n < 4:
        return []
    lr = likelihood_ratios(*ASAS)[0]
    return [
        Evidence(
            f"inflammatory: {n} of 5 criteria",
            "inflammatory_or_other",
            round(lr, 1),
            f"ASAS inflammatory back pain criteria, 4 of 5 (Sieper 2009, Ann Rheum Dis 68:784): sens 0.77, spec 0.92, "
            f"LR+ {lr:.1f}, for inflammatory back pain, not a diagnosis",
        )
    ]


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
                "pain below the knee argues against facet pain (clinical reviews of facet pain; no accuracy published)",
            )
        )
    if Factor.RISING_FROM_SITTING in p.worse_with:
        out.append(
            Evidence(
                "pain.worse_with: rising from sitting",
                "sacroiliac_joint",
                None,
                "Young 2003 (Spine J 3:460; blocks as reference): pain on rising from sitting went with SIJ pain, "
                "as did unilateral pain without lumbar pain (associations, no accuracy published)",
            )
        )
    if Factor.COUGH_SNEEZE in p.worse_with and p.cough_sneeze_makes_leg_pain_worse == "unknown":
        out.append(
            Evidence(
                "pain.worse_with: coughing or sneezing",
                "nerve_root",
                None,
                "Verwoerd 2016: worse BACK pain on coughing told nothing; only worse LEG pain did (answer "
                "pain.cough_sneeze_makes_leg_pain_worse)",
            )
        )
    if p.leg_tingling_or_numbness == "yes":
        out.append(
            Evidence(
                "pain.leg_tingling_or_numbness: yes",
                "nerve_root",
                None,
                "pins and needles or numbness in the leg go with nerve root pain (ATLAS, Konstantinou 2015; "
                "Verwoerd 2014, Spine J: sensory loss went with a disc herniation on MRI), no usable accuracy "
                "published",
            )
        )
    best = [f.value for f in (Factor.WALKING, Factor.SITTING) if f in p.better_with]
    if best:
        out.append(
            Evidence(
                f"pain.better_with: {', '.join(best)}",
                "facet_joint",
                None,
                "Laslett screening-block study (n=120): pain best when walking (OR 4.79) or sitting (OR 4.27) went "
                "with a facet block response (odds ratios, not an accuracy)",
            )
        )
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


#: Pain at the back of the pelvis, the buttock or the groin in pregnancy is mostly pelvic girdle pain (the
#: sacroiliac joints and the symphysis): assumed shares (UNVERIFIED; European guidelines on pelvic girdle
#: pain, Vleeming 2008, Eur Spine J 17:794; about 20 % of pregnant women have pelvic girdle pain, Wu 2004,
#: Eur Spine J 13:575).
PRIOR_PREGNANCY_PELVIC = {
    "non_specific": 0.40,
    "sacroiliac_joint": 0.50,
    "facet_joint": 0.02,
    "disc": 0.03,
    "nerve_root": 0.04,
    "inflammatory_or_other": 0.01,
}
PRIOR_PREGNANCY_SOURCE = (
    "in pregnancy with pain at the back of the pelvis, buttock or groin: pelvic girdle (sacroiliac) 50 %, "
    "non-specific 40 % assumed (UNVERIFIED; Vleeming 2008, Eur Spine J 17:794; Wu 2004, Eur Spine J 13:575)"
)
PELVIC_GIRDLE = frozenset({Location.BELOW_PSIS, Location.BUTTOCK, Location.GROIN})


def starting_shares(a: Answers) -> tuple[dict[str, float], str]:
    if a.other_causes.pregnant == "yes" and a.person.sex != "male" and PELVIC_GIRDLE & set(a.pain.locations):
        return PRIOR_PREGNANCY_PELVIC, PRIOR_PREGNANCY_SOURCE
    if a.pain.duration == Duration.CHRONIC:
        return PRIOR_CHRONIC, PRIOR_CHRONIC_SOURCE
    return PRIOR_ACUTE, PRIOR_ACUTE_SOURCE


def estimate(a: Answers) -> Estimate:
    prior, prior_source = starting_shares(a)
    if BELOW_KNEE & set(a.pain.locations):
        prior, prior_source = leg_pain_prior(prior), f"{prior_source}; {LEG_PAIN_PRIOR_SOURCE}"
    ev = gather_evidence(a)
    probs = posterior(prior, ev)
    ranges = {}
    for k in SOURCES:
        vals = [posterior({**prior, j: prior[j] * f}, ev)[k] for j in SOURCES for f in (0.5, 2.0)]
        ranges[k] = (min(vals + [probs[k]]), max(vals + [probs[k]]))

    est = Estimate(probs, ranges, prior, prior_source, tuple(ev), ())
    caveats = (
        *tie_caveat(est),
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
        f"Prior: {prior_source}.",
    )
    return replace(est, caveats=caveats)
