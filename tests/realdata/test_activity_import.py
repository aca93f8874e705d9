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
