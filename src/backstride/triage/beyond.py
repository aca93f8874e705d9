"""Beyond the spine: what a sports physician screens for in a runner with back or buttock pain.

A bone stress injury of the pelvis, sacrum or hip (pain on hopping on one leg; more likely with
low energy availability), non-mechanical pain (the same whatever the runner does), pregnancy,
and low energy availability itself. Where one of these is suspected the spine-source estimate
does not pretend otherwise: the screen names it, and the estimate is shown as what holds once a
doctor has ruled it out (or, in pregnancy, as not covering it).
"""

from __future__ import annotations

from backstride.triage.flags import Action, Flag
from backstride.triage.mimics import ectopic_possible
from backstride.triage.questionnaire import Answers, Factor, Location

#: Where a bone stress injury of the sacrum or pelvis is felt.
PELVIC_PAIN = frozenset({Location.BUTTOCK, Location.BELOW_PSIS, Location.GROIN})
#: IOC consensus statement on relative energy deficiency in sport (Mountjoy 2018, BJSM 52:687;
#: updated 2023): low energy availability, with or without missed periods, raises the risk of
#: bone stress injury.
RED_S = "IOC consensus on relative energy deficiency in sport (Mountjoy 2018, BJSM 52:687; 2023 update)"
#: Pain on hopping on one leg is the usual sports-medicine screen for a pelvic or femoral-neck stress
#: injury; its accuracy is not in the project's sources.
HOP_TEST = (
    "sports-medicine screen for a pelvic or hip bone stress injury: pain on one-leg hopping (accuracy UNVERIFIED)"
)
#: Hip disease refers pain to the groin, buttock and thigh and is mistaken for back pain; groin pain on
#: turning the bent hip inwards is the usual screen (accuracy not in the project's sources).
HIP = "sports-medicine screen for pain referred from the hip: groin pain on hip internal rotation (accuracy UNVERIFIED)"
#: Spondylolysis: 47 % of adolescent athletes with back pain against 5 % of adults (Micheli & Wood
#: 1995, Arch Pediatr Adolesc Med 149:15, as summarised in Aspetar Sports Med J); pain on arching
#: backwards is its usual sign. Adolescence to 19 (WHO).
ADOLESCENT_TO_AGE = 19
SPONDYLOLYSIS = (
    "Micheli & Wood 1995 (Arch Pediatr Adolesc Med 149:15): spondylolysis in 47 % of adolescent athletes with "
    "back pain vs 5 % of adults; pain on arching backwards is its usual sign (accuracy UNVERIFIED)"
)
NON_MECHANICAL = (
    "IFOMPT framework (Finucane 2020, JOSPT 50:350): constant, non-mechanical pain is a feature of serious "
    "pathology; NICE NG59: exclude non-spinal causes"
)


def beyond_spine_flags(a: Answers) -> list[Flag]:
    o, out = a.other_causes, list[Flag]()
    if not a.pain.has_pain:
        return out

    # a missed period with pain low in the belly is a possible ectopic pregnancy (triage/mimics.py), never
    # "low energy availability"
    low_energy = o.periods_stopped_or_eating_too_little == "yes" and not ectopic_possible(a)
    if o.pain_hopping_on_one_leg == "yes":
        out.append(
            Flag(
                "other_causes.pain_hopping_on_one_leg",
                "a bone stress injury of the pelvis, sacrum or hip"
                + (" (with low energy availability, which raises its risk)" if low_energy else ""),
                Action.SEE_DOCTOR_WITHIN_DAYS,
                HOP_TEST + (f"; {RED_S}" if low_energy else ""),
            )
        )
    elif low_energy and PELVIC_PAIN & set(a.pain.locations):
        out.append(
            Flag(
                "other_causes.periods_stopped_or_eating_too_little",
                "a bone stress injury of the sacrum or pelvis (low energy availability with pain where these occur)",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                f"{RED_S}; sacral stress fractures in female distance runners with the female athlete triad "
                "(Klossner 2000, J Athl Train 35:453)",
            )
        )
    elif low_energy:
        out.append(
            Flag(
                "other_causes.periods_stopped_or_eating_too_little",
                "low energy availability, which raises the risk of bone stress injury: see a sports doctor",
                Action.ROUTINE,
                RED_S,
            )
        )
    if a.person.age <= ADOLESCENT_TO_AGE and Factor.ARCHING_BACK in a.pain.worse_with:
        out.append(
            Flag(
                "person.age+pain.worse_with: arching_back",
                "spondylolysis (a stress fracture at the back of a vertebra, the commonest cause of back pain in "
                "young athletes)",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                SPONDYLOLYSIS,
                "See a sports doctor within days and stop running and sport until then: a stress fracture at the "
                "back of a vertebra heals with rest from the movements that load it. The doctor decides on a "
                "scan (an MRI shows a stress reaction without radiation); back exercises wait until it is ruled "
                "out or healed.",
            )
        )
    if o.pain_the_same_whatever_you_do == "yes":
        out.append(
            Flag(
                "other_causes.pain_the_same_whatever_you_do",
                "a cause outside the spine's joints and muscles (non-mechanical pain: kidney, aorta, bowel, tumour)",
                Action.SEE_DOCTOR_WITHIN_DAYS,
                NON_MECHANICAL,
            )
        )
    if o.groin_pain_turning_the_hip == "yes":
        out.append(
            Flag(
                "other_causes.groin_pain_turning_the_hip",
                "pain from the hip joint, which refers to the groin, buttock and thigh: ask for the hip to be examined",
                Action.ROUTINE,
                HIP,
            )
        )
    if o.pregnant == "yes" and a.person.sex != "male":
        out.append(
            Flag(
                "other_causes.pregnant",
                "pregnancy-related pelvic girdle or back pain, which this estimate does not cover: see your "
                "midwife or GP and a physiotherapist who treats it",
                Action.ROUTINE,
                "NICE NG59 does not cover pregnancy; the spine-source shares come from non-pregnant adults",
            )
        )
    return out
