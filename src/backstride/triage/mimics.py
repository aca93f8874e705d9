"""When back pain is not a back problem: the differential a clinician screens for first.

Each rule names the condition, its action level, its source and the next step, in the runner's
words. A cause outside the spine that needs a doctor holds back the table of spinal sources
(``Flag.outside_spine``): nobody is shown "most likely the facet joints" beside a possible
aneurysm. The list follows NICE CKS "Back pain - low (without radiculopathy)", whose differential
names the aorta, the kidney, the abdomen and pelvis, shingles and the neck's spinal cord, and the
guideline each condition has of its own.
"""

from __future__ import annotations

from backstride.triage.flags import Action, Flag
from backstride.triage.questionnaire import Answers, Duration, Location

#: NICE NG156 (abdominal aortic aneurysm, 2020) 1.1.2-1.1.3 and 1.2: think of a ruptured aneurysm in
#: new back or belly pain with collapse, particularly over 60 (BMJ Best Practice); risk factors are
#: smoking, high blood pressure, a family history, heart or circulation disease; a symptomatic
#: aneurysm is an emergency transfer to a vascular service.
AAA = (
    "NICE NG156 (abdominal aortic aneurysm, 2020): think of a ruptured aneurysm in new back or belly pain, "
    "particularly over 60 with smoking, high blood pressure, a family history or heart disease; emergency "
    "transfer to a vascular service"
)
AAA_FROM_AGE = 60  # "particularly if aged over 60" (BMJ Best Practice, ruptured AAA)
AAA_RISK_FROM_AGE = 50  # with a risk factor (NG156 screens men from 66, women from 70: earlier is cautious)
AAA_RISKS = ("smoke_or_smoked", "high_blood_pressure", "aneurysm_in_the_family", "heart_or_circulation_disease")
DISSECTION = (
    "ESC 2014 guidelines on aortic diseases (Erbel 2014, Eur Heart J 35:2873): abrupt, severe chest or back pain, "
    "tearing or ripping, is aortic dissection until shown otherwise; emergency"
)
PYELONEPHRITIS = (
    "NICE NG111 (acute pyelonephritis, 2018) and NICE CKS: fever with loin pain and urinary symptoms; antibiotics "
    "the same day; hospital with signs of sepsis (NICE NG51)"
)
RENAL_COLIC = (
    "NICE NG118 (renal and ureteric stones, 2019): loin pain coming in waves; pain relief and assessment the "
    "same day; immediate referral with fever (an infected, blocked kidney)"
)
SHINGLES = (
    "NICE CKS Shingles: antiviral treatment is started within 72 hours of the rash appearing (for people over "
    "50, with moderate or severe pain or rash, or a weak immune system)"
)
ECTOPIC = (
    "NICE NG126 (ectopic pregnancy and miscarriage, 2019): pain low in the belly with a late or missed period "
    "needs a pregnancy test and immediate referral; an ectopic pregnancy can bleed inside"
)
MYELOPATHY = (
    "Davies 2018 (BMJ 360:k186, degenerative cervical myelopathy): clumsy hands, stiff legs, falls and poor "
    "balance come from the spinal cord in the neck, not the nerves at the base of the spine; urgent referral "
    "to a spinal specialist"
)
FRAGILITY = (
    "NICE CKS Osteoporosis: a previous fragility fracture is a major risk factor; a vertebral fracture shows "
    "itself as back pain (Downie 2013, BMJ 347:f7095: older age 9 %, steroids 33 %)"
)
STENOSIS = (
    "NICE CKS Back pain - low (differential: spinal stenosis); Katz & Harris 2008 (N Engl J Med 358:818): legs "
    "that ache or tire on walking and ease on sitting or bending forward (neurogenic claudication); not an "
    "emergency"
)
ABDOMEN = (
    "NICE CKS Back pain - low (differential): pain from the stomach, pancreas, gallbladder, bowel or pelvic "
    "organs is felt in the back; it is examined by a doctor, not a physiotherapist"
)

#: Where a kidney or an aortic cause is felt.
LOIN = frozenset({Location.FLANK, Location.BELLY})
#: Where renal colic is felt: the loin, the side of the back, the belly, the groin.
COLIC = frozenset({Location.FLANK, Location.BELLY, Location.GROIN, Location.BESIDE_SPINE})
#: Where an ectopic pregnancy is felt (low in the belly, the groin).
PELVIC_FRONT = frozenset({Location.BELLY, Location.GROIN})
#: Ages at which a pregnancy is possible (NICE NG126 applies to anyone who could be pregnant).
FERTILE_AGES = (12, 55)

CALL_999 = "Call an ambulance (999 in the UK, 112 in Europe, 911 in North America) now; do not drive yourself."


def _yes(value: str) -> bool:
    return value == "yes"


def aortic_flags(a: Answers) -> list[Flag]:
    """A ruptured or leaking aneurysm, or a dissection: an emergency."""
    p, h, o = a.pain, a.health, a.other_causes
    sudden = p.onset == "sudden_and_severe"
    risks = [r.replace("_", " ") for r in AAA_RISKS if _yes(getattr(h, r))]
    at_risk = a.person.age >= AAA_FROM_AGE or (a.person.age >= AAA_RISK_FROM_AGE and bool(risks))
    new_pain = p.duration is not None and p.duration != Duration.CHRONIC
    out = []
    between_shoulders = sudden and Location.MID_BACK in p.locations and _yes(h.high_blood_pressure)
    if "tearing_or_ripping" in p.character or between_shoulders:
        out.append(
            Flag(
                "pain.character: tearing or ripping"
                if "tearing_or_ripping" in p.character
                else "pain.onset: sudden and severe + pain.locations: mid-back + health.high_blood_pressure",
                "a tear in the wall of the aorta, the main artery (aortic dissection)",
                Action.EMERGENCY_NOW,
                DISSECTION,
                f"{CALL_999} Tearing pain through to the back can be a tear in the main artery. Do not run.",
                outside_spine=True,
            )
        )
    if _yes(h.known_aortic_aneurysm) and (sudden or new_pain):
        out.append(
            Flag(
                "health.known_aortic_aneurysm + new pain",
                "a leaking abdominal aortic aneurysm (known aneurysm with new back or belly pain)",
                Action.EMERGENCY_NOW,
                AAA,
                f"{CALL_999} New back or belly pain with a known aneurysm can mean it is leaking. Do not run.",
                outside_spine=True,
            )
        )
    elif _yes(h.known_aortic_aneurysm):
        out.append(
            Flag(
                "health.known_aortic_aneurysm",
                "an aortic aneurysm that may be causing the pain (known aneurysm with back or belly pain)",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                AAA,
                "Tell your GP or vascular team about the pain within days; call an ambulance at once if it becomes "
                "sudden or severe or you feel faint.",
                outside_spine=True,
            )
        )
    elif sudden and at_risk:
        why = f"age {a.person.age}" + (f", {', '.join(risks)}" if risks else "")
        out.append(
            Flag(
                f"pain.onset: sudden and severe; {why}",
                "a leaking abdominal aortic aneurysm (sudden severe pain in someone at risk)",
                Action.EMERGENCY_NOW,
                AAA,
                f"{CALL_999} Sudden, severe back or belly pain at your age and risk can be a leaking aneurysm, which "
                "needs emergency surgery. Do not run.",
                outside_spine=True,
            )
        )
    elif sudden and _yes(o.feel_faint_sick_or_sweaty):
        out.append(
            Flag(
                "pain.onset: sudden and severe; other_causes.feel_faint_sick_or_sweaty",
                "bleeding inside or another emergency (sudden severe pain with feeling faint, sick or sweaty)",
                Action.EMERGENCY_NOW,
                AAA + "; NICE NG126 (an ectopic pregnancy can bleed inside)",
                f"{CALL_999} Sudden severe pain with feeling faint or sweaty needs an emergency department.",
                outside_spine=True,
            )
        )
    return out


def kidney_flags(a: Answers) -> list[Flag]:
    """A kidney infection (fever, loin pain, urinary symptoms) or a stone (loin pain in waves)."""
    p, o, locs = a.pain, a.other_causes, set(a.pain.locations)
    fever, unwell = _yes(a.red_flags.fever), _yes(o.feel_faint_sick_or_sweaty)
    out = []
    urinary = _yes(o.urine_burns_frequent_or_bloody)
    if fever and urinary:  # with back pain anywhere: the kidney is where it comes from
        out.append(
            Flag(
                "red_flags.fever + other_causes.urine_burns_frequent_or_bloody",
                "a kidney infection (pyelonephritis)",
                Action.EMERGENCY_NOW if unwell else Action.SEE_DOCTOR_TODAY,
                PYELONEPHRITIS,
                (CALL_999 + " A kidney infection with feeling faint or very unwell can be sepsis.")
                if unwell
                else "See a doctor today (a same-day GP appointment or an urgent care centre): a kidney infection "
                "needs antibiotics today. Go to an emergency department if you feel faint, confused or very unwell.",
                outside_spine=True,
            )
        )
    if "comes_in_waves" in p.character and COLIC & locs:
        out.append(
            Flag(
                "pain.character: comes in waves + pain.locations: "
                + ", ".join(sorted(loc.value for loc in COLIC & locs)),
                "a kidney stone (renal colic)" + (" with fever: an infected, blocked kidney" if fever else ""),
                Action.EMERGENCY_NOW if fever else Action.SEE_DOCTOR_TODAY,
                RENAL_COLIC,
                "Go to an emergency department now: a kidney stone with fever can block an infected kidney."
                if fever
                else "See a doctor today (a same-day GP appointment or an urgent care centre) for pain relief and a "
                "urine test; go to an emergency department if you get a fever or the pain is unbearable.",
                outside_spine=True,
            )
        )
    elif urinary and not fever and Location.FLANK in locs:
        out.append(
            Flag(
                "pain.locations: flank + other_causes.urine_burns_frequent_or_bloody",
                "a kidney stone or a urinary infection (flank pain with urinary symptoms)",
                Action.SEE_DOCTOR_TODAY,
                RENAL_COLIC + "; " + PYELONEPHRITIS,
                "See a doctor today (a same-day GP appointment or an urgent care centre) for a urine test; go to an "
                "emergency department if you get a fever or feel faint.",
                outside_spine=True,
            )
        )
    return out


def ectopic_possible(a: Answers) -> bool:
    """Pain low in the belly or groin in someone who could be pregnant (a late or missed period)."""
    o = a.other_causes
    if a.person.sex == "male" or not FERTILE_AGES[0] <= a.person.age <= FERTILE_AGES[1]:
        return False
    if o.pregnant == "yes":
        return False
    locs = set(a.pain.locations)
    if _yes(o.could_be_pregnant):  # a late or missed period: pain low in the belly or the groin
        return bool(PELVIC_FRONT & locs)
    # periods stopped (the low-energy question) and pregnancy not ruled out: belly pain only, since groin
    # pain with missed periods in a runner is the bone-stress pattern (beyond.py)
    return _yes(o.periods_stopped_or_eating_too_little) and o.could_be_pregnant != "no" and Location.BELLY in locs


def pelvic_flags(a: Answers) -> list[Flag]:
    """A possible ectopic pregnancy; belly pain in a known pregnancy."""
    out = []
    if ectopic_possible(a):
        out.append(
            Flag(
                "other_causes.could_be_pregnant + pain.locations: belly or groin",
                "an ectopic pregnancy (a pregnancy outside the womb)",
                Action.EMERGENCY_NOW,
                ECTOPIC,
                "Go to an emergency department now (call an ambulance if you feel faint or the pain is severe): pain "
                "low in the belly with a late or missed period can be an ectopic pregnancy. Do not run.",
                outside_spine=True,
            )
        )
    elif _yes(a.other_causes.pregnant) and Location.BELLY in a.pain.locations:
        out.append(
            Flag(
                "other_causes.pregnant + pain.locations: belly",
                "pain in the belly in pregnancy, which your midwife needs to assess",
                Action.SEE_DOCTOR_TODAY,
                ECTOPIC + "; belly pain in pregnancy is assessed by maternity services the same day",
                "Call your midwife or maternity unit today about the belly pain. Do not run until you have been seen.",
                outside_spine=True,
            )
        )
    return out


def other_mimic_flags(a: Answers) -> list[Flag]:
    """Shingles, the neck's spinal cord, fragile bones, spinal stenosis, the abdomen."""
    o, out = a.other_causes, []
    if _yes(o.rash_where_it_hurts):
        out.append(
            Flag(
                "other_causes.rash_where_it_hurts",
                "shingles (a rash with burning pain in a band on one side)",
                Action.SEE_DOCTOR_TODAY,
                SHINGLES,
                "See a doctor or pharmacist today or tomorrow: antiviral tablets work only if started within 3 days "
                "of the rash appearing.",
                outside_spine=True,
            )
        )
    elif "burning" in a.pain.character and {Location.MID_BACK, Location.FLANK} & set(a.pain.locations):
        out.append(
            Flag(
                "pain.character: burning + pain.locations: mid-back or flank",
                "shingles, which can begin as a band of burning pain days before its rash",
                Action.ROUTINE,
                SHINGLES,
                "Check the skin where it burns each day: if a rash or blisters appear, see a doctor or pharmacist "
                "within 3 days.",
            )
        )
    if _yes(o.hands_clumsy_legs_stiff_or_falls):
        worse = _yes(a.red_flags.symptoms_or_weakness_both_legs) or _yes(
            a.red_flags.leg_weakness_or_numbness_getting_worse
        )
        out.append(
            Flag(
                "other_causes.hands_clumsy_legs_stiff_or_falls",
                "pressure on the spinal cord in the neck (cervical myelopathy), not the nerves at the base of the "
                "spine",
                Action.SEE_DOCTOR_TODAY if worse else Action.SEE_DOCTOR_WITHIN_DAYS,
                MYELOPATHY,
                ("See a doctor today" if worse else "See your GP within days")
                + " and mention clumsy hands and stiff legs or falls: they need a referral to a spinal specialist "
                "and an MRI of the neck. Do not run until you have been seen.",
                outside_spine=True,  # a cause outside the low back: the low-back sources do not apply
            )
        )
    if _yes(o.broken_bone_from_a_minor_fall):
        out.append(
            Flag(
                "other_causes.broken_bone_from_a_minor_fall",
                "a fracture of a vertebra from fragile bones (osteoporosis)",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                FRAGILITY,
                "See your GP within days: a bone broken in a minor fall points to fragile bones, and back pain "
                "then needs a check for a vertebral fracture (and a bone density scan).",
            )
        )
    if _yes(o.legs_tire_walking_ease_sitting):
        out.append(
            Flag(
                "other_causes.legs_tire_walking_ease_sitting",
                "narrowing of the spinal canal (lumbar spinal stenosis): not an emergency",
                Action.ROUTINE,
                STENOSIS,
                "Mention it to your GP or physiotherapist at a routine appointment; cycling and walking bent "
                "slightly forward are usually easier. Only new bladder or bowel trouble or numbness between the "
                "legs would make it urgent.",
            )
        )
    if Location.BELLY in a.pain.locations and not any(f.outside_spine for f in aortic_flags(a) + pelvic_flags(a)):
        out.append(
            Flag(
                "pain.locations: belly",
                "a cause in the belly (stomach, pancreas, gallbladder, bowel or pelvic organs)",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                ABDOMEN,
                "See your GP within days about the belly pain; sooner if it gets worse, you vomit or get a fever.",
                outside_spine=True,
            )
        )
    return out


def mimic_flags(a: Answers) -> list[Flag]:
    if not a.pain.has_pain:
        return []
    return aortic_flags(a) + kidney_flags(a) + pelvic_flags(a) + other_mimic_flags(a)


def not_cauda_equina(a: Answers, flags: list[Flag]) -> list[Flag]:
    """Symptoms in both legs with clumsy hands, stiff legs or falls come from the neck's spinal cord, and
    long-standing leg symptoms on walking that ease on sitting are stenosis (neurogenic claudication):
    the cauda-equina flag for both legs is dropped when the bladder, bowel and saddle are answered clear
    and no leg is getting weaker (the myelopathy or stenosis flag says where to go)."""
    o, r = a.other_causes, a.red_flags
    neck = _yes(o.hands_clumsy_legs_stiff_or_falls)
    claudication = (
        _yes(o.legs_tire_walking_ease_sitting)
        and a.pain.duration is not None
        and a.pain.duration == Duration.CHRONIC
        and r.leg_weakness_or_numbness_getting_worse == "no"
    )
    clear = r.bladder_or_bowel_change == "no" and r.numbness_genitals_or_buttocks == "no"
    if not ((neck or claudication) and clear):
        return flags
    return [f for f in flags if f.answer != "red_flags.symptoms_or_weakness_both_legs"]
