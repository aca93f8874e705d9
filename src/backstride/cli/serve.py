"""``backstride serve``: the local web app and its analysis workers."""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import replace
from typing import Annotated

import typer

from backstride.cli.common import DataDir, console, fail
from backstride.errors import BackstrideError
from backstride.settings import WebSettings, web_from_environment


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback needs the printed token")] = (
        WebSettings.host
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = WebSettings.port,
    data_dir: DataDir = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Analyses run at once")] = WebSettings.workers,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Hand the analyses to this Dask cluster (tcp://HOST:8786) instead of local workers"),
    ] = None,
) -> None:
    """Start the web app: upload clips, answer the questionnaire, read reports, keep runners' history."""
    import uvicorn

    from backstride.errors import Invalid
    from backstride.web.app import create_app
    from backstride.web.security import new_token, weak_token

    web = web_from_environment(replace(WebSettings(), host=host, port=port, workers=workers, scheduler=scheduler))
    if data_dir is not None:
        web = replace(web, data_dir=data_dir)
    if not web.loopback:
        given = os.environ.get("BACKSTRIDE_TOKEN")
        if given and (why := weak_token(given)):
            raise fail(
                Invalid(
                    f"BACKSTRIDE_TOKEN: too easy to guess ({why}); unset it to have one made at start, or set one "
                    "from: python -c 'import secrets; print(secrets.token_urlsafe(24))'"
                )
            )
        web = replace(web, token=given or new_token())
    try:
        web.data_dir.mkdir(parents=True, exist_ok=True)
        app = create_app(web)
    except (OSError, BackstrideError) as exc:
        raise fail(exc) from None
    console.print(f"backstride is at [bold]http://{_shown(web.host)}:{web.port}/[/] (data: {web.data_dir})")
    console.print(token_line(web), highlight=False)
    if web.scheduler:
        console.print(f"analyses run on the Dask cluster at {web.scheduler}", highlight=False)
        uvicorn.run(app, host=web.host, port=web.port, log_level="warning")
        return
    worker = multiprocessing.get_context("spawn").Process(target=_workers, args=(web,), name="backstride-workers")
    worker.start()
    try:
        uvicorn.run(app, host=web.host, port=web.port, log_level="warning")
    finally:
        if worker.pid:
            os.kill(worker.pid, signal.SIGINT)  # huey's graceful stop: running analyses finish their step
        worker.join(timeout=10)
        if worker.is_alive():
            worker.kill()


def _workers(web: WebSettings) -> None:
    from backstride.web.jobs import run_consumer

    run_consumer(web)


def token_line(web: WebSettings) -> str:
    if web.loopback:
        return "Only this computer can open it (listening on loopback). Ctrl+C stops it."
    return (
        f"Listening on {web.host}: other machines on the network can reach it, so every request needs "
        f"this access token. Open http://<this machine>:{web.port}/?token={web.token} once in the browser. "
        "Ctrl+C stops it."
    )


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host
