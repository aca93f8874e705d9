"""A filmed self-test from file to result: probe the clip, run the pose model, measure the test
(bodycheck/), write check.json and a picture of each frame a result came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from backstride import __version__
from backstride.bodycheck.bridge import measure_glute_bridge
from backstride.bodycheck.catalogue import TESTS, SelfTest
from backstride.bodycheck.deadlift import measure_single_leg_deadlift
from backstride.bodycheck.deadlift_behind import measure_single_leg_deadlift_from_behind
from backstride.bodycheck.flexor import measure_flexor
from backstride.bodycheck.form import measure_back_extension
from backstride.bodycheck.leg_raise import measure_leg_raise
from backstride.bodycheck.side_bridge import measure_side_bridge
from backstride.bodycheck.sorensen import measure_sorensen
from backstride.bodycheck.squat import measure_single_leg_squat
from backstride.bodycheck.thomas import measure_thomas
from backstride.bodycheck.towel import measure_towel_stretch
from backstride.clean.gaps import gate_by_visibility
from backstride.core.bodycheck import AngleResult, FormResult, HoldResult, RepVerdict, SquatResult
from backstride.core.check_file import CheckFile, NormValue
from backstride.core.trajectory import Trajectory
from backstride.errors import Invalid
from backstride.pose.run import RawPose
from backstride.settings import DEFAULT, BodyCheckSettings, Settings
from backstride.video.probe import Probe

CheckResult = HoldResult | AngleResult | FormResult | SquatResult
MEASURES: dict[str, Callable[[Trajectory, str, BodyCheckSettings], CheckResult]] = {
    "sorensen": measure_sorensen,
    "flexor": measure_flexor,
    "side-bridge": measure_side_bridge,
    "slr": measure_leg_raise,
    "thomas": measure_thomas,
    "back-extension": measure_back_extension,
    "glute-bridge": measure_glute_bridge,
    "single-leg-squat": measure_single_leg_squat,
    "single-leg-deadlift": measure_single_leg_deadlift,
    "towel-stretch": measure_towel_stretch,
}
#: A side-view test whose clip filmed from behind shows another criterion, measured so.
FROM_BEHIND: dict[str, Callable[[Trajectory, str, BodyCheckSettings], CheckResult]] = {
    "single-leg-deadlift": measure_single_leg_deadlift_from_behind,
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
    frames = info.n_frames or round(info.duration_s * info.fps)
    if on_total:
        on_total(frames * (2 if test.mirror_pose else 1))
    raw, _ = run_pose(info, settings, on_frames)
    if test.mirror_pose:  # a pose model reads a knee seen from behind unevenly left and right
        raw = _with_mirror_image(info, raw, settings, frames, on_frames)
    require_person(
        raw.xy_px, settings, f"{info.path}: no person found in",
        f"of the frames; film your whole body, head to feet, in good light (backstride check --guide --test {name})",
    )  # fmt: skip
    whole = Trajectory(xy_px=raw.xy_px, visibility=raw.visibility, time_s=raw.time_s, fps_nominal=info.fps)
    traj = gate_by_visibility(whole, min_visibility=settings.clean.min_visibility)
    measure = MEASURES[name]
    if name in FROM_BEHIND and _from_behind(traj):
        traj, measure = _with_tape(info, traj, settings, tipped=True), FROM_BEHIND[name]
    elif test.pelvis_tape:
        traj = _with_tape(info, traj, settings)
    elif test.spine_tape or test.leg_tape:
        traj = _with_side_tape(info, traj, test)
    result = measure(traj, str(clip), settings.bodycheck)
    return Checked(test, Path(clip), result, traj, info.rotation_deg)


def _with_mirror_image(
    info: Probe, raw: RawPose, settings: Settings, offset: int, on_frames: Callable[[int], None] | None
) -> RawPose:
    """``raw`` averaged with the pose model's reading of the mirror image (pose/mirror.py)."""
    from dataclasses import replace

    from backstride.app.pipeline import run_pose
    from backstride.pose.mirror import average

    mirrored, _ = run_pose(info, settings, (lambda n: on_frames(offset + n)) if on_frames else None, mirrored=True)
    if mirrored.xy_px.shape != raw.xy_px.shape:
        return raw  # another frame count: the decoder disagreed with itself; keep the first reading
    xy, vis = average(raw.xy_px, raw.visibility, mirrored.xy_px, mirrored.visibility)
    return replace(raw, xy_px=xy, visibility=vis)


def _from_behind(traj: Trajectory) -> bool:
    from backstride.person.view import FRONTAL_SHOULDER_RATIO, detect_view

    return detect_view(traj).shoulder_ratio > FRONTAL_SHOULDER_RATIO


def _with_tape(info: Probe, traj: Trajectory, settings: Settings, *, tipped: bool = False) -> Trajectory:
    """The tape over the PSIS as two more points, where the clip has it (one more pass over the frames);
    ``tipped``: a body tipping forward (video/markers.py)."""
    from backstride.video.markers import marker_tracker, with_markers
    from backstride.video.reader import feed

    if not settings.pose.find_pelvis_markers:
        return traj
    tracker = marker_tracker(info, traj.xy_px, traj.keypoints, tipped=tipped)
    if tracker is None:
        return traj
    feed(info.path, [tracker], rotation_deg=info.rotation_deg)
    markers = tracker.result()
    return with_markers(traj, markers) if markers is not None else traj


def _with_side_tape(info: Probe, traj: Trajectory, test: SelfTest) -> Trajectory:
    """The tape a side-view test asks for (across the spine, or on a leg) as more points, where the clip
    has it (two more passes over the frames)."""
    from backstride.video import leg_tape, spine_tape

    names: tuple[str, ...]
    if test.spine_tape:
        tape, names = spine_tape.scan_spine_tape(info, traj.xy_px, traj.keypoints), spine_tape.NAMES
    else:
        tape = leg_tape.scan_leg_tape(info, traj.xy_px, traj.keypoints, other_knee=test.other_knee_tape)
        names = leg_tape.NAMES + ((leg_tape.OTHER_KNEE,) if test.other_knee_tape else ())
    return traj.with_points(names, tape.xy_px) if tape is not None else traj


def pictures(result: CheckResult) -> tuple[Picture, ...]:
    """The frames shown: a hold's end; each leg's highest raise; each faulty repetition's top and
    the first one done right."""
    if isinstance(result, FormResult) and result.test == "towel-stretch":
        first_right = next((r.number for r in result.reps if r.right), None)
        return tuple(
            Picture(f"check-hold{r.number}.jpg", r.top_s,
                    f"hold {r.number}: {towel_figures(r)}; {', '.join(r.faults) or 'done right'}", "towel")
            for r in result.reps
            if r.faults or r.number == first_right
        )  # fmt: skip
    if isinstance(result, FormResult) and result.test == "single-leg-deadlift":
        first_right = next((r.number for r in result.reps if r.right), None)
        return tuple(
            Picture(
                f"check-rep{r.number}.jpg",
                r.top_s,
                f"rep {r.number}: {deadlift_figures(r)}; {', '.join(r.faults) or 'done right'}",
                "deadlift" if r.pelvis_tilt_deg is None else "deadlift-behind",
            )  # fmt: skip
            for r in result.reps
            if r.faults or r.number == first_right
        )
    if isinstance(result, FormResult):
        first_right = next((r.number for r in result.reps if r.right), None)
        return tuple(_rep_picture(result.test, r) for r in result.reps if r.faults or r.number == first_right)
    if isinstance(result, SquatResult):
        return tuple(_squat_picture(result, leg.leg) for leg in result.legs)
    if isinstance(result, HoldResult):
        held = f"{'at least ' if not result.ended else ''}{result.seconds:.1f} s held"
        return (
            Picture("check.jpg", result.picture_time_s, f"{held}: the hold ends here ({result.picture_time_s:.1f} s)"),
        )
    if result.test == "thomas":
        return tuple(
            Picture(
                f"check-{a.leg}.jpg",
                a.time_s,
                f"{a.leg} thigh {round(a.angle_deg):+d} deg below the trunk's "
                f"line, knee bent {a.knee_flexion_deg:.0f} deg",
                "thomas",
            )  # fmt: skip
            for a in result.legs
        )
    return tuple(
        Picture(f"check-{a.leg}.jpg", a.time_s, f"{a.leg} leg: {a.angle_deg:.0f} degrees ({a.time_s:.1f} s)", a.leg)
        for a in result.legs
    )


def _rep_picture(test: str, r: RepVerdict) -> Picture:
    """A back extension's or a glute bridge's repetition at its top; one whose lower back rounded, at its
    most rounded moment on the way down (what the runner needs to see)."""
    bridge = test == "glute-bridge"
    faults = ", ".join(r.faults) or "done right"
    if "lower back" in r.faults and r.lumbar_at_s is not None and r.lumbar_change_deg is not None:
        said = f"rep {r.number}: the lower back {r.lumbar_change_deg:.0f} deg rounder than at the top; {faults}"
        return Picture(f"check-rep{r.number}.jpg", r.lumbar_at_s, said)
    line = "the shoulders-knees line" if bridge else "the legs' line"
    said = f"rep {r.number}: the top {abs(r.top_deg):.0f} deg {'past' if r.top_deg < 0 else 'below'} {line}; {faults}"
    return Picture(f"check-rep{r.number}.jpg", r.top_s, said, "bridge" if bridge else None)


def deadlift_figures(r: RepVerdict) -> str:
    """A single-leg deadlift's repetition in figures, as the picture and the command say it."""
    if r.pelvis_tilt_deg is not None:  # from behind: the tip is only estimated (bodycheck/deadlift_behind.py)
        up = "left" if r.pelvis_tilt_deg > 0 else "right"
        turned = round(abs(r.pelvis_tilt_deg))
        return f"pelvis turned {turned} deg, {up} side up" if turned else "pelvis level"
    said = [f"tipped {r.top_deg:.0f} deg"]
    if r.leg_below_back_deg is not None:
        said.append(f"free leg {round(r.leg_below_back_deg):+d} deg below the back's line")
    if r.lumbar_change_deg is not None:
        said.append(f"lower back {round(r.lumbar_change_deg):+d} deg rounder than standing")
    return ", ".join(said)


def towel_figures(r: RepVerdict) -> str:
    """A towel stretch's hold in figures, as the picture and the command say it."""
    said = [f"held {r.held_s or 0.0:.0f} s", f"leg {r.top_deg:.0f} deg up"]
    if r.knee_bend_deg is not None:
        said.append(f"knee bent {r.knee_bend_deg:.0f} deg")
    other = r.other_thigh_deg
    said.append(f"other thigh {other:.0f} deg off the floor" if other is not None else "other leg not seen")
    return ", ".join(said)


def _squat_picture(result: SquatResult, leg: str) -> Picture:
    """A leg's worst repetition (the knee furthest inside), at its deepest point."""
    rep = max((r for r in result.reps if r.leg == leg), key=lambda r: (r.knee_in_deg, r.pelvis_drop_deg))
    label = (
        f"{leg} leg, rep {rep.number}: knee {rep.knee_in_deg:+.0f} deg inside, pelvis {rep.pelvis_drop_deg:+.0f} deg; "
        f"{', '.join(rep.faults) or 'done right'}"
    )
    return Picture(f"check-{leg}.jpg", rep.bottom_s, label, f"squat-{leg}")


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
        squat=r if isinstance(r, SquatResult) else None,
        norms=[NormValue(**asdict(n)) for n in test.norms], reliability=test.reliability, meaning=test.meaning,
        evidence_grade=test.evidence_grade, pictures=[p.file for p in shown],
    )  # fmt: skip
    (out / RESULT_FILE).write_text(doc.model_dump_json(indent=1))
    _write_pictures(checked, shown, out)
    return (out / RESULT_FILE, *(out / p.file for p in shown))


def _write_pictures(checked: Checked, shown: tuple[Picture, ...], out: Path) -> None:
    import cv2

    from backstride.report.check_picture import draw_check
    from backstride.report.pictures import read_frames
    from backstride.video.markers import NAMES as PELVIS_TAPE

    traj = checked.trajectory
    rows = [_row_near(traj, p.time_s, PELVIS_TAPE if p.leg == "deadlift-behind" else ()) for p in shown]
    frames = [int(round(float(traj.frame_index[row]))) for row in rows]  # type: ignore[index]
    images = read_frames(checked.clip, frames, checked.rotation_deg)
    for p, row, frame in zip(shown, rows, frames, strict=True):
        cv2.imwrite(str(out / p.file), draw_check(images[frame], traj.xy_px[row], traj.keypoints, p.label, p.leg))


def _row_near(traj: Trajectory, time_s: float, needs: tuple[str, ...]) -> int:
    """The frame nearest ``time_s`` where the points ``needs`` (the measured tape) were found."""
    import numpy as np

    away = np.abs(traj.time_s - time_s)
    for name in needs:
        if name in traj.keypoints:
            away = np.where(np.isfinite(traj.point(name)[:, 0]), away, np.inf)
    return int(np.argmin(away)) if np.isfinite(away).any() else int(np.argmin(np.abs(traj.time_s - time_s)))
