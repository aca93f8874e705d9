"""``backstride serve``: the local web app and its analysis workers."""

from __future__ import annotations

import multiprocessing
import os
import signal
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from backstride.cli.common import DataDir, console, fail
from backstride.errors import BackstrideError
from backstride.settings import WebSettings, web_from_environment


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback needs accounts")] = (
        WebSettings.host
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = WebSettings.port,
    data_dir: DataDir = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Analyses run at once")] = WebSettings.workers,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Hand the analyses to this Dask cluster (tcp://HOST:8786) instead of local workers"),
    ] = None,
    tls_cert: Annotated[Path | None, typer.Option(help="Serve HTTPS with this certificate (PEM)")] = None,
    tls_key: Annotated[Path | None, typer.Option(help="...and its private key (PEM)")] = None,
    behind_proxy: Annotated[
        bool, typer.Option(help="A reverse proxy in front serves HTTPS (trust its X-Forwarded-For/-Proto)")
    ] = False,
) -> None:
    """Start the web app: upload clips, answer the questionnaire, read reports, keep runners' history."""
    import uvicorn

    from backstride.web.app import create_app

    web = web_from_environment(replace(WebSettings(), host=host, port=port, workers=workers, scheduler=scheduler,
                                       tls_cert=tls_cert, tls_key=tls_key, behind_proxy=behind_proxy))  # fmt: skip
    if data_dir is not None:
        web = replace(web, data_dir=data_dir)
    try:
        web.data_dir.mkdir(parents=True, exist_ok=True)
        _check_exposure(web)
        app = create_app(web)
    except (OSError, BackstrideError) as exc:
        raise fail(exc) from None
    scheme = "https" if web.tls_cert else "http"
    console.print(f"backstride is at [bold]{scheme}://{_shown(web.host)}:{web.port}/[/] (data: {web.data_dir})")
    console.print(reach_line(web), highlight=False)
    run = partial(
        uvicorn.run, app, host=web.host, port=web.port, log_level="warning",
        ssl_certfile=str(web.tls_cert) if web.tls_cert else None, ssl_keyfile=str(web.tls_key) if web.tls_key else None,
        proxy_headers=web.behind_proxy, forwarded_allow_ips="*" if web.behind_proxy else None,
    )  # fmt: skip
    if web.scheduler:
        console.print(f"analyses run on the Dask cluster at {web.scheduler}", highlight=False)
        run()
        return
    worker = multiprocessing.get_context("spawn").Process(target=_workers, args=(web,), name="backstride-workers")
    worker.start()
    try:
        run()
    finally:
        if worker.pid:
            os.kill(worker.pid, signal.SIGINT)  # huey's graceful stop: running analyses finish their step
        worker.join(timeout=10)
        if worker.is_alive():
            worker.kill()


def _check_exposure(web: WebSettings) -> None:
    """Off loopback: accounts, and HTTPS here or from a proxy in front; a certificate needs its key."""
    from backstride.errors import Invalid

    if (web.tls_cert is None) != (web.tls_key is None):
        raise Invalid("--tls-cert and --tls-key go together: the certificate and its private key (PEM files)")
    for given in (web.tls_cert, web.tls_key):
        if given is not None and not given.is_file():
            raise Invalid(f"{given}: no such file")
    if web.loopback:
        return
    if not _has_accounts(web):
        raise Invalid(
            f"--host {web.host}: other machines could reach every runner's data: add an admin first "
            "('backstride users add NAME --role admin'), then serve (docs/accounts.md)"
        )
    if web.tls_cert is None and not web.behind_proxy:
        raise Invalid(
            f"--host {web.host} without HTTPS would send passwords in the clear: pass --tls-cert and --tls-key, or "
            "put a reverse proxy with HTTPS in front and pass --behind-proxy (docs/accounts.md has a Caddy example)"
        )


def _has_accounts(web: WebSettings) -> bool:
    from backstride.store.db import engine_for, migrate, sessions
    from backstride.web.accounts import has_accounts

    engine = engine_for(web.url)
    migrate(engine)
    with sessions(engine)() as s:
        return has_accounts(s)


def _workers(web: WebSettings) -> None:
    from backstride.web.jobs import run_consumer

    run_consumer(web)


def reach_line(web: WebSettings) -> str:
    if web.loopback:
        return "Only this computer can open it (listening on loopback). Ctrl+C stops it."
    return (
        f"Listening on {web.host}: other machines on the network can reach it; everyone signs in with their "
        "account (backstride users). Ctrl+C stops it."
    )


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host
