"""The screen as a report gives it: the flags raised (redflags.flag_screen), then the questions left
open whose "yes" would raise the level (unknowns, which asks flag_screen what each would change)."""

from __future__ import annotations

from backstride.triage.flags import Screen
from backstride.triage.questionnaire import Answers
from backstride.triage.redflags import flag_screen
from backstride.triage.unknowns import level_unknowns


def screen(answers: Answers) -> Screen:
    """The action level, every flag that raised it, and the unanswered questions that could raise it."""
    s = flag_screen(answers)
    return Screen(s.action, s.flags, s.unanswered, could_raise=tuple(level_unknowns(answers, s.action)))
