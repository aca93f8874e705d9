"""Form check of the plan's exercises: each repetition judged against the exercise's criteria,
and a verdict a runner understands (pure: a trajectory in, a result out).

Back extension on a bench, from the side: the trunk's angle to the legs' line (the legs lie on
the bench, so the phone's roll cancels). Criteria, each with what the runner is told:
* ``arched``: at the top the trunk goes past the line of the legs by more than ``over_max_deg``
  (overextension: the top is a straight body, not an arch);
* ``short``: the top stays more than ``short_of_line_deg`` below the line (a partial repetition);
* ``rushed``: the lift or the lowering (10-90 % of the range) takes less than ``min_phase_s``.
Whether the movement comes from the hips or from the lower back is not visible in a skeleton (the
lumbar curve needs markers on the spine): the result says it was not checked.
"""

from __future__ import annotations

from backstride.bodycheck.catalogue import BACK_EXTENSION
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
}
NOT_CHECKED = (
    "whether the movement came from your hips or your lower back: a skeleton does not show the curve of the "
    "lower back (tape on the spine would); hinge at the hips with the back held still",
)


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
    reps = tuple(
        RepVerdict(i, r.start_s, r.top_s, r.end_s, r.top_deg, r.lift_s, r.lower_s, judge(r, rule))
        for i, r in enumerate(timings, 1)
    )
    return FormResult(BACK_EXTENSION.name, reps, verdict(reps), NOT_CHECKED)


def numbers(ns: list[int]) -> str:
    """1, 2, 3, 5 -> "reps 1-3 and 5"."""
    groups: list[list[int]] = []
    for n in ns:
        if groups and n == groups[-1][-1] + 1:
            groups[-1].append(n)
        else:
            groups.append([n])
    parts = [f"{g[0]}-{g[-1]}" if len(g) > 1 else str(g[0]) for g in groups]
    word = "rep" if len(ns) == 1 else "reps"
    return f"{word} {', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else f"{word} {parts[0]}"


def verdict(reps: tuple[RepVerdict, ...], faults: dict[str, tuple[str, str]] = FAULTS) -> tuple[str, ...]:
    """A line per fault (``faults``: the exercise's, what went wrong and the fix) naming its
    repetitions, and the repetitions done right."""
    lines = []
    for key, (what, fix) in faults.items():
        ns = [r.number for r in reps if key in r.faults]
        if ns:
            lines.append(f"{numbers(ns).capitalize()}: {what}; {fix}.")
    right = [r.number for r in reps if r.right]
    if right:
        lines.append(f"{numbers(right).capitalize()}: done right.")
    return tuple(lines)
