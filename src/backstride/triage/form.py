"""The interactive questionnaire: one question per field of the schema, answers checked as typed.

Driven by the pydantic schema itself, so the form and the file format cannot drift apart.
``ask`` is injected (the CLI passes a terminal prompt; tests pass scripted answers).
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from backstride.triage.questionnaire import Answers, QuestionnaireError, parse_answers

Ask = Callable[[str], str]


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


def ask_model(model: type[BaseModel], prefix: str, ask: Ask) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out[name] = ask_model(ann, f"{prefix}{name}.", ask)
            continue
        if typing.get_origin(ann) is dict:
            continue  # per-side details (shoe wear, hold times) are left to the file
        opts = choices(ann)
        is_list = typing.get_origin(ann) is list
        hint = f" [{', '.join(opts)}]" if opts else ""
        hint += " (comma-separated, blank for none)" if is_list else ""
        raw = ask(f"{prefix}{name}{hint}").strip()
        if is_list:
            out[name] = [x.strip() for x in raw.split(",") if x.strip()]
        elif raw == "" and not field.is_required():
            continue
        elif ann is bool:
            out[name] = raw.lower() in ("y", "yes", "true", "1")
        else:
            out[name] = raw
    return out


def run_form(ask: Ask, *, retries: int = 3) -> Answers:
    """Ask every question; on an invalid answer say which field and ask the form again."""
    for _ in range(retries):
        data = ask_model(Answers, "", ask)
        try:
            return parse_answers(data, source="your answers")
        except QuestionnaireError as exc:
            ask(f"Please correct: {exc}. Press Enter to start again")
    raise QuestionnaireError("the questionnaire was not completed")
