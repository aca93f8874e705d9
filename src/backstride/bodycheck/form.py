"""Form check of the plan's exercises: each repetition judged against the exercise's criteria,
and a verdict a runner understands (pure: a trajectory in, a result out).

Back extension on a bench, from the side: the trunk's angle to the legs' line (the legs lie on
the bench, so the phone's roll cancels). Criteria, each with what the runner is told:
* ``arched``: at the top the trunk goes past the line of the legs by more than ``over_max_deg``
  (overextension: the top is a straight body, not an arch);
* ``short``: the top stays more than ``short_of_line_deg`` below the line (a partial repetition);
* ``rushed``: the lift or the lowering (10-90 % of the range) takes less than ``min_phase_s``;
* ``lower back``: with three strips of tape across the spine (bodycheck/lumbar.py), the lower back
  rounder on the way down to the bottom after the repetition than at its top by more than the lumbar
  band: the movement came from the lower back, not the hips.
Without the tape whether the movement comes from the hips or from the lower back is not visible in
a skeleton: the result says it was not checked.
"""

from __future__ import annotations

import numpy as np

from backstride.bodycheck.catalogue import BACK_EXTENSION
from backstride.bodycheck.lumbar import has_spine_tape, lumbar_bend_deg, tape_too_small
from backstride.bodycheck.reps import RepTiming, find_reps
from backstride.bodycheck.segments import trunk_below_legs_deg
from backstride.bodycheck.sorensen import require_on_the_bench
from backstride.core.bodycheck import FormResult, RepVerdict
from backstride.core.trajectory import Trajectory
from backstride.errors import NotAsGuidedError
from backstride.settings import BodyCheckSettings, RepRule

SETTINGS = BodyCheckSettings()
#: Each fault: what went wrong, and what to do instead (in the runner's words).
FAULTS = {
    "arched": (
        "you arched past the line of your legs at the top",
        "stop when your body is straight, in line with your legs",
    ),
    "short": ("you stopped short of the line of your legs", "come up until your body is straight"),
    "rushed": ("the movement was rushed", "take about 2 seconds up and 2 seconds down"),
    "lower back": (
        "the movement came from your lower back, not your hips: it rounded at the bottom and straightened to lift you",
        "keep your back still and lift by squeezing your buttocks, hinging at the hips",
    ),
}
NOT_CHECKED = (
    "whether the movement came from your hips or your lower back: a skeleton does not show the curve of the "
    "lower back; put three strips of tape across your spine (see the guide) and film again",
)
WINDOW_S = 0.2  # the lower back's bend: medians over the frames this close to the top and the bottom


def judge(rep: RepTiming, rule: RepRule) -> tuple[str, ...]:
    faults = []
    if rep.top_deg < -rule.over_max_deg:
        faults.append("arched")
    if rep.top_deg > rule.short_of_line_deg:
        faults.append("short")
    if min(rep.lift_s, rep.lower_s) < rule.min_phase_s:
        faults.append("rushed")
    return tuple(faults)


def measure_back_extension(traj: Trajectory, name: str, settings: BodyCheckSettings = SETTINGS) -> FormResult:
    require_on_the_bench(traj, name, settings, BACK_EXTENSION.name)
    rule = settings.rep
    timings = find_reps(traj.time_s, trunk_below_legs_deg(traj), rule)
    if not timings:
        raise NotAsGuidedError(
            f"{name}: no repetition seen: lying face down on the bench, lower your upper body at least "
            f"{rule.bottom_band_deg:.0f} degrees and lift it back in line with your legs, several times"
        )
    bend = lumbar_bend_deg(traj) if has_spine_tape(traj) else None
    reps = []
    for i, r in enumerate(timings, 1):
        faults, change, at_s = judge(r, rule), None, None
        if bend is not None:
            change, at_s = _rounder_at_the_bottom(traj.time_s, bend, r)
            if change is not None and change > settings.lumbar_band_deg:
                faults += ("lower back",)
        reps.append(
            RepVerdict(i, r.start_s, r.top_s, r.end_s, r.top_deg, r.lift_s, r.lower_s, faults, change, lumbar_at_s=at_s)
        )
    if bend is None:
        return FormResult(BACK_EXTENSION.name, tuple(reps), verdict(tuple(reps)), NOT_CHECKED)
    done = tuple(reps)
    return FormResult(BACK_EXTENSION.name, done, verdict(done), (), tape_too_small(traj, settings))


def _rounder_at_the_bottom(time_s: np.ndarray, bend: np.ndarray, r: RepTiming) -> tuple[float | None, float | None]:
    """How much rounder the lower back got on the way down to the bottom after a repetition than at its
    top, and when: the most rounded running median (over ``2 * WINDOW_S``) from the top to that bottom,
    against the median at the top. The most rounded, not the bend at the deepest frame: at a pause on the
    bottom the trunk is still, so the deepest frame can fall anywhere in it, where the back may already
    have straightened for the next repetition."""
    top = (np.abs(time_s - r.top_s) <= WINDOW_S) & np.isfinite(bend)
    down = np.flatnonzero((time_s >= r.top_s) & (time_s <= r.end_s + WINDOW_S))
    medians = [
        (float(np.median(bend[near])), float(time_s[i]))
        for i in down
        if (near := (np.abs(time_s - time_s[i]) <= WINDOW_S) & np.isfinite(bend)).any()
    ]
    if not top.any() or not medians:
        return None, None
    most, at_s = max(medians)
    return most - float(np.median(bend[top])), at_s


def numbers(ns: list[int], word: str = "rep") -> str:
    """1, 2, 3, 5 -> "reps 1-3 and 5" (``word``: "rep", or "hold" for a stretch's holds)."""
    groups: list[list[int]] = []
    for n in ns:
        if groups and n == groups[-1][-1] + 1:
            groups[-1].append(n)
        else:
            groups.append([n])
    parts = [f"{g[0]}-{g[-1]}" if len(g) > 1 else str(g[0]) for g in groups]
    word = word if len(ns) == 1 else word + "s"
    return f"{word} {', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else f"{word} {parts[0]}"


def verdict(
    reps: tuple[RepVerdict, ...], faults: dict[str, tuple[str, str]] = FAULTS, word: str = "rep"
) -> tuple[str, ...]:
    """A line per fault (``faults``: the exercise's, what went wrong and the fix) naming its
    repetitions (or holds: ``word``), and the repetitions done right."""
    lines = []
    for key, (what, fix) in faults.items():
        ns = [r.number for r in reps if key in r.faults]
        if ns:
            lines.append(f"{numbers(ns, word).capitalize()}: {what}; {fix}.")
    right = [r.number for r in reps if r.right]
    if right:
        lines.append(f"{numbers(right, word).capitalize()}: done right.")
    return tuple(lines)
