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
    with pytest.raises(RunImportError, match="not a FIT, TCX or GPX file"):
        read_any(other)
