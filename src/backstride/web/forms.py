"""The questionnaire as a web form: the CLI's questions (same schema, same words), grouped, with
the choices' labels and which questions only matter with leg pain."""

from __future__ import annotations

from typing import Any

from backstride.triage.form import LEG_ONLY, questions
from backstride.triage.wording import LABELS

GROUPS = {
    "person": "About you",
    "running": "Your running",
    "pain": "Your pain",
    "red_flags": "Warning signs",
    "inflammatory": "Morning stiffness and night pain",
    "self_tests": "Tests you can do yourself",
    "other_causes": "Other causes",
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
                "text": q.text,
                "choices": [{"id": c, "label": LABELS.get(c, c.replace("_", " "))} for c in q.choices],
                "many": q.many,
                "required": q.required,
                "number": not q.choices,
                "leg_only": q.field in LEG_ONLY,
            }
        )
    return out


def grouped() -> list[tuple[str, list[dict[str, Any]]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for q in question_list():
        groups.setdefault(q["group_title"], []).append(q)
    return list(groups.items())
