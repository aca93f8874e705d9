"""The web app in-process (a TestClient on loopback), its queue replaced by a list the tests run
by hand with :func:`backstride.web.jobs.run_job` (the real worker code, in this process)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from backstride.settings import CACHE_ENV, WebSettings


@dataclass
class ListQueue:
    """Stands in for huey's queue: remembers what was queued."""

    items: list[str] = field(default_factory=list)

    def put(self, assessment_id: str, web: WebSettings) -> None:
        self.items.append(assessment_id)


@dataclass
class Web:
    client: object
    web: WebSettings
    queue: ListQueue
    csrf: dict

    def run_queued(self) -> None:
        from backstride.web.jobs import run_job

        while self.queue.items:
            run_job(self.queue.items.pop(0), self.web)


def make_web(
    data_dir: Path, *, host: str = "127.0.0.1", database_url: str | None = None, web_settings: dict | None = None,
    **settings,
) -> Web:  # fmt: skip
    from fastapi.testclient import TestClient

    from backstride.settings import DEFAULT
    from backstride.web.app import create_app

    web = replace(WebSettings(), data_dir=data_dir, host=host, database_url=database_url, **(web_settings or {}))
    queue = ListQueue()
    analysis = replace(DEFAULT, video=replace(DEFAULT.video, **settings)) if settings else DEFAULT
    client = TestClient(create_app(web, analysis, queue=queue, watch=False), base_url="http://127.0.0.1")
    csrf = client.get("/api/session").json().get("csrf_token", "")  # off loopback without accounts: refused
    return Web(client, web, queue, {"X-CSRF-Token": csrf})


@pytest.fixture
def app(tmp_path, pose_cache, monkeypatch, database_url) -> Web:
    """The app on each store: SQLite in its data folder (the default) and a PostgreSQL database."""
    monkeypatch.setenv(CACHE_ENV, str(pose_cache))
    return make_web(tmp_path / "data", database_url=database_url if database_url.startswith("postgresql") else None)


@pytest.fixture(scope="session")
def synthetic_side_clip(tmp_path_factory) -> Path:
    """A 4 s side clip of the synthetic runner (cadence 170 steps/min), small and quick."""
    from backstride.synth.clip import render_clip
    from backstride.synth.model import RunnerParams
    from backstride.synth.render import Camera

    clip = tmp_path_factory.mktemp("web-clip") / "side.mp4"
    render_clip(RunnerParams(), Camera("side-left", width=360, height=640, px_per_m=280.0), clip, fps=30.0,
                duration_s=4.0)  # fmt: skip
    return clip
