"""Typed results of the self-tests (bodycheck/), shared by the report, the store and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class HoldResult:
    """A timed hold: its figure is ``seconds``; ``ended`` False: the clip ended first, so the
    runner held at least that long."""

    test: str  # bodycheck.catalogue name
    seconds: float
    start_s: float  # in the clip's time
    end_s: float
    ended: bool
    best_off_position_deg: float  # nearest the position while held (0: exactly in it)
    picture_time_s: float  # the frame shown: the last moment of the hold
    camera_roll_deg: float | None  # the legs' line against the image's horizontal (None: the test has no level line)
    warnings: tuple[str, ...] = ()
    side: str | None = None  # a one-sided test's side (the side bridge: the side on the floor)


@dataclass(frozen=True)
class LegAngle:
    """One leg's angle in a self-test (e.g. a straight-leg raise at its highest)."""

    leg: str  # "left" or "right", as the pose model labelled it
    angle_deg: float
    knee_flexion_deg: float  # the same leg's knee at that moment (a straight-leg raise wants ~0)
    time_s: float  # the frame it was read at


@dataclass(frozen=True)
class AngleResult:
    """An angle test's legs, each at most once (the highest of its tries)."""

    test: str
    legs: tuple[LegAngle, ...]
    camera_roll_deg: float  # the resting leg's line against the image's horizontal
    warnings: tuple[str, ...] = ()

    def leg(self, name: str) -> LegAngle | None:
        return next((a for a in self.legs if a.leg == name), None)


@dataclass(frozen=True)
class RepVerdict:
    """One repetition of an exercise and how it was done."""

    number: int  # 1, 2, ...
    start_s: float
    top_s: float  # the frame shown: the top of the repetition
    end_s: float
    top_deg: float  # the exercise's angle at the top (back extension: the trunk below the legs' line, past it -)
    lift_s: float  # 10-90 % of the repetition's range, on the way up
    lower_s: float  # and on the way down
    faults: tuple[str, ...]  # the criteria it failed (bodycheck.form.FAULTS keys); none: done right
    #: the lower back's bend (tape on the spine) over the repetition: its change, flexion +; None: no tape
    lumbar_change_deg: float | None = None
    #: a single-leg deadlift's free leg below the back's line at the bottom (+ below); None: other exercises
    leg_below_back_deg: float | None = None
    #: a back extension's most rounded moment on the way down (where ``lumbar_change_deg`` was read)
    lumbar_at_s: float | None = None
    #: a single-leg deadlift filmed from behind: the tape over the PSIS at the bottom against standing
    #: upright (+ the runner's left side up); None: other exercises and views
    pelvis_tilt_deg: float | None = None
    #: a held stretch (the towel hamstring stretch: a "repetition" is a hold): how long it was held, the
    #: stretched leg's knee bend and the other thigh off the floor; None: other exercises
    held_s: float | None = None
    knee_bend_deg: float | None = None
    other_thigh_deg: float | None = None

    @property
    def right(self) -> bool:
        return not self.faults


@dataclass(frozen=True)
class FormResult:
    """An exercise's repetitions, each judged; ``verdict``: what a runner reads, a line per group of reps."""

    test: str
    reps: tuple[RepVerdict, ...]
    verdict: tuple[str, ...]
    not_checked: tuple[str, ...]  # criteria this clip cannot show, said so
    warnings: tuple[str, ...] = ()
    leg: str | None = None  # an exercise of one leg (the towel stretch: the stretched leg)


@dataclass(frozen=True)
class SquatRep:
    """One single-leg squat, read at its deepest point (frontal plane, from behind)."""

    leg: str  # the standing leg, as seen from behind
    number: int  # 1, 2, ... on that leg
    start_s: float
    bottom_s: float  # the frame shown
    end_s: float
    depth_pct: float  # how far the pelvis went down, in % of the leg's length
    knee_in_deg: float  # the knee's frontal-plane projection angle: + inside the hip-ankle line (valgus)
    pelvis_drop_deg: float  # the free side below the standing side, against standing on both feet
    faults: tuple[str, ...]  # bodycheck.squat.FAULTS keys; none: done right

    @property
    def right(self) -> bool:
        return not self.faults


@dataclass(frozen=True)
class SquatLeg:
    """A leg's squats summarised: the medians over its repetitions."""

    leg: str
    reps: int
    knee_in_deg: float
    pelvis_drop_deg: float
    depth_pct: float


@dataclass(frozen=True)
class SquatResult:
    """The single-leg squat, each repetition judged, and each leg's medians."""

    test: str
    reps: tuple[SquatRep, ...]
    legs: tuple[SquatLeg, ...]
    verdict: tuple[str, ...]
    pelvis_from: str  # "tape over the PSIS" or "the pose model's hip points"
    warnings: tuple[str, ...] = ()

    def leg(self, name: str) -> SquatLeg | None:
        return next((s for s in self.legs if s.leg == name), None)


@dataclass(frozen=True)
class KeptFigure:
    """A runner's latest figure of one self-test (and side), as summary.json and the report carry it."""

    test: str
    title: str
    day: date
    side: str | None  # the leg or the side, for a one-sided test
    value: float
    unit: str
    at_least: bool  # a hold the clip ended first: a lower bound
    change: str | None  # against the first of its kind, in words; None: tested once


@dataclass(frozen=True)
class KeptSelfTests:
    """The runner's filmed self-tests joined to an assessment: the latest figures and McGill's ratios."""

    figures: tuple[KeptFigure, ...]
    ratios: tuple[str, ...]
