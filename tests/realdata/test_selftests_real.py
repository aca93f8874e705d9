"""Real people not doing a self-test (running on a treadmill, walking past, from the shared clips)
are refused, each test in its own words, never measured: a runner's trunk swings against the
legs every stride and could pass for repetitions of a back extension or a raised leg."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backstride.app.check import check_clip
from backstride.errors import NotAsGuidedError
from backstride.settings import DEFAULT

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


@pytest.mark.parametrize("clip", ["treadmill_side_30fps.mp4", "walking_side_30fps.mp4"])
@pytest.mark.parametrize("test", ["sorensen", "flexor", "slr", "back-extension"])
def test_an_upright_person_is_refused_as_upright(shared_data, pose_cache, clip, test):
    settings = replace(DEFAULT, pose=replace(DEFAULT.pose, cache_dir=pose_cache))
    with pytest.raises(NotAsGuidedError, match="upright") as exc:
        check_clip(shared_data / "videos" / clip, test, settings)
    assert f"--guide --test {test}" in str(exc.value)
