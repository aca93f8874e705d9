"""The plan's typed pieces: what the gait analysis gives the plan, and one plan item."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GaitFindings:
    """What the gait analysis found that the plan can use (None: not measured)."""

    cadence_spm: float | None = None
    overstride_pct_leg: float | None = None
    pelvic_drop_deg: float | None = None  # larger of the two feet
    pelvic_drop_flagged: bool = False
    pelvic_drop_from_markers: bool = False  # tape over the PSIS (else the hip keypoints, which under-read)


@dataclass(frozen=True)
class PlanItem:
    title: str
    what: str
    dose: str  # how much, how often, for how long
    evidence: str  # grade and source
    answers: str  # which answer or finding it answers
    self_test: str  # what to measure, for how long, what counts as better
