"""Lines drawn over the shared treadmill clip: a coach's plumb line through the body and a
diagonal across the legs (4 and 3 px, drawn on every frame after the runner).

Truth is what was drawn. Analysed as they are, both give numbers that are wrong, not merely
noisy: the plumb line was refused for overlapping contacts ("film at a higher frame rate"),
the diagonal was reported with the near foot's contact time 37 ms longer and the far knee at
contact 4.5 deg more bent than the same clip without it (302 -> 339 ms; 4.4 -> 8.9 deg). Both
must be refused, naming the drawn line and where it is. The unaltered clip must pass the same
check (test_videos.py analyses it with refusal on).
"""

import re

import cv2
import pytest

from backstride.app.pipeline import analyse_clip
from backstride.errors import CaptureError
from tests.clips import transform

pytestmark = pytest.mark.slow


def plumb_line(_i, rgb):
    rgb = rgb.copy()
    cv2.line(rgb, (300, 0), (300, rgb.shape[0]), (255, 0, 0), 4)
    return rgb


def diagonal(_i, rgb):
    rgb = rgb.copy()
    h = rgb.shape[0]
    cv2.line(rgb, (100, int(0.55 * h)), (600, int(0.95 * h)), (255, 255, 255), 3)
    return rgb


@pytest.mark.parametrize(("drawing", "x_range"), [(plumb_line, (296, 304)), (diagonal, (100, 600))])
def test_a_line_drawn_over_the_runner_refuses_the_clip(shared_data, tmp_path, settings, drawing, x_range):
    clip = transform(shared_data / "videos" / "treadmill_side_30fps.mp4", tmp_path / "drawn.mp4", drawing)
    with pytest.raises(CaptureError, match=r"line drawn over runner \d\.\d+ torso lengths .*without drawings") as err:
        analyse_clip(clip, role="side", settings=settings)
    assert "overlapping" not in str(err.value)  # the cause, not a symptom
    where = re.search(r"from \((\d+), (\d+)\) to \((\d+), (\d+)\) px", str(err.value))
    xs = sorted(int(where.group(k)) for k in (1, 3))  # the part of the line the limbs cross
    assert x_range[0] - 5 <= xs[0] <= xs[1] <= x_range[1] + 5, (xs, x_range)
