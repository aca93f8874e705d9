"""The JSON API: everything the pages do (they call it from the browser), described by the
OpenAPI schema at /openapi.json."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import BaseModel, Field, field_validator
from starlette.background import BackgroundTask

from backstride import __version__
from backstride.core.sizes import size_text
from backstride.errors import BackstrideError
from backstride.store import access
from backstride.store.models import Assessment, Blob, Runner, checked_name
from backstride.web import services
from backstride.web.app_state import State, state
from backstride.web.security import CSRF_COOKIE, csrf_for
from backstride.web.storage import DiskFull, UploadTooLarge, photo_suffix, video_facts


class Problem(BaseModel):
    """Why a request was refused: one line for a person, or the fields that failed validation."""

    detail: str | list[dict[str, Any]]
    fields: list[str] | None = None  # the questionnaire's fields a 422 is about (the form highlights them)


#: every refusal the API gives, documented on every operation (a client can rely on the shape)
PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "description": why}
    for code, why in (
        (400, "the body could not be parsed (not JSON)"),
        (401, "not signed in (a server with accounts), or a wrong name or password"),
        (403, "the CSRF header is missing or wrong, or the account's role cannot do this"),
        (404, "no such runner, assessment or file"),
        (409, "not in a state that allows it (still running, not failed)"),
        (413, "the upload is larger than the limit"),
        (507, "the server's disk is full"),
        (421, "the Host is not loopback"),
        (422, "the input is not valid: the message says which and why"),
        (503, "off loopback without accounts: nothing is served until an admin adds one"),
    )
}
router = APIRouter(prefix="/api", responses=PROBLEMS)
StateDep = Annotated[State, Depends(state)]
Sha = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
BINARY = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
RAW_BODY = {"requestBody": {"required": True, "content": BINARY}}


ZONE_HELP = "the runner's time zone, an IANA name such as Europe/Paris: the log's days are read in it"


def _zone(name: str | None) -> str | None:
    from backstride.runlog.zones import ZoneError, checked_zone_name

    try:
        return None if name is None else checked_zone_name(name)
    except ZoneError as exc:
        raise ValueError(str(exc)) from None


def _name(name: str | None) -> str | None:
    return None if name is None else checked_name(name)


class RunnerIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="a name or a pseudonym")
    height_cm: float | None = Field(default=None, ge=100, le=250)
    time_zone: str | None = Field(default=None, max_length=64, description=ZONE_HELP + " (default: the server's)")
    _checked_zone = field_validator("time_zone")(_zone)
    _checked_name = field_validator("name")(_name)


class RunnerChange(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    height_cm: float | None = Field(default=None, ge=100, le=250)
    time_zone: str | None = Field(default=None, max_length=64, description=ZONE_HELP + " (runs logged keep their day)")
    _checked_zone = field_validator("time_zone")(_zone)
    _checked_name = field_validator("name")(_name)


class RunnerOut(BaseModel):
    id: str
    name: str
    height_cm: float | None
    time_zone: str
    created_at: str | None
    assessments: int


class UploadOut(BaseModel):
    sha256: str
    kind: str
    size_bytes: int
    facts: dict[str, Any]
    capture: dict[str, Any] | None = None


class AssessmentIn(BaseModel):
    runner_id: str = Field(min_length=1, max_length=32)
    side_clip: Sha
    rear_clip: Sha | None = None
    photos: list[Sha] = Field(default_factory=list, max_length=6)
    answers: dict[str, Any] | None = Field(default=None, description="as an answers file holds them")
    form_answers: dict[str, str] | None = Field(default=None, description="the web form's answers as typed")
    slowmo_side: float | None = Field(default=None, ge=1, le=64)
    slowmo_rear: float | None = Field(default=None, ge=1, le=64)
    speed_kmh: float | None = Field(default=None, gt=0, le=40)


class AssessmentOut(BaseModel):
    id: str
    runner_id: str
    created_at: str | None
    side_clip: str
    rear_clip: str | None
    photos: list[str]
    answers: dict[str, Any] | None
    options: dict[str, Any]
    state: str
    stage: str
    frames_done: int
    frames_total: int
    share_done: float
    seconds_left: int | None
    error: str | None
    attempts: int
    can_retry: bool  # a retry could give another answer: an interruption, an internal error, a new version


def status_for(exc: BackstrideError) -> int:
    """The HTTP status of a refusal (the app answers every BackstrideError with it and its line)."""
    if isinstance(exc, services.NotFound):
        return 404
    if isinstance(exc, access.Forbidden):
        return 403
    if isinstance(exc, services.Conflict):
        return 409
    if isinstance(exc, DiskFull):
        return 507
    return 413 if isinstance(exc, UploadTooLarge) else 422


@router.get("/session", summary="the CSRF token a script sends back in X-CSRF-Token")
def session(request: Request) -> dict[str, str]:
    return {"csrf_token": csrf_for(request), "cookie": CSRF_COOKIE, "header": "X-CSRF-Token"}


@router.get("/runners")
def list_runners(st: StateDep) -> list[RunnerOut]:
    with st.sessions() as s:
        return [RunnerOut(**services.runner_json(r)) for r in services.runners_seen(s)]


@router.post("/runners", status_code=201)
def create_runner(body: RunnerIn, st: StateDep) -> RunnerOut:
    access.require_role("admin", "clinician")
    with st.sessions.begin() as s:
        from backstride.runlog.zones import machine_zone_name

        zone = body.time_zone or machine_zone_name()
        runner = Runner(name=body.name, height_cm=body.height_cm, time_zone=zone)
        s.add(runner)
        s.flush()
        services.assign_to_creator(s, runner)
        return RunnerOut(**services.runner_json(runner))


@router.patch("/runners/{runner_id}", summary="change a runner's name, height or time zone")
def change_runner(runner_id: str, body: RunnerChange, st: StateDep) -> RunnerOut:
    with st.sessions.begin() as s:
        runner = services.get_runner(s, runner_id)
        for key, value in body.model_dump(exclude_none=True).items():
            setattr(runner, key, value)
        return RunnerOut(**services.runner_json(runner))


@router.get("/runners/{runner_id}")
def get_runner(runner_id: str, st: StateDep) -> dict[str, Any]:
    with st.sessions() as s:
        runner = services.get_runner(s, runner_id)
        return {**services.runner_json(runner), "history": [services.assessment_json(a) for a in runner.assessments]}


def _not_running(assessments) -> None:
    if any(a.state == "running" for a in assessments):
        raise HTTPException(409, "an analysis is running: delete it once it has finished or failed")


@router.delete("/runners/{runner_id}", status_code=204)
def delete_runner(runner_id: str, st: StateDep) -> None:
    with st.sessions.begin() as s:
        runner = services.get_runner(s, runner_id)
        _not_running(runner.assessments)
        services.delete_runner(s, st.store, runner)
    services.wipe_freed(st.sessions)


@router.get("/runners/{runner_id}/export", response_class=FileResponse, summary="every file of a runner, one zip")
def export_runner(runner_id: str, st: StateDep) -> FileResponse:
    with st.sessions() as s:
        runner = services.get_runner(s, runner_id)
        fd, name = tempfile.mkstemp(dir=st.store.incoming, prefix="export-", suffix=".zip")
        os.close(fd)  # zipfile writes the file by its name
        path = services.export_runner(s, st.store, runner, Path(name))
        safe = "".join(c if c.isalnum() else "_" for c in runner.name)[:40] or "runner"
    return FileResponse(path, filename=f"backstride_{safe}.zip", media_type="application/zip",
                        background=BackgroundTask(path.unlink, missing_ok=True))  # fmt: skip


async def _receive(request: Request, st: State, limit: int):
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the file is larger than the {size_text(limit)} limit")
    return await st.store.receive(request.stream(), limit)


UploadFor = Annotated[
    str | None, Query(max_length=32, description="the runner the upload is for: deleted with them if never used")
]


def _known_runner(st: State, runner_id: str | None) -> None:
    if runner_id is not None:
        with st.sessions() as s:
            services.get_runner(s, runner_id)  # 404 before the bytes are read


def _register(st: State, temp: Path, sha: str, size: int, kind: str, suffix: str, facts: dict,
              runner_id: str | None) -> UploadOut:  # fmt: skip
    st.store.keep(temp, sha, suffix)
    with st.sessions.begin() as s:
        blob = s.get(Blob, sha)
        if blob is None:
            s.add(Blob(sha256=sha, kind=kind, suffix=suffix, size_bytes=size, facts=facts, uploaded_for=runner_id))
        elif runner_id is not None:
            blob.uploaded_for = runner_id
    return UploadOut(sha256=sha, kind=kind, size_bytes=size, facts=facts,
                     capture=services.capture_checks(facts) if kind == "video" else None)  # fmt: skip


@router.post("/clips", status_code=201, openapi_extra=RAW_BODY, summary="upload a clip (the file's bytes as the body)")
async def upload_clip(request: Request, st: StateDep, runner_id: UploadFor = None) -> UploadOut:
    _known_runner(st, runner_id)
    temp, sha, size = await _receive(request, st, st.settings.video.max_file_bytes)
    try:
        suffix, facts = await asyncio.to_thread(video_facts, temp, st.settings.video)
    except BackstrideError as exc:
        temp.unlink(missing_ok=True)
        raise HTTPException(422, str(exc).replace(str(temp), "the upload")) from None
    return _register(st, temp, sha, size, "video", suffix, facts, runner_id)


@router.post("/photos", status_code=201, openapi_extra=RAW_BODY, summary="upload a shoe-sole photo")
async def upload_photo(request: Request, st: StateDep, runner_id: UploadFor = None) -> UploadOut:
    from backstride.report.html import SHOE_PHOTO_MAX_BYTES

    _known_runner(st, runner_id)
    temp, sha, size = await _receive(request, st, SHOE_PHOTO_MAX_BYTES)
    try:
        suffix = await asyncio.to_thread(photo_suffix, temp)
    except BackstrideError as exc:
        temp.unlink(missing_ok=True)
        raise HTTPException(422, str(exc).replace(str(temp), "the upload")) from None
    return _register(st, temp, sha, size, "photo", suffix, {}, runner_id)


def _answers(body: AssessmentIn) -> dict | None:
    from backstride.triage.form import from_form
    from backstride.triage.questionnaire import parse_answers

    if body.form_answers is not None:
        return from_form(body.form_answers).model_dump(mode="json", exclude_none=True)
    if body.answers is not None:
        return parse_answers(body.answers, source="answers").model_dump(mode="json", exclude_none=True)
    return None


@router.post("/assessments", status_code=202, summary="queue an analysis of uploaded clips")
def create_assessment(body: AssessmentIn, st: StateDep) -> AssessmentOut:
    answers = _answers(body)
    with st.sessions.begin() as s:
        services.get_runner(s, body.runner_id)
        services.check_blob(s, body.side_clip, "video", "side clip")
        services.check_blob(s, body.rear_clip, "video", "rear clip")
        for sha in body.photos:
            services.check_blob(s, sha, "photo", "shoe photo")
        options = {k: v for k, v in (("slowmo_side", body.slowmo_side), ("slowmo_rear", body.slowmo_rear),
                                     ("speed_kmh", body.speed_kmh)) if v is not None}  # fmt: skip
        a = Assessment(runner_id=body.runner_id, side_sha=body.side_clip, rear_sha=body.rear_clip,
                       photos=list(body.photos), answers=answers, options=options)  # fmt: skip
        s.add(a)
        s.flush()
        out = AssessmentOut(**services.assessment_json(a))
    st.queue.put(out.id, st.web)
    return out


@router.get("/assessments/{assessment_id}")
def get_assessment(assessment_id: str, st: StateDep) -> AssessmentOut:
    with st.sessions() as s:
        return AssessmentOut(**services.assessment_json(services.get_assessment(s, assessment_id)))


@router.get("/assessments/{assessment_id}/events", summary="progress as server-sent events, until it ends")
async def assessment_events(assessment_id: str, request: Request, st: StateDep) -> StreamingResponse:
    get_assessment(assessment_id, st)  # 404 before the stream starts

    async def stream():
        last = None
        while not await request.is_disconnected():
            with st.sessions() as s:
                a = s.get(Assessment, assessment_id)
                now = services.progress(a) if a else {"state": "deleted"}
            if now != last:
                last = now
                yield f"data: {json.dumps(now)}\n\n"
            if now["state"] in ("done", "partial", "failed", "deleted"):
                return
            await asyncio.sleep(st.web.poll_s)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


@router.post("/assessments/{assessment_id}/retry", status_code=202)
def retry_assessment(assessment_id: str, st: StateDep) -> AssessmentOut:
    with st.sessions.begin() as s:
        a = services.get_assessment(s, assessment_id)
        if not a.can_retry(__version__):
            raise HTTPException(409, f"the analysis is {a.state}: {services.why_no_retry(a)}")
        a.state, a.stage, a.error, a.attempts, a.frames_done = "queued", "waiting for a worker", None, 0, 0
        a.failure = None
        out = AssessmentOut(**services.assessment_json(a))
    st.queue.put(assessment_id, st.web)
    return out


@router.delete("/assessments/{assessment_id}", status_code=204)
def delete_assessment(assessment_id: str, st: StateDep) -> None:
    with st.sessions.begin() as s:
        a = services.get_assessment(s, assessment_id)
        _not_running([a])  # its worker would write its results again
        services.delete_assessment(s, st.store, a)


@router.get("/assessments/{assessment_id}/summary")
def assessment_summary(assessment_id: str, st: StateDep) -> dict[str, Any]:
    with st.sessions() as s:
        a = services.get_assessment(s, assessment_id)
        found = services.summary(st.store, a)
    if found is None:
        raise HTTPException(404, f"no results: the analysis is {a.state}")
    return found


@router.get("/compare", summary="two assessments of one runner, metric by metric")
def compare_assessments(before: str, after: str, st: StateDep) -> list[dict[str, Any]]:
    with st.sessions() as s:
        return services.compared(s, st.store, before, after)[0]


@router.get("/questionnaire", summary="the questions the form asks (the CLI's schema)")
def questionnaire() -> list[dict[str, Any]]:
    from backstride.web.forms import question_list

    return question_list()
