"""Back pain that is not a back problem (triage/mimics.py): each condition of the differential NICE
CKS "Back pain - low" lists, from its own guideline's criteria, gets its own name, level, source and
next step, and never a table of spinal sources. Expectations come from the guidelines cited in each
test, never from the code's output."""

from backstride.advice import make_plan
from backstride.advice.report import triage_report
from backstride.triage import Action, parse_answers, screen
from backstride.triage.form import Question, ask_all
from tests.unit.triage.vignettes import answers, flags

FLANK = {"locations": ["flank"], "side": "right"}
BELLY = {"locations": ["belly", "central_low_back"], "side": "central"}


def other(**values):
    return {"other_causes": {**answers()["other_causes"], **values}}


def triaged(data):
    a = parse_answers(data)
    return a, screen(a), triage_report(a)


def test_the_issue_case_a_70_year_old_smoker_with_sudden_tearing_pain_is_an_emergency_with_nothing_else():
    """NICE NG156 (a ruptured aneurysm: new back or belly pain over 60 with risk factors) and the ESC 2014
    aortic guidelines (tearing pain): call an ambulance; no spinal table, no plan, no 'keep walking'."""
    data = answers(
        person={"age": 70, "sex": "male"},
        pain={**BELLY, "onset": "sudden_and_severe", "character": ["tearing_or_ripping"]},
        health={"smoke_or_smoked": "yes", "high_blood_pressure": "yes"},
    )
    a, s, report = triaged(data)
    assert s.action == Action.EMERGENCY_NOW
    concerns = " ".join(f.concern for f in s.flags)
    assert "aorta" in concerns and "aneurysm" in concerns
    assert "ambulance" in s.advice and "Do not run" in s.advice and "cauda equina" not in s.advice
    assert report.pain_source is None and report.plan == () and report.plan_held_back
    assert all("NG156" in f.source or "ESC 2014" in f.source for f in s.flags if f.outside_spine)


def test_sudden_severe_pain_is_an_aneurysm_emergency_only_in_someone_at_risk():
    at_risk = answers(person={"age": 66, "sex": "male"}, pain={"onset": "sudden_and_severe"})
    assert screen(parse_answers(at_risk)).action == Action.EMERGENCY_NOW
    smoker_55 = answers(person={"age": 55}, pain={"onset": "sudden_and_severe"}, health={"smoke_or_smoked": "yes"})
    assert screen(parse_answers(smoker_55)).action == Action.EMERGENCY_NOW
    young = parse_answers(answers(person={"age": 30}, pain={"onset": "sudden_and_severe"}))
    assert screen(young).action == Action.ROUTINE  # a sudden lumbago at 30 is not an aneurysm
    known = answers(person={"age": 45}, health={"known_aortic_aneurysm": "yes"})  # acute pain by default
    assert screen(parse_answers(known)).action == Action.EMERGENCY_NOW


def test_fever_flank_pain_and_urinary_symptoms_is_a_kidney_infection_today_and_sepsis_signs_an_emergency():
    """NICE NG111 / CKS pyelonephritis: antibiotics the same day; NICE NG51 (sepsis) when faint or unwell."""
    data = answers(pain=FLANK, **flags("fever"), **other(urine_burns_frequent_or_bloody="yes"))
    a, s, report = triaged(data)
    kidney = next(f for f in s.flags if "kidney infection" in f.concern)
    assert s.action == Action.SEE_DOCTOR_TODAY and kidney.action == Action.SEE_DOCTOR_TODAY
    assert "NG111" in kidney.source and "antibiotics" in s.advice
    assert report.pain_source is None and "outside the back" in report.screen.outside_spine
    unwell = answers(
        pain=FLANK, **flags("fever"), **other(urine_burns_frequent_or_bloody="yes", feel_faint_sick_or_sweaty="yes")
    )
    assert screen(parse_answers(unwell)).action == Action.EMERGENCY_NOW


def test_flank_pain_in_waves_is_renal_colic_today_and_with_fever_an_emergency():
    """NICE NG118: colicky loin pain assessed the same day; immediate referral with fever."""
    colic = answers(pain={**FLANK, "character": ["comes_in_waves"]})
    a, s, report = triaged(colic)
    assert s.action == Action.SEE_DOCTOR_TODAY and "kidney stone" in s.flags[0].concern and "NG118" in s.flags[0].source
    assert report.pain_source is None
    assert screen(parse_answers({**colic, **flags("fever")})).action == Action.EMERGENCY_NOW


def test_a_rash_where_it_hurts_is_shingles_with_the_antiviral_window():
    """NICE CKS Shingles: antivirals within 72 hours of the rash."""
    a, s, _ = triaged(
        answers(
            pain={"locations": ["mid_back"], "side": "left", "character": ["burning"]},
            **other(rash_where_it_hurts="yes"),
        )
    )
    assert s.action == Action.SEE_DOCTOR_TODAY and "shingles" in s.flags[0].concern
    assert "3 days" in s.advice and "72 hours" in s.flags[0].source


def test_belly_pain_with_a_missed_period_is_an_ectopic_pregnancy_emergency_never_low_energy():
    """NICE NG126: pain low in the belly with a late or missed period: immediate referral."""
    woman = {"age": 28, "sex": "female"}
    late = answers(person=woman, pain=BELLY, **other(could_be_pregnant="yes"))
    a, s, report = triaged(late)
    assert s.action == Action.EMERGENCY_NOW and "ectopic" in s.flags[0].concern and "NG126" in s.flags[0].source
    assert report.pain_source is None and report.plan == ()
    # the runner ticks the periods question meant for low energy, pregnancy not ruled out
    stopped = answers(
        person=woman, pain=BELLY, **other(periods_stopped_or_eating_too_little="yes", could_be_pregnant="unknown")
    )
    s2 = screen(parse_answers(stopped))
    assert s2.action == Action.EMERGENCY_NOW
    assert not any("low energy" in f.concern for f in s2.flags)


def test_clumsy_hands_and_stiff_legs_are_the_neck_not_the_cauda_equina():
    """Davies 2018 (BMJ 360:k186): degenerative cervical myelopathy; urgent referral, not the cauda-equina
    pathway, when the bladder, bowel and saddle are clear."""
    data = answers(**flags("symptoms_or_weakness_both_legs"), **other(hands_clumsy_legs_stiff_or_falls="yes"))
    s = screen(parse_answers(data))
    assert s.action == Action.SEE_DOCTOR_TODAY
    assert all("cauda equina" not in f.concern for f in s.flags) and "neck" in s.flags[0].concern
    alone = screen(parse_answers(answers(**other(hands_clumsy_legs_stiff_or_falls="yes"))))
    assert alone.action == Action.SEE_DOCTOR_WITHIN_DAYS
    bladder_too = answers(
        **flags("symptoms_or_weakness_both_legs", "bladder_or_bowel_change"),
        **other(hands_clumsy_legs_stiff_or_falls="yes"),
    )
    assert screen(parse_answers(bladder_too)).action == Action.EMERGENCY_NOW  # the bladder keeps the emergency


def test_a_fragility_fracture_without_steroids_or_a_fall_is_a_doctor_within_days():
    """NICE CKS Osteoporosis: a previous fragility fracture; Downie 2013 for the vertebral fracture."""
    a, s, report = triaged(answers(person={"age": 64}, **other(broken_bone_from_a_minor_fall="yes")))
    assert s.action == Action.SEE_DOCTOR_WITHIN_DAYS and "osteoporosis" in s.flags[0].concern
    assert report.pain_source.shown_if.startswith("if the doctor rules out a fracture")  # a spinal cause


def test_legs_that_tire_on_walking_and_ease_on_sitting_are_stenosis_and_not_an_emergency():
    a, s, report = triaged(answers(person={"age": 68}, **other(legs_tire_walking_ease_sitting="yes")))
    assert s.action == Action.ROUTINE and "spinal stenosis" in s.flags[0].concern
    assert "not an emergency" in s.flags[0].concern and report.pain_source is not None


def test_a_question_left_unanswered_that_could_raise_the_level_is_said_with_what_yes_would_mean():
    older = screen(
        parse_answers(answers(person={"age": 72, "sex": "male"}, pain={"duration": "chronic_over_12_weeks"}))
    )
    assert any('"How did the pain begin?"' in line and "emergency" in line for line in older.could_raise)
    kidney = screen(
        parse_answers(answers(pain=FLANK, **flags("fever"), **other(urine_burns_frequent_or_bloody="unknown")))
    )
    assert any("urine" in line and "see a doctor today" in line for line in kidney.could_raise)
    young = screen(parse_answers(answers()))  # 34, low back pain: no aneurysm question was asked or raised
    assert not any("aneurysm" in line for line in young.could_raise)


def test_the_aneurysm_questions_are_asked_only_where_they_matter():
    def asked_fields(person, locations):
        seen = []

        def ask(q: Question) -> str:
            seen.append(q.field)
            fixed = {"person.age": str(person[0]), "person.sex": person[1], "pain.has_pain": "yes",
                     "pain.locations": locations}  # fmt: skip
            return fixed.get(q.field, "")

        ask_all(ask)
        return seen

    assert "health.smoke_or_smoked" not in asked_fields((34, "female"), "central_low_back")
    assert "health.smoke_or_smoked" in asked_fields((62, "male"), "central_low_back")
    assert "health.smoke_or_smoked" in asked_fields((34, "female"), "flank")
    assert "other_causes.could_be_pregnant" not in asked_fields((34, "male"), "belly")
    assert "other_causes.urine_burns_frequent_or_bloody" in asked_fields((34, "male"), "flank")


def test_no_plan_item_keeps_a_runner_with_a_mimic_walking_under_a_table_of_spinal_sources():
    a = parse_answers(answers(pain={**FLANK, "character": ["comes_in_waves"]}))
    s = screen(a)
    plan = make_plan(a, s, None)
    assert [i.title for i in plan] == ["See a doctor today", "Until the doctor has seen you"]


def test_the_variants_a_runner_would_give_are_caught():
    """The same conditions as a runner might describe them: fever with urinary symptoms in the side of the
    back (NICE NG111), pain in waves beside the spine (NG118), flank pain with blood in the urine, sudden
    severe pain between the shoulder blades with high blood pressure (ESC 2014), a known aneurysm with
    long-standing pain (NG156: a symptomatic aneurysm is seen), a burning band before any rash (CKS)."""
    beside = {"locations": ["one_side_beside_spine"], "side": "left"}
    cases = [
        (
            answers(pain=beside, **flags("fever"), **other(urine_burns_frequent_or_bloody="yes")),
            Action.SEE_DOCTOR_TODAY,
            "kidney infection",
        ),
        (answers(pain={**beside, "character": ["comes_in_waves"]}), Action.SEE_DOCTOR_TODAY, "kidney stone"),
        (answers(pain=FLANK, **other(urine_burns_frequent_or_bloody="yes")), Action.SEE_DOCTOR_TODAY, "kidney stone"),
        (
            answers(
                person={"age": 45},
                pain={"locations": ["mid_back"], "side": "both", "onset": "sudden_and_severe"},
                health={"high_blood_pressure": "yes"},
            ),
            Action.EMERGENCY_NOW,
            "aortic dissection",
        ),
        (
            answers(
                person={"age": 58}, pain={"duration": "chronic_over_12_weeks"}, health={"known_aortic_aneurysm": "yes"}
            ),
            Action.SEE_DOCTOR_WITHIN_DAYS,
            "aneurysm",
        ),
        (
            answers(pain={"locations": ["mid_back"], "side": "right", "character": ["burning"]}),
            Action.ROUTINE,
            "shingles",
        ),
    ]
    for data, level, concern in cases:
        s = screen(parse_answers(data))
        assert s.action == level and any(concern in f.concern for f in s.flags), (concern, s.action, s.flags)


def test_long_standing_claudication_in_both_legs_is_stenosis_not_the_cauda_equina():
    """Katz & Harris 2008: neurogenic claudication is commonly in both legs; with the bladder, bowel and
    saddle clear and no leg getting weaker it is not the cauda-equina emergency. A new bladder change
    keeps the emergency."""
    chronic = {"duration": "chronic_over_12_weeks", "locations": ["central_low_back", "thigh"], "leg_side": "both"}
    data = answers(person={"age": 71}, pain=chronic, **flags("symptoms_or_weakness_both_legs"),
                   **other(legs_tire_walking_ease_sitting="yes"))  # fmt: skip
    s = screen(parse_answers(data))
    assert s.action == Action.SEE_DOCTOR_WITHIN_DAYS  # age over 70 (Downie 2013), not an emergency
    assert any("stenosis" in f.concern for f in s.flags) and not any("cauda" in f.concern for f in s.flags)
    bladder = {**data, **flags("symptoms_or_weakness_both_legs", "bladder_or_bowel_change")}
    assert screen(parse_answers(bladder)).action == Action.EMERGENCY_NOW
