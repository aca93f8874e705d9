"""The questionnaire as a web form: the CLI's questions (same schema, same words), grouped, with
the choices' labels and which questions only matter with leg pain."""

from __future__ import annotations

import json
from typing import Any

from backstride.triage.form import ASKED_IF, LEG_ONLY, PAIN_ONLY, questions
from backstride.triage.wording import LABELS

GROUPS = {
    "person": "About you",
    "running": "Your running",
    "pain": "Your pain",
    "red_flags": "Warning signs",
    "inflammatory": "Morning stiffness and night pain",
    "self_tests": "Tests you can do yourself",
    "other_causes": "Other causes",
    "health": "Your health",
}


def question_list() -> list[dict[str, Any]]:
    out = []
    for q in questions():
        group = q.field.split(".")[0]
        out.append(
            {
                "field": q.field,
                "group": group,
                "group_title": GROUPS.get(group, group.replace("_", " ").capitalize()),
                "text": web_words(q.text),
                "choices": [{"id": c, "label": LABELS.get(c, c.replace("_", " "))} for c in q.choices],
                "many": q.many,
                "required": q.required,
                "number": not q.choices and not q.day,
                "day": q.day,
                "leg_only": q.field in LEG_ONLY,
                # asked only where it matters (triage.form.asked): the page hides it otherwise
                "when": json.dumps(ASKED_IF.get(q.field, ())),
                "pain_only": q.field.startswith("pain.") or q.field in PAIN_ONLY,
            }
        )
    return out


def web_words(text: str) -> str:
    """A terminal question as a form asks it: "(km; Enter to skip)" -> "(km; optional)"."""
    return text.replace("; Enter to skip)", "; optional)").replace("(Enter to skip)", "(optional)")


def grouped() -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for q in question_list():
        groups.setdefault(q["group_title"], []).append(q)
    return list(groups.items())
