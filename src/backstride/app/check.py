"""A filmed self-test from file to result: probe the clip, run the pose model, measure the test
(bodycheck/), write check.json and a picture of the frame the result came from."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from backstride.bodycheck.catalogue import TESTS, SelfTest
from backstride.bodycheck.sorensen import measure_sorensen
from backstride.clean.gaps import gate_by_visibility
from backstride.core.bodycheck import HoldResult
from backstride.core.trajectory import Trajectory
from backstride.errors import Invalid
from backstride.settings import DEFAULT, Settings

MEASURES: dict[str, Callable[[Trajectory, str], HoldResult]] = {"sorensen": measure_sorensen}
RESULT_FILE, PICTURE_FILE = "check.json", "check.jpg"


@dataclass(frozen=True)
class Checked:
    test: SelfTest
    clip: Path
    result: HoldResult
    trajectory: Trajectory  # the keypoints the result was measured on (visibility-gated)
    rotation_deg: int | None


def self_test(name: str) -> SelfTest:
    """The test called ``name``; an unknown one is one line listing those there are."""
    if name not in MEASURES:
        raise Invalid(f"--test {name}: no such self-test; choose one of {', '.join(sorted(MEASURES))}")
    return TESTS[name]


def check_clip(
    clip: Path, name: str, settings: Settings = DEFAULT, *, on_frames: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Checked:  # fmt: skip
    """Measure self-test ``name`` on ``clip``; refusals are ClipRefused with the reason and the fix.
    ``on_total``: the frames the pose model will see, once known; ``on_frames``: frames done."""
    from backstride.app.pipeline import run_pose, to_trajectory
    from backstride.video import probe

    test = self_test(name)
    info = probe(Path(clip), settings.video)
    if on_total:
        on_total(info.n_frames or round(info.duration_s * info.fps))
    raw, _ = run_pose(info, settings, on_frames)
    traj = gate_by_visibility(to_trajectory(raw, info, settings), min_visibility=settings.clean.min_visibility)
    return Checked(test, Path(clip), MEASURES[name](traj, str(clip)), traj, info.rotation_deg)


def write_check(checked: Checked, out: Path) -> Path:
    """check.json (the result, what it means and its sources) and check.jpg (the frame it came from)."""
    out.mkdir(parents=True, exist_ok=True)
    test = checked.test
    doc = {
        "test": test.name,
        "title": test.title,
        "clip": checked.clip.name,
        "result": asdict(checked.result),
        "unit": test.unit,
        "measured": test.measured,
        "norms": [asdict(n) for n in test.norms],
        "reliability": test.reliability,
        "meaning": test.meaning,
        "evidence_grade": test.evidence_grade,
    }
    (out / RESULT_FILE).write_text(json.dumps(doc, indent=1))
    _write_picture(checked, out / PICTURE_FILE)
    return out / RESULT_FILE


def _write_picture(checked: Checked, path: Path) -> None:
    """The frame where the hold ended (or the last one held), its lines drawn."""
    import cv2
    import numpy as np

    from backstride.report.check_picture import draw_hold
    from backstride.report.pictures import read_frames

    traj, r = checked.trajectory, checked.result
    row = int(np.argmin(np.abs(traj.time_s - r.picture_time_s)))
    frame = int(round(float(traj.frame_index[row])))  # type: ignore[index]
    rgb = read_frames(checked.clip, [frame], checked.rotation_deg)[frame]
    label = f"{'at least ' if not r.ended else ''}{r.seconds:.1f} s held: the hold ends here ({r.picture_time_s:.1f} s)"
    cv2.imwrite(str(path), draw_hold(rgb, traj.xy_px[row], traj.keypoints, label))
