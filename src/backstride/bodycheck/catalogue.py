"""The self-tests backstride measures: how to film each, what is measured, the published normal
values with their sources and reliability, and what a result does and does not mean for back
pain. Figures marked UNVERIFIED are quoted from secondary sources and not yet checked against the
paper's full text (as in the project's evidence file); they are said so wherever they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Norm:
    """A published reference value: ``value`` in the test's unit, for ``group``."""

    group: str
    value: float
    source: str
    verified: bool


@dataclass(frozen=True)
class SelfTest:
    name: str  # the CLI's --test
    title: str
    view: str  # "side" or "rear"
    unit: str
    how_to_film: tuple[str, ...]
    measured: str  # what the figure is, in words
    norms: tuple[Norm, ...]
    reliability: str
    meaning: str  # what it does and does not mean for back pain, with the evidence grade
    evidence_grade: str
    #: backstride's own error on renders with a known truth (tests/e2e/test_selftests.py holds it);
    #: a change between two tests smaller than this is not a change. None: no single figure (form checks).
    render_error: float | None = None
    #: the pose model also run on the mirror image and the two averaged (pose/mirror.py)
    mirror_pose: bool = False
    #: tape over the PSIS looked for (video/markers.py)
    pelvis_tape: bool = False
    #: three strips of tape across the spine looked for, from the side (video/spine_tape.py)
    spine_tape: bool = False
    #: three squares of tape on a leg's outer side looked for, from the side (video/leg_tape.py)
    leg_tape: bool = False
    #: and a fourth square on the inner side of the other knee (the towel stretch: the leg on the floor)
    other_knee_tape: bool = False
    #: as a self-experiment's outcome: True when a higher figure is better (a longer hold), False when
    #: lower is (a knee further in); None: not an outcome (a form check's figure is a count of repetitions)
    higher_is_better: bool | None = None
    #: the words for a change of the figure the better and the worse way ("longer", "shorter")
    change_words: tuple[str, str] = ("higher", "lower")
    #: the figure in a sentence ("back-extensor hold"), for a self-experiment's verdict
    figure: str = ""


MCGILL_1999 = "McGill 1999, Arch Phys Med Rehabil 80:941 (75 healthy young adults)"

SPINE_TAPE_GUIDE = (
    "If someone can help: put three strips of bright tape (a colour your clothes do not have), each about 4 cm "
    "wide and 15 cm long, across your spine on bare skin, reaching round the side that faces the phone: one at "
    "the two dimples at the top of the buttocks, one at the height of your navel, one where your lowest ribs "
    "end. That is how the curve of your lower back is measured; without it, it is not checked."
)

SORENSEN = SelfTest(
    name="sorensen",
    title="Back-extensor endurance (Biering-Sorensen test)",
    view="side",
    unit="s",
    how_to_film=(
        "Lie face down on a bench or a firm bed with your hips at its edge and your upper body off it, "
        "resting your hands on a chair; someone holds your legs down (or a strap does).",
        "Put the phone on the floor or a shelf 2-3 m to your side, level, landscape, so your whole body "
        "and the bench are in the picture; start filming.",
        "Cross your arms on your chest and lift your upper body until it is in line with your legs; hold "
        "it there as long as you can. Stop when you cannot keep it up, and stop filming a few seconds later.",
    ),
    measured=(
        "seconds from when the upper body comes in line with the legs (within 5 degrees) until it drops more "
        "than 10 degrees below that line for over half a second"
    ),
    norms=(
        Norm("men", 146.0, f"{MCGILL_1999}, mean as commonly quoted (UNVERIFIED)", False),
        Norm("women", 189.0, f"{MCGILL_1999}, mean as commonly quoted (UNVERIFIED)", False),
    ),
    reliability=(
        f"{MCGILL_1999}: reliability coefficients above 0.97 when repeated on 5 days and 8 weeks later "
        "(stopwatch timing by an examiner)"
    ),
    meaning=(
        "In men, good back-extensor endurance went with fewer first episodes of low back trouble over the "
        "next year (Biering-Sorensen 1984, Spine 9:106); runners who respond best to deadlift training had "
        "good endurance at the start (Berglund 2015, JSCR 29:1803). A short hold is a weak risk marker, not a "
        "diagnosis, and says nothing about where pain comes from. It can be trained (posterior-chain training "
        "against general exercise: pain SMD -0.61, Tataryn 2021, Sports Med Open 7:17)."
    ),
    evidence_grade="weak (one prospective cohort; low-quality links)",
    render_error=1.0,
    higher_is_better=True,
    change_words=("longer", "shorter"),
    figure="back-extensor hold",
)

FLEXOR = SelfTest(
    name="flexor",
    title="Trunk-flexor endurance (McGill's flexor test)",
    view="side",
    unit="s",
    how_to_film=(
        "Sit on the floor with your knees bent to about a right angle and your feet held down (under a sofa, or "
        "by someone); arms crossed on your chest.",
        "Put the phone 2-3 m to your side on the floor, level, landscape, your whole body in the picture; start "
        "filming.",
        "Lean back until your trunk is about 60 degrees from the floor (two thirds of the way from upright) and hold "
        "it there as long as you can; stop when you fall back, and film a few seconds more.",
    ),
    measured=(
        "seconds from when the trunk comes within 8 degrees of 60 degrees from the floor until it falls back more "
        "than 10 degrees below 60 for over half a second"
    ),
    norms=(
        Norm("men", 136.0, f"{MCGILL_1999}, mean as commonly quoted (UNVERIFIED)", False),
        Norm("women", 134.0, f"{MCGILL_1999}, mean as commonly quoted (UNVERIFIED)", False),
    ),
    reliability=(
        f"{MCGILL_1999}: reliability coefficients above 0.97 (with his 60-degree jig; here the runner leans back "
        "by eye, so the start differs)"
    ),
    meaning=(
        "McGill proposes the ratios between the tests (flexor to extensor, side bridge to extensor) as clinical "
        "targets; in his healthy cohort men held the side bridge for 99 % of their flexor time, women 79 %. "
        "The McGill tests rest on expert opinion for back pain (the 'Big 3' likewise): a short time is a reason "
        "to train, not a diagnosis."
    ),
    evidence_grade="expert opinion",
    render_error=1.0,
    higher_is_better=True,
    change_words=("longer", "shorter"),
    figure="trunk-flexor hold",
)

SIDE_BRIDGE = SelfTest(
    name="side-bridge",
    title="Side-bridge endurance (McGill's side bridge)",
    view="rear",
    unit="s",
    how_to_film=(
        "Lie on your side on the floor, legs straight, the top foot in front of the lower one, your forearm on "
        "the floor under your shoulder, the other hand on your hip.",
        "Put the phone on the floor 2-3 m behind you (your back to it), level, landscape, your whole body in the "
        "picture; start filming.",
        "Lift your hips until feet, hips and shoulders are in one straight line and hold it as long as you can; stop "
        "when the hips drop, and film a few seconds more. Rest, then the other side.",
    ),
    measured=(
        "seconds from when the hips come within 5 degrees of the line from the feet to the shoulders until they drop "
        "more than 10 degrees below it for over half a second; the side on the floor"
    ),
    norms=(
        Norm("men, right side down", 95.0, f"{MCGILL_1999}, mean as commonly quoted (UNVERIFIED)", False),
        Norm("men, left side down", 99.0, f"{MCGILL_1999}, mean as commonly quoted (UNVERIFIED)", False),
        Norm("women, right side down", 75.0, f"{MCGILL_1999}, mean as commonly quoted (UNVERIFIED)", False),
        Norm("women, left side down", 78.0, f"{MCGILL_1999}, mean as commonly quoted (UNVERIFIED)", False),
    ),
    reliability=f"{MCGILL_1999}: reliability coefficients above 0.96 (stopwatch timing by an examiner)",
    meaning=(
        "McGill proposes the ratios between his tests as targets: the two sides within 5 % of each other, a side "
        "bridge under 75 % of the back-extensor hold, the flexors under the extensors (expert opinion, UNVERIFIED); "
        "'backstride log checks' says them once the tests are kept. The McGill tests rest on expert opinion for back "
        "pain: a short or uneven time is a reason to train, not a diagnosis."
    ),
    evidence_grade="expert opinion",
    render_error=1.0,
    higher_is_better=True,
    change_words=("longer", "shorter"),
    figure="side-bridge hold",
)

STRAIGHT_LEG_RAISE = SelfTest(
    name="slr",
    title="Hamstring length (straight-leg raise)",
    view="side",
    unit="deg",
    how_to_film=(
        "Lie on your back on the floor or a firm bed, legs straight, arms by your sides.",
        "Put the phone on the floor 2-3 m to your side, level, landscape, so your whole body is in the picture; "
        "start filming.",
        "Keeping the knee straight and the other leg flat, raise the leg nearer the phone slowly as high as it "
        "goes without pain, hold a second, lower it; then the other leg (in that order: the video cannot tell "
        "a raised near leg from a far one). If it sends pain down the leg below the knee, stop: that "
        "is not tightness (answer the questionnaire's leg-pain questions).",
    ),
    measured="each leg's highest angle above the leg resting on the floor (hip-to-ankle lines), in degrees",
    norms=(
        Norm(
            "adults",
            80.0,
            "Kendall, Muscles: Testing and Function: normal hamstring length lets a straight leg rise to about "
            "80 degrees with the low back flat (UNVERIFIED)",
            False,
        ),  # fmt: skip
    ),
    reliability="not yet sourced here: the angle's error on renders is stated with the result",
    meaning=(
        "Low hamstring flexibility predicted low back pain in prospective cohorts (Sadler 2017, BMC MSK 18:179) and "
        "appears among runners' risk factors in low-quality studies (Maselli 2020, BMC MSK 21:343), but the "
        "meta-analysis evidence is very low (GRADE, Hori 2021). Hamstring stretching for back pain: pain SMD -0.72 "
        "with I2 89 %, conflicting with a network meta-analysis that found stretching no better than control "
        "(Gou 2024; Owen 2020). Tight hamstrings are a weak reason for a plan's stretching item, not a cause."
    ),
    evidence_grade="very low",
    render_error=3.0,
    higher_is_better=True,
    change_words=("higher", "lower"),
    figure="straight-leg raise",
)

THOMAS = SelfTest(
    name="thomas",
    title="Hip-flexor length (modified Thomas test)",
    view="side",
    unit="deg",
    how_to_film=(
        "Put three squares of bright tape (a colour your clothes do not have), about 3 cm a side, on the outer side of "
        "the leg you test: on the bony point at the side of the hip, on the outer knee and on the outer ankle. Wear "
        "shorts.",
        "Lie on your back on a firm, high bench or table with your buttocks at its end; hug the other knee to your "
        "chest, so your lower back lies flat, and let the tested leg hang over the edge, relaxed.",
        "Put the phone 2-3 m to the side of the hanging leg at table height, level, landscape (1080p or more), your "
        "whole body and the table in the picture; film 5 seconds still; then turn round for the other leg.",
    ),
    measured=(
        "the hanging thigh's angle below the line of your trunk lying on the table (+ below, - above: short hip "
        "flexors), and its knee's bend, read from the tape, the median over the still part of the clip"
    ),
    norms=(
        Norm(
            "elite athletes (thigh below the table's line)",
            11.9,
            "Harvey 1998, Br J Sports Med 32:68 (117 athletes, modified Thomas test): mean hip angle about 12 degrees "
            "below horizontal, as commonly quoted (UNVERIFIED)",
            False,
        ),
    ),
    reliability="not yet sourced here: the angles' error on renders is stated with the result",
    meaning=(
        "A thigh that stays above the table's line is read as short hip flexors. For back pain the link is not "
        "supported: stretching the hip flexors or correcting an anterior pelvic tilt has no trials for back pain, "
        "and the premise (tilt causes pain) is unsupported (Laird 2014). A reason to stretch if running feels "
        "restricted, not a cause of back pain."
    ),
    evidence_grade="very low (no link to back pain shown)",
    render_error=3.0,
    higher_is_better=True,
    change_words=("lower", "higher"),
    figure="hanging thigh below the table's line",
    leg_tape=True,
)

BACK_EXTENSION = SelfTest(
    name="back-extension",
    title="Back extension on a bench: form check",
    view="side",
    unit="reps",
    how_to_film=(
        SPINE_TAPE_GUIDE,
        "Set up as for the back-extensor hold: face down on a bench with your hips at its edge, legs held down.",
        "Put the phone 2-3 m to your side, level, landscape (1080p or more), your whole body and the bench in the "
        "picture.",
        "Do your set: lower your upper body, then lift it until it is in line with your legs, about 2 seconds "
        "each way; film every repetition.",
    ),
    measured=(
        "each repetition: how high the trunk came against the legs' line, how long the lift and lowering took, and "
        "(with the tape on the spine) how much rounder the lower back was at the bottom than at the top"
    ),
    norms=(),
    reliability="criteria checked on renders with faults injected at known repetitions",
    meaning=(
        "Posterior-chain resistance training against general exercise: pain SMD -0.61 (-1.21 to 0.00), "
        "disability -0.53, no more adverse events (Tataryn 2021, Sports Med Open 7:17); the claim that back "
        "extensions are harmful is contested and the flexion-avoidance premise unsupported (Saraceni 2020)."
    ),
    evidence_grade="moderate for the exercise; the form criteria are expert opinion",
    spine_tape=True,
)

SINGLE_LEG_SQUAT = SelfTest(
    name="single-leg-squat",
    title="Single-leg squat from behind: knee and pelvis",
    view="rear",
    unit="deg",
    how_to_film=(
        "Wear shorts, so your thighs and knees show. If someone can help: put a piece of bright tape (a colour "
        "your clothes do not have) on each of the two dimples at the bottom of your back, at the top of the "
        "buttocks; that is how the pelvis is measured.",
        "Put the phone 2-3 m behind you at hip height, level, portrait, your whole body in the picture; start "
        "filming and stand still on both feet for two seconds.",
        "Lift one foot a little in front of you, arms relaxed, and squat on the standing leg until your hips are "
        "about a hand lower, then come back up, slowly (2 seconds down, 2 up); do 3 to 5. Put the foot down, "
        "stand on both feet for a second, and do the same on the other leg.",
    ),
    measured=(
        "each squat at its deepest point: the knee's angle inside the line from the hip to the ankle (the "
        "frontal-plane projection angle), and how far the pelvis drops on the side of the lifted leg, against "
        "standing on both feet; each leg's figure is its median over the repetitions"
    ),
    norms=(
        Norm(
            "cut-off against physiotherapists' visual rating of a poor squat",
            6.0,
            "Kinect-based single-leg squat study, BMC Sports Sci Med Rehabil 2020 "
            "(doi 10.1186/s13102-020-00179-8): the knee angle that best told the squats rated poor by eye "
            "(AUC 0.82), from the paper's abstract",
            True,
        ),
    ),
    reliability=(
        "2-D knee angle in the single-leg squat: within-session ICC 0.86, between-session 0.74, SEM 2-4 degrees "
        "(Gwynne & Curran 2014, IJSPT); between-session ICC 0.72-0.91 (Munro 2012, J Sport Rehabil 21:7, "
        "as quoted by a later paper: UNVERIFIED). The 2-D angle tracks 3-D knee motion only roughly (r 0.64-0.78)"
    ),
    meaning=(
        "People with chronic low back pain had weaker hip abductors (gluteus medius) and a positive Trendelenburg "
        "sign more often than matched controls (Cooper 2016, Eur Spine J 25:1258; 150 against 75, cross-sectional); "
        "a systematic review found the same tendency for strength and unclear results for everything else "
        "(Sadler 2019, BMC Musculoskelet Disord, doi 10.1186/s12891-019-2833-4). A pelvis that drops or a knee that "
        "dives in on one leg is a reason to train the hip, not a cause of back pain, and a squat read from one "
        "phone is a screen, not a diagnosis. "
        "The pelvic-drop mark (5 degrees) is borrowed from running (Bramah 2018: 3.7 degrees in healthy runners, "
        "6.4 in injured ones) as a reading aid; no single-leg-squat cut-off for the pelvis is sourced here."
    ),
    evidence_grade="weak (cross-sectional associations; the cut-offs are reading aids)",
    render_error=3.0,
    mirror_pose=True,
    pelvis_tape=True,
    higher_is_better=False,
    change_words=("smaller", "larger"),
    figure="knee angle in the single-leg squat",
)

GLUTE_BRIDGE = SelfTest(
    name="glute-bridge",
    title="Glute bridge: form check",
    view="side",
    unit="reps",
    how_to_film=(
        "Lie on your back on the floor, knees bent, feet flat and hip-width apart, arms by your sides.",
        "Put the phone on the floor 2-3 m to your side, level, landscape, your whole body in the picture.",
        "Do your set: squeeze your buttocks and lift your hips until your shoulders, hips and knees are in one "
        "line, hold a moment, lower them; about 2 seconds each way; film every repetition.",
    ),
    measured="each repetition: how high the hips came against the line of the shoulders and knees, and how long the "
    "lift and lowering took",
    norms=(),
    reliability="criteria checked on renders with faults injected at known repetitions",
    meaning=(
        "The bridge is one of the exercises in the programmes that help chronic low back pain (exercise therapy: "
        "moderate certainty, pain SMD -0.33 against no exercise); no trial tests it alone. The plan offers it as "
        "the safer alternative while a back extension's form is fixed: the hips work and the lower back stays "
        "still when it is done right."
    ),
    evidence_grade="moderate for exercise therapy as a whole; the form criteria are expert opinion",
)

SINGLE_LEG_DEADLIFT = SelfTest(
    name="single-leg-deadlift",
    title="Single-leg deadlift: form check",
    view="side",
    unit="reps",
    how_to_film=(
        SPINE_TAPE_GUIDE,
        "Put the phone 2-3 m to your side at hip height, level, landscape (1080p or more), your whole body in the "
        "picture with room in front and behind; stand on the leg nearer the phone.",
        "Do your set: soft knee, push your hips back and tip your body forward while the other leg swings back, "
        "your back and that leg in one line, until you feel the back of your thigh; come back up; about 2 seconds "
        "each way. Then turn round and film the other leg.",
        "To check that your pelvis stays square to the floor, film a set from behind too: two squares of bright "
        "tape (about 4 cm) on the dimples at the top of your buttocks, the phone 2-3 m behind you at hip height, "
        "portrait; stand tall for a second first.",
    ),
    measured=(
        "each repetition at its deepest point: from the side, how far the body tipped (the back against the "
        "standing leg), the free leg against the line of the back, and how much the lower back rounded (tape on "
        "the spine); from behind, how far the pelvis turned from level (tape over the dimples); the down and up "
        "times"
    ),
    norms=(),
    reliability="criteria checked on renders with faults injected at known repetitions",
    meaning=(
        "A hip hinge loading the posterior chain (posterior-chain training against general exercise: pain SMD "
        "-0.61, Tataryn 2021, Sports Med Open 7:17; no trial tests the single-leg deadlift alone). Rounding the "
        "lower back in a lift is not shown to cause back pain (Saraceni 2020, JOSPT 50:121: people with back pain "
        "flexed less); the criterion checks the exercise is the hip hinge it is meant to be."
    ),
    evidence_grade="moderate for posterior-chain training; the form criteria are expert opinion",
    spine_tape=True,
)

TOWEL_STRETCH = SelfTest(
    name="towel-stretch",
    title="Towel hamstring stretch: form check",
    view="side",
    unit="holds",
    how_to_film=(
        "Put three squares of bright tape (a colour your clothes do not have), about 3 cm a side, on the outer side of "
        "the leg you stretch: on the bony point at the side of the hip, on the outer knee and on the outer ankle; and "
        "a fourth on the inner side of the other knee. Wear shorts.",
        "Lie on your back on the floor, the stretched leg nearer the phone, a towel round its foot. Put the phone "
        "2-3 m to your side at floor height or a little above, level, landscape (1080p or more), your whole body "
        "in the picture.",
        "Pull the straight leg up with the towel until you feel the stretch behind the thigh, keep the other leg flat "
        "on the floor, and hold 30 seconds; lower it, rest, do it again. Then turn round (head the other way) for "
        "the other leg.",
    ),
    measured=(
        "each hold: how long it was held, how high the leg was (its hip-to-ankle line against the line of your "
        "trunk lying on the floor), how much its knee bent, and how far the other thigh came off the floor"
    ),
    norms=(),
    reliability="criteria checked on renders with faults injected at known holds",
    meaning=(
        "Hamstring stretching for back pain: pain SMD -0.72 but with I2 89 % (Gou 2024, SAGE Open Med), and no "
        "better than control in a network meta-analysis (Owen 2020, BJSM 54:1279): weak. The check makes sure "
        "the stretch is the one meant (the knee straight, the pelvis flat, 30 s), not that it will help."
    ),
    evidence_grade="weak (conflicting trials)",
    leg_tape=True,
    other_knee_tape=True,
)

TESTS: dict[str, SelfTest] = {
    t.name: t
    for t in (
        SORENSEN,
        FLEXOR,
        SIDE_BRIDGE,
        STRAIGHT_LEG_RAISE,
        THOMAS,
        BACK_EXTENSION,
        GLUTE_BRIDGE,
        SINGLE_LEG_SQUAT,
        SINGLE_LEG_DEADLIFT,
        TOWEL_STRETCH,
    )  # fmt: skip
}
#: Each test's render error and unit, as the re-test comparisons take them (bodycheck/trend.changes).
RENDER_ERRORS: dict[str, float | None] = {name: t.render_error for name, t in TESTS.items()}
UNITS: dict[str, str] = {name: t.unit for name, t in TESTS.items()}
