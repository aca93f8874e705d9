"""The key findings a runner reads: one per measured quantity that matters, in plain words.

Each finding says what was measured (per foot, against its normal range and source) and what it
means for this runner. Texts follow evidence.md: no gait variable has been shown prospectively
to cause back pain, so a finding describes and suggests an experiment; it never diagnoses.
"""

from __future__ import annotations

from dataclasses import dataclass

from backstride.core.kinds import Role
from backstride.core.results import ClipResult, MetricSummary
from backstride.core.trajectory import FEET
from backstride.metrics.registry import REGISTRY, range_text
from backstride.metrics.side import strike_pattern  # registers the side metrics, the trunk lean's range among them
from backstride.metrics.video_limits import PELVIC_DROP

#: The findings shown with a picture, in report order: (clip role, metric ids drawn together).
KEY_FINDINGS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    ("side", ("foot_strike_angle_deg",)),
    ("side", ("shank_angle_deg", "overstride_pct_leg")),
    ("side", ("knee_flexion_contact_deg",)),
    ("side", ("trunk_lean_deg",)),
    ("rear", ("pelvic_drop_deg",)),
    ("rear", ("step_width_pct_pelvis",)),
)


@dataclass(frozen=True)
class Finding:
    role: Role
    metrics: tuple[str, ...]  # ids; the first one chooses the step pictured
    title: str
    values: tuple[str, ...]  # "Left 19.9 deg, right 18.2 deg (normal: no norm)" per metric
    meaning: str
    sources: tuple[str, ...]
    concern: bool  # outside the range or borderline on a foot: shown first


def key_findings(clips: dict[Role, ClipResult]) -> list[Finding]:
    """The key findings of the clips given, concerns first; unmeasured ones are left to the notes."""
    out = []
    for role, names in KEY_FINDINGS:
        clip = clips.get(role)
        if clip is None or not any(clip.metrics[n].left.measured or clip.metrics[n].right.measured for n in names):
            continue
        summaries = [clip.metrics[n] for n in names]
        out.append(
            Finding(
                role,
                names,
                TITLES[names[0]],
                tuple(value_line(s) for s in summaries),
                MEANINGS[names[0]](clip),
                tuple(dict.fromkeys(s.source for s in summaries)),
                any(s.foot(f).status in ("outside range", "borderline") for s in summaries for f in FEET),
            )
        )
    return sorted(out, key=lambda f: not f.concern)


TITLES = {
    "foot_strike_angle_deg": "How your foot lands",
    "shank_angle_deg": "Where your foot lands: shank angle and overstride",
    "knee_flexion_contact_deg": "Knee bend as your foot lands",
    "trunk_lean_deg": "Forward lean of your trunk",
    "pelvic_drop_deg": "Pelvic drop (seen from behind)",
    "step_width_pct_pelvis": "Step width: do your feet cross the midline?",
}


def unmeasured_findings(clips: dict[Role, ClipResult]) -> list[str]:
    """A sentence for each key finding of a clip given whose metrics were measured on no foot."""
    out = []
    for role, names in KEY_FINDINGS:
        clip = clips.get(role)
        if clip is None or any(clip.metrics[n].left.measured or clip.metrics[n].right.measured for n in names):
            continue
        first = clip.metrics[names[0]]
        reason = first.left.reason or first.right.reason or "not seen"
        out.append(f"{TITLES[names[0]]} ({role} clip): not measured, {reason}.")
    return out


def value_line(s: MetricSummary) -> str:
    """ "Left 19.9 deg, right 18.2 deg (outside range)"."""
    parts = []
    for foot in FEET:
        v = s.foot(foot)
        if v.median is None:
            parts.append(f"{foot} not measured")
        else:
            status = "" if v.status in ("normal", "no norm") else f" ({v.status})"
            if v.caveat:
                status = f" ({v.status}: {v.caveat})"
            parts.append(f"{foot} {v.median:.1f} {s.unit}{status}")
    if difference := difference_text(s):
        parts.append(difference)
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def difference_text(m: MetricSummary) -> str:
    """A left/right difference beyond the measurement error, in words ("" when there is none)."""
    a = m.asymmetry
    if a is None or not a.flagged:
        return ""
    return f"left/right difference beyond the measurement error (right - left {a.right_minus_left:+.1f} {m.unit})"


def _feet(clip: ClipResult, name: str) -> dict[str, float]:
    return clip.metrics[name].medians()


def _strike(clip: ClipResult) -> str:
    med = _feet(clip, "foot_strike_angle_deg")
    patterns = sorted({strike_pattern(v) for v in med.values()})
    how = " and ".join(patterns)
    return (
        f"You land {'on your heel' if patterns == ['rearfoot'] else 'with a ' + how + ' strike'} "
        f"({how} by the foot-strike angle; Mo et al. 2021 cut-offs). Each pattern is normal: 93.7 % of "
        "marathon runners land on the heel (Kasmer 2013), and no strike pattern has been shown to cause "
        "or prevent back pain. Changing it moves load from the knee to the calf and Achilles: not a first step."
    )


def _shank(clip: ClipResult) -> str:
    shank = _feet(clip, "shank_angle_deg")
    over = _feet(clip, "overstride_pct_leg")
    worst = min(shank.values()) if shank else None
    over_text = f"; your heel lands {max(over.values()):.0f} % of a leg length ahead of your hip" if over else ""
    if worst is not None and worst < 0:
        return (
            f"Your foot lands ahead of your knee (shank angle {worst:.1f} deg, ankle in front of the knee)"
            f"{over_text}. Landing far ahead of the body goes with more braking (Lieberman 2015). A 5-10 % "
            "higher cadence brings the foot back under you and lowers braking and knee load "
            "(Heiderscheit 2011); there is no trial of it for back pain, so test it on yourself."
        )
    return (
        f"Your shin is near vertical or your knee is ahead of your ankle as you land{over_text}: the landing "
        "position Lieberman 2015 advises. Nothing to change here."
    )


def _knee(clip: ClipResult) -> str:
    med = _feet(clip, "knee_flexion_contact_deg")
    lo = min(med.values())
    if lo < 10:
        return (
            f"Your knee is fairly straight as the foot lands ({lo:.1f} deg; about 21 deg is typical). A straight "
            "knee at landing often goes with overstriding; women with sacroiliac joint pain landed with less knee "
            "bend (Whitney 2022, cross-sectional). 2-D video reads knee angles to within 3-8 deg (Damsted 2015)."
        )
    return f"Your knee bends {lo:.1f}-{max(med.values()):.1f} deg as the foot lands, within the typical range."


def _trunk(clip: ClipResult) -> str:
    med = _feet(clip, "trunk_lean_deg")
    v = sum(med.values()) / len(med)
    return (
        f"Your trunk leans {v:.1f} deg forward ({trunk_words(v)}). More lean moves work from the knee to the "
        f"hip extensors (Teng & Powers 2015: low-lean runners {LOW_LEAN_DEG:g} deg, high-lean {HIGH_LEAN_DEG:g} "
        "deg); no lean has been linked to back pain."
    )


#: Teng & Powers 2015's two groups' mean trunk lean (deg): the words say which one a value is nearer.
LOW_LEAN_DEG, HIGH_LEAN_DEG = 3.6, 10.8


def trunk_words(lean_deg: float) -> str:
    """Words that match the number: outside the metric's normal range, else the nearer group."""
    lo, hi = REGISTRY["trunk_lean_deg"].normal_range or (None, None)
    normal = f"the {range_text((lo, hi))} deg normal range"
    if lo is not None and lean_deg < lo:
        return f"upright, below {normal}"
    if hi is not None and lean_deg > hi:
        return f"strongly forward, beyond {normal}"
    if lean_deg < (LOW_LEAN_DEG + HIGH_LEAN_DEG) / 2:
        return f"a little forward, near the low-lean runners' {LOW_LEAN_DEG:g} deg"
    return f"well forward, near the high-lean runners' {HIGH_LEAN_DEG:g} deg"


def _drop(clip: ClipResult) -> str:
    from backstride.metrics.rear import PELVIC_DROP_SDD_DEG, pelvic_drop_band

    med = _feet(clip, "pelvic_drop_deg")
    worst_foot = max(med, key=lambda f: med[f])
    other = "right" if worst_foot == "left" else "left"
    bands = " / ".join(f"{f} {pelvic_drop_band(v)}" for f, v in sorted(med.items()))
    head = f"When you stand on your {worst_foot} leg, your {other} hip drops {med[worst_foot]:.1f} deg ({bands})."
    how = (
        f"Measured from the tape over your PSIS (the line between the two markers), as the validated 2-D protocol "
        f"does (Dingenen 2018); a change of less than {PELVIC_DROP_SDD_DEG:g} deg between two films is within its "
        "smallest detectable difference."
        if clip.pelvis_markers is not None
        else f"No markers were found, so this comes from the pose model's hips, which under-read it "
        f"({PELVIC_DROP.text()}): a level reading does not rule a drop out. Put tape on the two dimples at the "
        "bottom of your back and film again (see How to film)."
    )
    return (
        f"{head} Bands: level below 5 deg (healthy runners averaged 3.7 +/- 1.9), moderate 5-6.4, pronounced from "
        "6.4 (injured runners averaged 6.4 +/- 2.1; Bramah 2018, knee and shin injuries, retrospective); women with "
        f"sacroiliac joint pain showed more of it (Whitney 2022). {how}"
    )


def _width(clip: ClipResult) -> str:
    c = clip.crossover
    if c is not None:
        w = c.width_pct_hip
        crossed = [f for f in ("left", "right") if w[f] < 0]
        where = (
            f"Your {' and '.join(crossed)} foot lands across your midline (crossover) on {c.crossing_steps_pct:.0f} % "
            "of steps"
            if crossed
            else f"Your feet land either side of your midline ({c.crossing_steps_pct:.0f} % of steps cross it)"
        )
        return (
            f"{where}: left {w['left']:+.1f} %, right {w['right']:+.1f} % of your hip width from the midline (- = "
            f"across). Read without the pose model's left and right: the foot on the ground from the picture, which "
            f"foot it is from the alternation of steps and the {c.identity_from}. 29.5 % of healthy runners cross over "
            "(Iskandar 2023); a slightly wider step is a cue you can test. Centimetres would need a scale the rear "
            "view does not have."
        )
    med = _feet(clip, "step_width_pct_pelvis")
    crossed = [f for f, v in med.items() if v < 0]
    if crossed:
        return (
            f"Your {' and '.join(crossed)} foot lands across your midline (crossover). 29.5 % of healthy runners "
            "cross over (Iskandar 2023); a slightly wider step is a cue you can test. From behind, the pose model "
            "can draw crossed feet uncrossed: check the picture."
        )
    return (
        "Your feet land either side of your midline, not across it (Souza 2016: from behind, the feet should "
        "not cross). The pose model can draw crossed feet uncrossed, so check the picture."
    )


MEANINGS = {
    "foot_strike_angle_deg": _strike,
    "shank_angle_deg": _shank,
    "knee_flexion_contact_deg": _knee,
    "trunk_lean_deg": _trunk,
    "pelvic_drop_deg": _drop,
    "step_width_pct_pelvis": _width,
}
