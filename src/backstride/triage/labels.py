"""Short human labels for the questionnaire's fields and the pain sources: one place for the words a
person reads where an answer is named (the CLI, summary.json's human fields, the report, the web app).

The ids stay in the answers file and in the machine fields; a test holds every field of the schema
to a label here, and no id reaches a sentence a person reads.
"""

from __future__ import annotations

import re

from backstride.triage.wording import LABELS

FIELD_LABELS: dict[str, str] = {
    "person.age": "age",
    "person.sex": "sex",
    "person.height_cm": "height",
    "person.weight_kg": "weight",
    "running.years_running": "years running",
    "running.weekly_km_now": "distance this week",
    "running.weekly_km_4_weeks_ago": "weekly distance 4 weeks ago",
    "running.longest_run_last_30_days_km": "longest run of the last 30 days",
    "running.longest_run_last_week_km": "longest run of the last 7 days",
    "running.recent_changes": "recent changes to your running",
    "running.longest_run_before_last_week_km": "longest run in the 30 days before last week",
    "running.weekly_km_last_8_weeks": "weekly distances of the last 8 weeks",
    "running.longest_run_last_30_days_on": "day of your longest recent run",
    "running.longest_run_in_30_days_before_it_km": "longest run in the 30 days before it",
    "pain.has_pain": "pain now",
    "pain.locations": "where it hurts",
    "pain.side": "side of the pain",
    "pain.leg_side": "leg with symptoms",
    "pain.duration": "how long you have had it",
    "pain.when": "when it hurts",
    "pain.morning_stiffness_minutes": "morning stiffness",
    "pain.worse_with": "what makes it worse",
    "pain.better_with": "what makes it better",
    "pain.centralises_with_repeated_movement": "pain moving back to the middle with repeated movements",
    "pain.night_pain": "pain at night",
    "pain.leg_tingling_or_numbness": "pins and needles or numbness in the leg",
    "pain.cough_sneeze_makes_leg_pain_worse": "leg pain worse on coughing or sneezing",
    "pain.began_weeks_ago": "when the pain began",
    "pain.began_on": "the day the pain began",
    "pain.onset": "how the pain began",
    "pain.character": "what the pain feels like",
    "pain.worst_0_10": "worst pain this week",
    "red_flags.bladder_or_bowel_change": "new bladder or bowel trouble",
    "red_flags.numbness_genitals_or_buttocks": "numbness between the legs",
    "red_flags.symptoms_or_weakness_both_legs": "new symptoms or weakness in both legs",
    "red_flags.fever": "fever",
    "red_flags.history_of_cancer": "a history of cancer",
    "red_flags.unexplained_weight_loss": "weight loss without trying",
    "red_flags.recent_trauma": "a fall or blow",
    "red_flags.osteoporosis_or_long_steroid_use": "osteoporosis or long steroid use",
    "red_flags.leg_weakness_or_numbness_getting_worse": "a leg getting weaker or numbness spreading",
    "red_flags.injected_drugs_or_immune_suppressed": "injecting drugs or a weakened immune system",
    "other_causes.pregnant": "pregnancy or a birth in the last 6 months",
    "other_causes.periods_stopped_or_eating_too_little": "periods stopped or eating too little",
    "other_causes.pain_hopping_on_one_leg": "pain on hopping on one leg",
    "other_causes.pain_the_same_whatever_you_do": "pain the same whatever you do",
    "other_causes.groin_pain_turning_the_hip": "groin pain on turning the hip",
    "other_causes.pain_putting_on_socks_or_getting_out_of_a_car": "hip pain putting on socks or getting out of a car",
    "other_causes.could_be_pregnant": "a late or missed period",
    "other_causes.urine_burns_frequent_or_bloody": "burning, frequent or bloody urine",
    "other_causes.rash_where_it_hurts": "a rash where it hurts",
    "other_causes.feel_faint_sick_or_sweaty": "feeling faint, sick or sweaty",
    "other_causes.hands_clumsy_legs_stiff_or_falls": "clumsy hands, stiff legs or falls",
    "other_causes.broken_bone_from_a_minor_fall": "a bone broken in a minor fall",
    "other_causes.legs_tire_walking_ease_sitting": "legs that tire on walking and ease on sitting",
    "health.smoke_or_smoked": "smoking",
    "health.high_blood_pressure": "high blood pressure",
    "health.aneurysm_in_the_family": "an aneurysm in the family",
    "health.known_aortic_aneurysm": "a known aortic aneurysm",
    "health.heart_or_circulation_disease": "heart or circulation disease",
    "inflammatory.onset_before_40": "back pain that began before 40",
    "inflammatory.gradual_onset": "a gradual start",
    "inflammatory.better_with_exercise": "better with exercise",
    "inflammatory.not_better_with_rest": "not better with rest",
    "inflammatory.night_pain": "night pain that eases on getting up",
    "inflammatory.wakes_in_second_half_of_night": "waking in the second half of the night",
    "inflammatory.alternating_buttock_pain": "buttock pain switching sides",
    "self_tests.active_straight_leg_raise_deg": "straight-leg raise angle",
    "self_tests.hip_flexor_tight": "tight hip flexors",
    "self_tests.straight_leg_raise_brings_leg_pain": "straight-leg raise",
    "self_tests.crossed_straight_leg_raise_brings_leg_pain": "crossed straight-leg raise",
    "self_tests.single_leg_bridge_s": "single-leg bridge hold",
    "self_tests.side_plank_s": "side plank hold",
    "self_tests.back_extensor_hold_s": "back-extensor hold (Biering-Sorensen)",
    "self_tests.filmed_faults": "filmed form checks",
    "examination.sij_provocation_positive_of_6": "sacroiliac provocation tests (of 6)",
    "examination.sij_best_four_positive_of_4": "sacroiliac provocation tests (of the best 4)",
    "examination.sij_thigh_thrust": "thigh thrust test",
    "shoe_wear": "shoe wear",
}

#: The pain sources, short (tables) and in a sentence.
SOURCE_LABELS: dict[str, str] = {
    "non_specific": "non-specific",
    "sacroiliac_joint": "sacroiliac joint",
    "facet_joint": "facet joints",
    "disc": "disc",
    "nerve_root": "nerve root",
    "inflammatory_or_other": "inflammatory or other",
}

#: A field named without its group ("single_leg_bridge_s") reads as the same label.
_BY_NAME = {path.rsplit(".", 1)[-1]: label for path, label in FIELD_LABELS.items()}
_FIELD = re.compile(r"\b([a-z_]+)\.([a-z0-9_]+)\b")
_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def field_label(path: str) -> str:
    return FIELD_LABELS.get(path) or path.rsplit(".", 1)[-1].replace("_", " ")


def plain(text: str) -> str:
    """A sentence with every field id and choice id in human words: "pain.locations: below_knee" ->
    "where it hurts: the leg below the knee"; an empty answer -> "not answered"."""
    text = _FIELD.sub(lambda m: field_label(m.group(0)) if m.group(0) in FIELD_LABELS else m.group(0), str(text))
    text = _ID.sub(lambda m: _word(m.group(0)), text)
    return text.replace(": {}", ": not answered")


def _word(token: str) -> str:
    return LABELS.get(token) or SOURCE_LABELS.get(token) or _BY_NAME.get(token) or token.replace("_", " ")
