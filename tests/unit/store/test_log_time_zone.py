"""Issue 25: the runner's time zone is stored with the log, so a run falls on the runner's own day
whatever the zone of the machine that imports it or reads it.

The cases are built so that three zones give three answers: a run at 05:30 UTC on 1 March 2026 is
the evening of 28 February in Los Angeles (UTC-8 in winter), the afternoon of 1 March in Auckland
(UTC+13 in its summer), and 05:30 on 1 March in London (UTC+0)."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from backstride.cli.main import app

pytestmark = pytest.mark.usefixtures("store_on_both")  # each test on SQLite and on PostgreSQL

GPX_RUN = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="a watch" xmlns="http://www.topografix.com/GPX/1/1">
<trk><name>Evening run</name><type>running</type><trkseg>
{points}
</trkseg></trk></gpx>
"""


def _gpx(start_utc: str, km: float, minutes: int) -> str:
    """A straight run north from the equator at an even pace: one degree of latitude is 111.319 km on
    gpxpy's sphere (radius 6378.137 km)."""
    from datetime import datetime, timedelta

    t0 = datetime.fromisoformat(start_utc)
    n = minutes + 1
    points = [
        f'<trkpt lat="{km / 111.319 * i / minutes:.6f}" lon="0.0">'
        f"<time>{(t0 + timedelta(minutes=i)):%Y-%m-%dT%H:%M:%SZ}</time></trkpt>"
        for i in range(n)
    ]
    return GPX_RUN.format(points="\n".join(points))


@pytest.fixture
def machine_zone(monkeypatch):
    """Moves this process's zone (TZ, as a machine's would be) and puts it back."""

    import tzlocal

    def move(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()
        tzlocal.reload_localzone()

    yield move
    monkeypatch.delenv("TZ", raising=False)
    time.tzset()
    tzlocal.reload_localzone()


def _invoke(*args: str) -> str:
    out = CliRunner().invoke(app, list(args))
    assert out.exit_code == 0, out.output
    return " ".join(out.output.split())


def test_a_gpx_run_falls_on_the_runners_day_whatever_machine_imports_or_reads_it(tmp_path, monkeypatch, machine_zone):
    """A GPX file has UTC times and no zone: the runner's stored zone (Los Angeles) gives the day
    (28 February), not the importing server's (Auckland: 1 March) nor the reading laptop's."""
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    gpx = tmp_path / "evening.gpx"
    gpx.write_text(_gpx("2026-03-01T05:30:00", km=8.0, minutes=45))
    machine_zone("Pacific/Auckland")
    said = _invoke("log", "import", str(gpx), "--runner", "Ann", "--create", "--time-zone", "America/Los_Angeles")
    assert "8.00 km" in said, said
    for zone in ("Pacific/Auckland", "Europe/London", "America/Los_Angeles"):
        machine_zone(zone)
        shown = _invoke("log", "show", "--runner", "Ann")
        assert "2026-02-28" in shown and "2026-03-01" not in shown, (zone, shown)


def test_a_typed_time_is_the_runners_local_time_and_meets_its_watch_file(tmp_path, monkeypatch, machine_zone):
    """Typed on a laptop in London: '2026-02-28T21:30' is the runner's time in Los Angeles (05:30 UTC
    the next day). Its GPX, imported on a machine in Auckland, is the same run and merges into it."""
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    machine_zone("Europe/London")
    _invoke("log", "add", "--runner", "Ann", "--create", "--time-zone", "America/Los_Angeles", "--distance-km", "8",
            "--duration-min", "45", "--date", "2026-02-28T21:30", "--pain-after", "3")  # fmt: skip
    gpx = tmp_path / "evening.gpx"
    gpx.write_text(_gpx("2026-03-01T05:31:00", km=7.9, minutes=44))
    machine_zone("Pacific/Auckland")
    said = _invoke("log", "import", str(gpx), "--runner", "Ann")
    assert "merged" in said and "0 run(s) added" in said, said
    shown = _invoke("log", "show", "--runner", "Ann")
    assert shown.count("2026-02-28") == 1 and "pain after 3" in shown, shown


def test_the_zone_is_shown_and_can_be_changed_without_moving_logged_runs(tmp_path, monkeypatch, machine_zone):
    """A runner who moves sets the new zone: runs logged before keep their day, new ones take the new
    zone; a name that is not a time zone is refused in one line that says what one looks like."""
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    machine_zone("Europe/London")
    _invoke("log", "add", "--runner", "Ann", "--create", "--distance-km", "5", "--date", "2026-02-28T23:30")
    assert "Europe/London" in _invoke("log", "zone", "--runner", "Ann")
    bad = CliRunner().invoke(app, ["log", "zone", "Mars/Olympus", "--runner", "Ann"])
    assert bad.exit_code != 0 and "Mars/Olympus" in bad.output and "Europe/Paris" in bad.output, bad.output
    said = _invoke("log", "zone", "Pacific/Auckland", "--runner", "Ann")
    assert "Pacific/Auckland" in said and "keep" in said, said
    gpx = tmp_path / "morning.gpx"
    gpx.write_text(_gpx("2026-03-01T19:00:00", km=6.0, minutes=35))  # 08:00 on 2 March in Auckland
    _invoke("log", "import", str(gpx), "--runner", "Ann")
    shown = _invoke("log", "show", "--runner", "Ann")
    assert "2026-02-28" in shown and "2026-03-02" in shown, shown


def test_a_garmin_csv_local_time_is_read_in_the_runners_zone(tmp_path, monkeypatch, machine_zone):
    """Garmin Connect writes local times: 23:10 on 28 February is the runner's 28 February, whatever
    zone the importing machine is in (here Auckland, 13 hours ahead of UTC)."""
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    csv = tmp_path / "Activities.csv"
    csv.write_text('Activity Type,Date,Title,Distance,Time,Avg Run Cadence\n'
                   'Running,2026-02-28 23:10:00,Late run,5.00,00:30:00,170\n')  # fmt: skip
    machine_zone("Pacific/Auckland")
    said = _invoke("log", "import", str(csv), "--runner", "Ann", "--create", "--time-zone", "Europe/London")
    assert "2026-02-28 23:10 UTC" in said, said
    shown = _invoke("log", "show", "--runner", "Ann")
    assert "2026-02-28" in shown, shown
