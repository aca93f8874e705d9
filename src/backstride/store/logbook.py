"""The runner's log in the app's database: runs and next-morning pain, shared by the CLI
(``backstride log``) and the web app."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from backstride.errors import BackstrideError
from backstride.runlog import zones
from backstride.settings import WebSettings
from backstride.store.models import MorningPain, Run, Runner, checked_name

if TYPE_CHECKING:
    from backstride.runlog.run import Run as ImportedRun

PAIN_RANGE = (0.0, 10.0)


class LogError(BackstrideError):
    pass


@contextmanager
def opened(web: WebSettings | None = None) -> Iterator[Session]:
    """A session on the app's database (made and migrated when missing); ``web`` None: the one
    the environment names (BACKSTRIDE_DATA_DIR), as the CLI uses it."""
    from backstride.settings import web_from_environment
    from backstride.store.db import engine_for, migrate, sessions

    web = web or web_from_environment()
    web.data_dir.mkdir(parents=True, exist_ok=True)
    engine = engine_for(web.url)
    migrate(engine)
    try:
        with sessions(engine).begin() as s:
            yield s
    finally:
        engine.dispose()


def find_runner(s: Session, who: str) -> Runner:
    found = s.scalars(select(Runner).where(or_(Runner.id == who, Runner.name == who))).all()
    if not found:
        names = ", ".join(r.name for r in s.scalars(select(Runner)).all()) or "none yet"
        raise LogError(f"no runner {who!r} (runners: {names}; add one in the web app, or log a first run with "
                       f"'backstride log add --runner {who!r} --create --distance-km KM')")  # fmt: skip
    if len(found) > 1:
        raise LogError(f"{len(found)} runners are called {who!r}: give the id ({', '.join(r.id for r in found)})")
    return found[0]


def runner_for(s: Session, who: str, create: bool, time_zone: str | None = None) -> Runner:
    """The runner of that name or id; ``create``: a new one when there is none, in ``time_zone``
    (default: this machine's). A zone given for a runner who exists is refused: `log zone` moves it."""
    try:
        found = find_runner(s, who)
    except LogError:
        if not create:
            raise
    else:
        if time_zone is not None and zones.checked_zone_name(time_zone) != found.time_zone:
            raise LogError(f"{found.name}'s log is kept in {found.time_zone}: to move it, "
                           f"'backstride log zone {time_zone} --runner {who!r}'")  # fmt: skip
        return found
    try:
        name = checked_name(who)
    except ValueError as exc:
        raise LogError(str(exc)) from None
    runner = Runner(name=name, time_zone=zones.checked_zone_name(time_zone or zones.machine_zone_name()))
    s.add(runner)
    s.flush()
    return runner


def set_zone(runner: Runner, name: str) -> str:
    """Moves the runner's log to another zone: runs logged before keep their day; returns the old zone."""
    old = zone_name(runner)
    runner.time_zone = zones.checked_zone_name(name)
    return old


def zone_name(runner: Runner) -> str:
    """The zone the runner's log is kept in (a runner without one: this machine's)."""
    return runner.time_zone or zones.machine_zone_name()


def today_of(runner: Runner) -> date:
    """The runner's today, in their own zone."""
    return zones.today(runner.time_zone)


def typed_time(runner: Runner, t: datetime) -> datetime:
    """A time the runner typed: without a zone it is their own clock."""
    return zones.wall_clock(t, runner.time_zone)


def _pain(value: float | None, what: str) -> float | None:
    if value is not None and not PAIN_RANGE[0] <= value <= PAIN_RANGE[1]:
        raise LogError(f"{what}: {value:g} is not a pain score from 0 to 10")
    return value


#: Clocks disagree by a few minutes; a run that starts later than this after now is refused.
CLOCK_SKEW_MIN = 5


def not_in_the_future(started_at: datetime) -> None:
    now = datetime.now(UTC)
    if _utc(started_at) > now + timedelta(minutes=CLOCK_SKEW_MIN):
        shown = f"{now.astimezone():%Y-%m-%d %H:%M}"
        raise LogError(f"a run starting {started_at:%Y-%m-%d %H:%M} is in the future (now {shown}): give the day it "
                       "was run")  # fmt: skip


def _checked(fields: dict) -> None:
    """A run's typed values as any entry checks them: pain 0-10, distance 0-400 km."""
    for key in ("pain_during", "pain_after", "pain_next_morning"):
        _pain(fields.get(key), key.replace("_", " "))
    if fields.get("distance_km") is not None and not 0 < fields["distance_km"] <= 400:
        raise LogError(f"distance {fields['distance_km']:g} km: a run is 0-400 km")


def add_run(s: Session, runner: Runner, started_at: datetime, **fields: Any) -> Run:
    """``started_at``: aware (see :func:`typed_time`); the runner's date of the run is its start in
    the runner's zone, or ``local_date`` where an import has the watch's own."""
    not_in_the_future(started_at)
    fields.setdefault("local_date", zones.local_date(started_at, runner.time_zone))
    _checked(fields)
    run = Run(runner_id=runner.id, started_at=_utc(started_at), **fields)
    s.add(run)
    return run


def find_run(s: Session, runner: Runner, run_id: str) -> Run:
    """A run of the runner by its id or the start of it (as `log show` prints it)."""
    found = [r for r in s.scalars(select(Run).where(Run.runner_id == runner.id)) if r.id.startswith(run_id)]
    if len(found) != 1:
        raise LogError(f"{'no' if not found else 'more than one'} run of {runner.name} with id {run_id!r}: "
                       "'backstride log show' lists them")  # fmt: skip
    return found[0]


def edit_run(run: Run, **fields: Any) -> Run:
    """Change what was typed (None: left as it was), checked as when it was logged."""
    _checked(fields)
    for key, value in fields.items():
        if value is not None:
            setattr(run, key, value)
    return run


def add_morning(s: Session, runner: Runner, day: date, pain: float) -> None:
    _pain(pain, "next-morning pain")
    existing = s.get(MorningPain, (runner.id, day))
    if existing:
        existing.pain = pain
    else:
        s.add(MorningPain(runner_id=runner.id, day=day, pain=pain))


#: A watch's run and a typed run are the same run when they fall on the same local day and their
#: distances differ by at most 10 % or 1 km, and their times by at most 10 % or 5 min (where both are
#: known; one of the two must be): a runner types a rounded distance and time, GPS distance is off by a
#: few per cent (a stated tolerance, not a published one).
SAME_RUN_SHARE = 0.10
SAME_RUN_KM = 1.0
SAME_RUN_MIN = 5.0


@dataclass(frozen=True)
class Imported:
    added: int
    skipped: int  # already in the log from the same file (same start)
    merged: tuple[str, ...]  # what was merged into typed runs, one line each


def _close(a: float | None, b: float | None, floor: float) -> bool | None:
    """None: not comparable (one is missing)."""
    if a is None or b is None:
        return None
    return abs(a - b) <= max(SAME_RUN_SHARE * max(a, b), floor)


def same_run(typed: Run, km: float | None, minutes: float | None) -> bool:
    checks = [_close(typed.distance_km, km, SAME_RUN_KM), _close(typed.duration_min, minutes, SAME_RUN_MIN)]
    known = [c for c in checks if c is not None]
    return bool(known) and all(known)


def import_runs(s: Session, runner: Runner, runs: Iterable[ImportedRun]) -> Imported:
    """Imported runs (backstride.runlog.imports.Run) into the log. A run already imported at the same
    start is skipped; a run that matches a typed run (same local day, SAME_RUN_* tolerances) is merged
    into it: the typed pain, shoes, insoles and cue kept, the measured start, distance, time and cadence
    taken from the file."""
    logged = list(s.scalars(select(Run).where(Run.runner_id == runner.id)))
    known = {_utc(r.started_at) for r in logged}
    added = skipped = 0
    merged: list[str] = []
    for r in runs:
        if _utc(r.start_utc) in known:
            skipped += 1
            continue
        km = None if r.distance_m is None else r.distance_m / 1000
        minutes = None if r.duration_s is None else r.duration_s / 60
        day = r.local_date or zones.local_date(r.start_utc, runner.time_zone)
        typed = [t for t in logged if t.source == "typed" and day_of(t) == day and same_run(t, km, minutes)]
        if typed:
            t = min(typed, key=lambda t: abs((t.distance_km or 0) - (km or 0)))
            merged.append(f"{r.source} merged into the run typed on {day.isoformat()} "
                          f"({_said(t.distance_km, t.duration_min)} typed, {_said(km, minutes)} measured)")  # fmt: skip
            t.started_at, t.distance_km, t.duration_min = _utc(r.start_utc), km, minutes
            t.cadence_spm, t.cadence_source, t.source = r.cadence_spm, r.cadence_source, f"typed + {r.source}"
        else:
            fields = {"cadence_spm": r.cadence_spm, "cadence_source": r.cadence_source, "source": r.source,
                      "local_date": day}  # fmt: skip
            logged.append(add_run(s, runner, r.start_utc, distance_km=km, duration_min=minutes, **fields))
            added += 1
        known.add(_utc(r.start_utc))
    return Imported(added, skipped, tuple(merged))


#: What a runner types that a watch file does not hold: kept when a typed run meets its watch run.
TYPED_FIELDS = ("shoes", "insoles", "cadence_cue", "pain_during", "pain_after", "pain_next_morning")


def log_typed_run(s: Session, runner: Runner, started_at: datetime, **fields: Any) -> tuple[Run, str | None]:
    """A run typed by the runner. Where a watch file of the same run was imported first (same local
    day, SAME_RUN_* tolerances, nothing typed into it yet), the typed answers go into it and its
    measured distance and time stay; returns the run and, then, what was merged."""
    not_in_the_future(started_at)
    day = zones.local_date(started_at, runner.time_zone)
    km, minutes = fields.get("distance_km"), fields.get("duration_min")
    _checked(fields)
    for r in s.scalars(select(Run).where(Run.runner_id == runner.id)):
        untouched = r.source != "typed" and not r.source.startswith("typed + ")
        if untouched and day_of(r) == day and same_run(r, km, minutes):
            for key in TYPED_FIELDS:
                if fields.get(key) is not None:
                    setattr(r, key, fields[key])
            r.source = f"typed + {r.source}"
            return r, (f"merged into the run imported from {r.source.removeprefix('typed + ')} on {day.isoformat()} "
                       f"({_said(km, minutes)} typed, {_said(r.distance_km, r.duration_min)} measured)")  # fmt: skip
    return add_run(s, runner, started_at, **fields), None


def _said(km: float | None, minutes: float | None) -> str:
    parts = [f"{km:.2f} km" if km is not None else "", f"{minutes:.0f} min" if minutes is not None else ""]
    return ", ".join(p for p in parts if p) or "no distance or time"


def runs_of(s: Session, runner: Runner) -> list[Run]:
    return list(s.scalars(select(Run).where(Run.runner_id == runner.id).order_by(Run.started_at)))


def day_of(r: Run) -> date:
    """The runner's date of a logged run, fixed when it was logged (revision 0006 dated older runs)."""
    return r.local_date if r.local_date is not None else zones.local_date(r.started_at, None)


def run_json(r: Run) -> dict[str, Any]:
    fields = ("id", "distance_km", "duration_min", "shoes", "insoles", "cadence_cue", "cadence_spm", "cadence_source",
              "pain_during", "pain_after", "pain_next_morning", "source")  # fmt: skip
    out = {k: getattr(r, k) for k in fields}
    return {**out, "started_at": r.started_at.isoformat(), "day": day_of(r).isoformat()}


def load_of(s: Session, runner: Runner, runs: list[Run] | None = None) -> dict[str, float | str | list[float]]:
    """The questionnaire's training-load answers from the runner's log (runs by their local day)."""
    from backstride.runlog.load import training_load

    rows = runs_of(s, runner) if runs is None else runs
    return training_load([(day_of(r), r.distance_km) for r in rows], today_of(runner))


def log_json(s: Session, runner: Runner) -> dict[str, Any]:
    runs = runs_of(s, runner)
    mornings = s.scalars(select(MorningPain).where(MorningPain.runner_id == runner.id)
                         .order_by(MorningPain.day.desc())).all()  # fmt: skip
    return {
        "runs": [run_json(r) for r in reversed(runs)],  # newest first
        "mornings": [{"day": m.day.isoformat(), "pain": m.pain} for m in mornings],
        "training_load": load_of(s, runner, runs),
    }


def _utc(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
