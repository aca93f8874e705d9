"""A filmed self-test from file to result: probe the clip, run the pose model, measure the test
(bodycheck/), write check.json and a picture of each frame a result came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from backstride import __version__
from backstride.bodycheck.catalogue import TESTS, SelfTest
from backstride.bodycheck.flexor import measure_flexor
from backstride.bodycheck.form import measure_back_extension
from backstride.bodycheck.leg_raise import measure_leg_raise
from backstride.bodycheck.sorensen import measure_sorensen
from backstride.clean.gaps import gate_by_visibility
from backstride.core.bodycheck import AngleResult, FormResult, HoldResult
from backstride.core.check_file import CheckFile, NormValue
from backstride.core.trajectory import Trajectory
from backstride.errors import Invalid
from backstride.settings import DEFAULT, BodyCheckSettings, Settings

CheckResult = HoldResult | AngleResult | FormResult
MEASURES: dict[str, Callable[[Trajectory, str, BodyCheckSettings], CheckResult]] = {
    "sorensen": measure_sorensen,
    "flexor": measure_flexor,
    "slr": measure_leg_raise,
    "back-extension": measure_back_extension,
}
RESULT_FILE = "check.json"


@dataclass(frozen=True)
class Checked:
    test: SelfTest
    clip: Path
    result: CheckResult
    trajectory: Trajectory  # the keypoints the result was measured on (visibility-gated)
    rotation_deg: int | None


@dataclass(frozen=True)
class Picture:
    """A frame a result was read at: its file, its time and its label; ``leg``: the leg measured."""

    file: str
    time_s: float
    label: str
    leg: str | None = None


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
    from backstride.app.pipeline import require_person, run_pose
    from backstride.video import probe

    test = self_test(name)
    info = probe(Path(clip), settings.video)
    if on_total:
        on_total(info.n_frames or round(info.duration_s * info.fps))
    raw, _ = run_pose(info, settings, on_frames)
    require_person(
        raw.xy_px, settings, f"{info.path}: no person found in",
        f"of the frames; film your whole body, head to feet, in good light (backstride check --guide --test {name})",
    )  # fmt: skip
    whole = Trajectory(xy_px=raw.xy_px, visibility=raw.visibility, time_s=raw.time_s, fps_nominal=info.fps)
    traj = gate_by_visibility(whole, min_visibility=settings.clean.min_visibility)
    result = MEASURES[name](traj, str(clip), settings.bodycheck)
    return Checked(test, Path(clip), result, traj, info.rotation_deg)


def pictures(result: CheckResult) -> tuple[Picture, ...]:
    """The frames shown: a hold's end; each leg's highest raise; each faulty repetition's top and
    the first one done right."""
    if isinstance(result, FormResult):
        first_right = next((r.number for r in result.reps if r.right), None)
        return tuple(
            Picture(
                f"check-rep{r.number}.jpg",
                r.top_s,
                f"rep {r.number}: the top {abs(r.top_deg):.0f} deg {'past' if r.top_deg < 0 else 'below'} the legs' "
                f"line; {', '.join(r.faults) or 'done right'}",
            )  # fmt: skip
            for r in result.reps
            if r.faults or r.number == first_right
        )
    if isinstance(result, HoldResult):
        held = f"{'at least ' if not result.ended else ''}{result.seconds:.1f} s held"
        return (
            Picture("check.jpg", result.picture_time_s, f"{held}: the hold ends here ({result.picture_time_s:.1f} s)"),
        )
    return tuple(
        Picture(f"check-{a.leg}.jpg", a.time_s, f"{a.leg} leg: {a.angle_deg:.0f} degrees ({a.time_s:.1f} s)", a.leg)
        for a in result.legs
    )


def write_check(checked: Checked, out: Path) -> tuple[Path, ...]:
    """check.json (the result, what it means and its sources) and the pictures; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    test = checked.test
    shown = pictures(checked.result)
    r = checked.result
    doc = CheckFile(
        backstride_version=__version__, test=test.name, title=test.title, clip=checked.clip.name, unit=test.unit,
        measured=test.measured, hold=r if isinstance(r, HoldResult) else None,
        angle=r if isinstance(r, AngleResult) else None, form=r if isinstance(r, FormResult) else None,
        norms=[NormValue(**asdict(n)) for n in test.norms], reliability=test.reliability, meaning=test.meaning,
        evidence_grade=test.evidence_grade, pictures=[p.file for p in shown],
    )  # fmt: skip
    (out / RESULT_FILE).write_text(doc.model_dump_json(indent=1))
    _write_pictures(checked, shown, out)
    return (out / RESULT_FILE, *(out / p.file for p in shown))


def _write_pictures(checked: Checked, shown: tuple[Picture, ...], out: Path) -> None:
    import cv2
    import numpy as np

    from backstride.report.check_picture import draw_check
    from backstride.report.pictures import read_frames

    traj = checked.trajectory
    rows = [int(np.argmin(np.abs(traj.time_s - p.time_s))) for p in shown]
    frames = [int(round(float(traj.frame_index[row]))) for row in rows]  # type: ignore[index]
    images = read_frames(checked.clip, frames, checked.rotation_deg)
    for p, row, frame in zip(shown, rows, frames, strict=True):
        cv2.imwrite(str(out / p.file), draw_check(images[frame], traj.xy_px[row], traj.keypoints, p.label, p.leg))
