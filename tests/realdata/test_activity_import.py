"""Runs imported from real FIT files reproduce the file's own session summary
(../shared/data/activity, the truth its README states): date, distance within 1 %, cadence
within 1 step/min; damaged files are refused in one line."""

from datetime import date

import pytest

from backstride.runlog.imports import RunImportError, read_fit


@pytest.mark.parametrize(
    "name,day,distance_m,duration_s,cadence_spm",
    [
        ("activity-small-fenix2-run.fit", date(2015, 8, 15), 9008.0, 2832.0, 162.0),
        ("garmin-fenix-5-run.fit", date(2017, 6, 11), 157.6, 56.9, 167.3),  # 83 + 0.67 strides/min
    ],
)
def test_a_fit_run_reproduces_its_summary(shared_data, name, day, distance_m, duration_s, cadence_spm):
    (run,) = read_fit(shared_data / "activity" / name)
    assert run.start_utc.date() == day and run.sport == "running"
    assert run.distance_m == pytest.approx(distance_m, rel=0.01)
    assert run.duration_s == pytest.approx(duration_s, rel=0.01)
    assert abs(run.cadence_spm - cadence_spm) <= 1.0
    assert "x 2" in run.cadence_source  # strides/min turned into steps/min once


@pytest.mark.parametrize("name", ["activity-filecrc.fit", "activity-settings-corruptheader.fit",
                                  "activity-unexpected-eof.fit"])  # fmt: skip
def test_a_damaged_fit_file_is_refused_in_one_line(shared_data, name):
    with pytest.raises(RunImportError) as caught:
        read_fit(shared_data / "activity" / "invalid" / name)
    message = str(caught.value)
    assert "\n" not in message and name in message and "not a readable FIT file" in message


def test_a_tcx_file_reproduces_its_laps(shared_data):
    """Truth: the file's own Lap elements, read here with the standard library."""
    import xml.etree.ElementTree as ET

    from backstride.runlog.imports import read_any

    path = shared_data / "activity" / "sup_activity_1.tcx"
    ns = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}
    laps = ET.parse(path).getroot().findall(".//t:Lap", ns)
    distance = sum(float(lap.find("t:DistanceMeters", ns).text) for lap in laps)
    seconds = sum(float(lap.find("t:TotalTimeSeconds", ns).text) for lap in laps)
    (run,) = read_any(path)
    assert run.start_utc.date() == date(2022, 7, 16) and run.sport == "other"  # a paddle: the log skips it
    assert run.distance_m == pytest.approx(distance, rel=0.01) and run.duration_s == pytest.approx(seconds, rel=0.01)


def test_a_gpx_track_and_a_file_that_is_no_activity(shared_data, tmp_path):
    from backstride.runlog.imports import read_any

    (run,) = read_any(shared_data / "activity" / "korita-zbevnica.gpx")
    assert run.start_utc.date() == date(2010, 10, 3) and run.duration_s == pytest.approx(3 * 3600 + 43 * 60 + 1)
    assert 14_000 < run.distance_m < 16_000  # a 15 km hike
    with pytest.raises(RunImportError, match="without times"):
        read_any(shared_data / "activity" / "gpx_with_garmin_extension.gpx")
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(RunImportError, match="not a FIT, TCX or GPX file, nor a Strava or Garmin CSV"):
        read_any(other)


# Strava's bulk-export header (2019 on: Distance and Elapsed Time twice; abridged to the columns
# around the ones read, in their order) and the pre-2019 one; Garmin Connect's activity list.
STRAVA_2019 = ("Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
               "Max Heart Rate,Relative Effort,Commute,Activity Gear,Filename,Elapsed Time,Moving Time,Distance,"
               "Max Speed,Average Speed,Elevation Gain,Max Cadence,Average Cadence")  # fmt: skip
STRAVA_OLD = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Commute"
GARMIN = ("Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,Avg Run Cadence,"
          "Max Run Cadence,Avg Pace,Best Pace,Total Ascent")  # fmt: skip


def _fit_truth(shared_data):
    (run,) = read_fit(shared_data / "activity" / "activity-small-fenix2-run.fit")
    return run


def test_strava_and_garmin_csv_rows_of_a_real_run_reproduce_its_fit_summary(shared_data, tmp_path):
    """The fenix2 run as each site lists it (values written the way the site writes them); the
    import must give back the FIT file's own date, distance (1 %), time and cadence (1 step/min)."""
    from backstride.runlog.imports import read_any

    fit = _fit_truth(shared_data)
    t, m, s = fit.start_utc, fit.distance_m, fit.duration_s
    strides = fit.cadence_spm / 2
    us = t.strftime("%b %d, %Y, ") + t.strftime("%I:%M:%S %p").lstrip("0")
    files = {
        "strava_2019.csv": STRAVA_2019 + f'\n1234,"{us}",Morning Run,Run,,{s:.0f},"{m / 1000:.2f}",171,40,false,'
        f"Pegasus,activities/1234.fit.gz,{s:.1f},{s - 60:.1f},{m:.1f},4.1,3.2,55,98,{strides:.1f}\n",
        "strava_old.csv": STRAVA_OLD + f"\n99,{t:%Y-%m-%d %H:%M:%S},Run,Run,,{s:.0f},{m:.1f},false\n"
        "100,2015-08-16 06:00:00,Ride,Ride,,3600,30000.0,false\n",
        "garmin.csv": GARMIN + f'\nRunning,{t.astimezone():%Y-%m-%d %H:%M:%S},false,"Run","{m / 1000:.2f}","612",'
        f"{int(s // 3600):02d}:{int(s % 3600 // 60):02d}:{s % 60:02.0f},148,171,3.1,{fit.cadence_spm:.0f},"
        '190,5:14,4:40,"1,020"\n'
        'Cycling,2015-08-16 08:00:00,false,"Ride","30.00","700",01:00:00,120,150,2.0,--,--,--,--,80\n',
    }
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text)
        runs = read_any(path)
        run = runs[0]
        assert run.start_utc == fit.start_utc, name
        assert run.distance_m == pytest.approx(m, rel=0.01) and run.duration_s == pytest.approx(s, abs=1), name
        assert run.sport == "running"
        if name != "strava_old.csv":
            assert abs(run.cadence_spm - fit.cadence_spm) <= 1.0, (name, run.cadence_source)
        if len(runs) > 1:
            assert runs[1].sport not in (None, "running") and runs[1].cadence_spm is None  # the ride: skipped by log
    strava = read_any(tmp_path / "strava_2019.csv")[0]
    assert "x 2" in strava.cadence_source  # 81 strides/min read as such, doubled once
    miles = read_any(tmp_path / "garmin.csv", distance_unit="mi")[0]
    assert miles.distance_m == pytest.approx(m / 1000 * 1609.344, rel=0.01)


def test_a_localised_or_foreign_csv_is_refused_with_what_it_needs(tmp_path):
    from backstride.runlog.imports import read_any

    german = tmp_path / "aktivitaeten.csv"
    german.write_text("Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätstyp,Distanz\n1,x,y,Lauf,5\n")
    with pytest.raises(RunImportError, match="set the site's language to English") as caught:
        read_any(german)
    assert "\n" not in str(caught.value)
    bad_date = tmp_path / "bad.csv"
    bad_date.write_text(STRAVA_OLD + "\n1,yesterday,Run,Run,,100,1000,false\n")
    with pytest.raises(RunImportError, match="line 2: date 'yesterday'"):
        read_any(bad_date)


def test_a_hike_without_a_sport_is_left_out_of_the_log_with_its_pace(shared_data, tmp_path, monkeypatch):
    """Issue 25: GPX names no sport; the 15 km hike (3 h 43 min, 4.0 km/h) was logged as a run. The
    average speed under 6.5 km/h leaves it out, and the import says why."""
    from typer.testing import CliRunner

    from backstride.cli.main import app

    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    out = CliRunner().invoke(app, ["log", "import", str(shared_data / "activity" / "korita-zbevnica.gpx"),
                                   "--runner", "Ann", "--create"])  # fmt: skip
    text = " ".join(out.output.split())
    assert out.exit_code == 0 and "walking or hiking pace" in text and "0 run(s) added" in text, text


def test_a_bad_file_in_a_batch_is_refused_on_its_own_and_the_good_ones_land(shared_data, tmp_path, monkeypatch):
    """Issue 25: one damaged FIT among good files names itself; the good runs are in the log."""
    from typer.testing import CliRunner

    from backstride.cli.main import app

    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    act = shared_data / "activity"
    out = CliRunner().invoke(app, ["log", "import", str(act / "activity-small-fenix2-run.fit"),
                                   str(act / "invalid" / "activity-filecrc.fit"), str(act / "garmin-fenix-5-run.fit"),
                                   "--runner", "Ann", "--create"])  # fmt: skip
    text = " ".join(out.output.split())
    assert out.exit_code == 2 and "refused activity-filecrc.fit" in text and "2 run(s) added" in text, text


def test_a_run_falls_on_its_own_day_on_any_machine(shared_data, tmp_path, monkeypatch):
    """Issue 25: the fenix 5 run started 14:34 UTC on 2017-06-11, 07:34 on the watch (UTC-7, its FIT
    activity message). Logged on a machine in Auckland (UTC+12: already 12 June there) it is still the
    runner's 11 June; and a run typed at 08:00 on 1 March in Auckland (19:00 UTC on 28 February) keeps
    the date typed when the log is read in Los Angeles."""
    import time

    from typer.testing import CliRunner

    from backstride.cli.main import app
    from backstride.runlog.imports import read_fit

    (run,) = read_fit(shared_data / "activity" / "garmin-fenix-5-run.fit")
    assert run.utc_offset_s == -7 * 3600 and str(run.local_date) == "2017-06-11"
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    cli = CliRunner()
    try:
        monkeypatch.setenv("TZ", "Pacific/Auckland")
        time.tzset()
        cli.invoke(app, ["log", "import", str(shared_data / "activity" / "garmin-fenix-5-run.fit"), "--runner", "Ann",
                         "--create"])  # fmt: skip
        cli.invoke(app, ["log", "add", "--runner", "Ann", "--distance-km", "5", "--date", "2026-03-01T08:00"])
        monkeypatch.setenv("TZ", "America/Los_Angeles")
        time.tzset()
        shown = cli.invoke(app, ["log", "show", "--runner", "Ann"]).output
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert "2017-06-11" in shown and "2026-03-01" in shown, shown
