"""The log and the self-experiment in the web app: runs typed and imported (a real FIT file whose
own summary is the truth, a Garmin CSV), a plan drawn before day 1, what today is, and the
verdict of a finished experiment on a simulated runner whose change lowers pain after a run by
2.5 points (the generator's known effect), with its picture."""

from __future__ import annotations

from datetime import date, timedelta

from backstride.store.logbook import find_runner, opened
from tests.unit.nof1.finished import log_insoles_experiment

OCTET = {"Content-Type": "application/octet-stream"}


def _runner(app, name="Ann") -> str:
    r = app.client.post("/api/runners", json={"name": name}, headers=app.csrf)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_runs_typed_and_imported_make_the_log_and_its_training_load(app, shared_data, tmp_path):
    c, h = app.client, app.csrf
    rid = _runner(app)
    typed = c.post(f"/api/runners/{rid}/runs", headers=h, json={"started_at": f"{date.today()}T00:01",
                   "distance_km": 8, "pain_after": 3, "insoles": True})  # fmt: skip
    assert typed.status_code == 201, typed.text
    assert c.post(f"/api/runners/{rid}/runs", headers=h, json={"started_at": "2026-01-01T07:00", "distance_km": 8,
                  "pain_after": 12}).status_code == 422  # fmt: skip
    assert (
        c.post(f"/api/runners/{rid}/mornings", headers=h, json={"day": str(date.today()), "pain": 2}).status_code == 201
    )
    fit = (shared_data / "activity" / "activity-small-fenix2-run.fit").read_bytes()
    named = f"/api/runners/{rid}/imports?name=activity-small-fenix2-run.fit"
    first = c.post(named, content=fit, headers={**h, **OCTET})
    assert first.status_code == 201, first.text
    run = first.json()["runs"][0]
    assert first.json()["added"] == 1
    assert abs(run["distance_m"] - 9008.0) <= 90  # the file's own summary: 9008 m, within 1 %
    assert abs(run["cadence_spm"] - 162.0) <= 1.0  # the file's own summary: 81 strides/min
    again = c.post(named, content=fit, headers={**h, **OCTET}).json()
    assert again["added"] == 0 and again["skipped"] == 1
    garmin = ("Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg Run Cadence\n"
              f"Running,{date.today() - timedelta(days=2)} 18:00:00,false,Run,5.00,300,00:27:30,172\n"
              f"Cycling,{date.today() - timedelta(days=1)} 18:00:00,false,Ride,20.00,500,00:50:00,--\n")  # fmt: skip
    listed = c.post(f"/api/runners/{rid}/imports", content=garmin.encode(), headers={**h, **OCTET}).json()
    assert listed["added"] == 1 and len(listed["not_runs"]) == 1
    damaged = (shared_data / "activity" / "invalid" / "activity-filecrc.fit").read_bytes()
    refused = c.post(f"/api/runners/{rid}/imports", content=damaged, headers={**h, **OCTET})
    assert refused.status_code == 422 and "not a readable FIT file" in refused.json()["detail"]
    assert not list((app.web.data_dir / "incoming").glob("up-*"))  # nothing left behind
    log = c.get(f"/api/runners/{rid}/log").json()
    assert len(log["runs"]) == 3 and log["training_load"]["weekly_km_now"] == 13.0  # 8 typed + 5 from the CSV
    page = c.get(f"/runners/{rid}/log?imported=1:0:1")
    assert page.status_code == 200 and "1 run(s) added, 0 already in the log, 1 activities" in page.text
    assert "activity-small-fenix2-run.fit" in page.text
    import io
    import zipfile

    exported = zipfile.ZipFile(io.BytesIO(c.get(f"/api/runners/{rid}/export").content))
    assert exported.read("log/runs.csv").decode().count("\n") == 4  # header + 3 runs
    gone = c.delete(f"/api/runs/{log['runs'][0]['id']}", headers=h)
    assert gone.status_code == 204 and len(c.get(f"/api/runners/{rid}/log").json()["runs"]) == 2


def test_an_experiment_is_planned_before_day_1_and_one_runs_at_a_time(app):
    c, h = app.client, app.csrf
    rid = _runner(app)
    made = c.post(f"/api/runners/{rid}/experiments", headers=h, json={"change": "new_shoes", "seed": 7})
    assert made.status_code == 201, made.text
    e = made.json()
    assert (
        e["schedules_possible"] == 128 and e["kind"] == "phases" and e["start"] == str(date.today() + timedelta(days=1))
    )
    assert e["today"]["condition"] is None and "starts on" in e["today"]["text"] and not e["finished"]
    assert sum(u["washout"] for u in e["strip"]) == 14  # 14 phases of 4 days, the first day of each
    busy = c.post(f"/api/runners/{rid}/experiments", headers=h, json={"change": "insoles"})
    assert busy.status_code == 409 and "one change at a time" in busy.json()["detail"]
    past = c.post(f"/api/runners/{rid}/experiments", headers=h, json={"change": "insoles", "start": "2020-01-01"})
    assert past.status_code == 422
    assert c.get(f"/experiments/{e['id']}/verdict.png").status_code == 409
    page = c.get(f"/runners/{rid}/experiment").text
    assert "128 schedules were possible" in page.replace(",", "") and "Draw the schedule" not in page
    assert c.delete(f"/api/experiments/{e['id']}", headers=h).status_code == 204
    assert "Draw the schedule" in c.get(f"/runners/{rid}/experiment").text


def test_a_finished_experiment_shows_its_verdict_and_pictures_and_joins_the_report(app, synthetic_side_clip):
    c = app.client
    rid = _runner(app)
    with opened(app.web) as s:
        exp = log_insoles_experiment(s, find_runner(s, rid), date.today() - timedelta(days=56))
        eid = exp.id
    got = c.get(f"/api/experiments/{eid}").json()
    assert got["finished"] and got["verdict"]["verdict"] == "helps" and got["outcomes_logged"] == 28
    assert 1.0 < got["verdict"]["size"]["median"] < 4.0  # the true 2.5 points
    picture = c.get(f"/experiments/{eid}/verdict.png")
    assert picture.status_code == 200 and picture.content[:4] == b"\x89PNG"
    page = c.get(f"/runners/{rid}/experiment").text
    assert "Verdict: the change helps" in page and "Plan another experiment" in page
    assert "Self-experiment: insoles" in c.get(f"/runners/{rid}/log").text
    assert "The change helps" in c.get(f"/runners/{rid}").text
    clip = c.post("/api/clips", content=synthetic_side_clip.read_bytes(), headers={**app.csrf, **OCTET}).json()
    queued = c.post("/api/assessments", headers=app.csrf, json={"runner_id": rid, "side_clip": clip["sha256"]})
    assert queued.status_code == 202, queued.text
    app.run_queued()
    aid = queued.json()["id"]
    assert c.get(f"/api/assessments/{aid}").json()["state"] == "done"
    assert c.get(f"/api/assessments/{aid}/summary").json()["experiments"][0]["state"]["verdict"]["verdict"] == "helps"
    report = " ".join(c.get(f"/assessments/{aid}/files/report.html").text.split())
    assert "Your self-experiments" in report and "Insoles: it helps" in report


def test_the_runners_zone_is_kept_with_the_log_and_reads_an_uploaded_gpx(app, tmp_path, monkeypatch):
    """Issue 25: a runner in Los Angeles, the server in Auckland. The GPX run at 05:30 UTC on 1 March
    2026 is the runner's 28 February (21:30 in Los Angeles, 18:30 on 1 March in Auckland); moving the
    log to Auckland later keeps that day; a zone that is none is refused in one line (422)."""
    import time

    import tzlocal

    from tests.unit.store.test_log_time_zone import _gpx

    c, h = app.client, app.csrf
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    tzlocal.reload_localzone()
    try:
        made = c.post("/api/runners", json={"name": "Zed", "time_zone": "America/Los_Angeles"}, headers=h)
        assert made.status_code == 201 and made.json()["time_zone"] == "America/Los_Angeles", made.text
        rid = made.json()["id"]
        gpx = _gpx("2026-03-01T05:30:00", km=8.0, minutes=45).encode()
        assert (
            c.post(f"/api/runners/{rid}/imports?name=evening.gpx", content=gpx, headers={**h, **OCTET}).json()["added"]
            == 1
        )
        assert [r["day"] for r in c.get(f"/api/runners/{rid}/log").json()["runs"]] == ["2026-02-28"]
        bad = c.patch(f"/api/runners/{rid}", json={"time_zone": "Mars/Olympus"}, headers=h)
        assert bad.status_code == 422 and "Mars/Olympus" in bad.text, bad.text
        moved = c.patch(f"/api/runners/{rid}", json={"time_zone": "Pacific/Auckland"}, headers=h)
        assert moved.status_code == 200 and moved.json()["time_zone"] == "Pacific/Auckland", moved.text
        assert [r["day"] for r in c.get(f"/api/runners/{rid}/log").json()["runs"]] == ["2026-02-28"]
        default = c.post("/api/runners", json={"name": "Here"}, headers=h).json()
        assert default["time_zone"] == "Pacific/Auckland"  # no zone given: the server's
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
        tzlocal.reload_localzone()


def test_a_filmed_self_test_can_be_an_experiments_outcome(app):
    """Planned from the web app with a test as the outcome (a programme: an AB design of 14 weeks), the
    hold filmed every 2 days and kept, the verdict page says the change in seconds of hold, not pain."""
    import numpy as np

    from backstride.core.bodycheck import HoldResult
    from backstride.core.check_file import CheckFile
    from backstride.store import experiments
    from backstride.store.bodychecks import save_check

    c, h = app.client, app.csrf
    rid = _runner(app)
    short = c.post(f"/api/runners/{rid}/experiments", headers=h,
                   json={"change": "back_extensions", "outcome_test": "sorensen"})  # fmt: skip
    assert short.status_code == 422 and "Plan 14 weeks or more" in short.text
    wrong = c.post(f"/api/runners/{rid}/experiments", headers=h,
                   json={"change": "back_extensions", "weeks": 14, "outcome_test": "back-extension"})  # fmt: skip
    assert wrong.status_code == 422 and "not a self-test with one figure" in wrong.text
    assert "filmed: back-extensor hold" in c.get(f"/runners/{rid}/experiment").text  # the form offers it
    first = date.today() - timedelta(days=100)
    rng = np.random.default_rng(5)
    with opened(app.web) as s:  # planned 100 days ago, as the runner did then; filmed every 2 days since
        runner = find_runner(s, rid)
        exp = experiments.start(s, runner, "back_extensions", first=first, weeks=14, seed=7, today=first,
                                outcome_test="sorensen")  # fmt: skip
        plan, eid = experiments.plan_of(exp), exp.id
        for d in range(1, len(plan.schedule), 2):
            held = float(60.0 + 25.0 * plan.schedule[d] + rng.normal(0, 3.0))
            doc = CheckFile(backstride_version="test", test="sorensen", title="t", clip="hold.mp4", unit="s",
                            hold=HoldResult("sorensen", held, 2.0, 2.0 + held, True, 1.0, 2.0 + held, 0.5),
                            measured="m", norms=[], reliability="r", meaning="m", evidence_grade="weak",
                            pictures=[])  # fmt: skip
            save_check(s, runner, doc, first + timedelta(days=d))
    got = c.get(f"/api/experiments/{eid}").json()
    assert got["finished"] and got["verdict"]["verdict"] == "helps", got["verdict"]["text"]
    assert got["words"]["what"] == "back-extensor hold" and got["outcomes_logged"] == 49
    page = " ".join(c.get(f"/runners/{rid}/experiment").text.split())
    assert "Back-extensor hold with the change" in page and " s longer (95 % interval" in page
    assert "49 films of the back-extensor hold" in page
    assert c.get(f"/experiments/{eid}/verdict.png").content[:4] == b"\x89PNG"
