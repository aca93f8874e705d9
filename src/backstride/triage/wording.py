"""The questionnaire in plain words: a question for every field and a label for every choice.

One place for the words, so the terminal form and (later) the web form ask the same thing; the
ids stay in the answers file. A test holds every field of the schema to a question here.
"""

from __future__ import annotations

QUESTIONS: dict[str, str] = {
    "person.age": "How old are you (years)?",
    "person.sex": "Your sex",
    "person.height_cm": "Your height (cm)",
    "person.weight_kg": "Your weight (kg)",
    "running.years_running": "How many years have you been running?",
    "running.weekly_km_now": "How many km did you run this week (the last 7 days)?",
    "running.weekly_km_4_weeks_ago": "And in one week about 4 weeks ago (km)?",
    "running.longest_run_last_30_days_km": "Your longest single run in the last 30 days (km)",
    "running.longest_run_last_week_km": "Your longest single run in the last 7 days (km)",
    "running.recent_changes": "What changed in your running in the last 2 months?",
    "running.longest_run_before_last_week_km": (
        "Your longest single run in the 30 days BEFORE the last week (km; Enter to skip): it shows whether "
        "last week was a jump"
    ),
    "running.weekly_km_last_8_weeks": (
        "Your weekly km for up to the last 8 weeks, oldest first, this week last (e.g. 20,22,25,30; Enter to skip)"
    ),
    "running.longest_run_last_30_days_on": (
        "On what day was that longest run of the last 30 days? (YYYY-MM-DD; Enter to skip)"
    ),
    "running.longest_run_in_30_days_before_it_km": (
        "And your longest single run in the 30 days BEFORE that run (km; Enter to skip): it shows whether that "
        "run was a jump"
    ),
    "pain.has_pain": "Do you have back, buttock or leg pain now?",
    "pain.locations": "Where is the pain? (all that apply)",
    "pain.side": "Which side is the back or buttock pain on?",
    "pain.leg_side": "If you have pain, numbness or tingling in a leg: which leg?",
    "pain.duration": "How long have you had it?",
    "pain.when": "When does it hurt? (all that apply)",
    "pain.morning_stiffness_minutes": "How many minutes is your back stiff after you get up? (0 if not)",
    "pain.worse_with": "What makes it worse? (all that apply)",
    "pain.better_with": "What makes it better? (all that apply)",
    "pain.centralises_with_repeated_movement": (
        "When you bend backwards 10 times in a row (standing, hands on hips), does leg or buttock pain move "
        "back towards the middle of your back?"
    ),
    "pain.night_pain": "Does the pain wake you at night?",
    "pain.leg_tingling_or_numbness": "Do you have pins and needles or numbness in the leg?",
    "pain.cough_sneeze_makes_leg_pain_worse": (
        "Does coughing, sneezing or straining make the pain in your LEG worse (not only your back)?"
    ),
    "pain.began_weeks_ago": "How many weeks ago did the pain begin? (0 = this week; Enter to skip)",
    "pain.began_on": "On what day did the pain begin, if you know it? (YYYY-MM-DD; Enter to skip)",
    "pain.onset": "How did the pain begin?",
    "pain.character": "What does the pain feel like? (all that apply)",
    "pain.worst_0_10": "How bad has the pain been at its worst this week, from 0 (none) to 10 (the worst imaginable)?",
    "red_flags.bladder_or_bowel_change": "Any new trouble passing or holding urine or stools?",
    "red_flags.numbness_genitals_or_buttocks": "Any numbness between your legs, around the genitals or back passage?",
    "red_flags.symptoms_or_weakness_both_legs": (
        "NEW pain, numbness or weakness in BOTH legs (started, or spread to the second leg, in the last weeks)?"
    ),
    "red_flags.fever": "A fever, or feeling hot and shivery, with the back pain?",
    "red_flags.history_of_cancer": "Have you ever had cancer?",
    "red_flags.unexplained_weight_loss": "Have you lost weight without trying?",
    "red_flags.recent_trauma": (
        "Did the pain start after a fall or a blow? Minor: a slip, a stumble, a fall from standing. Major: a road "
        "accident, a fall from a height, a hard fall onto your back"
    ),
    "red_flags.osteoporosis_or_long_steroid_use": "Osteoporosis, or steroid tablets for 3 months or more?",
    "red_flags.leg_weakness_or_numbness_getting_worse": (
        "Is a leg getting weaker (a foot that slaps or catches, a leg giving way) or is numbness spreading?"
    ),
    "red_flags.injected_drugs_or_immune_suppressed": (
        "Do you inject drugs, or take medicines that lower your immunity (e.g. after a transplant, for "
        "rheumatism, chemotherapy), or have HIV?"
    ),
    "other_causes.pregnant": "Are you pregnant, or did you give birth in the last 6 months?",
    "other_causes.periods_stopped_or_eating_too_little": (
        "Have your periods stopped or become irregular, or do you often eat less than your training needs?"
    ),
    "other_causes.pain_hopping_on_one_leg": (
        "Hop 10 times on the leg of the painful side (stop if it hurts): does it hurt in the buttock, groin or hip?"
    ),
    "other_causes.pain_the_same_whatever_you_do": (
        "Is the pain the same whatever you do: moving, resting or lying down make no difference?"
    ),
    "other_causes.groin_pain_turning_the_hip": (
        "Lying on your back, bend the painful side's hip and knee to 90 deg and turn the foot outwards (the knee "
        "turns in): does it bring on your pain in the groin or buttock?"
    ),
    "other_causes.pain_putting_on_socks_or_getting_out_of_a_car": (
        "Does it hurt in the groin or hip when you put on socks or shoes, or get out of a car?"
    ),
    "other_causes.could_be_pregnant": "Could you be pregnant: is your period late or missed?",
    "other_causes.urine_burns_frequent_or_bloody": (
        "Does passing urine burn or sting, do you need to go much more often, or is there blood in your urine?"
    ),
    "other_causes.rash_where_it_hurts": "Is there a rash or blisters on the skin where it hurts?",
    "other_causes.feel_faint_sick_or_sweaty": "Do you feel faint, sick or sweaty, or generally unwell?",
    "other_causes.hands_clumsy_legs_stiff_or_falls": (
        "Have your hands become clumsy or numb (buttons, writing), your legs stiff, or have you been falling or "
        "losing your balance?"
    ),
    "other_causes.broken_bone_from_a_minor_fall": (
        "As an adult, have you broken a bone in a fall from standing height or less (a wrist, a hip, the spine)?"
    ),
    "other_causes.legs_tire_walking_ease_sitting": (
        "Do your legs ache, tire or go numb when you walk, and ease when you sit down or bend forward?"
    ),
    "health.smoke_or_smoked": "Do you smoke, or did you ever smoke?",
    "health.high_blood_pressure": "Do you have high blood pressure?",
    "health.aneurysm_in_the_family": "Has a parent, brother or sister had an aortic aneurysm?",
    "health.known_aortic_aneurysm": "Have you been told you have an aortic aneurysm (a widened main artery)?",
    "health.heart_or_circulation_disease": (
        "Do you have heart disease, or poor circulation in your legs, or have you had a stroke?"
    ),
    "inflammatory.onset_before_40": "Did the back pain first start before you were 40?",
    "inflammatory.gradual_onset": "Did it come on gradually rather than suddenly?",
    "inflammatory.better_with_exercise": "Does exercise make it better?",
    "inflammatory.not_better_with_rest": "Does rest NOT make it better?",
    "inflammatory.night_pain": "Does the pain wake you at night and ease when you get up?",
    "inflammatory.wakes_in_second_half_of_night": (
        "Does the back pain wake you in the second half of the night only (after 3 am, say)?"
    ),
    "inflammatory.alternating_buttock_pain": "Does pain in the buttocks switch from one side to the other?",
    "self_tests.active_straight_leg_raise_deg": (
        "Lying on your back, raise one straight leg as high as you can: the angle to the floor (deg; Enter to skip)"
    ),
    "self_tests.straight_leg_raise_brings_leg_pain": (
        "Straight-leg raise (only if you have leg pain; needs a helper): lie on your back, legs straight. The helper "
        "slowly lifts your painful leg by the heel, knee kept straight, until it hurts or reaches 70 deg. Does it "
        "bring on YOUR leg pain below the knee (not just a hamstring stretch)?"
    ),
    "self_tests.crossed_straight_leg_raise_brings_leg_pain": (
        "The same with your OTHER (pain-free) leg: does lifting it bring on the pain in your painful leg?"
    ),
    "examination.sij_provocation_positive_of_6": (
        "If a physiotherapist did the 6 sacroiliac provocation tests: how many brought on your usual pain? "
        "(0-6; Enter to skip)"
    ),
    "examination.sij_best_four_positive_of_4": (
        "If only the 4 main ones were done (distraction, thigh thrust, compression, sacral thrust): how many "
        "brought on your usual pain? (0-4; Enter to skip)"
    ),
    "examination.sij_thigh_thrust": (
        "If only the thigh thrust was done (lying on your back, hip bent to 90 deg, pressure along the thigh "
        "towards the bed): did it bring on your usual pain?"
    ),
    "self_tests.back_extensor_hold_s": (
        "Back-extensor hold (Biering-Sorensen): face down, hips at the edge of a bench, legs held, upper body level "
        "with the legs: how long could you hold it? 'backstride check --test sorensen' times it from a clip "
        "(s; Enter to skip)"
    ),
    "self_tests.hip_flexor_tight": (
        "Lying on your back at the end of a bed, hug one knee: does the other thigh lift off the bed?"
    ),
}

#: Labels of the choices, by id (shared where the same id appears in several questions).
LABELS: dict[str, str] = {
    "female": "female",
    "male": "male",
    "other": "other",
    "yes": "yes",
    "no": "no",
    "unknown": "don't know",
    "shoes": "new shoes",
    "surface": "a new surface",
    "foot_strike": "changed how my foot lands",
    "speed_work": "more speed work",
    "none": "nothing",
    "central_low_back": "the middle of the low back",
    "one_side_beside_spine": "one side, beside the spine",
    "below_and_inside_pelvis_bony_point": "just below and inside the bony point at the back of the pelvis",
    "buttock": "the buttock",
    "groin": "the groin",
    "thigh": "the thigh",
    "below_knee": "the leg below the knee",
    "foot": "the foot",
    "mid_back": "the middle of the back, between or below the shoulder blades",
    "flank": "the side, below the ribs (the kidney area)",
    "belly": "the belly (the front, above or below the navel)",
    "sudden_and_severe": "suddenly and severely, within seconds or minutes",
    "over_hours_or_days": "over hours or days",
    "gradual": "gradually, over weeks",
    "tearing_or_ripping": "tearing or ripping",
    "comes_in_waves": "comes in waves, each lasting minutes",
    "burning": "burning",
    "aching": "aching",
    "sharp_on_movement": "sharp when I move",
    "left": "left",
    "right": "right",
    "both": "both sides",
    "central": "in the middle",
    "acute_under_6_weeks": "under 6 weeks",
    "subacute_6_to_12_weeks": "6 to 12 weeks",
    "chronic_over_12_weeks": "over 12 weeks",
    "during_running": "while running",
    "right_after": "right after running",
    "next_day": "the next day",
    "on_waking": "on waking",
    "sitting": "sitting",
    "rising_from_sitting": "getting up from sitting",
    "standing": "standing",
    "walking": "walking",
    "bending_forward": "bending forward",
    "arching_back": "arching backwards",
    "coughing_or_sneezing": "coughing or sneezing",
    "running": "running",
    "resting": "resting",
    "lying_down": "lying down",
    "exercise": "exercise",
    "minor": "yes, minor",
    "major": "yes, major",
}
