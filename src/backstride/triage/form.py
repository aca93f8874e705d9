"""The interactive questionnaire: every field of the schema asked in plain words, checked as typed.

Driven by the pydantic schema itself (the fields and their choices) and by
:mod:`backstride.triage.wording` (the words), so the form and the file format cannot drift apart.
``ask`` is injected (the CLI passes a terminal prompt; tests pass scripted answers); ``say``
shows a note as the answers come in (a training-load jump, a contradiction).
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from backstride.triage.questionnaire import LEG, Answers, QuestionnaireError, parse_answers
from backstride.triage.wording import LABELS, QUESTIONS

#: Asked once: the inflammatory night-pain item takes the answer to pain.night_pain.
ASKED_ELSEWHERE = {"inflammatory.night_pain": "pain.night_pain"}
#: Asked only when the pain reaches the leg (the thigh, below the knee or the foot).
LEG_ONLY = frozenset(
    {
        "pain.leg_side",
        "pain.leg_tingling_or_numbness",
        "pain.cough_sneeze_makes_leg_pain_worse",
        "self_tests.straight_leg_raise_brings_leg_pain",
        "self_tests.crossed_straight_leg_raise_brings_leg_pain",
    }
)

#: A condition for asking a question: (field, "in", choices) holds when the answer is (or, for several
#: answers, includes) one of the choices; (field, "min", number) when the number is at least that.
Condition = tuple[str, str, Any]
_NOT_THE_BACK = ("pain.locations", "in", ("flank", "belly"))
_OLDER = ("person.age", "min", 50)
#: Questions asked only where they matter: any one condition is enough. Leg questions are in LEG_ONLY;
#: questions of a runner without pain are never asked (PAIN_ONLY).
ASKED_IF: dict[str, tuple[Condition, ...]] = {
    "other_causes.pregnant": (("person.sex", "in", ("female", "other")),),
    "other_causes.could_be_pregnant": (("person.sex", "in", ("female", "other")),),
    "other_causes.periods_stopped_or_eating_too_little": (("person.sex", "in", ("female", "other")),),
    "other_causes.urine_burns_frequent_or_bloody": (
        ("pain.locations", "in", ("flank", "belly", "groin")),
        ("red_flags.fever", "in", ("yes",)),
    ),
    "other_causes.broken_bone_from_a_minor_fall": (("person.age", "min", 40),),
    "other_causes.legs_tire_walking_ease_sitting": (
        ("person.age", "min", 40),
        ("pain.locations", "in", ("thigh", "below_knee", "foot")),
    ),
    "other_causes.pain_putting_on_socks_or_getting_out_of_a_car": (
        ("pain.locations", "in", ("groin", "buttock", "thigh")),
    ),
    **{
        f"health.{name}": (
            _OLDER,
            _NOT_THE_BACK,
            ("pain.onset", "in", ("sudden_and_severe",)),
            ("pain.character", "in", ("tearing_or_ripping",)),
        )
        for name in (
            "smoke_or_smoked",
            "high_blood_pressure",
            "aneurysm_in_the_family",
            "known_aortic_aneurysm",
            "heart_or_circulation_disease",
        )
    },
}
#: Beyond the pain group, questions that only a runner in pain is asked.
PAIN_ONLY = frozenset(
    {
        f"other_causes.{n}"
        for n in ("rash_where_it_hurts", "feel_faint_sick_or_sweaty", "hands_clumsy_legs_stiff_or_falls")
    }
    | {f for f in ASKED_IF if f.startswith(("other_causes.", "health."))} - {"other_causes.pregnant"}
)


def holds(condition: Condition, data: dict[str, Any]) -> bool:
    field, op, want = condition
    value = _get(data, field)
    if op == "min":
        try:
            return float(value) >= want
        except (TypeError, ValueError):
            return False
    values = value if isinstance(value, list) else [value]
    return any(v in want for v in values)


def asked(field: str, data: dict[str, Any]) -> bool:
    """Whether the question is asked, given the answers so far."""
    pain = data.get("pain", {})
    if (field.startswith("pain.") or field in PAIN_ONLY) and pain.get("has_pain") is False:
        return False  # no pain: no pain question (each would contradict it)
    if field in LEG_ONLY and not LEG_IDS & set(pain.get("locations") or []):
        return False  # no leg pain: no leg question
    conditions = ASKED_IF.get(field)
    return conditions is None or any(holds(c, data) for c in conditions)


@dataclass(frozen=True)
class Question:
    field: str  # "pain.locations"
    text: str  # the plain words
    choices: tuple[str, ...]  # ids, in order; empty for a number
    many: bool  # several answers allowed (choices, or numbers), comma-separated
    required: bool
    boolean: bool = False  # a yes/no question whose field is a bool
    day: bool = False  # a calendar day (YYYY-MM-DD)

    def prompt(self) -> str:
        if not self.choices:
            return self.text
        options = "  ".join(f"{i}) {LABELS.get(c, c.replace('_', ' '))}" for i, c in enumerate(self.choices, 1))
        how = " (numbers, comma-separated; Enter for none)" if self.many else ""
        return f"{self.text}\n  {options}{how}"

    def parse(self, raw: str) -> Any:
        """Choice numbers or ids to ids, a list where several are allowed, True/False for a boolean;
        numbers and text as typed."""
        raw = raw.strip()
        tokens = [x.strip() for x in raw.split(",") if x.strip()]
        if not self.choices:
            return tokens if self.many else raw
        picked = [self._one(t) for t in tokens]
        value = picked if self.many else (picked[0] if picked else "")
        return value == "yes" if self.boolean and value in ("yes", "no") else value

    def _one(self, token: str) -> str:
        if token.isdigit() and 1 <= int(token) <= len(self.choices):
            return self.choices[int(token) - 1]
        return token


LEG_IDS = frozenset(loc.value for loc in LEG)
Ask = Callable[[Question], str]
Say = Callable[[str], None]


def choices(annotation: Any) -> list[str] | None:
    """The allowed answers of a field, or None for free numbers."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return [str(a) for a in args]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [m.value for m in annotation]
    if origin in (list, typing.Union) or str(origin) == "<class 'types.UnionType'>":
        inner = [choices(a) for a in args if a is not type(None)]
        return next((c for c in inner if c), None)
    return None


def questions(model: type[BaseModel] = Answers, prefix: str = "") -> list[Question]:
    """Every field the form asks, in schema order (per-side details are left to the file)."""
    out: list[Question] = []
    for name, field in model.model_fields.items():
        ann, path = field.annotation, f"{prefix}{name}"
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out += questions(ann, f"{path}.")
        elif typing.get_origin(ann) is not dict and path not in ASKED_ELSEWHERE:
            many = typing.get_origin(ann) is list
            opts = tuple(choices(ann) or (("yes", "no") if ann is bool else ()))
            day = date in typing.get_args(ann) or ann is date
            out.append(Question(path, QUESTIONS[path], opts, many, field.is_required(), boolean=ann is bool, day=day))
    return out


def _get(data: dict[str, Any], path: str) -> Any:
    group, name = path.split(".")
    return data.get(group, {}).get(name)


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    group, name = path.split(".")
    data.setdefault(group, {})[name] = value


def ask_all(ask: Ask, say: Say | None = None, known: dict[str, Any] | None = None) -> dict[str, Any]:
    """``known``: answers already on file (the training load from the runner's log, the filmed self-tests),
    not asked again."""
    data: dict[str, Any] = {}
    known = known or {}
    for q in questions():
        if q.field in known:
            _take_known(data, q.field, known[q.field], say)
            continue
        if not asked(q.field, data):
            continue
        value = q.parse(ask(q))
        if value == "" and not q.required:
            continue
        _put(data, q.field, value)
        if say and q.field == "running.weekly_km_4_weeks_ago":
            say_load_jump(data.get("running", {}), say)
    for path, value in known.items():  # on file but never asked (the filmed checks' faults)
        if _get(data, path) is None and path not in QUESTIONS:
            _put(data, path, value)
    for path, source in ASKED_ELSEWHERE.items():
        group, name = source.split(".")
        if name in data.get(group, {}):
            _put(data, path, data[group][name])
        else:  # its source was skipped (no pain): ask it here
            q = Question(path, QUESTIONS[path], ("yes", "no", "unknown"), False, True)
            _put(data, path, q.parse(ask(q)))
    return data


def _take_known(data: dict[str, Any], field: str, value: Any, say: Say | None) -> None:
    _put(data, field, value)
    if say:
        shown = ", ".join(f"{x:g}" for x in value) if isinstance(value, list) else value
        say(f"{QUESTIONS[field]} {shown} (from your log)")
        if field == "running.weekly_km_4_weeks_ago":
            say_load_jump(data.get("running", {}), say)


def say_load_jump(running: dict[str, Any], say: Say) -> None:
    """A 4-week rise over 30 % (Nielsen 2014) said as it is typed, so a typo can be fixed at once."""
    try:
        now, before = float(running["weekly_km_now"]), float(running["weekly_km_4_weeks_ago"])
    except (KeyError, ValueError):
        return
    if before > 0 and now > 1.3 * before:
        say(
            f"Note: {before:g} km a week 4 weeks ago and {now:g} km now is a rise of {100 * (now / before - 1):.0f} %: "
            "more than the 30 % that goes with injury (Nielsen 2014). If that is a typo, answer again."
        )


def run_form(ask: Ask, *, say: Say | None = None, retries: int = 3, known: dict[str, Any] | None = None) -> Answers:
    """Ask every question; on an invalid answer say which question and ask the form again."""
    for _ in range(retries):
        data = ask_all(ask, say, known)
        try:
            return parse_answers(data, source="your answers")
        except QuestionnaireError as exc:
            (say or (lambda _m: None))(f"Please correct: {in_plain_words(exc)}")
    raise QuestionnaireError("the questionnaire was not completed")


def in_plain_words(exc: QuestionnaireError) -> str:
    """The error with each field's path replaced by its question, as the runner read it."""
    message = str(exc)
    for path, text in QUESTIONS.items():
        message = message.replace(path, f'"{text}"')
    return message


def from_form(raw: dict[str, str]) -> Answers:
    """A form's answers as typed (field path -> the text or the comma-separated choices), read by
    the same rules as the terminal's form; raises :class:`QuestionnaireError` in plain words."""
    data = ask_all(lambda q: str(raw.get(q.field, "") or ""))
    unanswered = [q for q in questions() if q.required and _get(data, q.field) == ""]
    if unanswered:
        raise QuestionnaireError(
            "please answer: " + "; ".join(f'"{q.text}"' for q in unanswered), fields=tuple(q.field for q in unanswered)
        )
    try:
        return parse_answers(data, source="your answers")
    except QuestionnaireError as exc:
        raise QuestionnaireError(in_plain_words(exc)) from None
