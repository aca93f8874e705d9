"""Answers builder for clinical vignettes: a healthy default runner, with overrides."""

from __future__ import annotations

import copy

from backstride.triage.questionnaire import RedFlags
from backstride.triage.sources import ASAS_ITEMS

CLEAR_OTHER_CAUSES = (
    "pain_the_same_whatever_you_do",
    "pregnant",
    "periods_stopped_or_eating_too_little",
    "could_be_pregnant",
    "urine_burns_frequent_or_bloody",
    "rash_where_it_hurts",
    "feel_faint_sick_or_sweaty",
    "hands_clumsy_legs_stiff_or_falls",
    "broken_bone_from_a_minor_fall",
    "legs_tire_walking_ease_sitting",
)

BASE = {
    "person": {"age": 34, "sex": "female", "height_cm": 168, "weight_kg": 60},
    "running": {
        "years_running": 6,
        "weekly_km_now": 40,
        "weekly_km_4_weeks_ago": 36,
        "longest_run_last_30_days_km": 16,
        "longest_run_last_week_km": 14,
        "recent_changes": ["none"],
    },
    "pain": {
        "has_pain": True,
        "locations": ["central_low_back"],
        "side": "central",
        "duration": "acute_under_6_weeks",
        "when": ["right_after"],
        "worse_with": ["bending_forward"],
        "better_with": ["walking"],
        "centralises_with_repeated_movement": "unknown",
        "night_pain": "no",
    },
    "red_flags": {k: "no" for k in RedFlags.model_fields},  # every red flag answered "no"
    "inflammatory": {k: "no" for k in ASAS_ITEMS},  # the Berlin-only items left unanswered
    # the differential beyond the back answered "no"; the hop and hip-turn tests left undone
    "other_causes": {k: "no" for k in CLEAR_OTHER_CAUSES},
    "shoe_wear": {"left": "outer_heel", "right": "outer_heel"},
}


#: A runner without pain answers no pain question: the whole group is replaced, not merged.
NO_PAIN = {"has_pain": False}


def answers(**overrides) -> dict:
    """``answers(pain={"side": "left"}, person={"age": 60})``: merged one level deep;
    ``answers(pain=NO_PAIN)`` replaces the pain group (every other pain answer would contradict it)."""
    data = copy.deepcopy(BASE)
    for group, values in overrides.items():
        if values is NO_PAIN:
            data[group] = dict(values)
        elif isinstance(values, dict) and isinstance(data.get(group), dict):
            data[group].update(values)
        else:
            data[group] = values
    return data


def flags(*names: str) -> dict:
    return {"red_flags": {**BASE["red_flags"], **{n: "yes" for n in names}}}
