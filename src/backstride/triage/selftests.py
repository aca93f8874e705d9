"""Self-tests a runner can do at home for each pain pattern: how, what counts as positive, and
what the test cannot tell (each with the study behind it). They inform; none of them replaces the
examination that settles the source (report.content.SETTLED_BY).
"""

from __future__ import annotations

from dataclasses import dataclass

from backstride.triage.questionnaire import LEG, Answers


@dataclass(frozen=True)
class SelfTest:
    source: str  # the pain source it speaks for
    name: str
    how: str
    positive: str
    limits: str
    answer: str  # the questionnaire field that records it


SELF_TESTS = (
    SelfTest(
        "nerve_root",
        "Straight-leg raise (with a helper)",
        "Lie on your back, both legs straight. The helper lifts your painful leg slowly by the heel, knee kept "
        "straight, until it hurts or reaches about 70 deg; then the same with the other leg.",
        "Your usual leg pain, below the knee, comes on before 70 deg (a pull behind the thigh is only a tight "
        "hamstring, not positive). Pain in the painful leg when the OTHER leg is lifted (crossed) is more telling.",
        "Accuracy measured with an examiner in surgical candidates with sciatica (Devillé 2000: sens 0.91, "
        "spec 0.26; crossed sens 0.29, spec 0.88): a negative test argues against a nerve root, a positive one "
        "proves little; done at home its accuracy is not known. Stop if it hurts.",
        "self_tests.straight_leg_raise_brings_leg_pain",
    ),
    SelfTest(
        "sacroiliac_joint",
        "Finger test",
        "Standing, point with ONE finger to where it hurts most. Do it twice, a minute apart.",
        "Both times within about 2 cm below and inside the bony point at the back of the pelvis (the dimple "
        "above the buttock).",
        "18 of 20 people whose pain a sacroiliac block relieved pointed there, and 7 of 18 whose pain it did "
        "not (Murakami 2008): it raises the odds about 2-fold and rules nothing in. The joint is judged by a "
        "physiotherapist's provocation tests.",
        "pain.locations",
    ),
    SelfTest(
        "disc",
        "Repeated movements",
        "Note where the pain reaches (back, buttock, thigh, below the knee). Standing, hands on hips, bend "
        "backwards slowly 10 times; then lie face down and press up on your hands 10 times. Note where it "
        "reaches again, and the next morning.",
        "Leg or buttock pain withdraws towards the middle of the back and stays there (centralisation).",
        "Centralisation points to the disc (Laslett 2005; its accuracy, about sens 0.40 and spec 0.94, is "
        "UNVERIFIED). Stop if pain spreads further down the leg. A physiotherapist's repeated-movement "
        "assessment also tries the other directions.",
        "pain.centralises_with_repeated_movement",
    ),
    SelfTest(
        "inflammatory_or_other",
        "Two-week morning diary",
        "Each morning for 2 weeks write down how many minutes your back is stiff after getting up, whether "
        "the pain woke you in the second half of the night, and whether a walk eases it more than rest.",
        "Stiffness over 30 min, waking after about 3 am, better with movement and not with rest (Berlin "
        "criteria items).",
        "The Berlin criteria were measured in rheumatology clinic patients under 50 (Rudwaleit 2006): a diary "
        "raises or lowers a suspicion; only a rheumatologist (blood tests, MRI of the sacroiliac joints) "
        "confirms it.",
        "pain.morning_stiffness_minutes",
    ),
)
BY_SOURCE = {t.source: t for t in SELF_TESTS}


def self_tests_for(a: Answers, probabilities: dict[str, float]) -> list[SelfTest]:
    """The self-tests for the two likeliest sources, and the straight-leg raise whenever the leg hurts."""
    leg = bool(LEG & set(a.pain.locations))
    ranked = sorted(probabilities, key=lambda k: -probabilities[k])[:2]
    # the straight-leg raise only with leg pain: its accuracy was measured in sciatica (Deville 2000)
    picked = [BY_SOURCE[s] for s in ranked if s in BY_SOURCE and (leg or s != "nerve_root")]
    if leg and BY_SOURCE["nerve_root"] not in picked:
        picked.insert(0, BY_SOURCE["nerve_root"])
    return picked
