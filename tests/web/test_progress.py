"""What the progress bar and the time left say (web.services.progress): the bar counts the stages
after the pose model (the frame scan, the annotated videos, the report: about half the work,
docs/performance.md), and a time left appears only once enough frames are done to say it (one
frame after the model's start-up gave "80 min")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backstride.store.models import Assessment, now
from backstride.web.services import progress


def job(done: int, total: int, elapsed_s: float, stage: str = "tracking the body: side clip") -> Assessment:
    return Assessment(state="running", stage=stage, frames_done=done, frames_total=total, attempts=1,
                      started_at=now() - timedelta(seconds=elapsed_s))  # fmt: skip


def test_no_time_left_from_the_first_frames():
    assert progress(job(1, 1000, 4.0))["seconds_left"] is None  # the model's start-up, one frame
    assert progress(job(20, 1000, 8.0))["seconds_left"] is None  # under 5 % of the frames


def test_the_time_left_counts_the_work_after_the_pose_model():
    """300 of 1000 frames in 30 s: the pose is 30 % done and half the work, so 15 % of the whole:
    170 s left (not the 70 s the frames alone would say)."""
    p = progress(job(300, 1000, 30.0))
    assert p["share_done"] == pytest.approx(0.15)
    assert p["seconds_left"] == pytest.approx(170, abs=1)


@pytest.mark.parametrize(
    ("stage", "share"),
    [("measuring the steps: side clip", 0.55), ("writing annotated side video", 0.7), ("writing report", 0.85)],
)
def test_the_bar_moves_through_the_stages_after_the_pose_model(stage, share):
    assert progress(job(1000, 1000, 60.0, stage))["share_done"] == pytest.approx(share)
