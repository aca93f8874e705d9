"""What the report says, as plain data: built from the typed results and the triage, no I/O.

The order is the order a runner needs it: the red-flag screen, the two answers on one screen,
the key findings, the plan, the plots, every number with how it was measured, the shoes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from backstride.core.kinds import Role
from backstride.core.results import (
    DOCTOR_SOON,
    ActionName,
    ClipResult,
    PainSourceResult,
    PlanItemResult,
    ScreenResult,
    SelfTestResult,
    SummaryFile,
)
from backstride.core.trajectory import FEET
from backstride.findings.key import Finding, difference_text, key_findings, unmeasured_findings
from backstride.metrics.compute import REGISTRY
from backstride.metrics.registry import range_text
from backstride.metrics.spatiotemporal import TIMINGS
from backstride.metrics.video_limits import PELVIC_DROP

SOURCE_NAMES = {
    "non_specific": "non-specific low back pain (no single structure to blame)",
    "sacroiliac_joint": "the sacroiliac joint (where the spine meets the pelvis)",
    "facet_joint": "the facet joints (the small joints at the back of the spine)",
    "disc": "a disc",
    "nerve_root": "an irritated nerve root (sciatica)",
    "inflammatory_or_other": "an inflammatory or other cause",
}

#: What examination would settle each source (evidence.md D).
SETTLED_BY = {
    "non_specific": "No test finds one source for non-specific pain: a physiotherapist's examination rules the "
    "specific sources in or out.",
    "sacroiliac_joint": "The sacroiliac provocation cluster by a physiotherapist: 3 or more of 6 tests positive "
    "(sensitivity 0.94, specificity 0.78; Laslett 2005); all 6 negative rules it out.",
    "facet_joint": "Only medial branch blocks confirm facet pain, a specialist procedure rarely needed; a "
    "physiotherapist's examination makes it more or less likely.",
    "disc": "Repeated-movement testing by a physiotherapist: pain that centralises points to the disc (Laslett 2005).",
    "nerve_root": "A nerve examination by a physiotherapist or doctor: straight-leg raise, strength, reflexes and "
    "sensation (Devillé 2000).",
    "inflammatory_or_other": "A doctor's assessment: blood tests and, if needed, imaging.",
}

LIMITS_2D = (
    "One camera flattens the body onto the picture: movement towards or away from the camera (the pelvis "
    "turning, the knee moving inward seen from the side) is invisible or distorted.",
    "Angles from 2-D video are good to within 3-8 deg within a day and 9-14 deg between days (Damsted 2015): "
    "a difference below about 5 deg is within the noise.",
    "The pose model guesses limbs it cannot see: the far leg in a side view is seen less well, so a left/right "
    "difference on it should be confirmed by filming the other side.",
    "Each foot strike and toe-off is timed to about half a frame: the frame rate sets how precise contact and "
    "flight times are (see each clip below).",
    "No running-gait measure has been shown to cause back pain in a prospective study: each finding is a "
    "hypothesis you can test on yourself, not a diagnosis.",
)


@dataclass(frozen=True)
class MetricRow:
    title: str
    left: str
    right: str
    normal: str
    source: str
    concern: bool
    difference: str = ""  # a left/right difference beyond the measurement error, named


@dataclass(frozen=True)
class ClipFacts:
    role: str
    file: str
    verdict: Literal["ok", "warnings", "refused"]
    verdict_line: str
    measured_how: tuple[tuple[str, str], ...]
    rows: tuple[MetricRow, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Headline:
    where: str | None  # None: no pain reported or no answers
    how_sure: str | None
    settled_by: str | None
    first_step: str | None
    first_reason: str | None
    next_steps: tuple[str, ...]
    gait_line: str
    self_test: SelfTestResult | None = None  # the leading source's home test (triage.selftests)


@dataclass(frozen=True)
class ReportContent:
    screen: ScreenResult | None  # only when it has something to say
    held_back: bool  # emergency: the rest is held back
    headline: Headline
    findings: tuple[Finding, ...]
    plan: tuple[PlanItemResult, ...]
    clips: tuple[ClipFacts, ...]
    not_measured: tuple[str, ...]
    limits: tuple[str, ...] = LIMITS_2D
    refused: tuple[str, ...] = ()  # the clips that could not be measured, with the reason and advice
    shoe_notes: tuple[str, ...] = ()
    wear: tuple[tuple[str, str], ...] = ()
    titles: dict[str, str] = field(default_factory=dict)


def metric_titles() -> dict[str, str]:
    """Every id shown anywhere, to the name a person reads."""
    return {**{k: t.title for k, t in TIMINGS.items()}, **{k: s.title for k, s in REGISTRY.items()}}


#: Said when a rear clip's pelvic drop came from the pose model's hips (no tape over the PSIS found).
NO_MARKERS_LIMIT = (
    f"Without tape over the PSIS, video pose under-reads pelvic drop ({PELVIC_DROP.text()}): a value inside the "
    "range does not rule a drop out."
)


def limits(summary: SummaryFile) -> tuple[str, ...]:
    rear = summary.clips.get("rear")
    unmarked = rear is not None and rear.pelvis_markers is None
    return (*LIMITS_2D[:2], *((NO_MARKERS_LIMIT,) if unmarked else ()), *LIMITS_2D[2:])


def build_content(summary: SummaryFile, wear: dict[str, str] | None = None) -> ReportContent:
    triage = summary.triage
    return ReportContent(
        screen=triage.screen if triage and triage.screen.anything_to_say else None,
        held_back=bool(triage and triage.plan_held_back),
        headline=headline(summary),
        findings=tuple(key_findings(summary.clips)),
        plan=triage.plan if triage else (),
        clips=tuple(clip_facts(role, c) for role, c in summary.clips.items()),
        not_measured=tuple(not_measured(summary)),
        refused=tuple(refused_lines(summary)),
        shoe_notes=triage.shoe_wear_notes if triage else (),
        wear=tuple(sorted((wear or {}).items())),
        titles=metric_titles(),
        limits=limits(summary),
    )


def headline(summary: SummaryFile) -> Headline:
    triage = summary.triage
    src = triage.pain_source if triage else None
    where = how = settled = None
    self_test: SelfTestResult | None = None
    if triage and src:
        where, how, settled = _where(triage.screen, src)
        lead = src.ranked[0]
        self_test = next((t for t in src.self_tests if t.source == lead), src.self_tests[0] if src.self_tests else None)
    elif triage and triage.screen.outside_spine:
        where = triage.screen.outside_spine
    elif triage:
        where = "You reported no pain: this is a check of how you run, not of a painful back."
    plan = triage.plan if triage else ()
    first = _first_step(plan, triage.screen.action if triage else None)
    return Headline(
        where,
        how,
        settled,
        None if first is None else f"{first.title}: {first.what}",
        None if first is None else first.answers,
        tuple(i.title for i in plan if i is not first)[:3],
        gait_line(summary.clips),
        self_test,
    )


def _where(screen: ScreenResult, src: PainSourceResult) -> tuple[str, str, str]:
    """Where the pain likely comes from, how sure, and what examination would settle it."""
    probs, ranked = src.probabilities, src.ranked
    lead, second = ranked[0], ranked[1]
    lo, hi = src.ranges[lead]
    leaders = src.leaders or (lead,)
    where = (
        f"Most likely {SOURCE_NAMES[lead]}; next, {SOURCE_NAMES[second]}."
        if len(leaders) == 1
        else "Your answers cannot rank these: " + "; ".join(SOURCE_NAMES[k] for k in leaders) + "."
    )
    if src.shown_if:
        doctor = screen.action in DOCTOR_SOON
        where = (
            f"{'First see a doctor (above). ' if doctor else ''}"
            f"{src.shown_if[0].upper()}{src.shown_if[1:]}: {where[0].lower()}{where[1:]}"
        )
    how = (
        f"{100 * probs[lead]:.0f} % against {100 * probs[second]:.0f} % "
        f"({100 * lo:.0f}-{100 * hi:.0f} % if the starting shares were halved or doubled). "
        "An estimate from your answers, not a diagnosis."
        if len(leaders) == 1
        else " / ".join(f"{100 * probs[k]:.0f} %" for k in leaders)
        + ": a tie, since each would lead if its starting share were doubled. An estimate, not a diagnosis."
    )
    return where, how, " ".join(SETTLED_BY[k] for k in leaders)


#: What comes first when no doctor is needed: exercise for pain (NICE NG59: exercise first),
#: then the training-load rule; plan items are matched by the start of their titles.
FIRST_STEPS = ("Hip first", "Pregnancy", "Acute back pain", "Exercise therapy", "Return to running", "Training load")


def _first_step(plan: tuple[PlanItemResult, ...], action: ActionName | None) -> PlanItemResult | None:
    if not plan:
        return None
    if action in DOCTOR_SOON:
        return plan[0]
    for title in FIRST_STEPS:
        if found := next((i for i in plan if i.title.startswith(title)), None):
            return found
    return next((i for i in plan if i.title != "Whom to see"), plan[0])


def gait_line(clips: dict[Role, ClipResult]) -> str:
    side = clips.get("side")
    parts = []
    if side is not None:
        parts.append(f"{side.gait} at {side.cadence_spm.value:.0f} steps/min")
        ct = [t.median for f in FEET if (t := side.per_foot[f]["contact_time_ms"])]
        if ct:
            parts.append("ground contact " + " / ".join(f"{v:.0f}" for v in ct) + " ms (left / right)")
    outside = _labels_with(clips, "outside range")
    borderline = [k for k in _labels_with(clips, "borderline") if k not in outside]
    if outside:
        parts.append("outside the normal range by more than the measurement error: " + ", ".join(outside))
    if borderline:
        parts.append("borderline (within the measurement error of the limit): " + ", ".join(borderline))
    if not outside and not borderline:
        parts.append("nothing outside its normal range")
    return "; ".join(parts) + "."


def _labels_with(clips: dict[Role, ClipResult], status: str) -> list[str]:
    """The metrics with a foot of ``status``, each named once in the registry's words."""
    found = [
        REGISTRY[k].label.lower()
        for c in clips.values()
        for k, m in c.metrics.items()
        if any(m.foot(f).status == status for f in FEET)
    ]
    return list(dict.fromkeys(found))


def clip_facts(role: str, c: ClipResult) -> ClipFacts:
    rows = [_cadence_row(c)]
    for key, spec in TIMINGS.items():
        cells = [c.per_foot[f].get(key) for f in FEET] if key != "cadence_spm" else []
        if any(cells):
            text = [f"{t.median:.0f} +/- {t.frame_rate_uncertainty:.0f}" if t else "not measured" for t in cells]
            rows.append(MetricRow(spec.title, text[0], text[1], "no norm", spec.source, False))
    for key, m in c.metrics.items():
        if m.view != ("side" if c.view.startswith("side") else "rear"):
            continue
        left, right = (_cell(m.foot(f)) for f in FEET)
        reasons = dict.fromkeys(v.reason for f in FEET if (v := m.foot(f)).median is None and v.reason)
        source = "".join(f"Not measured: {r}. " for r in reasons) + m.source
        concern = any(m.foot(f).status in ("outside range", "borderline") for f in FEET)
        rows.append(MetricRow(REGISTRY[key].title, left, right, range_text(m.normal_range), source, concern,
                              difference_text(m)))  # fmt: skip
    return ClipFacts(
        role,
        c.file,
        c.quality.verdict if c.quality else "ok",
        verdict_line(c),
        measured_how(c),
        tuple(rows),
        tuple(c.warnings),
    )


def verdict_line(c: ClipResult) -> str:
    """The clip's quality verdict in one line a runner can read (the figures are in summary.json)."""
    q = c.quality
    if q is None:
        return "no quality checks were run"
    checks = q.capture + q.measurement
    used = "" if q.analysed_s is None else f"; analysed {q.analysed_s[0]:.1f}-{q.analysed_s[1]:.1f} s"
    if q.verdict == "ok":
        return f"good (all {len(checks)} checks passed{used})"
    warned = [f"{k.name.replace('_', ' ')} {'not measured' if k.value is None else 'beyond its limit'}"
              for k in checks if k.status == "warn"]  # fmt: skip
    return f"usable, with {len(warned)} warning(s): {', '.join(warned)}{used}"


def _cadence_row(c: ClipResult) -> MetricRow:
    spec = TIMINGS["cadence_spm"]
    value = f"{c.cadence_spm.value:.1f} +/- {c.cadence_spm.frame_rate_uncertainty:.1f}"
    return MetricRow(spec.title, value, "(both feet)", "no norm", spec.source, False)


def _cell(v) -> str:
    if v.median is None:
        return "not measured"
    from backstride.metrics.compute import foot_text

    mark = {"outside range": " (outside)", "borderline": " (borderline)"}.get(v.status, "")
    if v.caveat:
        mark = f" (borderline: {v.caveat})"
    return f"{foot_text(v)}{mark}"


def measured_how(c: ClipResult) -> tuple[tuple[str, str], ...]:
    roll = (
        "not measured: taken as level"
        if c.camera_tilt_deg is None
        else f"{c.camera_tilt_deg:+.1f} deg, measured and removed"
    )
    used = c.quality.analysed_s if c.quality else None
    return (
        ("pose model", c.pose_model),
        ("view", c.view),
        ("filmed", c.filmed or "not read"),
        ("video", f"{c.video.width} x {c.video.height} px, {c.video.fps:.1f} fps, {c.video.duration_s:.1f} s"),
        ("slow motion", c.slow_motion.described),
        ("camera roll", roll),
        ("analysed", "the whole clip" if used is None else f"{used[0]:.1f}-{used[1]:.1f} s of steady running"),
        ("steps", f"{c.full_cycles['left']} full cycles left, {c.full_cycles['right']} right"),
        ("timing precision", f"+/- {c.frame_interval_ms:.0f} ms per contact time (one frame)"),
        ("smoothing", f"{c.cleaning.filter}, {c.cleaning.lowpass_cutoff_hz:.1f} Hz"),
    )


def refused_lines(summary: SummaryFile) -> list[str]:
    """Each clip that could not be measured: what is missing because of it, why and how to film it again."""
    missing = {
        "rear": "pelvic drop, step width, knee alignment and sideways trunk lean are not in this report",
        "side": "cadence, contact times and landing are not in this report",
    }
    return [
        f"The {r.role} clip ({Path(r.file).name}) could not be measured, so {missing[r.role]}: {r.reason}"
        for r in summary.refused.values()
    ]


def not_measured(summary: SummaryFile) -> list[str]:
    out = []
    if "rear" not in summary.clips and "rear" not in summary.refused:
        out.append(
            "No rear clip was given, so pelvic drop, step width, knee alignment and sideways trunk lean were not "
            "measured: film 10 s from behind and pass it with --rear."
        )
    if summary.triage is None:
        out.append(
            "No questionnaire answers were given, so the report cannot say where pain may come from or screen for "
            "warning signs: run `backstride questionnaire` and pass the file with --answers."
        )
    if "rear" in summary.clips and "side" not in summary.clips and "side" not in summary.refused:
        out.append("No side clip was given: cadence, contact times and landing were not measured.")
    return out + unmeasured_findings(summary.clips)
