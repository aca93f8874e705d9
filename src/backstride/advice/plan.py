"""The plan: rules from the screen, the pain-source estimate and the gait findings to actions.

Every item says what to do, how much, how often, for how long, how strong the evidence is
and where it comes from, which answer or finding it answers, and how to test it on yourself.
No gait variable has been shown prospectively to cause back pain: gait items are offered as
experiments to run on yourself, and say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from backstride.advice.items import GaitFindings, PlanItem
from backstride.advice.load import load_text, read_load
from backstride.advice.paths import acute_care, hip_first, hip_pattern, pelvic_girdle, return_to_running
from backstride.bodycheck.catalogue import STRAIGHT_LEG_RAISE
from backstride.triage.labels import SOURCE_LABELS
from backstride.triage.questionnaire import LEG, Answers, Duration
from backstride.triage.redflags import Action, Screen
from backstride.triage.sources import Estimate


def make_plan(
    a: Answers, screen: Screen, estimate: Estimate | None, gait: GaitFindings | None = None
) -> list[PlanItem]:
    """The plan, by what the screen found first:

    * emergency: empty (the rest is held back);
    * a doctor within days: see the doctor, and what to do until seen (no running, no loaded
      spine exercise); the rest waits until the doctor has ruled the flagged causes out;
    * no pain: a form-only plan from the gait findings (load, cadence, pelvic drop, shoes);
    * otherwise: whom to see and which examination by the leading source, then load, exercise,
      the gait items, mobility and shoes.
    """
    from backstride.triage.labels import plain

    return [replace(i, answers=plain(i.answers)) for i in _plan(a, screen, estimate, gait)]


def _plan(a: Answers, screen: Screen, estimate: Estimate | None, gait: GaitFindings | None) -> list[PlanItem]:
    if screen.action == Action.EMERGENCY_NOW:
        return []
    if screen.action in (Action.SEE_DOCTOR_WITHIN_DAYS, Action.SEE_DOCTOR_TODAY):
        return [see_doctor(screen), until_seen(screen)]
    gait = gait or GaitFindings()
    pain = a.pain.has_pain
    items = [who_to_see(a, estimate)] if pain else []
    if pain and _leg_symptoms(a):
        items.append(watch_the_legs(a))
    if pain and hip_pattern(a):
        items.append(hip_first(a))
    items.append(load_rule(a))
    items += exercise_items(a)
    items += form_items(a, gait)
    if pain:
        items.append(mobility(a))
    items.append(shoes_and_insoles(a))
    return items


def exercise_items(a: Answers) -> list[PlanItem]:
    """With pain, the back exercises (and a directional preference); without, the posterior chain as
    prevention where the back-extensor hold was short (good endurance went with fewer first episodes)."""
    if not a.pain.has_pain:
        return [posterior_chain(a)] if short_hold(a) is not None else []
    items = back_exercise(a)
    if a.pain.centralises_with_repeated_movement == "yes" and not hip_pattern(a):
        items.append(directional_preference(a))
    return items


def form_items(a: Answers, gait: GaitFindings) -> list[PlanItem]:
    """What the filmed running and the filmed single-leg squat found."""
    items = []
    if gait.cadence_spm is not None:
        items.append(cadence(gait, pain=a.pain.has_pain))
    if gait.pelvic_drop_flagged:
        items.append(pelvic_drop(gait, a))
    if squat_faults(a):
        items.append(hip_control(a))
    return items


def back_exercise(a: Answers) -> list[PlanItem]:
    """The exercise items, by who is asking: in pregnancy the pelvic-girdle path (no prone extensions, no
    loaded hinges); with a hip pattern none before the hip is examined; in acute pain the acute plan."""
    if a.other_causes.pregnant == "yes" and a.person.sex != "male":
        return [pelvic_girdle(a)]
    if hip_pattern(a):
        return []
    if a.pain.duration == Duration.ACUTE:
        return [acute_care(a)]
    if short_hold(a) is not None:  # a short back-extensor hold moves the strength item first
        return [posterior_chain(a), exercise_therapy(a)]
    return [exercise_therapy(a), posterior_chain(a)]


def short_hold(a: Answers) -> float | None:
    """The healthy mean the runner's Biering-Sorensen hold fell short of (McGill 1999 by sex; the
    lower, men's, where the sex is not given), or None (not tested, or not short)."""
    from backstride.bodycheck.catalogue import SORENSEN

    held = a.self_tests.back_extensor_hold_s
    if held is None:
        return None
    norms = {n.group: n.value for n in SORENSEN.norms}
    mean = norms["women"] if a.person.sex == "female" else norms["men"]
    return mean if held < mean else None


def squats(a: Answers) -> dict[str, list[str]]:
    """Each leg's filmed single-leg squat faults (an empty list: done right)."""
    prefix = "single-leg-squat-"
    return {k.removeprefix(prefix): list(v) for k, v in a.self_tests.filmed_faults.items() if k.startswith(prefix)}


def squat_faults(a: Answers) -> dict[str, list[str]]:
    """Each leg whose filmed single-leg squat had a fault, with its faults."""
    return {leg: faults for leg, faults in squats(a).items() if faults}


def _leg_symptoms(a: Answers) -> bool:
    return bool(LEG & set(a.pain.locations))


def leading_source(estimate: Estimate | None) -> str | None:
    return max(estimate.probabilities, key=lambda k: estimate.probabilities[k]) if estimate else None


#: Whom to see and which examination, by the leading source (evidence.md D).
EXAMINATION = {
    "nerve_root": (
        "a physiotherapist or sports doctor for a nerve examination: straight-leg raise, strength, reflexes "
        "and sensation (SLR sens 0.91, spec 0.26: a negative one argues against a nerve root; Devillé 2000)"
    ),
    "sacroiliac_joint": (
        "a physiotherapist for the sacroiliac provocation cluster: 3 or more of 6 tests positive, sens 0.94, "
        "spec 0.78; all 6 negative rules the joint out (Laslett 2005)"
    ),
    "disc": (
        "a physiotherapist for a repeated-movement assessment: pain that centralises points to the disc "
        "(Laslett 2005) and sets the direction of your exercises"
    ),
    "facet_joint": (
        "a physiotherapist for an examination and an exercise plan (facet pain is confirmed only by "
        "specialist nerve blocks, which are rarely needed)"
    ),
    "non_specific": "a physiotherapist for an examination and an exercise plan",
    "inflammatory_or_other": "your GP, who can refer you to rheumatology",
}


#: The examination for a source within TIE of the leading one, said briefly.
ALSO_EXAMINE = {
    "nerve_root": "a nerve examination (straight-leg raise, strength, reflexes)",
    "sacroiliac_joint": "the sacroiliac provocation cluster (Laslett 2005)",
    "disc": "a repeated-movement assessment",
    "facet_joint": "an examination (facet pain is confirmed only by a specialist's nerve blocks, rarely needed)",
    "inflammatory_or_other": "a GP's assessment for inflammatory back pain (rheumatology)",
}


def _close_to(estimate: Estimate | None, leading: str) -> list[str]:
    """The sources the answers cannot rank below the leading one (Estimate.leaders): a tie."""
    return [] if estimate is None else [s for s in estimate.leaders if s != leading]


def _tie(estimate: Estimate | None) -> tuple[str, ...]:
    return estimate.leaders if estimate else ()


def who_to_see(a: Answers, estimate: Estimate | None) -> PlanItem:
    leading = leading_source(estimate) or "non_specific"
    when = (
        "Within 1-2 weeks while the leg pain lasts; the same day if a leg gets weaker or numbness spreads."
        if leading == "nerve_root" or _leg_symptoms(a)
        else "If no better after 4-6 weeks of the plan, or sooner if it gets worse or spreads into a leg."
    )
    who = EXAMINATION[leading]
    close = [s for s in _close_to(estimate, leading) if s in ALSO_EXAMINE]
    if close:
        who += "; your answers cannot rank it above others, so worth examining too: " + " and ".join(
            ALSO_EXAMINE[s] for s in close
        )
    if a.other_causes.groin_pain_turning_the_hip == "yes":
        who += ", and ask for your hip to be examined (turning it brings on your pain)"
    if a.other_causes.pregnant == "yes":
        who = "your midwife or GP, and a physiotherapist who treats pregnancy-related pelvic girdle pain"
    return PlanItem(
        "Whom to see",
        f"See {who}; a podiatrist only for foot problems.",
        when,
        "Guideline: NICE NG59 (exercise first; no imaging without suspected serious pathology)",
        "pain source: "
        + (
            f"a tie of {' / '.join(SOURCE_LABELS[s] for s in tie)}"
            if len(tie := _tie(estimate)) > 1
            else SOURCE_LABELS[leading]
        ),
        "Pain 0-10 at rest and after running, each week: 2 points (or 30 %) less counts as better.",
    )


def watch_the_legs(a: Answers) -> PlanItem:
    return PlanItem(
        "Watch your legs",
        "Leg symptoms can come from an irritated nerve. Get seen the same day if a foot starts to slap or "
        "catch, a leg gives way, or numbness spreads; go to an emergency department at once for numbness "
        "between the legs, new bladder or bowel trouble, or symptoms in both legs.",
        "Check each morning while the leg symptoms last.",
        "Guideline: NICE NG59; GIRFT suspected cauda equina pathway 2023",
        "pain.locations: " + ", ".join(loc.value for loc in a.pain.locations),
        "Not a self-test of a treatment: a daily check for warning signs.",
    )


def see_doctor(screen: Screen) -> PlanItem:
    concerns = ", ".join(sorted({f.concern for f in screen.flags if f.action >= Action.SEE_DOCTOR_WITHIN_DAYS}))
    today = screen.action == Action.SEE_DOCTOR_TODAY
    return PlanItem(
        "See a doctor today" if today else "See a doctor within days",
        ("Get a same-day appointment with your GP or an urgent care centre" if today else "Book a GP or sports doctor")
        + f" to rule out: {concerns}.",
        "Today." if today else "Within the next few days.",
        "Guideline: "
        + "; ".join(
            dict.fromkeys(
                f.source
                if f.outside_spine
                else "NICE NG59 (exclude cancer, infection, trauma and inflammatory disease first)"
                for f in screen.flags
                if f.action >= Action.SEE_DOCTOR_WITHIN_DAYS
            )
        ),
        ", ".join(f.answer for f in screen.flags),
        "Not a self-test: this needs a doctor.",
    )


def until_seen(screen: Screen) -> PlanItem:
    return PlanItem(
        "Until the doctor has seen you",
        "No running and no loaded exercise for the spine (back extensions, deadlifts, weights) until the "
        "cause is ruled out; walk and keep to daily activities as comfortable. The rest of the plan "
        "(exercise, load, running form) follows once the doctor has ruled these causes out.",
        "Until you are seen; sooner if the pain or any symptom gets worse.",
        "Guideline: NICE NG59; a suspected fracture, infection or tumour must not be loaded before it is "
        "excluded (Downie 2013; Henschke 2013)",
        ", ".join(f.answer for f in screen.flags),
        "Not a self-test: write down the pain (0-10) and anything new each day to tell the doctor.",
    )


def load_rule(a: Answers) -> PlanItem:
    load = read_load(a)
    if load.stopped:
        return return_to_running(a)
    answered = ["running.longest_run_before_last_week_km" if load.reference_is_pre_spike else
                "running.longest_run_last_30_days_km", "running.longest_run_last_week_km"]  # fmt: skip
    if load.trigger:
        answered.append("pain.began_weeks_ago")
    return PlanItem(
        "Training load: no single run much longer than your recent longest",
        load_text(a, load),
        "Every run, for as long as you build distance.",
        "Moderate, injury in general not back pain: Garmin-RUNSAFE cohort 2025 (n=5205; a run 10-30 % "
        "longer than the longest of the 30 days before it, HRR 1.64); Nielsen 2014 (>30 %/week, HR 1.59)",
        ", ".join(answered),
        "Log each run's distance and next-day "
        + ("back pain 0-10 for 4 weeks." if a.pain.has_pain else "aches for 4 weeks."),
    )


def exercise_therapy(a: Answers) -> PlanItem:
    chronic = a.pain.duration == Duration.CHRONIC
    return PlanItem(
        "Exercise therapy",
        "A structured programme: Pilates, or resistance plus motor-control "
        "exercise, guided by a physiotherapist if you can.",
        "2-3 sessions a week, 30-45 min, for at least 8-12 weeks.",
        "Moderate certainty for chronic low back pain: pain SMD -0.33 vs no exercise (WHO-commissioned "
        "review 2023); Pilates best for pain, resistance and motor control best for function (Owen 2020, "
        "BJSM 54:1279)" + ("" if chronic else "; for acute pain: keep active (NICE NG59)"),
        f"pain.duration: {a.pain.duration.value if a.pain.duration else 'none'}",
        "Pain 0-10 and a function score (e.g. Oswestry) at the start and after 6 weeks: "
        "15/100 less pain or 10/100 better function counts (Hayden 2021 thresholds).",
    )


def directional_preference(a: Answers) -> PlanItem:
    return PlanItem(
        "Repeated movements in the direction that centralises",
        "Repeat the movement that drew the pain back towards the middle of your back (for most, bending "
        "backwards standing or lying face down and pressing up), 10 times, slowly, several times a day; stop a "
        "direction that sends pain further down the leg.",
        "10 repetitions, 5-6 times a day, for 2 weeks; a physiotherapist's repeated-movement assessment sets "
        "the direction.",
        "Weak: centralisation guides the direction and points to the disc (Laslett 2005); McKenzie exercise "
        "was no better than control for pain in Owen 2020's network meta-analysis",
        "pain.centralises_with_repeated_movement: yes",
        "Where the pain reaches (back only, buttock, thigh, below the knee) each morning: moving towards the "
        "back over 2 weeks counts as better.",
    )


def posterior_chain(a: Answers) -> PlanItem:
    """Back extensions, suggested only with their form check: a set filmed with faults gets the fix and
    the safer alternative first; a set done right lets the load go up; a short Biering-Sorensen hold is
    said as the (weak) reason, and without pain the item is prevention."""
    faults = a.self_tests.filmed_faults.get("back-extension")
    short_of = short_hold(a)
    title = "Posterior-chain strength: back extensions as a hip hinge"
    what = (
        "Back extensions on a bench (or Romanian deadlifts): hinge at the hips with the spine neutral, ribs "
        "down, neck long; stop when the body is straight, before the lower back arches. "
    )
    if faults:
        from backstride.bodycheck.form import FAULTS

        title = "Posterior-chain strength: fix the back extension first"
        what += (
            "Your last filmed set: "
            + "; ".join(f"{FAULTS[f][0]} ({FAULTS[f][1]})" for f in faults)
            + ". Until a filmed set is done right, do glute bridges instead (the safer alternative: the hips "
            "work, the lower back stays still; check them too: 'backstride check bridges.mp4 --test glute-bridge'), "
            "then film the next set of back extensions and check it again: "
            "'backstride check set.mp4 --test back-extension'."
        )
    elif faults is not None:
        what += "Your last filmed set was done right, every repetition: add load when 12 are easy."
    else:
        what += (
            "Film a set from the side and check it: 'backstride check set.mp4 --test back-extension' judges each "
            "repetition (arched past the line of the legs, stopped short, rushed) and shows the frame; fix what it "
            "finds before adding load."
        )
    what += " " + _single_leg_deadlift(a.self_tests.filmed_faults.get("single-leg-deadlift"))
    if not a.pain.has_pain:
        what = "To help prevent a first episode of back pain: " + what[0].lower() + what[1:]
    evidence = (
        "Moderate: posterior-chain resistance vs general exercise, pain SMD -0.61 (Tataryn 2021, Sports "
        "Med Open 7:17); deadlift not better than motor control (Aasa 2015)"
    )
    if short_of is not None:
        evidence += (
            "; the link from a short back-extensor hold to back pain is weak (one cohort of men, Biering-Sorensen "
            "1984): a reason to train, not a diagnosis"
        )
    answers = "pain for more than 6 weeks" if a.pain.has_pain else "no pain now"
    if short_of is not None:
        held = a.self_tests.back_extensor_hold_s
        answers += (
            f"; back-extensor hold {held:g} s, under the healthy mean of {short_of:g} s (McGill 1999, UNVERIFIED)"
        )
    for name, said in (
        ("back-extension", faults),
        ("single-leg-deadlift", a.self_tests.filmed_faults.get("single-leg-deadlift")),
    ):
        if said is not None:
            answers += f"; filmed {name}: " + (", ".join(said) if said else "done right")
    if a.self_tests.single_leg_bridge_s:
        answers += "; single-leg bridge hold " + ", ".join(
            f"{k} {v:g} s" for k, v in sorted(a.self_tests.single_leg_bridge_s.items())
        )
    return PlanItem(
        title,
        what,
        "3 sets of 8-12, 2-3 times a week, for 8 weeks; add load when 12 are easy.",
        evidence,
        answers,
        "Back-extensor hold (backstride check --test sorensen) and single-leg bridge hold each side, now and after "
        "6 weeks; longer by more than the 1 s measurement error counts.",
    )


def _single_leg_deadlift(faults: Sequence[str] | None) -> str:
    """The plan's second hinge, with its form check: the fix for a filmed set's faults."""
    if faults is None:
        return (
            "Single-leg deadlifts are the other hinge (hips, hamstrings and balance on one leg): film a set from the "
            "side with tape on your spine and check it: 'backstride check set.mp4 --test single-leg-deadlift' (the "
            "lower back rounding, the free leg out of line with your back, rushed); a set filmed from behind with "
            "tape on the dimples above your buttocks checks that your pelvis stays square."
        )
    if not faults:
        return "Your last filmed single-leg deadlifts were done right, every repetition."
    from backstride.bodycheck.deadlift import FAULTS

    return (
        "Your last filmed single-leg deadlifts: "
        + "; ".join(f"{FAULTS[f][0]} ({FAULTS[f][1]})" for f in faults)
        + ". Fix that with a hand on a wall for balance before adding load, and film the next set."
    )


def hip_control(a: Answers) -> PlanItem:
    """A filmed single-leg squat whose knee came in or pelvis dropped: the hip abductors and control."""
    from backstride.bodycheck.squat import FAULTS

    faults = squat_faults(a)
    said = "; ".join(f"{leg}: " + " and ".join(FAULTS[f][0] for f in fs) for leg, fs in sorted(faults.items()))
    fixes = "; ".join(dict.fromkeys(FAULTS[f][1] for fs in faults.values() for f in fs))
    return PlanItem(
        "Hip control: the single-leg squat",
        f"Your filmed single-leg squat, {said}. Side-lying hip abduction and side planks for strength, and "
        f"slow single-leg squats to a chair facing a mirror: {fixes}.",
        "Strength 3 x 12 each side, 3 times a week; mirror squats 2 x 8 each leg daily; for 6 weeks.",
        "Weak: people with chronic low back pain had weaker hip abductors and more Trendelenburg signs than "
        "controls (Cooper 2016, Eur Spine J 25:1258; cross-sectional, not a cause); no trial of this in runners "
        "with back pain",
        "filmed single-leg squat: "
        + "; ".join(f"{leg}: {', '.join(fs) if fs else 'done right'}" for leg, fs in sorted(squats(a).items())),
        "Film the single-leg squat from behind again after 6 weeks (backstride check --test single-leg-squat): the "
        "knee angle smaller by more than 3 deg (the measurement error) and no pelvis drop counts.",
    )


def cadence(gait: GaitFindings, *, pain: bool = True) -> PlanItem:
    c = gait.cadence_spm
    if c is None:
        raise ValueError("a cadence plan item needs the runner's measured cadence")
    lo, hi = round(c * 1.05), round(c * 1.10)
    over = f" (overstride {gait.overstride_pct_leg:.0f} % of leg length)" if gait.overstride_pct_leg else ""
    return PlanItem(
        "Cadence +5 to 10 %",
        f"Run to a metronome at {lo} beats per minute (+5 %) for a week, then "
        f"{hi} (+10 %) if it feels fine: one step per beat. Your cadence: {c:.0f} steps/min{over}.",
        "Easy runs only, 3-4 a week, for 4 weeks; it costs a little more effort at first.",
        "Strong for mechanics (less knee flexion, step length, braking; Heiderscheit 2011, Anderson 2022);"
        " no trial in back pain: an experiment on yourself",
        f"cadence {c:.0f} steps/min",
        "Film again after 4 weeks: cadence near the target and overstride smaller, "
        + ("with back pain after running no worse (0-10) counts as better." if pain else "with no new aches."),
    )


def pelvic_drop(gait: GaitFindings, a: Answers | None = None) -> PlanItem:
    plank = dict(a.self_tests.side_plank_s) if a is not None else {}
    held = "; side plank " + ", ".join(f"{k} {v:g} s" for k, v in sorted(plank.items())) if plank else ""
    return PlanItem(
        "Pelvic-drop retraining with hip abductor work",
        "Run facing a mirror (treadmill) keeping the pelvis level; side-lying hip abduction and side planks.",
        "8 sessions of 15-30 min over 2 weeks with feedback fading; strength 3x12, 3 a week.",
        "Weak for back pain: reduced drop and pain in women with patellofemoral pain (Willy 2012); "
        "strengthening alone does not change running mechanics (Davis & Futrell 2016)",
        f"pelvic drop {gait.pelvic_drop_deg:.1f} deg{held}",
        "Film from behind before and after, with tape on the PSIS both times: pelvic drop smaller by more than "
        "2.7 deg (the smallest detectable difference, Dingenen 2018) counts; side plank hold "
        "time each side, now and after 4 weeks.",
    )


#: A straight leg raised to about this angle is normal hamstring length (the self-test's norm, Kendall,
#: UNVERIFIED).
NORMAL_RAISE_DEG = STRAIGHT_LEG_RAISE.norms[0].value


def _no_stretching(a: Answers, raised: float | None) -> PlanItem:
    """Hip flexors not short (the thigh hangs below the table's line) and no hamstring stretch wanted."""
    said = f" and your straight leg rose to {raised:g} deg" if raised is not None else ""
    nerve = (
        ""
        if raised is not None and raised >= NORMAL_RAISE_DEG
        else " No hamstring stretching while the leg hurts: a straight-leg stretch pulls on an irritated nerve root."
    )
    return PlanItem(
        "Mobility: no stretching needed",
        "No stretching needed: your thigh hangs below the table's line in the Thomas test (hip flexors not short)"
        + said
        + "."
        + nerve,
        "Re-test in 6 weeks if running feels restricted.",
        "No trials for hip flexor stretching for back pain, and pelvic tilt does not differ with back pain "
        "(Laird 2014)",
        "self_tests.hip_flexor_tight: no" + (f"; active straight-leg raise {raised:g} deg" if raised else ""),
        "Film the modified Thomas test again in 6 weeks (backstride check --test thomas).",
    )


def mobility(a: Answers) -> PlanItem:
    """No hamstring stretch while the leg hurts or a straight-leg raise brings on leg pain: it pulls on
    an irritated nerve root."""
    tight = a.self_tests.hip_flexor_tight == "yes"
    nerve = _leg_symptoms(a) or a.self_tests.straight_leg_raise_brings_leg_pain == "yes"
    raised = a.self_tests.active_straight_leg_raise_deg
    normal_length = raised is not None and raised >= NORMAL_RAISE_DEG
    towel = a.self_tests.filmed_faults.get("towel-stretch")
    if a.self_tests.hip_flexor_tight == "no" and (nerve or normal_length):
        return _no_stretching(a, raised)
    if nerve:
        what = (
            "Kneeling hip flexor stretch. No hamstring stretching while the leg hurts: a straight-leg stretch "
            "pulls on an irritated nerve root."
        )
    elif normal_length:
        what = (
            f"Kneeling hip flexor stretch. No hamstring stretching needed: your straight leg rose to {raised:g} deg "
            f"(about {NORMAL_RAISE_DEG:g} is normal length)."
        )
    else:
        what = "Kneeling hip flexor stretch and hamstring stretch. " + _towel_stretch(towel)
    return PlanItem(
        "Hip flexor mobility" if nerve or normal_length else "Hip flexor and hamstring mobility",
        what,
        "2 x 30 s each side, daily, for 4 weeks.",
        (
            ""
            if nerve or normal_length
            else "Weak: hamstring stretching pain SMD -0.72 but I2 89 % (Gou 2024) and no better than control "
            "in Owen 2020; "
        )
        + "no trials for hip flexor stretching, and pelvic tilt does not differ with back pain "
        "(Laird 2014). Said plainly: this may not help.",
        f"self_tests.hip_flexor_tight: {a.self_tests.hip_flexor_tight}"
        + (" (tight)" if tight else "")
        + (
            f"; active straight-leg raise {raised:g} deg (normal length about {NORMAL_RAISE_DEG:g}, Kendall, "
            "UNVERIFIED)"
            if raised is not None
            else ""
        )
        + (
            "; filmed towel-stretch: " + (", ".join(towel) if towel else "done right")
            if towel is not None and not (nerve or normal_length)
            else ""
        ),
        "Active straight-leg-raise angle and the hip flexor self-check, now and after 4 weeks.",
    )


def _towel_stretch(faults: Sequence[str] | None) -> str:
    """The hamstring stretch with its form check: the fix for a filmed set's faults."""
    if faults is None:
        return (
            "For the hamstrings, the towel stretch: lying on your back, a towel round one foot, pull the straight leg "
            "up until you feel the back of the thigh, the other leg flat, 30 s. Film it from the side and check it: "
            "'backstride check stretch.mp4 --test towel-stretch' (the knee straight, the other leg flat, 30 s held)."
        )
    if not faults:
        return "Your last filmed towel stretch was done right, every hold."
    from backstride.bodycheck.towel import FAULTS

    return (
        "Your last filmed towel stretch: "
        + "; ".join(f"{FAULTS[f][0]} ({FAULTS[f][1]})" for f in faults)
        + ". Fix that first, then film it again."
    )


def shoes_and_insoles(a: Answers) -> PlanItem:
    return PlanItem(
        "Shoes and insoles: only as a self-test",
        (
            "Guidelines advise against foot orthoses for low back pain (NICE NG59). "
            if a.pain.has_pain
            else "No shoe or insole has been shown to prevent running injuries reliably. "
        )
        + "If you want to try new shoes or arch supports, test them like this, one change at a time.",
        "2 weeks with the change, 2 weeks without, same runs.",
        "Weak: insoles prevention RR 0.73 (0.43-1.22) (Sahar 2009); no evidence for footwear changes in "
        "back pain; outsole wear is weak supporting evidence at best (Vernon 2004)",
        "running.recent_changes: " + ", ".join(a.running.recent_changes),
        "Back pain 0-10 after each run in both periods: 2 points lower with the change counts."
        if a.pain.has_pain
        else "Comfort 0-10 and any new ache after each run in both periods.",
    )
