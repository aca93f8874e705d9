"""The screen's types: how soon to seek care (Action), one flag with its guideline, the screen."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Action(enum.IntEnum):
    """How soon to seek care; larger is more urgent."""

    NONE = 0  # no pain
    ROUTINE = 1  # self-management; a physiotherapist if it does not settle
    SEE_DOCTOR_WITHIN_DAYS = 2  # suspected fracture, cancer, infection or inflammatory disease
    SEE_DOCTOR_TODAY = 3  # a progressive nerve deficit, or infection with a risk factor: same day, not A&E
    EMERGENCY_NOW = 4  # suspected cauda equina syndrome

    @property
    def label(self) -> str:
        """The level in a person's words (the CLI's badge, the report's heading)."""
        return {
            Action.EMERGENCY_NOW: "Emergency: now",
            Action.SEE_DOCTOR_TODAY: "See a doctor today",
            Action.SEE_DOCTOR_WITHIN_DAYS: "See a doctor within days",
            Action.ROUTINE: "No urgent warning sign",
            Action.NONE: "No pain",
        }[self]

    @property
    def advice(self) -> str:
        return {
            Action.EMERGENCY_NOW: "Go to an emergency department today. These symptoms can mean pressure on the "
            "nerves at the base of the spine (cauda equina syndrome), which needs an "
            "emergency MRI within hours. Do not run.",
            Action.SEE_DOCTOR_TODAY: "See a doctor today (your GP's same-day appointment or an urgent care "
            "centre), and say which of these answers applies. Do not run until you have been seen.",
            Action.SEE_DOCTOR_WITHIN_DAYS: "See a doctor within the next few days, and say which of these answers "
            "applies. Do not run until then.",
            Action.ROUTINE: "No red flag in your answers. Keep moving; see a physiotherapist if the pain is not "
            "settling within a few weeks or is getting worse.",
            Action.NONE: "No pain and no red flag in your answers.",
        }[self]


@dataclass(frozen=True)
class Flag:
    answer: str  # the questionnaire field(s) that raised it
    concern: str  # what it may point to
    action: Action
    source: str
    next_step: str = ""  # what to do, where the level's general advice is not enough
    outside_spine: bool = False  # a cause outside the spine: no table of spinal sources beside it


@dataclass(frozen=True)
class Screen:
    action: Action
    flags: tuple[Flag, ...]
    unanswered: tuple[str, ...] = ()  # red-flag questions answered "unknown": not excluded
    # questions not answered (or not asked) whose "yes" would raise the level, each said as such
    could_raise: tuple[str, ...] = ()
    guideline: str = (
        "NICE NG59 (2016, updated 2020): exclude cancer, infection, trauma and inflammatory disease; "
        "IFOMPT framework (Finucane 2020, JOSPT 50:350)"
    )

    @property
    def outside_spine(self) -> tuple[Flag, ...]:
        """Flags that point outside the spine and need a doctor: the spinal-source estimate is held back."""
        return tuple(f for f in self.flags if f.outside_spine and f.action >= Action.SEE_DOCTOR_WITHIN_DAYS)

    @property
    def advice(self) -> str:
        """What to do now: the most urgent flags' own next steps where they have them; at the routine level
        with notes (pregnancy, low energy), says they are not urgent."""
        own = list(dict.fromkeys(f.next_step for f in self.flags if f.action == self.action and f.next_step))
        if own and self.action >= Action.SEE_DOCTOR_WITHIN_DAYS:
            return " ".join(own)
        if self.action == Action.ROUTINE and self.flags:
            return (
                "No urgent warning sign in your answers, but the notes below need a professional's eye. Keep "
                "moving; see a physiotherapist if the pain is not settling within a few weeks or is getting worse."
            )
        if self.action == Action.ROUTINE and self.could_raise:
            return (
                "No red flag in the answers you gave, but the questions below are still open: answer them, as a "
                "yes would change this. Keep moving; see a physiotherapist if the pain is not settling within a "
                "few weeks or is getting worse."
            )
        return self.action.advice
