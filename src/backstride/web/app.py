"""The FastAPI application: security gate, the API, the pages, the static files."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from backstride.errors import BackstrideError
from backstride.settings import DEFAULT, Settings, WebSettings
from backstride.store import access
from backstride.store.db import engine_for, migrate, sessions
from backstride.web import api, api_log, audit, pages, pages_log, security, signin
from backstride.web.app_state import State
from backstride.web.jobs import SILENT_S, cluster_queue, make_queue, queued_ids, recover, running_ids
from backstride.web.storage import Store


def create_app(web: WebSettings, settings: Settings = DEFAULT, *, queue=None, watch: bool = True) -> FastAPI:
    """The app over ``web.data_dir`` (made if missing) and its database (brought to the newest
    schema). Jobs left running by a stopped server are queued again (or failed after
    ``max_attempts``); every queued job is put on the queue. ``queue``: a stand-in for tests."""
    store = Store(web.data_dir).make()
    engine = engine_for(web.url)
    migrate(engine)
    made = sessions(engine)
    queue = queue or (cluster_queue(web) if web.scheduler else make_queue(web))
    # Local workers stop with this server, so every job it left running is orphaned; a cluster's
    # go on (their jobs still beat), so only those gone silent are.
    recover(made, web, silent_only=web.scheduler is not None)
    store.clear_incoming(running_ids(made))
    _flush(queue)
    for assessment_id in queued_ids(made):
        queue.put(assessment_id, web)
    app = FastAPI(
        title="backstride",
        version=_version(),
        description="Running-gait analysis for runners with low back pain, on this machine only.",
        docs_url=None,  # FastAPI's documentation pages load their scripts from a CDN: none here
        redoc_url=None,
    )
    app.state.backstride = State(web, settings, made, store, queue)
    _sweep(made, store)
    if watch:
        _watch_silent_workers(made, web, queue, store)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        stop = security.gate(request, web.loopback)
        if stop is not None:
            return security.finish(request, stop)
        st = app.state.backstride
        who, stop = await run_in_threadpool(signin.who_is, request, st)
        if stop is not None:
            return security.finish(request, stop)
        mark = access.CURRENT.set(who)
        try:
            response = await call_next(request)
        finally:
            access.CURRENT.reset(mark)
        if who is not None and (who.touched or who.refused):
            await run_in_threadpool(_audit, st, who, request, response.status_code)
        return security.finish(request, response)

    _answer_refusals(app)

    app.include_router(signin.router)
    app.include_router(signin.pages)
    app.include_router(api.router)
    app.include_router(api_log.router)
    app.include_router(pages.router)
    app.include_router(pages_log.router)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    return app


def _audit(st, who: access.Principal, request: Request, status: int) -> None:
    with st.sessions.begin() as s:
        audit.record_request(s, who, request, status, st.web)


def _flush(queue) -> None:
    """Huey's own queue is rebuilt from the database (the truth); stale entries would only be
    refused by the claim, but need not wait in line."""
    flush = getattr(getattr(queue, "huey", None), "flush", None)
    if flush:
        flush()


SWEEP_EVERY_S = 3600.0  # uploads no assessment uses are swept once a day old, looked for hourly


def _watch_silent_workers(made, web: WebSettings, queue, store: Store) -> None:
    """While serving: a job whose worker went silent (killed, crashed) is queued again; every hour
    the uploads never attached to an assessment for a day are deleted."""

    def loop() -> None:
        swept_at = time.monotonic()
        while True:
            time.sleep(SILENT_S / 2)
            for assessment_id in recover(made, web, silent_only=True):
                queue.put(assessment_id, web)
            if time.monotonic() - swept_at >= SWEEP_EVERY_S:
                swept_at = time.monotonic()
                _sweep(made, store)
                store.clear_incoming(running_ids(made))

    threading.Thread(target=loop, daemon=True, name="backstride-job-watch").start()


def _sweep(made, store: Store) -> None:
    from backstride.web.services import sweep_unattached

    with made.begin() as s:
        sweep_unattached(s, store)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("backstride")
    except PackageNotFoundError:
        return "0"


def _answer_refusals(app: FastAPI) -> None:
    """Every refusal answered in one place: a page for a person's browser, JSON for the API
    (with the fields a 422 is about); 405s with their Allow header."""

    @app.exception_handler(BackstrideError)
    async def refused(request: Request, exc: BackstrideError) -> Response:
        status = api.status_for(exc)
        if pages.wants_page(request):
            return pages.error_page(request, status, str(exc))
        fields = list(getattr(exc, "fields", ()) or ())
        return JSONResponse({"detail": str(exc), **({"fields": fields} if fields else {})}, status_code=status)

    @app.exception_handler(404)
    async def not_found(request: Request, exc) -> Response:
        detail = getattr(exc, "detail", "not found")
        if pages.wants_page(request):
            return pages.error_page(request, 404, "no such page" if detail == "Not Found" else str(detail))
        return JSONResponse({"detail": detail}, status_code=404)

    routers = (signin.router, signin.pages, api.router, api_log.router, pages.router, pages_log.router)
    own_routes = [r for router in routers for r in router.routes]

    @app.exception_handler(405)
    async def not_allowed(request: Request, exc) -> JSONResponse:
        """Allow: every method of every route at this path (each method is its own route)."""
        from starlette.routing import Match

        allowed: set[str] = set()
        for route in [*app.router.routes, *own_routes]:  # included routers' routes are wrapped: read them here
            match, _ = route.matches({**request.scope, "method": "GET", "type": "http"})
            if match != Match.NONE:
                allowed |= set(getattr(route, "methods", None) or ())
        allow = ", ".join(sorted(allowed - {"HEAD"}))
        detail = f"{request.method} is not allowed here (allowed: {allow})"
        return JSONResponse({"detail": detail}, status_code=405, headers={"Allow": allow})
