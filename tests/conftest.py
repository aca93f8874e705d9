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
        pytest.skip(f"real test data not found at {SHARED_DATA} (it lives beside the repository)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def pose_cache(tmp_path_factory) -> Path:
    """One pose cache for the whole run: each real clip is posed once."""
    return tmp_path_factory.mktemp("pose-cache")


@pytest.fixture(scope="session")
def settings(pose_cache: Path) -> Settings:
    return replace(DEFAULT, pose=replace(DEFAULT.pose, cache_dir=pose_cache))
