"""The log and self-experiment pages (changes go through api_log from the page's script)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backstride.nof1.design import CHANGES
from backstride.runlog.zones import zone
from backstride.store import experiments
from backstride.store.logbook import today_of
from backstride.web import services
from backstride.web.api_log import log_json
from backstride.web.pages import StateDep, page

router = APIRouter(include_in_schema=False)

#: what each change is, in the runner's words, and why it gets its design
CHANGE_TEXT = {
    "insoles": "Arch supports or insoles, in or out run by run",
    "cadence_cue": "A higher cadence (a metronome cue), run by run",
    "shoes": "Shoe A against shoe B, run by run",
    "new_shoes": "New shoes worn all day (their effect carries over: phases of 4 days)",
    "arch_supports_all_day": "Arch supports worn all day (carry-over: phases of 4 days)",
    "back_extensions": "A strength programme such as back extensions (builds over weeks: weaker evidence)",
    "hip_strength": "Hip strengthening (builds over weeks: weaker evidence)",
}
DESIGN_TEXT = {"per_run": "each run randomly A or B", "phases": "randomised pairs of 4-day phases",
               "ab": "one switch on a random day"}  # fmt: skip


@router.get("/runners/{runner_id}/log", response_class=HTMLResponse)
def log_page(runner_id: str, request: Request, st: StateDep, imported: str | None = None) -> HTMLResponse:
    """``imported``: "added:skipped:not runs[:merged]", the import's outcome shown after the page reloads."""
    with st.sessions() as s:
        runner = services.get_runner(s, runner_id)
        info, log = services.runner_json(runner), log_json(s, runner)
        experiment = experiments.current_state(s, runner, today_of(runner))
        today, now = today_of(runner), f"{datetime.now(zone(runner.time_zone)):%Y-%m-%dT%H:%M}"
    parts = (imported or "").split(":")
    notice = None
    if len(parts) in (3, 4) and all(p.isdigit() for p in parts):
        notice = (
            f"{parts[0]} run(s) added, {parts[1]} already in the log, {parts[2]} activities that are not runs left out"
        )
        if len(parts) == 4 and parts[3] != "0":
            notice += f", {parts[3]} merged into the runs you typed (your pain kept, the watch's distance and time)"
    return page(request, "log.html", runner=info, log=log, now=now,
                today=today.isoformat(), notice=notice, experiment=experiment)  # fmt: skip


@router.get("/runners/{runner_id}/experiment", response_class=HTMLResponse)
def experiment_page(runner_id: str, request: Request, st: StateDep) -> HTMLResponse:
    with st.sessions() as s:
        runner = services.get_runner(s, runner_id)
        info = services.runner_json(runner)
        today = today_of(runner)
        states = [experiments.state(s, e, today) for e in experiments.of_runner(s, runner)]
    current = states[-1] if states else None
    can_plan = current is None or current.finished
    options = [(k, CHANGE_TEXT.get(k, k), DESIGN_TEXT[v]) for k, v in CHANGES.items()]
    tomorrow = (today + timedelta(days=1)).isoformat()
    from backstride.bodycheck.catalogue import TESTS

    outcome_tests = [(name, t.figure) for name, t in TESTS.items() if t.higher_is_better is not None]
    return page(request, "experiment.html", runner=info, current=current, earlier=states[:-1][::-1],
                can_plan=can_plan, options=options, tomorrow=tomorrow, today=today.isoformat(),
                outcome_tests=outcome_tests)  # fmt: skip


@router.get("/experiments/{experiment_id}/verdict.png")
def verdict_picture(experiment_id: str, st: StateDep) -> Response:
    with st.sessions() as s:
        exp = experiments.get(s, experiment_id)
        if not experiments.is_finished(s, exp, today_of(services.get_runner(s, exp.runner_id))):
            raise services.Conflict("the verdict is read once the experiment is over")
        out = io.BytesIO()
        experiments.picture(s, exp, out)
    return Response(out.getvalue(), media_type="image/png", headers={"Cache-Control": "no-store"})
