"""Shared fixtures: the real data beside the repository, a session-wide pose cache, clip makers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from backstride.settings import DEFAULT, Settings

hypothesis_settings.register_profile("ci", derandomize=True)  # CI: the same examples every run
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        message = f"real test data not found at {SHARED_DATA} (it lives beside the repository)"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must run every test")
        pytest.skip(message)
    return SHARED_DATA


@pytest.fixture(scope="session")
def pose_cache(tmp_path_factory) -> Path:
    """One pose cache for the whole run, shared by pytest-xdist's workers (entries are written
    atomically): each real clip is posed once."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "pose-cache"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def settings(pose_cache: Path) -> Settings:
    return replace(DEFAULT, pose=replace(DEFAULT.pose, cache_dir=pose_cache))


def pytest_collection_modifyitems(config, items):
    """A test that reads ../shared/data is marked realdata, so `make test-fast` can leave it out."""
    for item in items:
        if "shared_data" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.realdata)


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for this test process (tests/postgres.py), or a skip saying why not."""
    from tests.postgres import server, why_not

    reason = why_not()
    if reason:
        pytest.skip(reason)
    with server() as admin_url:
        yield admin_url


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:
    """An empty database of its own on the throwaway server."""
    from tests.postgres import database

    with database(postgres_server) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """The store's database, each test run on both: SQLite (the default) and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store_on_both(database_url, monkeypatch) -> str:
    """The commands' store (``log``, ``experiment``) on each database: SQLite in the data folder,
    then PostgreSQL through BACKSTRIDE_DATABASE_URL (as a clinic's server sets it)."""
    if database_url.startswith("postgresql"):
        monkeypatch.setenv("BACKSTRIDE_DATABASE_URL", database_url)
    else:
        monkeypatch.delenv("BACKSTRIDE_DATABASE_URL", raising=False)
    return database_url
