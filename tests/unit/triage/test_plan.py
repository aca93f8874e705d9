"""The plan: held back after an emergency; every item complete; numbers from the runner's own data."""

from datetime import date, timedelta

import pytest

from backstride.advice import GaitFindings, make_plan
from backstride.triage import estimate, parse_answers, screen
from tests.unit.triage.vignettes import NO_PAIN, answers, flags


def plan_for(data, gait=None):
    a = parse_answers(data)
    s = screen(a)
    return make_plan(a, s, estimate(a) if a.pain.has_pain else None, gait)


def test_emergency_holds_back_the_plan():
    assert plan_for(answers(**flags("bladder_or_bowel_change"))) == []


def test_every_item_is_complete():
    items = plan_for(
        answers(pain={"duration": "chronic_over_12_weeks"}),
        GaitFindings(cadence_spm=160, overstride_pct_leg=25, pelvic_drop_deg=8, pelvic_drop_flagged=True),
    )
    titles = " ".join(i.title for i in items)
    for needed in (
        "Whom to see",
        "Training load",
        "Exercise therapy",
        "Posterior-chain",
        "Cadence",
        "Pelvic-drop",
        "mobility",
        "Shoes and insoles",
    ):
        assert needed in titles
    for item in items:
        assert all(len(getattr(item, f)) > 10 for f in ("what", "dose", "evidence", "self_test")), item
        assert item.answers


def test_metronome_from_the_runners_own_cadence():
    item = next(i for i in plan_for(answers(), GaitFindings(cadence_spm=160)) if i.title.startswith("Cadence"))
    assert "168 beats per minute" in item.what and "176" in item.what  # 160 x 1.05 and x 1.10


def test_single_run_cap_and_weekly_spike():
    item = plan_for(
        answers(
            running={
                "longest_run_last_30_days_km": 20,
                "longest_run_last_week_km": 18,
                "weekly_km_now": 60,
                "weekly_km_4_weeks_ago": 40,
            }
        )
    )[1]
    assert "22.0 km" in item.what  # 20 km + 10 % (Garmin-RUNSAFE 2025)
    assert "rose 50 %" in item.what  # 60 vs 40 km/week: over the 30 % of Nielsen 2014


def test_within_days_the_plan_is_what_to_do_until_seen():
    """NICE NG59: exclude cancer, infection, fracture first; nothing loads the spine before that."""
    items = plan_for(answers(**flags("history_of_cancer")), GaitFindings(cadence_spm=160.0))
    assert [i.title for i in items] == ["See a doctor within days", "Until the doctor has seen you"]
    assert "metastasis" in items[0].what
    assert "No running and no loaded exercise" in items[1].what


def test_orthoses_are_only_a_self_test():
    shoes = next(i for i in plan_for(answers()) if i.title.startswith("Shoes"))
    assert "advise against" in shoes.what and "NICE" in shoes.what


@pytest.mark.parametrize("flagged", [False, True])
def test_pelvic_drop_item_only_when_flagged(flagged):
    items = plan_for(answers(), GaitFindings(pelvic_drop_deg=9.0, pelvic_drop_flagged=flagged))
    assert any(i.title.startswith("Pelvic-drop") for i in items) == flagged


def test_gait_links_are_shown_as_weak():
    from backstride.advice.report import gait_links

    links = gait_links(GaitFindings(pelvic_drop_deg=9.0, pelvic_drop_flagged=True, overstride_pct_leg=30))
    assert len(links) == 1 and "Whitney 2022" in links[0] and "not evidence for" in links[0]
    # overstride has no validated cut-off, so no value of it is linked to a pain source
    assert gait_links(GaitFindings(overstride_pct_leg=10)) == gait_links(GaitFindings(overstride_pct_leg=40)) == []
    unflagged = gait_links(GaitFindings(pelvic_drop_deg=3.0, overstride_pct_leg=10))
    assert len(unflagged) == 1 and "does not rule a drop out" in unflagged[0]  # pose under-reads pelvic drop


def test_shoe_wear_is_weak_supporting_evidence_only():
    from backstride.advice.report import shoe_wear_notes
    from backstride.triage import parse_answers

    a = parse_answers(answers(shoe_wear={"left": "outer_heel", "right": "even"}))
    notes = shoe_wear_notes(a)
    assert notes == [
        "left shoe: heel wear is consistent with a rearfoot strike or overstriding "
        "(weak: wear also reflects surface, fit and habit)"
    ]
    assert estimate(a).probabilities == estimate(parse_answers(answers(shoe_wear={}))).probabilities  # no trigger


RADICULAR = {
    "locations": ["buttock", "thigh", "below_knee"],
    "side": "right",
    "leg_side": "right",
    "worse_with": ["coughing_or_sneezing", "sitting"],
    "duration": "chronic_over_12_weeks",
}
SACROILIAC = {"locations": ["below_and_inside_pelvis_bony_point", "buttock", "groin"], "side": "left"}


def test_no_pain_gets_a_form_only_plan_without_pain_language():
    """A runner who only wants a gait check: load, the gait items and shoes; nothing written for pain."""
    no_pain = answers(pain=NO_PAIN)
    items = plan_for(no_pain, GaitFindings(cadence_spm=160.0, pelvic_drop_deg=9.0, pelvic_drop_flagged=True))
    titles = [i.title for i in items]
    assert titles[0].startswith("Training load") and "Whom to see" not in titles
    assert not [t for t in titles if t.startswith(("Exercise therapy", "Posterior-chain", "Hip flexor"))]
    assert {"Cadence +5 to 10 %", "Pelvic-drop retraining with hip abductor work"} <= set(titles)
    text = " ".join(f"{i.what} {i.dose} {i.self_test}" for i in items).lower()
    assert "back pain" not in text and "does not settle" not in text


@pytest.mark.parametrize(
    "leading, exam, not_exam",
    [
        ("sacroiliac_joint", "sacroiliac provocation cluster", "nerve examination"),
        ("nerve_root", "nerve examination", "sacroiliac"),
        ("disc", "repeated-movement assessment", "sacroiliac"),
        ("non_specific", "examination and an exercise plan", "sacroiliac"),
    ],
)
def test_whom_to_see_names_the_examination_for_the_leading_source(leading, exam, not_exam):
    """The examination follows the leading source (evidence.md D): the SIJ cluster only when the SIJ
    leads, a nerve examination when a nerve root leads. (Which source leads is the estimator's job.)"""
    from dataclasses import replace

    from backstride.advice.plan import who_to_see
    from backstride.triage.labels import SOURCE_LABELS

    a = parse_answers(answers())
    est = estimate(a)
    probs = {k: (0.9 if k == leading else 0.1 / (len(est.probabilities) - 1)) for k in est.probabilities}
    item = who_to_see(a, replace(est, probabilities=probs, ranges={k: (v, v) for k, v in probs.items()}))
    assert item.title == "Whom to see" and SOURCE_LABELS[leading] in item.answers
    assert exam in item.what and not_exam not in item.what


def test_a_centralising_disc_pattern_sends_to_a_repeated_movement_assessment():
    """Centralisation (x6.7, Laslett 2005) puts the disc in the lead; the plan follows it."""
    items = plan_for(answers(pain={"duration": "chronic_over_12_weeks", "centralises_with_repeated_movement": "yes"}))
    assert "repeated-movement assessment" in items[0].what and "sacroiliac" not in items[0].what


def test_leg_symptoms_bring_the_warning_signs_to_watch():
    items = plan_for(answers(pain=RADICULAR))
    watch = next(i for i in items if i.title == "Watch your legs")
    assert "same day" in watch.what and "both legs" in watch.what
    assert "Watch your legs" not in [i.title for i in plan_for(answers())]  # central back pain only


def test_after_a_within_days_flag_the_estimate_holds_only_if_the_doctor_rules_the_causes_out():
    from backstride.advice.report import triage_report

    report = triage_report(parse_answers(answers(**flags("osteoporosis_or_long_steroid_use"))))
    assert report.pain_source is not None
    assert report.pain_source.shown_if == "if the doctor rules out osteoporotic fracture"
    assert [i.title for i in report.plan] == ["See a doctor within days", "Until the doctor has seen you"]
    plain_case = triage_report(parse_answers(answers())).pain_source
    assert plain_case is not None and plain_case.shown_if is None


def test_the_caveat_does_not_contradict_centralisation():
    """With centralisation applied (x6.7 for the disc), the caveat says what history cannot separate
    beyond it, not that history cannot tell disc from facet at all."""
    central = estimate(parse_answers(answers(pain={"centralises_with_repeated_movement": "yes"})))
    assert "Centralisation points to the disc" in central.caveats[0]
    assert "cannot tell disc from facet" not in " ".join(central.caveats)
    plain = estimate(parse_answers(answers()))
    assert "cannot tell disc from facet" in plain.caveats[0]


#: The issue's load-spike runner: 13 km was the longest run for a month, then 20 km last week
#: (54 % longer), and the pain began a few days later.
SPIKE = {
    "longest_run_last_30_days_km": 20,
    "longest_run_last_week_km": 20,
    "longest_run_before_last_week_km": 13,
    "weekly_km_now": 45,
    "weekly_km_4_weeks_ago": 36,
}


def _days_ago(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def test_a_spike_is_compared_with_the_runs_before_it_and_named_as_the_likely_trigger():
    """Garmin-RUNSAFE 2025: a run 30-100 % longer than the longest of the 30 days before it, HRR 1.52;
    the cap comes from before the spike (13 km + 10 % = 14.3 km), not from the spike run. A trigger only
    when the run came before the pain began (within 10 days)."""
    dated = {**SPIKE, "longest_run_last_30_days_on": _days_ago(5), "longest_run_in_30_days_before_it_km": 13}
    item = plan_for(answers(running=dated, pain={"began_on": _days_ago(3)}))[1]
    assert item.title.startswith("Training load")
    assert "under 14.3 km" in item.what and "22.0 km" not in item.what
    assert "20.0 km run on" in item.what and "54 % longer" in item.what and "ratio 1.52" in item.what
    assert "likely trigger" in item.what and "when the pain began" in item.answers
    after = plan_for(answers(running=dated, pain={"began_on": _days_ago(8)}))[1]  # the case
    assert "came after your pain began" in after.what and "likely trigger" not in after.what
    earlier = plan_for(answers(running=SPIKE, pain={"began_weeks_ago": 6}))[1]
    assert "54 % longer" in earlier.what and "likely trigger" not in earlier.what  # the pain came first
    same_week = plan_for(answers(running=SPIKE, pain={"began_weeks_ago": 0.5}))[1]
    assert "not known" in same_week.what and "likely trigger" not in same_week.what  # order not knowable


def test_a_spike_12_days_ago_is_found_and_never_becomes_the_reference():
    """The issue's case: a 24 km run 12 days ago after 14 km runs; the cap is 15.4 km, never 26.4 km."""
    running = {
        "longest_run_last_30_days_km": 24,
        "longest_run_last_week_km": 10,
        "longest_run_last_30_days_on": _days_ago(12),
        "longest_run_in_30_days_before_it_km": 14,
    }
    item = plan_for(answers(running=running, pain={"began_on": _days_ago(9)}))[1]
    assert "under 15.4 km" in item.what and "26.4" not in item.what
    assert "71 % longer" in item.what and "likely trigger" in item.what


def test_a_runner_who_has_stopped_gets_a_graded_return_not_a_cap_of_zero():
    running = {"weekly_km_now": 0, "longest_run_last_week_km": 0, "longest_run_last_30_days_km": 0}
    items = plan_for(answers(running=running))
    text = " ".join(f"{i.title} {i.what} {i.dose}" for i in items)
    assert "0.0 km" not in text and "Return to running" in text and "walk" in text.lower()


def test_future_dates_and_impossible_years_are_refused_naming_the_answer():
    from backstride.triage import QuestionnaireError

    with pytest.raises(QuestionnaireError, match=r"pain\.began_on.*future"):
        parse_answers(answers(pain={"began_on": (date.today() + timedelta(days=3)).isoformat()}))
    with pytest.raises(QuestionnaireError, match=r"running\.years_running is 40 but person\.age is 34"):
        parse_answers(answers(running={"years_running": 40}))
    with pytest.raises(QuestionnaireError, match=r"pain\.worst_0_10"):
        parse_answers(answers(pain={"worst_0_10": 11}))


def test_weekly_distances_find_the_largest_rise_beyond_30_percent():
    """Nielsen 2014: > 30 % from one week to the next. 21 -> 30 km is +43 % (4 weeks ago), larger than
    33 -> 45 km (+36 %, this week)."""
    weeks = [20, 22, 21, 30, 31, 32, 33, 45]
    item = plan_for(answers(running={**SPIKE, "weekly_km_last_8_weeks": weeks}))[1]
    assert "rose 43 % in the weeks you gave (ending 4 week(s) ago)" in item.what


def test_weekly_distances_must_end_with_this_week():
    from backstride.triage import QuestionnaireError

    with pytest.raises(QuestionnaireError, match="ends with this week"):
        parse_answers(answers(running={**SPIKE, "weekly_km_last_8_weeks": [30, 40]}))


def test_same_day_plan_is_the_doctor_today_and_no_running():
    items = plan_for(answers(**flags("fever", "injected_drugs_or_immune_suppressed")))
    assert [i.title for i in items] == ["See a doctor today", "Until the doctor has seen you"]
    assert "same-day appointment" in items[0].what and "spinal infection" in items[0].what


def test_centralisation_brings_directional_preference_exercises_with_their_weak_grade():
    items = plan_for(answers(pain={"duration": "chronic_over_12_weeks", "centralises_with_repeated_movement": "yes"}))
    item = next(i for i in items if i.title.startswith("Repeated movements"))
    assert item.evidence.startswith("Weak") and "Owen 2020" in item.evidence
    assert not [i for i in plan_for(answers()) if i.title.startswith("Repeated movements")]


def test_answers_without_an_accuracy_are_context_not_evidence():
    """Maselli 2020's risk factors (BMI > 24, > 6 years running) are context; pain best when walking or
    sitting is consistent with facet pain (odds ratios, Laslett) and moves nothing."""
    from backstride.advice.report import risk_factors

    a = parse_answers(answers(person={"weight_kg": 80, "height_cm": 170}, running={"years_running": 10}))
    notes = risk_factors(a)
    assert len(notes) == 2 and "BMI 27.7" in notes[0] and "10 years" in notes[1]
    assert risk_factors(parse_answers(answers())) == []  # BMI 21.3, 6 years
    est = estimate(parse_answers(answers(pain={"better_with": ["walking"]})))
    facet = next(e for e in est.evidence if e.source == "facet_joint")
    assert facet.likelihood_ratio is None and "OR 4.79" in facet.citation


def test_triage_says_what_an_unknown_costs():
    """Each unanswered question that would move something is named with the ratio it would apply."""
    from backstride.triage.unknowns import unknown_costs

    leg = parse_answers(answers(pain={**RADICULAR, "centralises_with_repeated_movement": "unknown"}))
    text = " ".join(unknown_costs(leg))
    assert "x6.7 (yes) or x0.64 (no)" in text  # centralisation, Laslett 2005
    assert "straight-leg raise was not done" in text and "x1.23" in text and "x0.35" in text
    assert "Berlin questions" in text  # chronic pain, two Berlin items unanswered
    assert "30 days before last week is not given" in text and "When the pain began" in text
    answered = parse_answers(
        answers(
            running=SPIKE,
            pain={"centralises_with_repeated_movement": "no", "began_weeks_ago": 2},
        )
    )
    assert unknown_costs(answered) == []  # central pain only, acute, everything that matters answered
    assert unknown_costs(parse_answers(answers(pain=NO_PAIN))) == []


def _plan_text(data) -> str:
    return " | ".join(f"{i.title}: {i.what} {i.dose}" for i in plan_for(data))


PREGNANT_PELVIC = {
    "duration": "chronic_over_12_weeks",
    "locations": ["below_and_inside_pelvis_bony_point"],
    "side": "left",
}


def test_in_pregnancy_no_prone_extension_or_loaded_hinge_and_the_pelvic_girdle_path():
    """Vleeming 2008 (European guidelines on pelvic girdle pain); NICE NG59 does not cover pregnancy."""
    data = answers(pain=PREGNANT_PELVIC, other_causes={"pregnant": "yes"})
    text = _plan_text(data)
    assert "pelvic-girdle path" in text and "pelvic-health" in text
    assert "Back extensions on a 45-degree bench" not in text and "Romanian deadlifts" not in text
    a = parse_answers(data)
    assert estimate(a).leaders[0] == "sacroiliac_joint"  # the pelvic girdle can lead in pregnancy


def test_a_hip_pattern_gets_the_hip_examined_and_no_back_exercise_first():
    data = answers(pain={"duration": "chronic_over_12_weeks", "locations": ["groin", "buttock"], "side": "right"},
                   other_causes={"pain_putting_on_socks_or_getting_out_of_a_car": "yes"})  # fmt: skip
    text = _plan_text(data)
    assert "Hip first" in text and "Exercise therapy" not in text and "Posterior-chain" not in text


def test_acute_pain_gets_an_acute_plan_not_a_12_week_programme():
    """NICE NG59: keep active, an NSAID at the lowest dose if needed; exercise programmes if it does not settle."""
    text = _plan_text(answers(pain={"began_weeks_ago": 0.3}))
    assert "Acute back pain: keep moving" in text and "lowest dose" in text
    assert "8-12 weeks" not in text and "Posterior-chain" not in text


def test_the_straight_leg_raise_self_test_is_offered_only_with_leg_pain():
    from backstride.triage.selftests import self_tests_for

    a = parse_answers(answers(pain={"duration": "chronic_over_12_weeks"}))
    probs = {**estimate(a).probabilities, "nerve_root": 0.9}  # even where the nerve root led
    assert all(t.source != "nerve_root" for t in self_tests_for(a, probs))
    leg = parse_answers(answers(pain={"locations": ["thigh"], "side": "left", "leg_side": "left"}))
    assert any(t.source == "nerve_root" for t in self_tests_for(leg, estimate(leg).probabilities))


def test_a_young_athlete_with_extension_pain_gets_the_lumbar_bone_stress_path_whatever_the_hop_answer():
    for hop in ("yes", "no", "unknown"):
        a = parse_answers(answers(person={"age": 16}, pain={"worse_with": ["arching_back"]},
                                  other_causes={"pain_hopping_on_one_leg": hop}))  # fmt: skip
        s = screen(a)
        assert any("spondylolysis" in f.concern for f in s.flags), hop
        assert "stop running" in s.advice and "MRI" in s.advice
        text = " ".join(i.what for i in make_plan(a, s, estimate(a)))
        assert "No running" in text and "Posterior-chain" not in text


def test_no_rules_out_above_a_table_that_it_leads():
    """The ASAS flag sends to a doctor; the estimate ranks the inflammatory source among its leaders: the
    report does not say "if the doctor rules out inflammatory back pain" above it."""
    from backstride.advice.report import triage_report

    ibp = {k: "yes" for k in ("onset_before_40", "gradual_onset", "better_with_exercise", "not_better_with_rest",
                              "night_pain")}  # fmt: skip
    a = parse_answers(answers(pain={"duration": "chronic_over_12_weeks"}, inflammatory=ibp))
    src = triage_report(a).pain_source
    assert src is not None and "inflammatory_or_other" in src.leaders
    assert src.shown_if is not None and "rules out inflammatory" not in src.shown_if


def test_the_back_extension_is_suggested_with_its_form_check():
    """The thread's question: an exercise most people do wrong is suggested only with a way to check it;
    backstride checks it from a side clip (bodycheck/form.py)."""
    chronic = answers(pain={"duration": "chronic_over_12_weeks"})
    item = next(i for i in plan_for(chronic) if i.title.startswith("Posterior-chain"))
    assert "backstride check" in item.what and "--test back-extension" in item.what
    assert "arch" in item.what and "rushed" in item.what


# The plan uses the filmed self-tests (backstride check, kept in the runner's history and carried
# into the answers: self_tests.filmed_faults, back_extensor_hold_s, active_straight_leg_raise_deg).
CHRONIC = {"duration": "chronic_over_12_weeks"}


def _item(items, start):
    return next((i for i in items if i.title.startswith(start)), None)


def test_a_failed_form_check_gets_the_fix_and_the_safer_alternative_first():
    """The thread's answer: suggest an exercise only where it can be checked, and fix it first."""
    items = plan_for(answers(pain=CHRONIC, self_tests={"filmed_faults": {"back-extension": ["arched", "rushed"]}}))
    item = _item(items, "Posterior-chain")
    assert "fix the back extension first" in item.title
    assert "arched past the line of your legs" in item.what and "2 seconds up" in item.what
    assert "glute bridge" in item.what  # the safer alternative until a set is done right
    assert "back-extension: arched, rushed" in item.answers


def test_a_form_check_done_right_lets_the_load_go_up():
    items = plan_for(answers(pain=CHRONIC, self_tests={"filmed_faults": {"back-extension": []}}))
    item = _item(items, "Posterior-chain")
    assert "done right" in item.what and "add load" in item.what


def test_a_short_back_extensor_hold_moves_the_posterior_chain_up_and_says_the_link_is_weak():
    short = plan_for(answers(pain=CHRONIC, person={"sex": "male"}, self_tests={"back_extensor_hold_s": 60}))
    titles = [i.title for i in short]
    assert titles.index(_item(short, "Posterior-chain").title) < titles.index(_item(short, "Exercise therapy").title)
    item = _item(short, "Posterior-chain")
    assert "back-extensor hold 60 s" in item.answers and "146" in item.answers
    assert "weak" in item.evidence
    long = plan_for(answers(pain=CHRONIC, person={"sex": "male"}, self_tests={"back_extensor_hold_s": 200}))
    order = [i.title for i in long]
    assert order.index(_item(long, "Posterior-chain").title) > order.index(_item(long, "Exercise therapy").title)


def test_a_short_hold_without_pain_brings_the_posterior_chain_in_as_prevention():
    none = plan_for(answers(pain=NO_PAIN))
    assert _item(none, "Posterior-chain") is None
    short = plan_for(answers(pain=NO_PAIN, person={"sex": "female"}, self_tests={"back_extensor_hold_s": 50}))
    item = _item(short, "Posterior-chain")
    assert item is not None and "189" in item.answers and "prevent" in item.what


def test_hamstring_stretching_only_when_the_filmed_raise_is_short():
    tight = _item(plan_for(answers(pain=CHRONIC, self_tests={"active_straight_leg_raise_deg": 62})), "Hip flexor")
    assert "hamstring stretch" in tight.what and "62 deg" in tight.answers and "80" in tight.answers
    normal = _item(plan_for(answers(pain=CHRONIC, self_tests={"active_straight_leg_raise_deg": 88})), "Hip flexor")
    assert "hamstring" not in normal.title.lower()
    assert "no hamstring stretching" in normal.what.lower()


def test_the_hamstring_stretch_comes_with_its_form_check_and_a_filmed_faults_fix():
    """The plan suggests the stretch only where it can be checked (the thread's answer): the towel stretch
    with its check; a filmed set with faults gets each fault's fix first; one done right is said so."""
    short = {"active_straight_leg_raise_deg": 62}
    unfilmed = _item(plan_for(answers(pain=CHRONIC, self_tests=short)), "Hip flexor")
    assert "--test towel-stretch" in unfilmed.what
    faults = {"towel-stretch": ["knee bent", "short"]}
    fix = _item(plan_for(answers(pain=CHRONIC, self_tests=short | {"filmed_faults": faults})), "Hip flexor")
    assert "your knee bent" in fix.what and "keep the knee straight" in fix.what and "30 seconds" in fix.what
    assert "filmed towel-stretch: knee bent, short" in fix.answers
    right = _item(plan_for(answers(pain=CHRONIC, self_tests=short | {"filmed_faults": {"towel-stretch": []}})),
                  "Hip flexor")  # fmt: skip
    assert "done right" in right.what
    normal = _item(plan_for(answers(pain=CHRONIC, self_tests={"active_straight_leg_raise_deg": 88})), "Hip flexor")
    assert "towel-stretch" not in normal.what  # no hamstring stretch, no check of it


def test_a_squat_with_the_knee_in_or_the_pelvis_dropping_adds_hip_control():
    plain = plan_for(answers(pain=CHRONIC))
    assert _item(plain, "Hip control") is None
    faults = {"single-leg-squat-left": ["knee in", "pelvis drop"], "single-leg-squat-right": []}
    item = _item(plan_for(answers(pain=CHRONIC, self_tests={"filmed_faults": faults})), "Hip control")
    assert item is not None and "left" in item.what and "right" not in item.answers.replace("right: done right", "")
    assert "Cooper 2016" in item.evidence and "weak" in item.evidence.lower()


def test_a_back_extension_filmed_with_the_lower_back_moving_gets_the_hinge_fix():
    """The tape on the spine shows the movement came from the lower back (bodycheck/form.py)."""
    items = plan_for(answers(pain=CHRONIC, self_tests={"filmed_faults": {"back-extension": ["lower back"]}}))
    item = _item(items, "Posterior-chain")
    assert "fix the back extension first" in item.title
    assert "came from your lower back" in item.what and "hinging at the hips" in item.what


def test_the_single_leg_deadlift_is_offered_with_its_check_and_its_faults_get_the_fix():
    """The single-leg deadlift is the plan's second hinge, suggested with its form check; a filmed set with
    faults gets the fix, one done right lets it stay."""
    plain = _item(plan_for(answers(pain=CHRONIC)), "Posterior-chain")
    assert "--test single-leg-deadlift" in plain.what
    faults = {"single-leg-deadlift": ["lower back", "leg low"]}
    item = _item(plan_for(answers(pain=CHRONIC, self_tests={"filmed_faults": faults})), "Posterior-chain")
    assert "single-leg deadlifts" in item.what and "hung below the line of your back" in item.what
    assert "single-leg-deadlift: lower back, leg low" in item.answers
    right = _item(
        plan_for(answers(pain=CHRONIC, self_tests={"filmed_faults": {"single-leg-deadlift": []}})), "Posterior"
    )
    assert "single-leg deadlifts were done right" in right.what


def test_hip_flexors_not_short_drop_the_hip_flexor_stretch():
    """The filmed modified Thomas test (or the typed answer) says the thigh hangs below the table's line:
    no hip-flexor stretch; short hip flexors keep it, with its evidence said to be absent."""
    tests = {"hip_flexor_tight": "no", "active_straight_leg_raise_deg": 88}
    fine = _item(plan_for(answers(pain=CHRONIC, self_tests=tests)), "Mobility")
    assert fine is not None and "hip flexor stretch" not in fine.what.lower() and "no stretching" in fine.what.lower()
    short = _item(plan_for(answers(pain=CHRONIC, self_tests={"hip_flexor_tight": "yes"})), "Hip flexor")
    assert "Kneeling hip flexor stretch" in short.what and "no trials for hip flexor stretching" in short.evidence
