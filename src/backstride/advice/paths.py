"""Plan items for who is asking: a hip pattern, pregnancy, acute pain, a runner who has stopped.

Each replaces what would be unsafe or premature for that runner (back exercises before the hip is
examined, prone extensions in pregnancy, a 12-week programme two days after onset, a cap of zero).
"""

from __future__ import annotations

from backstride.advice.items import PlanItem
from backstride.triage.questionnaire import Answers, Duration


#: A hip pattern: groin pain with pain turning the hip or putting on socks / getting out of a car.
def hip_pattern(a: Answers) -> bool:
    o = a.other_causes
    groin = any(loc.value == "groin" for loc in a.pain.locations)
    return groin and "yes" in (o.groin_pain_turning_the_hip, o.pain_putting_on_socks_or_getting_out_of_a_car)


HIP_SOURCE = (
    "Offierski & MacNab 1983 (Spine 8:316, hip-spine syndrome): the hip refers pain to the groin, buttock and "
    "thigh and is mistaken for back pain; an examination of the hip tells them apart (accuracy not published "
    "in the project's sources)"
)


def hip_first(a: Answers) -> PlanItem:
    return PlanItem(
        "Hip first: have the hip examined before any back exercise",
        "Groin pain that comes on turning the hip, putting on socks or getting out of a car points to the hip "
        "joint. Ask a physiotherapist or sports doctor to examine the hip; back exercises wait until they have.",
        "Within 2-4 weeks; keep walking and running only as far as it does not hurt.",
        HIP_SOURCE,
        "where it hurts: the groin; other_causes.groin_pain_turning_the_hip: "
        f"{a.other_causes.groin_pain_turning_the_hip}; other_causes.pain_putting_on_socks_or_getting_out_of_a_car: "
        f"{a.other_causes.pain_putting_on_socks_or_getting_out_of_a_car}",
        "Groin pain 0-10 putting on socks, each week.",
    )


PELVIC_GIRDLE_SOURCE = (
    "European guidelines on pelvic girdle pain (Vleeming 2008, Eur Spine J 17:794): individual exercise with a "
    "physiotherapist who treats pregnancy-related pelvic girdle pain; NICE NG59 does not cover pregnancy"
)


def pelvic_girdle(a: Answers) -> PlanItem:
    return PlanItem(
        "Pregnancy: the pelvic-girdle path",
        "See your midwife and ask for a pelvic-health (women's health) physiotherapist. Keep active within "
        "comfort: walking, swimming, gentle supported exercise as they guide. No exercises lying on your front, "
        "no loaded hinges or deadlifts, no back extensions; a pelvic support belt may help while walking.",
        "As your physiotherapist sets it; stop anything that brings on pain in the pubic bone or the pelvis.",
        f"Moderate for individual exercise in pelvic girdle pain: {PELVIC_GIRDLE_SOURCE}",
        "other_causes.pregnant: yes",
        "Pain 0-10 turning in bed and on stairs, each week: less counts as better.",
    )


#: NICE NG59 1.2 (2016, updated 2020): reassure and encourage keeping active; consider an NSAID at the
#: lowest dose for the shortest time (with gastric protection where needed); paracetamol alone is not
#: recommended; no imaging without suspected serious pathology.
ACUTE_SOURCE = (
    "NICE NG59 (2016, updated 2020): keep active, return to normal activities; an NSAID at the lowest effective "
    "dose for the shortest time if needed (paracetamol alone is not recommended); exercise programmes for pain "
    "that does not settle"
)


def acute_care(a: Answers) -> PlanItem:
    return PlanItem(
        "Acute back pain: keep moving while it settles",
        "Most new back pain eases within a few weeks. Keep to your daily activities and walk; run easy and short "
        "only if it does not make the pain worse. If you need pain relief, an anti-inflammatory (such as "
        "ibuprofen) at the lowest dose that helps, for the shortest time, if it is safe for you (ask a "
        "pharmacist). Seek help at once for numbness between the legs, new bladder or bowel trouble, or "
        "weakness in a leg.",
        "Until it settles; if it is no better after 6 weeks, a structured exercise programme with a "
        "physiotherapist (the next step, not the first).",
        ACUTE_SOURCE,
        f"pain.duration: {a.pain.duration.value if a.pain.duration else 'not answered'}",
        "Pain 0-10 each morning for 2 weeks: a falling line counts as settling.",
    )


#: A graded return: walk-run intervals over about 9 weeks, 3 sessions a week, from 1-minute runs (the
#: NHS Couch to 5K plan; return-to-run progressions after injury follow the same pattern, e.g. Warden
#: 2014, JOSPT 44:749: UNVERIFIED as to its exact steps).
RETURN_TO_RUNNING = "NHS Couch to 5K (walk-run, 9 weeks, 3 a week); Warden 2014 (JOSPT 44:749) walk-run return"


def return_to_running(a: Answers) -> PlanItem:
    pain = a.pain.has_pain
    settled = (
        "Most back pain settles within weeks and keeping active helps it settle (NICE NG59): running can come "
        "back gradually. "
        if pain and a.pain.duration == Duration.ACUTE
        else ""
    )
    return PlanItem(
        "Return to running: walk-run, step by step",
        settled + "Start with 1 minute of easy running and 1-2 minutes of walking, repeated 8 times; each week run "
        "a little longer and walk a little less, moving on only when a session left "
        + ("the pain no worse the next morning." if pain else "no new ache the next day."),
        "3 sessions a week on non-consecutive days, for about 9 weeks, until 30 minutes of continuous easy running.",
        f"Guideline-based progression, not tested in back pain: {RETURN_TO_RUNNING}",
        "running.weekly_km_now: 0",
        "Next-morning pain 0-10 after each session: no rise of more than 2 points means move on."
        if pain
        else "Any new ache after each session: none means move on.",
    )
