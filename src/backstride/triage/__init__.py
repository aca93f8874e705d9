"""Triage: the questionnaire, the red-flag screen and the pain-source estimate."""

from backstride.triage.flags import Action, Screen
from backstride.triage.questionnaire import Answers, QuestionnaireError, load_answers, parse_answers
from backstride.triage.screening import screen
from backstride.triage.sources import Estimate, estimate

__all__ = [
    "Action",
    "Answers",
    "Estimate",
    "QuestionnaireError",
    "Screen",
    "estimate",
    "load_answers",
    "parse_answers",
    "screen",
]
