"""A runner's filmed self-tests in the web app: the runner's page lists them with each re-test's
change, the export carries them, and deleting the runner leaves none behind (both databases)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, timedelta

from sqlalchemy import func, select

from backstride.core.bodycheck import AngleResult, HoldResult, LegAngle
from backstride.core.check_file import CheckFile
from backstride.store.bodychecks import save_check
from backstride.store.logbook import find_runner, opened
from backstride.store.models import BodyCheck

#: A check file's descriptive fields (their text is not under test here).
COMMON = dict(backstride_version="test", measured="m", norms=[], reliability="r", meaning="m", evidence_grade="weak",
              pictures=[])  # fmt: skip


def _doc(seconds: float | None = None, left_deg: float | None = None) -> CheckFile:
    common = dict(COMMON, clip="clip.mp4")
    if seconds is not None:
        hold = HoldResult("sorensen", seconds, 2.0, 2.0 + seconds, True, 1.0, 2.0 + seconds, 0.5)
        return CheckFile(test="sorensen", title="t", unit="s", hold=hold, **common)
    angle = AngleResult("slr", (LegAngle("left", left_deg or 0.0, 3.0, 4.0),), 0.5)
    return CheckFile(test="slr", title="t", unit="deg", angle=angle, **common)


def test_the_runners_page_lists_the_self_tests_and_the_change(app):
    c, h = app.client, app.csrf
    rid = c.post("/api/runners", json={"name": "Ann"}, headers=h).json()["id"]
    today = date.today()
    with opened(app.web) as s:
        ann = find_runner(s, rid)
        save_check(s, ann, _doc(seconds=61.0), today - timedelta(weeks=6))
        save_check(s, ann, _doc(seconds=94.5), today)
        save_check(s, ann, _doc(left_deg=71.0), today)
    page = c.get(f"/runners/{rid}").text
    assert "Self-tests" in page and "Back-extensor endurance" in page and "Hamstring length" in page
    assert "61.0 s" in page and "94.5 s" in page and "71 deg" in page
    assert "up by 33.5 s, beyond backstride&#39;s measurement error" in page
    exported = zipfile.ZipFile(io.BytesIO(c.get(f"/api/runners/{rid}/export").content))
    tests = json.loads(exported.read("self_tests.json"))
    assert sorted(t["value"] for t in tests) == [61.0, 71.0, 94.5]
    assert c.delete(f"/api/runners/{rid}", headers=h).status_code == 204
    with opened(app.web) as s:
        assert s.scalar(select(func.count()).select_from(BodyCheck)) == 0


def test_a_test_done_twice_gets_its_trend_chart_with_the_measurement_error(app):
    """A trend needs two days of one test: the page shows the chart then (not before), one panel per such
    test, each figure with backstride's measurement error as its bar (web/self_tests.py ``trend_series``)."""
    from backstride.web.self_tests import trend_series

    c, h = app.client, app.csrf
    rid = c.post("/api/runners", json={"name": "Eve"}, headers=h).json()["id"]
    today = date.today()
    with opened(app.web) as s:
        eve = find_runner(s, rid)
        save_check(s, eve, _doc(seconds=61.0), today - timedelta(weeks=6))
        save_check(s, eve, _doc(left_deg=71.0), today)
    assert "self-tests.png" not in c.get(f"/runners/{rid}").text  # one day each: no trend yet
    assert c.get(f"/runners/{rid}/self-tests.png").status_code == 404
    with opened(app.web) as s:
        eve = find_runner(s, rid)
        save_check(s, eve, _doc(seconds=94.5), today)
        series = trend_series(s, eve)
    assert [(t.title, t.unit, t.error) for t in series] == [
        ("Back-extensor endurance (Biering-Sorensen test)", "s", 1.0)
    ]
    (line,) = series[0].lines
    assert line.values == (61.0, 94.5) and line.days == (today - timedelta(weeks=6), today)
    page = c.get(f"/runners/{rid}").text
    assert f'src="/runners/{rid}/self-tests.png"' in page
    png = c.get(f"/runners/{rid}/self-tests.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"


def _form_doc(faults_by_rep: list[tuple[str, ...]], test: str = "back-extension") -> CheckFile:
    from backstride.core.bodycheck import FormResult, RepVerdict

    reps = tuple(RepVerdict(i, i, i + 1, i + 2, 0.0, 2.0, 2.0, f) for i, f in enumerate(faults_by_rep, 1))
    common = dict(COMMON, clip="set.mp4")
    return CheckFile(test=test, title="t", unit="reps", form=FormResult(test, reps, (), ()), **common)


def _behind_doc(tilts_deg: list[float]) -> CheckFile:
    """A single-leg deadlift filmed from behind: each repetition's pelvis turn, faulted past 10 deg."""
    from backstride.core.bodycheck import FormResult, RepVerdict

    reps = tuple(
        RepVerdict(i, i, i + 1, i + 2, 60.0, 2.0, 2.0, ("pelvis turned",) if abs(t) > 10 else (), pelvis_tilt_deg=t)
        for i, t in enumerate(tilts_deg, 1)
    )
    form = FormResult("single-leg-deadlift", reps, (), ())
    return CheckFile(test="single-leg-deadlift", title="t", unit="reps", form=form, **dict(COMMON, clip="rear.mp4"))


def test_a_deadlift_filmed_from_behind_adds_to_the_side_set_it_does_not_replace_it(app):
    """The side shows the lower back and the free leg, behind the pelvis: the plan keeps the latest set
    of each view, so a rear clip filmed after a side one keeps the side's faults, and the plan gives
    the fix for each (a fault the questionnaire does not know would have made the answers invalid)."""
    from backstride.advice import make_plan
    from backstride.store.bodychecks import checks_of, filmed_answers, with_filmed
    from backstride.triage import estimate, parse_answers, screen
    from tests.unit.triage.vignettes import answers

    c, h = app.client, app.csrf
    rid = c.post("/api/runners", json={"name": "Dee"}, headers=h).json()["id"]
    today = date.today()
    with opened(app.web) as s:
        dee = find_runner(s, rid)
        save_check(s, dee, _form_doc([(), ("lower back",)], "single-leg-deadlift"), today - timedelta(days=1))
        save_check(s, dee, _behind_doc([-2.0, -14.0, 1.0]), today)
        filmed = filmed_answers(checks_of(s, dee))
    assert filmed["self_tests.filmed_faults"] == {"single-leg-deadlift": ["lower back", "pelvis turned"]}
    a = parse_answers(with_filmed(answers(pain={"duration": "chronic_over_12_weeks"}), filmed))
    said = " ".join(i.what for i in make_plan(a, screen(a), estimate(a)))
    assert "your pelvis turned" in said and "came from your lower back" in said


def _squat_doc(left: tuple[str, ...], right: tuple[str, ...]) -> CheckFile:
    from backstride.core.bodycheck import SquatLeg, SquatRep, SquatResult

    reps = tuple(SquatRep(leg, 1, 1.0, 2.0, 3.0, 13.0, 9.0 if "knee in" in f else 2.0, 1.0, f)
                 for leg, f in (("left", left), ("right", right)))  # fmt: skip
    legs = tuple(SquatLeg(r.leg, 1, r.knee_in_deg, r.pelvis_drop_deg, 13.0) for r in reps)
    common = dict(COMMON, clip="squat.mp4")
    return CheckFile(test="single-leg-squat", title="t", unit="deg",
                     squat=SquatResult("single-leg-squat", reps, legs, (), "tape over the PSIS"), **common)  # fmt: skip


def test_the_plan_uses_the_runners_latest_filmed_checks(app):
    """Kept checks become the questionnaire's self-test answers (a typed answer wins), and the plan
    moves by them: the back extension's fix first, hip control for the squat, the hold as the reason."""
    from backstride.advice import make_plan
    from backstride.store.bodychecks import checks_of, filmed_answers, with_filmed
    from backstride.triage import estimate, parse_answers, screen
    from tests.unit.triage.vignettes import answers

    c, h = app.client, app.csrf
    rid = c.post("/api/runners", json={"name": "Ann"}, headers=h).json()["id"]
    today = date.today()
    with opened(app.web) as s:
        ann = find_runner(s, rid)
        save_check(s, ann, _doc(seconds=150.0), today - timedelta(weeks=6))
        save_check(s, ann, _doc(seconds=61.0), today)  # the latest wins
        save_check(s, ann, _doc(left_deg=71.0), today)
        save_check(s, ann, _form_doc([(), ("arched",), ("arched", "rushed")]), today)
        save_check(s, ann, _squat_doc(("knee in",), ()), today)
        save_check(s, ann, _form_doc([("leg low",), ("lower back", "leg low")], "single-leg-deadlift"), today)
        thomas = AngleResult("thomas", (LegAngle("left", -6.0, 55.0, 4.0),), 0.0)  # the thigh above the line
        save_check(s, ann, CheckFile(test="thomas", title="t", unit="deg", angle=thomas, **dict(COMMON, clip="t.mp4")),
                   today)  # fmt: skip
        filmed = filmed_answers(checks_of(s, ann))
    assert filmed == {
        "self_tests.back_extensor_hold_s": 61.0,
        "self_tests.active_straight_leg_raise_deg": 71.0,
        "self_tests.hip_flexor_tight": "yes",
        "self_tests.filmed_faults": {"back-extension": ["arched", "rushed"], "single-leg-squat-left": ["knee in"],
                                     "single-leg-squat-right": [], "single-leg-deadlift": ["leg low", "lower back"]},
    }  # fmt: skip
    typed = answers(pain={"duration": "chronic_over_12_weeks"}, person={"sex": "male"},
                    self_tests={"active_straight_leg_raise_deg": 85})  # fmt: skip
    a = parse_answers(with_filmed(typed, filmed))
    assert a.self_tests.active_straight_leg_raise_deg == 85  # typed: kept
    assert a.self_tests.back_extensor_hold_s == 61.0
    titles = [i.title for i in make_plan(a, screen(a), estimate(a))]
    assert titles.index("Posterior-chain strength: fix the back extension first") < titles.index("Exercise therapy")
    assert "Hip control: the single-leg squat" in titles and "Hip flexor mobility" in titles


def test_the_new_assessment_form_is_filled_from_the_filmed_checks(app):
    c, h = app.client, app.csrf
    rid = c.post("/api/runners", json={"name": "Bea"}, headers=h).json()["id"]
    with opened(app.web) as s:
        save_check(s, find_runner(s, rid), _doc(seconds=48.5), date.today())
    page = c.get(f"/runners/{rid}/new").text
    assert 'name="self_tests.back_extensor_hold_s"' in page and 'value="48.5"' in page


def test_mcgills_ratios_are_said_once_their_holds_are_kept(app):
    c, h = app.client, app.csrf
    rid = c.post("/api/runners", json={"name": "Cy"}, headers=h).json()["id"]
    common = dict(COMMON, unit="s", title="t")
    with opened(app.web) as s:
        cy = find_runner(s, rid)
        save_check(s, cy, _doc(seconds=120.0), date.today())
        for side, held in (("right", 60.0), ("left", 75.0)):
            hold = HoldResult("side-bridge", held, 2.0, 2.0 + held, True, 1.0, 2.0 + held, None, side=side)
            save_check(s, cy, CheckFile(test="side-bridge", clip=f"{side}.mp4", hold=hold, **common), date.today())
    page = c.get(f"/runners/{rid}").text
    assert "right / left side bridge: 0.80 (outside the target: 0.95 to 1.05" in page
    assert "right side bridge / back-extensor hold: 0.50 (within the target" in page
