"""The real ``backstride serve`` in a subprocess, in its own process group, on a free port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(
    data: Path, port: int, cache: Path, *, args: tuple[str, ...] = (), env: dict[str, str] | None = None
) -> subprocess.Popen:
    """``backstride serve`` with ``args`` (e.g. --workers 2, --scheduler ...) and ``env`` added
    (e.g. BACKSTRIDE_DATABASE_URL), answering on ``port``."""
    env = {**os.environ, "BACKSTRIDE_CACHE_DIR": str(cache), **(env or {})}
    command = [str(Path(sys.executable).parent / "backstride"), "serve", "--port", str(port), "--data-dir", str(data),
               *args]  # fmt: skip
    log_path = data.parent / f"serve-{port}-{time.time():.0f}.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/session", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.3)
    kill(server)
    pytest.fail(f"the server did not start: {log_path.read_text()[-2000:]}")


def kill(server: subprocess.Popen) -> None:
    """SIGKILL the server with its consumer and workers (one process group)."""
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait(timeout=10)
