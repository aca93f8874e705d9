"""The HTML pages: server-rendered views of the same data; every change goes through the JSON API
from the page's script (static/app.js)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from backstride.errors import NotFound
from backstride.store import access
from backstride.store.bodychecks import checks_of, filmed_answers
from backstride.store.experiments import current_state
from backstride.store.logbook import load_of, runs_of, today_of
from backstride.store.models import WITH_RESULTS
from backstride.web import services
from backstride.web.app_state import State, state
from backstride.web.compare import trend
from backstride.web.forms import grouped
from backstride.web.security import REPORT_CSP, csrf_for
from backstride.web.self_tests import self_tests, trend_png, trend_series

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
StateDep = Annotated[State, Depends(state)]
MEDIA = {".html": "text/html", ".pdf": "application/pdf", ".mp4": "video/mp4", ".json": "application/json",
         ".csv": "text/csv"}  # fmt: skip


def page(request: Request, name: str, **context) -> HTMLResponse:
    context.update(csrf=csrf_for(request), me=access.current())
    return templates.TemplateResponse(request, name, context)


def wants_page(request: Request) -> bool:
    """An error for a person's browser (a page) rather than for a script (the API's JSON)."""
    path = request.url.path
    return not path.startswith(("/api/", "/static/")) and "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {403: "Not for this account", 404: "Not found", 409: "Not now", 413: "Too large", 422: "Cannot do that"}
    response = page(request, "error.html", title=titles.get(status, "Something went wrong"), message=message)
    response.status_code = status
    return response


@router.get("/", response_class=HTMLResponse)
def runners_page(request: Request, st: StateDep) -> HTMLResponse:
    with st.sessions() as s:
        runners = [services.runner_json(r) for r in services.runners_seen(s)]
    return page(request, "runners.html", runners=runners)


@router.get("/runners/{runner_id}", response_class=HTMLResponse)
def runner_page(runner_id: str, request: Request, st: StateDep) -> HTMLResponse:
    with st.sessions() as s:
        runner = services.get_runner(s, runner_id)
        history = []
        for a in reversed(runner.assessments):
            row = services.assessment_json(a)
            found = services.summary(st.store, a)
            side = (found or {}).get("clips", {}).get("side")
            row["cadence"] = side["cadence_spm"]["value"] if side else None
            history.append(row)
        info = services.runner_json(runner)
        experiment = current_state(s, runner, today_of(runner))
        runs_logged = len(runs_of(s, runner))
        tests, test_changes = self_tests(s, runner)
        tests_trend = bool(trend_series(s, runner))
    done = [h for h in history if h["state"] in WITH_RESULTS]
    return page(request, "runner.html", runner=info, history=history, done=done, experiment=experiment,
                runs_logged=runs_logged, tests=tests, test_changes=test_changes, tests_trend=tests_trend)  # fmt: skip


@router.get("/runners/{runner_id}/self-tests.png")
def runner_self_tests_png(runner_id: str, st: StateDep, columns: Annotated[int, Query(ge=1, le=3)] = 2) -> Response:
    """Each self-test done on two days or more over time, with backstride's measurement error (columns=1:
    what a phone shows)."""
    with st.sessions() as s:
        panels = trend_series(s, services.get_runner(s, runner_id))
    if not panels:
        raise NotFound("no self-test was done on two days yet: a trend needs two")
    return Response(trend_png(panels, columns), media_type="image/png", headers={"Cache-Control": "no-store"})


@router.get("/runners/{runner_id}/trend.png")
def runner_trend(runner_id: str, st: StateDep, columns: Annotated[int, Query(ge=1, le=3)] = 3) -> Response:
    """The key figures over time: three panels side by side, or one above the other (columns=1,
    what a phone shows)."""
    with st.sessions() as s:
        runner = services.get_runner(s, runner_id)
        pairs = [(a.created_at, services.summary(st.store, a)) for a in runner.assessments]
    data = trend([(f"{t:%d %b %Y %H:%M}", found) for t, found in pairs if found])
    return Response(_trend_png(data, columns), media_type="image/png", headers={"Cache-Control": "no-store"})


def _trend_png(data: dict, columns: int = 3) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [("cadence_spm", "Cadence (steps/min)"), ("contact_time_ms", "Contact time (ms)"),
              (("pelvic_drop_left", "pelvic_drop_right"), "Pelvic drop (deg)")]  # fmt: skip
    rows = -(-3 // columns)
    fig, grid = plt.subplots(rows, columns, figsize=(10, 2.8) if columns == 3 else (3.6 * columns, 2.6 * rows),
                             dpi=110, squeeze=False)  # fmt: skip
    axes = grid.ravel()
    for spare in axes[3:]:
        spare.set_visible(False)
    x = list(range(len(data["date"])))
    for ax, (keys, title) in zip(axes, panels):
        for key, style in zip(keys if isinstance(keys, tuple) else (keys,), ("o-", "s--")):
            ys = [v if v is not None else float("nan") for v in data[key]]
            ax.plot(x, ys, style, label=key.rsplit("_", 1)[-1] if isinstance(keys, tuple) else None)
        ax.set_title(title, fontsize=10)
        ax.set_xticks(x, data["date"], rotation=30, ha="right", fontsize=8)
        ax.grid(alpha=0.3)
        if isinstance(keys, tuple) and any(v is not None for k in keys for v in data[k]):
            ax.legend(fontsize=8)
        names = keys if isinstance(keys, tuple) else (keys,)
        if all(v is None for k in names for v in data[k]):
            why = "no rear clip" if isinstance(keys, tuple) else "not measured"
            ax.text(0.5, 0.5, why, ha="center", va="center", transform=ax.transAxes, color="0.4")
            ax.set_yticks([])
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


@router.get("/runners/{runner_id}/new", response_class=HTMLResponse)
def new_assessment_page(runner_id: str, request: Request, st: StateDep) -> HTMLResponse:
    with st.sessions() as s:
        found = services.get_runner(s, runner_id)
        runner = services.runner_json(found)
        load = load_of(s, found)
        filmed = filmed_answers(checks_of(s, found))
    prefill = {f"running.{k}": _shown(v) for k, v in load.items()}
    # the filmed self-tests' figures fill their questions (their faults join the answers when the job runs)
    prefill |= {k: _shown(v) for k, v in filmed.items() if isinstance(v, float)}
    if found.height_cm:
        prefill["person.height_cm"] = f"{found.height_cm:g}"
    from backstride.core.sizes import size_text
    from backstride.report.html import SHOE_PHOTO_MAX_BYTES

    limits = {"clip": size_text(st.settings.video.max_file_bytes), "photo": size_text(SHOE_PHOTO_MAX_BYTES)}
    return page(request, "new.html", runner=runner, groups=grouped(), prefill=prefill, limits=limits)


def _shown(value: float | str | list[float]) -> str:
    if isinstance(value, str):  # a day, as the date input takes it
        return value
    return ", ".join(f"{x:g}" for x in value) if isinstance(value, list) else f"{value:g}"


@router.get("/assessments/{assessment_id}", response_class=HTMLResponse)
def assessment_page(assessment_id: str, request: Request, st: StateDep) -> HTMLResponse:
    with st.sessions() as s:
        a = services.get_assessment(s, assessment_id)
        info, runner = services.assessment_json(a), services.runner_json(a.runner)
        files = (
            [n for n in services.RESULT_FILES if (st.store.results(a.id) / n).is_file()]
            if a.state in WITH_RESULTS
            else []
        )
    return page(request, "assessment.html", a=info, runner=runner, files=files)


@router.get("/assessments/{assessment_id}/files/{name}")
def assessment_file(assessment_id: str, name: str, st: StateDep) -> FileResponse:
    with st.sessions() as s:
        a = services.get_assessment(s, assessment_id)
        path = services.result_file(st.store, a, name)
    headers = {"Content-Security-Policy": REPORT_CSP} if name.endswith(".html") else {}
    return FileResponse(path, media_type=MEDIA.get(path.suffix, "application/octet-stream"), headers=headers)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(before: str, after: str, request: Request, st: StateDep) -> HTMLResponse:
    with st.sessions() as s:
        rows, a, b = services.compared(s, st.store, before, after)
        runner, dates = services.runner_json(a.runner), (a.created_at, b.created_at)
    return page(request, "compare.html", rows=rows, runner=runner, dates=dates, before=before, after=after)
