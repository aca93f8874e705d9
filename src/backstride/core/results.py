"""The typed results: what summary.json holds, and what the report and the web app render.

Frozen pydantic models, so a result cannot change after it is made, every field has a type, and
the JSON Schema of summary.json is generated from these classes (``schema/summary.schema.json``,
versioned by :data:`SCHEMA_VERSION`; ``python -m backstride.core.results`` prints it). Built from an
analysis by :mod:`backstride.app.output`; written with :meth:`SummaryFile.to_json`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from backstride.core.bodycheck import KeptSelfTests
from backstride.core.experiments import ExperimentRecord
from backstride.core.kinds import IdentityFrom, PositionFrom, Role, SlowmoSource
from backstride.core.trajectory import FEET

#: Bump the number when a field is renamed or removed or its meaning changes (adding one is fine).
SCHEMA_VERSION: Literal["backstride.summary/3"] = "backstride.summary/3"  # 2: the triage typed; 3: experiments


class Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FootValue(Result):
    """A metric on one foot: the median over its steps, or why it was not measured."""

    # against the metric's normal range: "borderline" is outside by no more than the measurement error
    status: Literal["normal", "borderline", "outside range", "no norm", "not measured"]
    median: float | None = None
    iqr: float | None = None
    n: int = 0
    reason: str | None = None  # why not measured
    category: str | None = None  # the metric's reading band for the median, where it has one
    show_value: bool = True  # False: a person is shown the category only (2-D knee alignment)
    caveat: str | None = None  # a known bias of the pose model that kept this from "outside range"

    @property
    def measured(self) -> bool:
        return self.median is not None


class Asymmetry(Result):
    """``right - left`` and whether it is beyond the measurement error."""

    right_minus_left: float
    threshold: float
    flagged: bool
    basis: str
    not_flagged: str | None = None  # why a difference beyond the threshold is not flagged here
    confirm: str | None = None  # a flagged difference on the far leg: film the other side


class MetricSummary(Result):
    """One metric of a clip, per foot, with its definition, normal range and source."""

    unit: str
    view: str
    definition: str
    normal_range: tuple[float | None, float | None] | None
    source: str
    left: FootValue
    right: FootValue
    asymmetry: Asymmetry | None = None

    def foot(self, foot: str) -> FootValue:
        return self.left if foot == "left" else self.right

    def medians(self) -> dict[str, float]:
        """The medians of the feet that were measured."""
        return {f: v.median for f in FEET if (v := self.foot(f)).median is not None}


class Timing(Result):
    """A timing over the steps of one foot (ms), with the uncertainty the frame rate allows."""

    median: float
    iqr: float
    n: int
    frame_rate_uncertainty: float


class CheckResult(Result):
    name: str
    group: Literal["capture", "measurement"]
    value: float | str | None
    unit: str
    limit: str
    status: Literal["ok", "warn", "fail", "not measured"]
    why: str
    advice: str


class QualityResult(Result):
    verdict: Literal["ok", "warnings", "refused"]
    summary: str
    analysed_s: tuple[float, float] | None
    left_out: list[str]
    capture: list[CheckResult]
    measurement: list[CheckResult]


class SlowMotion(Result):
    factor: float
    source: SlowmoSource
    capture_fps: float | None
    described: str


class VideoInfo(Result):
    duration_s: float
    fps: float
    width: int
    height: int
    codec: str
    rotation_deg: int


class Cadence(Result):
    value: float
    frame_rate_uncertainty: float


class Cleaning(Result):
    lowpass_cutoff_hz: float
    filter: str
    leg_swaps_repaired_frames: int
    resampled_to_uniform_rate: bool  # a variable-frame-rate clip, put on an even time grid before filtering
    glitches_removed: int
    near_leg_relabelled: bool  # every left/right label was exchanged for the whole clip
    leg_length_px: float


class StepLength(Result):
    status: Literal["measured", "not measured"]
    reason: str | None = None
    unit: str | None = None
    definition: str | None = None
    left: float | None = None
    right: float | None = None


class PelvisMarkers(Result):
    """Tape over both PSIS found in a rear clip: pelvic drop is measured from the line between them."""

    found_share: float  # of the frames with a runner
    tape_hue_deg: float  # the colour found (HSV hue, 0-360)


class CrossoverResult(Result):
    """Step width from behind without the pose model's foot labels (metrics/crossover.py)."""

    width_pct_hip: dict[str, float]  # per foot, median: + on its own side of the midline, - across it
    crossing_steps_pct: float
    contacts: int
    identity_from: IdentityFrom  # what told the feet apart
    position_from: PositionFrom  # "image": the foot on the ground, from the pixels
    note: str = "in % of the hip width: centimetres need a scale the rear view does not have"


class ClipResult(Result):
    """Everything measured on one clip."""

    file: str
    quality: QualityResult | None
    slow_motion: SlowMotion
    video: VideoInfo
    pose_model: str
    view: str
    view_evidence: dict[str, float]
    gait: Literal["running", "walking"]
    vaulting_score: float | None
    full_cycles: dict[str, int]
    cadence_spm: Cadence
    frame_interval_ms: float
    left_right_alternation: float
    leg_visibility_at_contact: dict[str, float]
    per_foot: dict[str, dict[str, Timing | None]]
    timing_asymmetry: dict[str, Asymmetry | None]
    cleaning: Cleaning
    metres_per_px: float | None
    camera_tilt_deg: float | None
    metrics: dict[str, MetricSummary]
    foot_strike_pattern: dict[str, str | None]
    warnings: list[str]
    step_length: StepLength
    # Rear clips: the PSIS markers pelvic drop was measured from; None: the hip keypoints (which under-read)
    pelvis_markers: PelvisMarkers | None = None
    crossover: CrossoverResult | None = None  # rear clips where the feet could be told apart
    filmed: str | None = None  # how the clip was filmed, as read from it (treadmill or overground, the distance)


#: How soon to seek care (triage.flags.Action by name, lower case), least urgent first.
ActionName = Literal["none", "routine", "see_doctor_within_days", "see_doctor_today", "emergency_now"]
DOCTOR_SOON: tuple[ActionName, ...] = ("see_doctor_within_days", "see_doctor_today")


class FlagResult(Result):
    """One warning sign: the answer that raised it, what it may point to, how soon, the guideline."""

    answer: str  # the questionnaire field(s)
    concern: str
    action: ActionName
    source: str
    next_step: str = ""
    outside_spine: bool = False  # a cause outside the spine: no table of spinal sources beside it
    because: str  # the answer in plain words


class ScreenResult(Result):
    """The red-flag screen: the level, every flag that raised it, what is still open."""

    action: ActionName
    action_label: str
    advice: str
    guideline: str
    flags: tuple[FlagResult, ...]
    unanswered: tuple[str, ...]  # red-flag questions answered "unknown"
    could_raise: tuple[str, ...] = ()  # questions not answered whose "yes" would raise the level
    outside_spine: str | None = None  # why no table of spinal sources is shown

    @property
    def anything_to_say(self) -> bool:
        return bool(self.flags or self.unanswered or self.could_raise)


class EvidenceResult(Result):
    answer: str
    source: str  # the pain source it speaks for
    likelihood_ratio: float | None  # None: no published accuracy, moves nothing
    citation: str


class SelfTestResult(Result):
    source: str  # the pain source it speaks for
    name: str
    how: str
    positive: str
    limits: str
    answer: str  # the questionnaire field that records it


class PainSourceResult(Result):
    """Where the pain likely comes from: shares after the answers of published accuracy."""

    probabilities: dict[str, float]
    leaders: tuple[str, ...]  # the leading source and those the answers cannot rank below it (several: a tie)
    ranges: dict[str, tuple[float, float]]  # with each starting share halved or doubled
    prior: dict[str, float]
    prior_source: str
    evidence: tuple[EvidenceResult, ...]
    caveats: tuple[str, ...]
    shown_if: str | None = None  # after a within-days flag: the estimate holds once the doctor has ruled those out
    self_tests: tuple[SelfTestResult, ...] = ()

    @property
    def ranked(self) -> list[str]:
        return sorted(self.probabilities, key=lambda k: -self.probabilities[k])


class PlanItemResult(Result):
    title: str
    what: str
    dose: str  # how much, how often, for how long
    evidence: str  # grade and source
    answers: str  # which answer or finding it answers
    self_test: str  # what to measure, for how long, what counts as better


class TriageResult(Result):
    """The answers' triage joined to the gait analysis: the screen leads."""

    screen: ScreenResult
    pain_source: PainSourceResult | None  # None: no pain, an emergency, or a cause outside the spine
    gait_links: tuple[str, ...] = ()
    shoe_wear_notes: tuple[str, ...] = ()
    risk_factors: tuple[str, ...] = ()
    unknown_costs: tuple[str, ...] = ()
    plan: tuple[PlanItemResult, ...] = ()
    plan_held_back: bool = False  # an emergency holds the plan back


class ClipRefusal(Result):
    """A clip that could not be measured: which one, why, and how to film it again. The
    assessment keeps what the other clip measured (a partial result)."""

    role: Role
    file: str  # as it was given
    reason: str  # what the checks found and the advice, in the words the CLI prints


class SummaryFile(Result):
    """summary.json: the red-flag screen and triage first (when answers were given), then the clips."""

    triage: TriageResult | None = None  # the red-flag screen leads the file
    schema_version: Literal["backstride.summary/3"] = SCHEMA_VERSION
    backstride_version: str
    height_cm: float | None
    speed_kmh: float | None
    clips: dict[Role, ClipResult]
    #: the runner's self-experiments when the analysis was run for a runner with a log (the plan,
    #: the outcome per unit, and the state: what today is, or the verdict once it is over)
    experiments: list[ExperimentRecord] = Field(default_factory=list)
    #: the runner's filmed self-tests (backstride check), when the analysis was run for a runner who keeps them
    self_tests: KeptSelfTests | None = None
    #: the clips that could not be measured, with the reason and advice; none: the assessment is complete
    refused: dict[Role, ClipRefusal] = Field(default_factory=dict)

    @property
    def status(self) -> Literal["complete", "partial"]:
        """ "partial" when a clip was refused and another measured."""
        return "partial" if self.refused else "complete"

    def to_json(self) -> str:
        data = self.model_dump(mode="json")
        if data["triage"] is None:
            del data["triage"]
        if not data["experiments"]:
            del data["experiments"]
        if data["self_tests"] is None:
            del data["self_tests"]
        if not data["refused"]:
            del data["refused"]
        return json.dumps(data, indent=2)


def schema_of(model: type[Result], schema_id: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a result file, generated from its model, named ``schema_id``."""
    schema = model.model_json_schema()
    schema["$id"] = schema_id
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of summary.json, generated from :class:`SummaryFile`."""
    return schema_of(SummaryFile, SCHEMA_VERSION)


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2))
