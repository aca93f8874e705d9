"""The symptom questionnaire: a typed schema, read from YAML or JSON.

Every answer is named and typed; a missing or contradictory answer is refused with a message
that names the field. Nothing is guessed: an unknown answer must be given as "unknown".
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from backstride.errors import BackstrideError

YesNo = Literal["yes", "no", "unknown"]
#: A filmed form check whose faults the plan uses (bodycheck/form.py, bodycheck/squat.py).
FilmedCheck = Literal[
    "back-extension", "single-leg-deadlift", "single-leg-squat-left", "single-leg-squat-right", "towel-stretch"
]
FormFault = Literal[
    "arched",
    "short",
    "rushed",
    "lower back",
    "leg low",
    "pelvis turned",
    "knee in",
    "pelvis drop",
    "knee bent",
    "other leg up",
]
#: How hard the blow was: minor (a slip, a stumble, a fall from standing) or major (a road accident,
#: a fall from a height, a hard fall onto the back). Fracture flags differ (Downie 2013).
Trauma = Literal["no", "minor", "major", "unknown"]


class QuestionnaireError(BackstrideError):
    """Answers missing, of the wrong type, or contradicting each other (``fields``: the questions'
    field paths, where the error is about particular ones: a form highlights them)."""

    def __init__(self, message: str, *, fields: tuple[str, ...] = ()):
        super().__init__(message)
        self.fields = fields


class Location(str, Enum):
    CENTRAL_LOW_BACK = "central_low_back"
    BESIDE_SPINE = "one_side_beside_spine"
    BELOW_PSIS = "below_and_inside_pelvis_bony_point"  # just below and inside the PSIS (Fortin area)
    BUTTOCK = "buttock"
    GROIN = "groin"
    THIGH = "thigh"
    BELOW_KNEE = "below_knee"
    FOOT = "foot"
    # Where pain that is not a back problem shows itself (NICE CKS "Back pain - low": the differential).
    MID_BACK = "mid_back"  # between the shoulder blades or around the ribs at the back
    FLANK = "flank"  # the side of the trunk below the ribs (the kidney)
    BELLY = "belly"  # the front of the trunk, above or below the navel


#: Where pain can be in the middle (pain.side "central").
MIDLINE = frozenset({Location.CENTRAL_LOW_BACK, Location.MID_BACK, Location.BELLY})
#: Where pain counts as leg symptoms (a nerve root's territory).
LEG = frozenset({Location.THIGH, Location.BELOW_KNEE, Location.FOOT})


class Duration(str, Enum):
    ACUTE = "acute_under_6_weeks"
    SUBACUTE = "subacute_6_to_12_weeks"
    CHRONIC = "chronic_over_12_weeks"


class Factor(str, Enum):
    SITTING = "sitting"
    RISING_FROM_SITTING = "rising_from_sitting"
    STANDING = "standing"
    WALKING = "walking"
    BENDING_FORWARD = "bending_forward"
    ARCHING_BACK = "arching_back"
    COUGH_SNEEZE = "coughing_or_sneezing"
    RUNNING = "running"
    RESTING = "resting"
    LYING_DOWN = "lying_down"
    EXERCISE = "exercise"


#: How the pain began. "sudden_and_severe": within seconds or minutes, at its worst from the start.
Onset = Literal["sudden_and_severe", "over_hours_or_days", "gradual", "unknown"]
#: What the pain feels like (several allowed).
Character = Literal["tearing_or_ripping", "comes_in_waves", "burning", "aching", "sharp_on_movement"]


class Wear(str, Enum):
    EVEN = "even"
    LATERAL_HEEL = "outer_heel"
    MEDIAL_HEEL = "inner_heel"
    MEDIAL_FOREFOOT = "inner_forefoot"
    LATERAL_FOREFOOT = "outer_forefoot"
    TOE = "toe"
    UNKNOWN = "unknown"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)

    @model_validator(mode="before")
    @classmethod
    def _yaml_booleans(cls, data: object) -> object:
        """YAML 1.1 reads unquoted yes/no/on/off as true/false: a yes/no answer given that way
        means what it says."""
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for name, field in cls.model_fields.items():
            if field.annotation == YesNo and isinstance(out.get(name), bool):
                out[name] = "yes" if out[name] else "no"
            elif field.annotation == Trauma and (out.get(name) in ("yes", True) or out.get(name) is False):
                # files written when this was a yes/no question: "yes" is read the cautious way
                out[name] = "no" if out[name] is False else "major"
        return out


class Person(_Strict):
    age: int = Field(ge=12, le=100)
    sex: Literal["female", "male", "other"]
    height_cm: float = Field(ge=100, le=230)
    weight_kg: float = Field(ge=30, le=250)


class Running(_Strict):
    years_running: float = Field(ge=0, le=80)
    weekly_km_now: float = Field(ge=0, le=400)
    weekly_km_4_weeks_ago: float = Field(ge=0, le=400)
    longest_run_last_30_days_km: float = Field(ge=0, le=250)
    longest_run_last_week_km: float = Field(ge=0, le=250)
    recent_changes: list[Literal["shoes", "surface", "foot_strike", "speed_work", "none"]]
    # Training load as it happened (optional): the longest run in the 30 days before the last week,
    # so a spike last week is compared with what came before it, not with itself; and the weekly
    # distances of up to the last 8 weeks, oldest first, this week last.
    longest_run_before_last_week_km: float | None = Field(default=None, ge=0, le=250)
    weekly_km_last_8_weeks: list[float] = Field(default=[], max_length=8)
    # The longest run in time (optional; read from the runner's log where it is kept): the day of the
    # longest run of the last 30 days, and the longest run in the 30 days before that day. A spike is
    # that run against the one before it, wherever in the 30 days it fell.
    longest_run_last_30_days_on: date | None = None
    longest_run_in_30_days_before_it_km: float | None = Field(default=None, ge=0, le=250)


class Pain(_Strict):
    has_pain: bool
    locations: list[Location] = []
    side: Literal["left", "right", "both", "central", "none"] = "none"  # the back or buttock pain
    leg_side: Literal["left", "right", "both", "none"] = "none"  # leg symptoms, asked apart
    duration: Duration | None = None
    when: list[Literal["during_running", "right_after", "next_day", "on_waking"]] = []
    morning_stiffness_minutes: int = Field(default=0, ge=0, le=600)
    worse_with: list[Factor] = []
    better_with: list[Factor] = []
    centralises_with_repeated_movement: YesNo = "unknown"
    night_pain: YesNo = "unknown"
    # Leg symptoms (asked only with pain in the leg): pins and needles or numbness in the leg, and
    # whether coughing, sneezing or straining makes the LEG pain worse (Verwoerd 2016: the leg, not the
    # back, is what carries information).
    leg_tingling_or_numbness: YesNo = "unknown"
    cough_sneeze_makes_leg_pain_worse: YesNo = "unknown"
    began_weeks_ago: float | None = Field(default=None, ge=0, le=520)  # 0: this week
    began_on: date | None = None  # the day the pain began, where the runner knows it
    onset: Onset = "unknown"
    character: list[Character] = []
    worst_0_10: int | None = Field(default=None, ge=0, le=10)  # the worst pain of the last week


class RedFlags(_Strict):
    bladder_or_bowel_change: YesNo
    numbness_genitals_or_buttocks: YesNo
    symptoms_or_weakness_both_legs: YesNo
    fever: YesNo
    history_of_cancer: YesNo
    unexplained_weight_loss: YesNo
    recent_trauma: Trauma
    osteoporosis_or_long_steroid_use: YesNo
    # Added later: "unknown" when a file does not answer them, which the screen asks to answer.
    leg_weakness_or_numbness_getting_worse: YesNo = "unknown"
    injected_drugs_or_immune_suppressed: YesNo = "unknown"


class Inflammatory(_Strict):
    onset_before_40: YesNo
    gradual_onset: YesNo
    better_with_exercise: YesNo
    not_better_with_rest: YesNo
    night_pain: YesNo
    # The Berlin criteria's two items beyond the ASAS ones (Rudwaleit 2006).
    wakes_in_second_half_of_night: YesNo = "unknown"
    alternating_buttock_pain: YesNo = "unknown"


class SelfTests(_Strict):
    active_straight_leg_raise_deg: float | None = Field(default=None, ge=0, le=120)
    hip_flexor_tight: YesNo = "unknown"
    # A helper raises your straight leg (the painful side, then the other): "yes" when it brings on
    # your usual leg pain below the knee (triage/wording.py says how).
    straight_leg_raise_brings_leg_pain: YesNo = "unknown"
    crossed_straight_leg_raise_brings_leg_pain: YesNo = "unknown"
    single_leg_bridge_s: dict[Literal["left", "right"], float] = {}
    side_plank_s: dict[Literal["left", "right"], float] = {}
    # The Biering-Sorensen hold (s): timed with a stopwatch, or filmed ('backstride check --test sorensen').
    back_extensor_hold_s: float | None = Field(default=None, ge=0, le=900)
    # The faults the last filmed form check found, by check ('backstride check', kept in the runner's
    # history): an empty list when every repetition was done right; absent when not filmed.
    filmed_faults: dict[FilmedCheck, list[FormFault]] = {}


class Examination(_Strict):
    """Findings of a physiotherapist's examination, entered from their notes (or by a partner where the
    test allows it). Each counts only as the tests the study scored: familiar pain reproduced."""

    # Laslett 2005 (Man Ther 10:207): distraction, thigh thrust (both sides), compression, sacral thrust,
    # Gaenslen's (both sides): how many of the 6 reproduced the familiar pain.
    sij_provocation_positive_of_6: int | None = Field(default=None, ge=0, le=6)
    # The best four of them (distraction, thigh thrust, compression, sacral thrust), where only those were done.
    sij_best_four_positive_of_4: int | None = Field(default=None, ge=0, le=4)
    sij_thigh_thrust: YesNo = "unknown"  # the thigh thrust alone, on the painful side


class OtherCauses(_Strict):
    """What a sports physician asks beyond the spine in a runner with back or buttock pain."""

    pregnant: YesNo = "unknown"
    periods_stopped_or_eating_too_little: YesNo = "unknown"  # low energy availability (RED-S)
    pain_hopping_on_one_leg: YesNo = "unknown"  # bone stress injury of the pelvis or hip
    pain_the_same_whatever_you_do: YesNo = "unknown"  # non-mechanical pain
    groin_pain_turning_the_hip: YesNo = "unknown"  # pain referred from the hip joint
    # The differential a clinician screens for when back pain may not be a back problem (NICE CKS
    # "Back pain - low (without radiculopathy)"); triage/mimics.py holds the rules.
    pain_putting_on_socks_or_getting_out_of_a_car: YesNo = "unknown"  # the hip joint
    could_be_pregnant: YesNo = "unknown"  # a late or missed period (ectopic pregnancy)
    urine_burns_frequent_or_bloody: YesNo = "unknown"  # urinary symptoms, apart from the cauda-equina item
    rash_where_it_hurts: YesNo = "unknown"  # shingles
    feel_faint_sick_or_sweaty: YesNo = "unknown"  # general symptoms: shock, sepsis
    hands_clumsy_legs_stiff_or_falls: YesNo = "unknown"  # the spinal cord in the neck (myelopathy)
    broken_bone_from_a_minor_fall: YesNo = "unknown"  # a fragility fracture (osteoporosis)
    legs_tire_walking_ease_sitting: YesNo = "unknown"  # neurogenic claudication (spinal stenosis)


class Health(_Strict):
    """Risk factors for an abdominal aortic aneurysm (NICE NG156 1.1.2-1.1.3), asked from 50 or with
    sudden, belly or flank pain."""

    smoke_or_smoked: YesNo = "unknown"
    high_blood_pressure: YesNo = "unknown"
    aneurysm_in_the_family: YesNo = "unknown"
    known_aortic_aneurysm: YesNo = "unknown"
    heart_or_circulation_disease: YesNo = "unknown"


class Answers(_Strict):
    person: Person
    running: Running
    pain: Pain
    red_flags: RedFlags
    other_causes: OtherCauses = OtherCauses()
    health: Health = Health()
    inflammatory: Inflammatory
    shoe_wear: dict[Literal["left", "right"], Wear] = {}
    self_tests: SelfTests = SelfTests()
    examination: Examination = Examination()

    @model_validator(mode="after")
    def _consistent(self) -> Answers:
        _check_running(self.running)
        _check_pain(self.pain)
        _check_possible(self)
        return self


#: Nobody runs for training before this age: years running beyond the age minus this are impossible.
EARLY_CHILDHOOD_YEARS = 5


def _check_possible(a: Answers, today: date | None = None) -> None:
    """Answers no runner can give: more years running than life since early childhood, a day in the future."""
    today = today or date.today()
    if a.running.years_running > a.person.age - EARLY_CHILDHOOD_YEARS:
        raise ValueError(
            f"running.years_running is {a.running.years_running:g} but person.age is {a.person.age}: nobody runs "
            f"before about age {EARLY_CHILDHOOD_YEARS}"
        )
    for name, day in (
        ("pain.began_on", a.pain.began_on),
        ("running.longest_run_last_30_days_on", a.running.longest_run_last_30_days_on),
    ):
        if day is not None and day > today:
            raise ValueError(f"{name} is {day.isoformat()}, a day in the future (today is {today.isoformat()})")


def _check_running(r: Running) -> None:
    if r.longest_run_last_week_km > r.longest_run_last_30_days_km:
        raise ValueError(
            "running.longest_run_last_week_km is longer than running.longest_run_last_30_days_km, "
            "but the last week is part of the last 30 days"
        )
    if r.longest_run_last_week_km > 0 and r.weekly_km_now == 0:
        raise ValueError("running.weekly_km_now is 0 but running.longest_run_last_week_km is not")
    if any(not 0 <= km <= 400 for km in r.weekly_km_last_8_weeks):
        raise ValueError("running.weekly_km_last_8_weeks: each week must be 0-400 km")
    if r.weekly_km_last_8_weeks and abs(r.weekly_km_last_8_weeks[-1] - r.weekly_km_now) > 0.5:
        raise ValueError(
            "running.weekly_km_last_8_weeks ends with this week "
            f"({r.weekly_km_last_8_weeks[-1]:g} km) but running.weekly_km_now is {r.weekly_km_now:g} km"
        )


def _check_pain(p: Pain) -> None:
    """Every pain answer against has_pain; leg answers against the locations; what pain needs."""
    if not p.has_pain:
        given = [f"pain.{n}" for n, f in Pain.model_fields.items() if n != "has_pain" and getattr(p, n) != f.default]
        if given:
            raise ValueError(f"pain.has_pain is false but {', '.join(given)} given")
        return
    leg = bool(LEG & set(p.locations))
    for name in ("leg_tingling_or_numbness", "cough_sneeze_makes_leg_pain_worse"):
        if getattr(p, name) == "yes" and not leg:
            raise ValueError(f"pain.{name} is yes but pain.locations has no thigh, below_knee or foot")
    if (p.leg_side != "none") != leg:
        raise ValueError(
            "pain.leg_side is given but pain.locations has no thigh, below_knee or foot"
            if not leg
            else "pain.locations includes the leg but pain.leg_side is not answered"
        )
    missing = [
        n
        for n, v in (
            ("pain.locations", p.locations),
            ("pain.duration", p.duration),
            ("pain.side", None if p.side == "none" else p.side),
        )
        if not v
    ]
    if missing:
        raise ValueError(f"pain.has_pain is true but {', '.join(missing)} not answered")
    if p.side == "central" and not MIDLINE & set(p.locations):
        raise ValueError("pain.side is central but pain.locations does not include central_low_back, mid_back or belly")


def load_answers(path: Path) -> Answers:
    """Read and validate an answers file (YAML or JSON); raise :class:`QuestionnaireError`."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise QuestionnaireError(f"{path}: no such answers file")
    try:
        data = yaml.safe_load(path.read_text())
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise QuestionnaireError(f"{path}: not readable as YAML or JSON ({str(exc).splitlines()[0]})") from None
    return parse_answers(data, source=str(path))


def parse_answers(data: object, *, source: str = "answers") -> Answers:
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise QuestionnaireError(f"{source}: {describe(exc)}") from None


def describe(exc: ValidationError) -> str:
    """One line per problem, each naming the field."""
    parts = []
    for err in exc.errors():
        field = ".".join(str(x) for x in err["loc"]) or "answers"
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{field}: missing" if err["type"] == "missing" else f"{field}: {msg}")
    return "; ".join(parts)
