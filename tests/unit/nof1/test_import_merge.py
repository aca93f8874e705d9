"""Typing a run and importing its watch file is the normal case (issue 25): the watch run that matches a
typed run (same local day, distance and time within 10 % or 1 km / 5 min) is merged into it, the typed
pain kept, and the experiment's verdict is the same whether none, one or all of the watch files are
imported, in any order. Before, run n of the log was unit n: one imported duplicate shifted every run
after it and turned "helps" into "makes it worse"."""

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from typer.testing import CliRunner

from backstride.cli.main import app
from backstride.core.experiments import ExperimentVerdict

pytestmark = pytest.mark.usefixtures("store_on_both")  # each test on SQLite and on PostgreSQL


def write_gpx(path, start_utc: datetime, km: float, minutes: float) -> None:
    """A straight track due north of Oslo: 0.009 deg of latitude is 1.0 km, one point a minute."""
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    seg = gpxpy.gpx.GPXTrackSegment()
    n = int(minutes)
    for i in range(n + 1):
        t = start_utc + timedelta(minutes=minutes * i / n)
        seg.points.append(gpxpy.gpx.GPXTrackPoint(59.9 + 0.008993 * km * i / n, 10.75, time=t))
    track = gpxpy.gpx.GPXTrack()
    track.segments.append(seg)
    gpx.tracks.append(track)
    path.write_text(gpx.to_xml())


def same_verdict(a: ExperimentVerdict | None, b: ExperimentVerdict) -> bool:
    """The same verdict and p-value; the effect's size may move a little, since the measured distance
    (a covariate of the size's regression) replaces the typed one."""
    assert a is not None and a.size is not None and b.size is not None
    return (a.verdict, a.p_value) == (b.verdict, b.p_value) and abs(a.size.median - b.size.median) < 0.2


def _state(data_dir):
    from backstride.settings import web_from_environment
    from backstride.store import experiments
    from backstride.store.logbook import find_runner, opened

    with opened(web_from_environment()) as s:
        state = experiments.current_state(s, find_runner(s, "Ann"), date.today())
    assert state is not None
    return state


def test_watch_files_of_typed_runs_are_merged_and_leave_the_verdict_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    from backstride.settings import web_from_environment
    from backstride.store.experiments import plan_of
    from backstride.store.experiments import start as start_experiment
    from backstride.store.logbook import add_run, find_runner, opened, runner_for

    start = date.today() - timedelta(days=54)  # 28 runs, every second day, the last one today
    rng = np.random.default_rng(4)
    starts = []
    with opened(web_from_environment()) as s:
        ann = runner_for(s, "Ann", create=True)
        record = plan_of(start_experiment(s, ann, "insoles", first=start, seed=5, today=start))
        for i, b in enumerate(record.schedule):
            day = start + timedelta(days=2 * i)
            at = datetime(day.year, day.month, day.day, 0, 1).astimezone()  # never in the future, even today
            pain = float(np.clip(4.5 - 2.5 * b + rng.normal(0, 1.0), 0, 10))
            add_run(s, ann, at, distance_km=8.0, duration_min=45.0, insoles=bool(b), pain_after=round(pain, 1))
            starts.append(at.astimezone(UTC) + timedelta(minutes=2))  # the watch started 2 min later
    typed = _state(tmp_path).verdict
    assert typed is not None and typed.verdict == "helps" and typed.deviated == 0

    files = []
    for i, t in enumerate(starts):
        path = tmp_path / f"run{i:02d}.gpx"
        write_gpx(path, t, km=8.0 + 0.3 * np.sin(i), minutes=44 + i % 3)  # GPS a few per cent off the typed
        files.append(path)
    cli = CliRunner()
    one = cli.invoke(app, ["log", "import", str(files[3]), "--runner", "Ann"])
    assert one.exit_code == 0 and "merged into the run typed on" in one.output and "1 merged" in one.output
    assert same_verdict(_state(tmp_path).verdict, typed)
    shuffled = [str(files[i]) for i in np.random.default_rng(1).permutation(len(files))]
    rest = cli.invoke(app, ["log", "import", *shuffled, "--runner", "Ann"])
    assert rest.exit_code == 0 and "27 merged" in rest.output and "1 already there" in rest.output, rest.output
    after = _state(tmp_path)
    assert same_verdict(after.verdict, typed) and after.off_plan == ()
    with opened(web_from_environment()) as s:
        from backstride.store.logbook import runs_of

        runs = runs_of(s, find_runner(s, "Ann"))
    assert len(runs) == 28 and all(r.source.startswith("typed + run") for r in runs)
    assert all(r.pain_after is not None for r in runs)  # the typed pain kept, the watch's distance taken
    assert {round(r.distance_km, 1) for r in runs} != {8.0}


def test_a_watch_run_unlike_any_typed_run_is_added_not_merged(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    from backstride.settings import web_from_environment
    from backstride.store.logbook import add_run, opened, runner_for

    day = date.today() - timedelta(days=1)
    at = datetime(day.year, day.month, day.day, 7, 30).astimezone()
    with opened(web_from_environment()) as s:
        add_run(s, runner_for(s, "Ann", create=True), at, distance_km=5.0, duration_min=30.0, pain_after=2.0)
    far = tmp_path / "long.gpx"
    write_gpx(far, at.astimezone(UTC) + timedelta(hours=9), km=12.0, minutes=70)  # a second, longer run
    out = CliRunner().invoke(app, ["log", "import", str(far), "--runner", "Ann"])
    assert out.exit_code == 0 and "1 run(s) added" in out.output and "0 merged" in out.output


def test_a_run_typed_after_its_watch_file_goes_into_the_imported_run(tmp_path, monkeypatch):
    """The other order: the watch file first, then the runner types the run with its pain."""
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    day = date.today() - timedelta(days=1)
    at = datetime(day.year, day.month, day.day, 7, 30).astimezone()
    watch = tmp_path / "watch.gpx"
    write_gpx(watch, at.astimezone(UTC), km=8.3, minutes=46)
    cli = CliRunner()
    assert cli.invoke(app, ["log", "import", str(watch), "--runner", "Ann", "--create"]).exit_code == 0
    typed = cli.invoke(app, ["log", "add", "--runner", "Ann", "--distance-km", "8", "--duration-min", "45",
                             "--date", f"{day.isoformat()}T07:35", "--pain-after", "3", "--insoles"])  # fmt: skip
    assert typed.exit_code == 0 and "merged into the run imported from watch.gpx" in typed.output, typed.output
    from backstride.settings import web_from_environment
    from backstride.store.logbook import find_runner, opened, runs_of

    with opened(web_from_environment()) as s:
        (run,) = runs_of(s, find_runner(s, "Ann"))
        assert run.pain_after == 3.0 and run.insoles and round(run.distance_km, 1) == 8.3
        assert run.source == "typed + watch.gpx"


def test_a_file_name_with_brackets_is_named_as_it_is(tmp_path, monkeypatch):
    """A copy named "morning run [copy].gpx": the refusal names the file as it is (brackets are text,
    not terminal markup)."""
    monkeypatch.setenv("BACKSTRIDE_DATA_DIR", str(tmp_path))
    broken = tmp_path / "morning run [copy].gpx"
    broken.write_text("<gpx><trk><trkseg><trkpt lat=")  # cut short
    out = CliRunner().invoke(app, ["log", "import", str(broken), "--runner", "Ann", "--create"])
    assert "morning run [copy].gpx" in out.output, out.output
