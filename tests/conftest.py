"""Shared fixtures: the real data beside the repository, a session-wide pose cache, clip makers."""

from __future__ import annotations

import os
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
