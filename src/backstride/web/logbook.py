"""The runner's log in the app's database: runs and next-morning pain, shared by the CLI
(``backstride log``) and the web app."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from backstride.errors import BackstrideError
from backstride.settings import WebSettings
from backstride.web.models import MorningPain, Run, Runner

PAIN_RANGE = (0.0, 10.0)


class LogError(BackstrideError):
    pass


@contextmanager
def opened(web: WebSettings):
    """A session on the app's database (made and migrated when missing)."""
    from backstride.web.db import engine_for, migrate, sessions

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
        raise LogError(f"no runner {who!r} (runners: {names}; add one in the web app or with --create)")
    if len(found) > 1:
        raise LogError(f"{len(found)} runners are called {who!r}: give the id ({', '.join(r.id for r in found)})")
    return found[0]


def runner_for(s: Session, who: str, create: bool) -> Runner:
    try:
        return find_runner(s, who)
    except LogError:
        if not create:
            raise
    runner = Runner(name=who)
    s.add(runner)
    s.flush()
    return runner


def _pain(value: float | None, what: str) -> float | None:
    if value is not None and not PAIN_RANGE[0] <= value <= PAIN_RANGE[1]:
        raise LogError(f"{what}: {value:g} is not a pain score from 0 to 10")
    return value


def add_run(s: Session, runner: Runner, started_at: datetime, **fields) -> Run:
    for key in ("pain_during", "pain_after", "pain_next_morning"):
        _pain(fields.get(key), key.replace("_", " "))
    if fields.get("distance_km") is not None and not 0 < fields["distance_km"] <= 400:
        raise LogError(f"distance {fields['distance_km']:g} km: a run is 0-400 km")
    run = Run(runner_id=runner.id, started_at=_utc(started_at), **fields)
    s.add(run)
    return run


def add_morning(s: Session, runner: Runner, day: date, pain: float) -> None:
    _pain(pain, "next-morning pain")
    existing = s.get(MorningPain, (runner.id, day))
    if existing:
        existing.pain = pain
    else:
        s.add(MorningPain(runner_id=runner.id, day=day, pain=pain))


def import_runs(s: Session, runner: Runner, runs) -> tuple[int, int]:
    """Imported runs (backstride.runlog.imports.Run), a run already logged at the same start skipped.
    Returns (added, skipped)."""
    known = {_utc(r.started_at) for r in s.scalars(select(Run).where(Run.runner_id == runner.id))}
    added = skipped = 0
    for r in runs:
        if _utc(r.start_utc) in known:
            skipped += 1
            continue
        add_run(s, runner, r.start_utc, distance_km=None if r.distance_m is None else r.distance_m / 1000,
                duration_min=None if r.duration_s is None else r.duration_s / 60, cadence_spm=r.cadence_spm,
                cadence_source=r.cadence_source, source=r.source)  # fmt: skip
        known.add(_utc(r.start_utc))
        added += 1
    return added, skipped


def runs_of(s: Session, runner: Runner) -> list[Run]:
    return list(s.scalars(select(Run).where(Run.runner_id == runner.id).order_by(Run.started_at)))


def _utc(t: datetime) -> datetime:
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
