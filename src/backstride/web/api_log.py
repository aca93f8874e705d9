"""The JSON API of the runner's log (runs, next-morning pain, imports of a watch's or a site's
export) and of self-experiments (plan, what today is, the verdict)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from backstride.core.experiments import ExperimentState
from backstride.errors import BackstrideError
from backstride.nof1.design import CHANGES
from backstride.store import experiments
from backstride.store.logbook import add_morning, import_runs, log_json, log_typed_run, run_json, today_of, typed_time
from backstride.web import services
from backstride.web.api import PROBLEMS, RAW_BODY, _receive
from backstride.web.app_state import State, state

router = APIRouter(prefix="/api", responses=PROBLEMS)
StateDep = Annotated[State, Depends(state)]
IMPORT_MAX_BYTES = 50 * 1024**2  # a FIT file is tens of kB; a 10-year Strava list a few MB
Pain = Annotated[float | None, Field(default=None, ge=0, le=10)]
ChangeName = Literal[tuple(CHANGES)]  # type: ignore[valid-type]


class RunIn(BaseModel):
    started_at: datetime = Field(description="local time when no zone is given")
    distance_km: float = Field(gt=0, le=400)
    duration_min: float | None = Field(default=None, gt=0, le=1440)
    shoes: str | None = Field(default=None, max_length=80)
    insoles: bool | None = None
    cadence_cue: str | None = Field(default=None, max_length=80)
    pain_during: Pain = None
    pain_after: Pain = None
    pain_next_morning: Pain = None


class RunOut(BaseModel):
    id: str
    started_at: str
    day: str
    distance_km: float | None
    duration_min: float | None
    shoes: str | None
    insoles: bool | None
    cadence_cue: str | None
    cadence_spm: float | None
    cadence_source: str | None
    pain_during: float | None
    pain_after: float | None
    pain_next_morning: float | None
    source: str


class MorningIn(BaseModel):
    day: date
    pain: float = Field(ge=0, le=10, description="pain on waking, 0-10")


class ImportOut(BaseModel):
    added: int
    skipped: int = Field(description="already in the log (same start)")
    merged: list[str] = Field(default=[], description="runs merged into a typed run of the same day (what and how)")
    not_runs: list[str] = Field(description="activities that are not runs, left out")
    runs: list[dict[str, Any]]


class ExperimentIn(BaseModel):
    change: ChangeName  # type: ignore[valid-type]
    weeks: int = Field(default=8, ge=2, le=26)
    runs_per_week: float = Field(default=3.5, ge=1, le=14)
    start: date | None = Field(default=None, description="the first day (default: tomorrow)")
    seed: int | None = Field(default=None, ge=0, lt=2**31, description="recorded in the plan; drawn when not given")
    phase_days: int = Field(default=4, ge=3, le=14, description="phase designs: days a phase lasts")
    expected_missing_pct: float = Field(default=10, ge=0, le=60, description="logs the runner expects to miss, %")
    outcome_test: str | None = Field(
        default=None, description="a filmed self-test as the outcome instead of pain (a programme, an AB design)"
    )
    outcome_leg: Literal["left", "right"] | None = Field(default=None, description="that test's leg or side")


@router.get("/runners/{runner_id}/log", summary="the runner's runs, morning pain and training load")
def get_log(runner_id: str, st: StateDep) -> dict[str, Any]:
    with st.sessions() as s:
        return log_json(s, services.get_runner(s, runner_id))


@router.post("/runners/{runner_id}/runs", status_code=201, summary="log a run with its pain")
def log_run(runner_id: str, body: RunIn, st: StateDep) -> RunOut:
    with st.sessions.begin() as s:
        runner = services.get_runner(s, runner_id)
        started = typed_time(runner, body.started_at)
        run, _ = log_typed_run(s, runner, started, **body.model_dump(exclude={"started_at"}))
        s.flush()
        return RunOut(**run_json(run))


@router.delete("/runs/{run_id}", status_code=204, summary="remove a run logged by mistake")
def delete_run(run_id: str, st: StateDep) -> None:
    with st.sessions.begin() as s:
        s.delete(services.get_run(s, run_id))


@router.post("/runners/{runner_id}/mornings", status_code=201, summary="log pain on waking (a day without a run)")
def log_morning(runner_id: str, body: MorningIn, st: StateDep) -> MorningIn:
    with st.sessions.begin() as s:
        runner = services.get_runner(s, runner_id)
        if body.day > today_of(runner):
            raise services.Invalid(f"{body.day} is in the future")
        add_morning(s, runner, body.day, body.pain)
    return body


FileName = Annotated[str | None, Query(max_length=200, description="the file's name, shown in the log")]


@router.post("/runners/{runner_id}/imports", status_code=201, openapi_extra=RAW_BODY,
             summary="import runs: FIT, TCX, GPX, a Strava or Garmin CSV (the bytes as the body)")  # fmt: skip
async def import_file(runner_id: str, request: Request, st: StateDep, miles: bool = False,
                      name: FileName = None) -> ImportOut:  # fmt: skip
    from dataclasses import replace

    from backstride.runlog.imports import not_a_run, read_any
    from backstride.runlog.zones import zone

    with st.sessions() as s:
        local_zone = zone(services.get_runner(s, runner_id).time_zone)
    temp, _, _ = await _receive(request, st, IMPORT_MAX_BYTES)
    try:
        runs = await asyncio.to_thread(read_any, temp, distance_unit="mi" if miles else "km", local_zone=local_zone)
    except BackstrideError as exc:
        raise HTTPException(422, str(exc).replace(temp.name, "the upload")) from None
    finally:
        temp.unlink(missing_ok=True)
    shown_name = "".join(ch for ch in (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1] if ch.isprintable())[:120]
    runs = [replace(r, source=shown_name or "an uploaded file") for r in runs]  # the temp file's name means nothing
    keep = [r for r in runs if not_a_run(r) is None]
    with st.sessions.begin() as s:
        result = import_runs(s, services.get_runner(s, runner_id), keep)
    shown = [{"start_utc": r.start_utc.isoformat(), "distance_m": r.distance_m, "duration_s": r.duration_s,
              "cadence_spm": r.cadence_spm, "cadence_source": r.cadence_source} for r in keep]  # fmt: skip
    others = [f"{r.start_utc:%Y-%m-%d} {why}" for r in runs if (why := not_a_run(r))]
    return ImportOut(added=result.added, skipped=result.skipped, merged=list(result.merged), not_runs=others,
                     runs=shown)  # fmt: skip


@router.get("/runners/{runner_id}/experiments", summary="the runner's self-experiments, newest last")
def list_experiments(runner_id: str, st: StateDep) -> list[ExperimentState]:
    with st.sessions() as s:
        runner = services.get_runner(s, runner_id)
        return [experiments.state(s, e, today_of(runner)) for e in experiments.of_runner(s, runner)]


@router.post("/runners/{runner_id}/experiments", status_code=201,
             summary="plan a self-experiment: the schedule is drawn now, with its seed")  # fmt: skip
def plan_experiment(runner_id: str, body: ExperimentIn, st: StateDep) -> ExperimentState:
    with st.sessions.begin() as s:
        runner = services.get_runner(s, runner_id)
        first = body.start or today_of(runner) + timedelta(days=1)
        exp = experiments.start(s, runner, body.change, first=first, weeks=body.weeks, seed=body.seed,
                                runs_per_week=body.runs_per_week, phase_days=body.phase_days,
                                expected_missing=body.expected_missing_pct / 100,
                                outcome_test=body.outcome_test or None, outcome_leg=body.outcome_leg)  # fmt: skip
        return experiments.state(s, exp, today_of(runner))


@router.get("/experiments/{experiment_id}", summary="an experiment: its plan, what today is, the verdict at the end")
def get_experiment(experiment_id: str, st: StateDep) -> ExperimentState:
    with st.sessions() as s:
        exp = experiments.get(s, experiment_id)
        return experiments.state(s, exp, today_of(services.get_runner(s, exp.runner_id)))


@router.delete("/experiments/{experiment_id}", status_code=204, summary="abandon an experiment (the log stays)")
def delete_experiment(experiment_id: str, st: StateDep) -> None:
    with st.sessions.begin() as s:
        s.delete(experiments.get(s, experiment_id))
